  /* ------------------------------------------------------------------ 7. practice */

  // Flashcards and a quiz (.tb-practice), on the practice pages, in embed cards and in the SCORM
  // quiz. The questions are made at build time (termbook.study): this only shows them. Text goes
  // in with textContent, never as markup. Marks stay in localStorage; nothing is sent. A graded
  // quiz (data-mode="scorm": one round, no retry) announces its score as a "termbook:quiz-score"
  // event; the SCORM quiz's launch script reports it to the LMS (assets/src/scorm-quiz/).

  const PRACTICE_PREFIX = "termbook:practice:";
  const TYPING = "input, textarea, select, [contenteditable]";

  function initPractice(root) {
    const block = root.querySelector("script.tb-practice__data");
    if (block) {
      startPractice(root, JSON.parse(block.textContent), document.baseURI);
      return;
    }
    const src = root.dataset.src;
    if (!src) return;
    const url = new URL(src, document.baseURI).href;
    fetch(url, { credentials: "same-origin" })
      .then((response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => startPractice(root, data, url))
      .catch((err) => {
        const loading = root.querySelector(".tb-practice__loading");
        if (loading) loading.textContent = "The questions could not be loaded. Reload the page to try again.";
        console.warn("termbook: practice:", err);
      });
  }

  function startPractice(root, data, base) {
    const terms = data.terms || {};
    // "" when the entry has no address to link to (a SCORM quiz of a site without site_url).
    const link = (slug) => {
      const url = terms[slug] && terms[slug].url;
      if (!url) return "";
      try {
        return new URL(url, base).href;
      } catch {
        return "";
      }
    };
    const name = (slug) => (terms[slug] ? terms[slug].name : slug);
    const loading = root.querySelector(".tb-practice__loading");
    if (loading) loading.hidden = true;
    const cards = root.querySelector(".tb-flashcards");
    if (cards && (data.cards || []).length) initFlashcards(cards, data, name, link);
    const quiz = root.querySelector(".tb-quiz");
    if (quiz && (data.quiz || []).length) initQuiz(quiz, root, data, name, link);
  }

  function action(section, name) {
    return section.querySelector(`[data-action="${name}"]`);
  }

  /* ---------------------------------------------------------------- flashcards */

  function initFlashcards(section, data, name, link) {
    const key = PRACTICE_PREFIX + (data.key || ""); // "" for the whole glossary: no slug is empty
    const card = section.querySelector(".tb-flashcard");
    const back = section.querySelector(".tb-flashcard__back");
    const status = section.querySelector(".tb-flashcards__status");
    const bySlug = new Map(data.cards.map((c) => [c.slug, c]));
    let marks = readMarks();
    let deck = [];
    let index = 0;

    function readMarks() {
      try {
        const saved = JSON.parse(storage.get(key) || "{}");
        return saved && typeof saved === "object" ? saved : {};
      } catch {
        return {};
      }
    }

    /** The cards marked "again" most often first; the build's order otherwise (a stable sort). */
    function sortDeck() {
      deck = data.cards
        .map((c, i) => ({ slug: c.slug, i, weight: Number(marks[c.slug]) || 0 }))
        .sort((a, b) => b.weight - a.weight || a.i - b.i)
        .map((c) => c.slug);
      index = 0;
    }

    function show(announce) {
      const entry = bySlug.get(deck[index]);
      section.querySelector(".tb-flashcard__count").textContent =
        `Card ${formatNumber(index + 1)} of ${formatNumber(deck.length)}`;
      section.querySelector(".tb-flashcard__name").textContent = name(entry.slug);
      section.querySelector(".tb-flashcard__definition").textContent = entry.definition;
      const example = section.querySelector(".tb-flashcard__example");
      example.textContent = entry.example;
      example.hidden = !entry.example;
      const more = section.querySelector(".tb-flashcard__link");
      more.href = link(entry.slug) || "#";
      more.textContent = `Read the full entry: ${name(entry.slug)}`;
      more.parentElement.hidden = !link(entry.slug);
      back.hidden = true;
      card.classList.remove("tb-flashcard--turned");
      card.setAttribute("aria-label", `${name(entry.slug)}, card ${index + 1} of ${deck.length}`);
      action(section, "flip").textContent = "Turn over";
      action(section, "flip").setAttribute("aria-expanded", "false");
      if (announce) status.textContent = announce;
    }

    function flip() {
      back.hidden = !back.hidden;
      card.classList.toggle("tb-flashcard--turned", !back.hidden);
      const button = action(section, "flip");
      button.textContent = back.hidden ? "Turn over" : "Show the term only";
      button.setAttribute("aria-expanded", String(!back.hidden));
      const entry = bySlug.get(deck[index]);
      status.textContent = back.hidden ? name(entry.slug) : entry.definition;
    }

    function move(step) {
      if (index + step >= deck.length) {
        sortDeck();
        show("Back to the first card: the ones you marked “again” come first.");
        return;
      }
      index = Math.max(0, index + step);
      show(`${name(deck[index])}, card ${index + 1} of ${deck.length}`);
    }

    function mark(knew) {
      const slug = deck[index];
      const weight = Number(marks[slug]) || 0;
      if (knew) delete marks[slug];
      else marks[slug] = weight + 1;
      marks = { ...marks };
      storage.set(key, Object.keys(marks).length ? JSON.stringify(marks) : null);
      const said = knew ? `${name(slug)}: knew it.` : `${name(slug)}: again, it comes first next time.`;
      if (index + 1 < deck.length) {
        index += 1;
        show(`${said} ${name(deck[index])}, card ${index + 1} of ${deck.length}`);
      } else {
        sortDeck();
        show(`${said} End of the deck: back to the first card.`);
      }
    }

    const actions = {
      flip,
      previous: () => move(-1),
      next: () => move(1),
      knew: () => mark(true),
      again: () => mark(false),
    };
    section.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const button = target && target.closest("button[data-action]");
      if (button && actions[button.dataset.action]) actions[button.dataset.action]();
      else if (target && target.closest(".tb-flashcard") && !target.closest("a")) flip();
    });
    // Keys work while the reader is on the flashcards (or nowhere in particular), never while
    // typing, and leave buttons and links their own Space and Enter.
    // A page left by instant navigation drops its listener on the first key after.
    function onKey(event) {
      if (!section.isConnected) {
        document.removeEventListener("keydown", onKey, true);
        return;
      }
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : document.body;
      if (target.closest(TYPING)) return;
      const here = section.contains(target) || target === document.body;
      if (!here || section.hidden) return;
      const onControl = target.closest("button, a");
      let run = null;
      if (event.key === " " && !onControl) run = flip;
      else if (event.key === "ArrowLeft") run = actions.previous;
      else if (event.key === "ArrowRight") run = actions.next;
      else if (event.key === "k" || event.key === "K") run = actions.knew;
      else if (event.key === "a" || event.key === "A") run = actions.again;
      if (!run) return;
      event.preventDefault();
      event.stopPropagation();
      run();
    }
    document.addEventListener("keydown", onKey, true);

    sortDeck();
    show("");
    section.hidden = false;
  }

  /* ---------------------------------------------------------------------- quiz */

  function initQuiz(section, root, data, name, link) {
    const questions = data.quiz;
    const size = Math.max(1, Math.min(Number(data.round) || 10, questions.length));
    const graded = root.dataset.mode === "scorm";
    const feedback = section.querySelector(".tb-quiz__feedback");
    const prompt = section.querySelector(".tb-quiz__prompt");
    const choices = section.querySelector(".tb-quiz__choices");
    const next = action(section, "next-question");
    const result = section.querySelector(".tb-quiz__result");
    const asking = section.querySelector(".tb-quiz__question");
    let start = 0;
    let at = 0;
    let right = 0;
    let missed = [];
    let answered = false;

    // The definition (or, for a question about one sense, its `text`) with the term's own
    // name hidden where the build found it.
    const definitions = new Map((data.cards || []).map((c) => [c.slug, c.definition]));
    function promptOf(question) {
      const text = typeof question.text === "string" ? question.text : definitions.get(question.slug) || "";
      let shown = "";
      let from = 0;
      const spans = question.mask || []; // flat: start, end, start, end...
      for (let i = 0; i + 1 < spans.length; i += 2) {
        shown += text.slice(from, spans[i]) + (data.mask || "");
        from = spans[i + 1];
      }
      return shown + text.slice(from);
    }

    function round() {
      return questions.slice(start, start + size);
    }

    function ask(focus) {
      const question = round()[at];
      answered = false;
      section.querySelector(".tb-quiz__progress").textContent =
        `Question ${at + 1} of ${round().length}`;
      prompt.textContent = promptOf(question);
      choices.replaceChildren(
        ...question.choices.map((slug, i) => {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "md-button tb-quiz__choice";
          button.dataset.slug = slug;
          button.setAttribute("aria-keyshortcuts", String(i + 1));
          const number = document.createElement("span");
          number.className = "tb-quiz__key";
          number.setAttribute("aria-hidden", "true");
          number.textContent = `${i + 1}`;
          button.append(number, document.createTextNode(name(slug)));
          return button;
        }),
      );
      next.hidden = true;
      asking.hidden = false;
      result.hidden = true;
      feedback.textContent = "";
      if (focus) prompt.focus();
    }

    function answer(button) {
      if (answered) return;
      answered = true;
      const question = round()[at];
      const good = button.dataset.slug === question.slug;
      if (good) right += 1;
      else missed.push(question.slug);
      for (const choice of choices.querySelectorAll("button")) {
        choice.setAttribute("aria-disabled", "true");
        if (choice.dataset.slug === question.slug) choice.classList.add("tb-quiz__choice--right");
      }
      if (!good) button.classList.add("tb-quiz__choice--wrong");
      button.setAttribute("aria-pressed", "true");
      feedback.textContent = good
        ? `Right: ${name(question.slug)}.`
        : `Wrong: you chose ${name(button.dataset.slug)}; the answer is ${name(question.slug)}.`;
      feedback.classList.toggle("tb-quiz__feedback--right", good);
      feedback.classList.toggle("tb-quiz__feedback--wrong", !good);
      next.textContent = at + 1 < round().length ? "Next question" : "See your score";
      next.hidden = false;
      next.focus();
    }

    function finish() {
      const total = round().length;
      asking.hidden = true;
      result.hidden = false;
      const score = section.querySelector(".tb-quiz__score");
      score.textContent = `Your score: ${right} of ${total}`;
      const list = section.querySelector(".tb-quiz__missed");
      list.replaceChildren(
        ...missed.map((slug) => {
          const item = document.createElement("li");
          const a = document.createElement(link(slug) ? "a" : "span");
          if (link(slug)) a.href = link(slug);
          if (link(slug) && graded) {
            a.target = "_blank"; // the entry opens beside the graded quiz, never in its place
            a.rel = "noopener";
          }
          a.textContent = name(slug);
          item.append(a);
          return item;
        }),
      );
      section.querySelector(".tb-quiz__missed-title").hidden = missed.length === 0;
      feedback.textContent = missed.length
        ? `Your score: ${right} of ${total}. ${missed.length} to read again.`
        : `Your score: ${right} of ${total}. All right!`;
      const again = action(section, "new-round");
      if (graded) {
        again.hidden = true;
        const detail = { right, total };
        root.dispatchEvent(new CustomEvent("termbook:quiz-score", { bubbles: true, detail }));
      } else {
        again.textContent = questions.length > size ? "Next round" : "Try again";
      }
      score.focus();
    }

    section.addEventListener("click", (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const choice = target && target.closest(".tb-quiz__choice");
      if (choice) {
        answer(choice);
        return;
      }
      const button = target && target.closest("button[data-action]");
      if (!button) return;
      if (button.dataset.action === "next-question") {
        if (at + 1 < round().length) {
          at += 1;
          ask(true);
        } else finish();
      } else if (button.dataset.action === "new-round") {
        start = start + size >= questions.length ? 0 : start + size;
        at = 0;
        right = 0;
        missed = [];
        ask(true);
      }
    });
    // 1–4 pick a choice while the question is on screen (and the reader is not typing).
    section.addEventListener("keydown", (event) => {
      if (answered || event.altKey || event.ctrlKey || event.metaKey || !/^[1-9]$/.test(event.key)) {
        return;
      }
      const target = event.target instanceof Element ? event.target : null;
      if (target && target.closest(TYPING)) return;
      const choice = choices.querySelectorAll("button")[Number(event.key) - 1];
      if (!choice) return;
      event.preventDefault();
      answer(choice);
    });

    ask(false);
    section.hidden = false;
  }
