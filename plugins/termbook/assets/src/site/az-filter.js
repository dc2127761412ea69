  /* ------------------------------------------------------------------ 5. A–Z filter */

  // Items carry their search keys (data-names, written by the build from termbook.names);
  // the query is folded by the shared names part (searchKey), from the same rules.

  /**
   * Every term's names, from the list the build publishes (`data-names-url`: api/az.json):
   * [{ slug, name, keys, url }], fetched once per page load and only when a reader types.
   * The one place that knows the list's address and shape, so it can move to another file.
   */
  const namesLists = new Map();
  function loadNames(address) {
    const url = httpURL(address) || new URL(address, document.baseURI);
    const key = url.href;
    if (!namesLists.has(key)) {
      const request = fetch(url, { credentials: "same-origin" })
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status} for ${key}`);
          return response.json();
        })
        .then((data) => {
          const base = new URL(data.terms, url);
          return data.names.map(([slug, name, keys]) => ({
            slug,
            name,
            key: String(keys || name).split("|").map(searchKey).join("\n"),
            url: new URL(encodeURIComponent(slug) + data.suffix, base).href,
          }));
        });
      request.catch(() => namesLists.delete(key)); // a later keystroke may try again
      namesLists.set(key, request);
    }
    return namesLists.get(key);
  }

  /**
   * Matches under other letters: a list after this page's own, of at most `MAX_ELSEWHERE`
   * links (the count says how many there are), so a reader finds any term from any letter
   * page or from the entry page, which lists none itself.
   */
  function elsewhereList(list, hasOwn) {
    const section = document.createElement("section");
    section.className = "tb-az-elsewhere";
    section.hidden = true;
    const heading = document.createElement("h2");
    heading.textContent = hasOwn ? "Under other letters" : "Matching terms";
    const ul = document.createElement("ul");
    const more = document.createElement("p");
    more.className = "tb-az-elsewhere__more";
    section.append(heading, ul, more);
    list.append(section);

    function show(matches) {
      section.hidden = matches.length === 0;
      const shown = matches.slice(0, MAX_ELSEWHERE);
      ul.replaceChildren(
        ...shown.map((entry) => {
          const li = document.createElement("li");
          li.className = "tb-az-found";
          const a = document.createElement("a");
          a.href = entry.url;
          a.textContent = entry.name;
          li.append(a);
          return li;
        }),
      );
      const rest = matches.length - shown.length;
      more.textContent = rest > 0 ? `and ${formatNumber(rest)} more: type more letters` : "";
      more.hidden = rest <= 0;
    }
    return { show, first: () => ul.querySelector("a[href]") };
  }

  function initFilter(input) {
    const list = document.getElementById(input.getAttribute("aria-controls") || "tb-az-list");
    if (!list) return;

    const items = Array.from(list.querySelectorAll(".tb-az-item"));
    const keys = items.map((item) => {
      const names = item.dataset.names;
      if (names !== undefined) return names.split("|").join("\n");
      return nameKeys((item.querySelector("a") || item).textContent).join("\n");
    });
    const shown = new Uint8Array(items.length).fill(1);

    const letters = document.querySelector(".tb-az-letters");
    const sections = Array.from(list.querySelectorAll(".tb-az-letter"), (el) => {
      let link = null;
      if (letters && el.id) {
        // By fragment: Material's instant navigation turns "#letter-a" into an absolute URL.
        for (const a of letters.querySelectorAll("a[href]")) {
          if (a.hash && safeDecode(a.hash.slice(1)) === el.id) link = a;
        }
      }
      return { el, link, shown: true };
    });
    const sectionIndex = new Map(sections.map((s, i) => [s.el, i]));
    const itemSection = items.map((item) => {
      const section = item.closest(".tb-az-letter");
      return section && sectionIndex.has(section) ? sectionIndex.get(section) : -1;
    });
    const count = document.querySelector(".tb-az-count");

    // A long index: let the browser skip layout and paint of the letters off screen, which makes
    // showing thousands of items again (clearing the filter) a few times cheaper. Each letter
    // keeps its measured height as placeholder, so letter jumps land where they should.
    if (items.length >= LARGE_INDEX && window.CSS && CSS.supports("content-visibility", "auto")) {
      const heights = sections.map((s) => s.el.offsetHeight); // one layout, all reads together
      sections.forEach((s, i) => {
        s.el.style.containIntrinsicSize = `auto ${heights[i]}px`;
        s.el.style.contentVisibility = "auto";
      });
    }

    let applied = "";
    let frame = 0;
    const namesURL = input.dataset.namesUrl;
    const own = new Set(items.map((item) => (item.querySelector("a[href]") || {}).href));
    const elsewhere = namesURL ? elsewhereList(list, items.length > 0) : null;
    let names = null; // the whole glossary's names, once loaded
    let ownTotal = 0;

    function matchElsewhere(query) {
      if (!elsewhere) return 0;
      const matches = query && names ? names.filter((e) => !own.has(e.url) && e.key.includes(query)) : [];
      elsewhere.show(matches);
      return matches.length;
    }

    function wantNames() {
      if (!elsewhere) return Promise.resolve();
      if (names) return Promise.resolve();
      return loadNames(namesURL).then(
        (loaded) => {
          names = loaded;
          if (applied !== "") showCount(applied, ownTotal + matchElsewhere(applied));
        },
        (err) => console.error("termbook: the A–Z names list did not load:", err),
      );
    }

    /** The first match: on this page, else under another letter. */
    function firstMatch() {
      const first = items.find((_, i) => shown[i] === 1);
      return first ? first.querySelector("a[href]") : elsewhere && elsewhere.first();
    }

    // One pass of reads (strings in memory) and one of writes; no layout is read.
    function apply(query) {
      const perSection = new Uint32Array(sections.length);
      let total = 0;
      for (let i = 0; i < items.length; i++) {
        const match = query === "" || keys[i].includes(query);
        if (match) {
          total++;
          if (itemSection[i] >= 0) perSection[itemSection[i]]++;
        }
        if (match !== (shown[i] === 1)) {
          shown[i] = match ? 1 : 0;
          items[i].hidden = !match;
        }
      }
      sections.forEach((s, j) => {
        const visible = perSection[j] > 0;
        if (visible === s.shown) return;
        s.shown = visible;
        s.el.hidden = !visible;
        if (s.link) {
          s.link.classList.toggle("tb-az-letters__link--empty", !visible);
          if (visible) s.link.removeAttribute("aria-disabled");
          else s.link.setAttribute("aria-disabled", "true");
        }
      });
      ownTotal = total;
      if (query !== "") wantNames();
      showCount(query, total + matchElsewhere(query));
    }

    function showCount(query, total) {
      if (!count) return;
      let text = "";
      if (query !== "") {
        if (total === 0) text = names || !elsewhere ? "No terms match" : "Searching all terms…";
        else text = `${formatNumber(total)} ${total === 1 ? "term matches" : "terms match"}`;
      }
      count.textContent = text;
    }

    function run() {
      frame = 0;
      const query = searchKey(input.value);
      if (query === applied) return;
      applied = query;
      apply(query);
    }

    input.addEventListener("input", () => {
      if (!frame) frame = requestAnimationFrame(run);
    });
    // Enter opens the first match.
    input.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      run();
      if (applied === "") return;
      const link = firstMatch();
      if (link) {
        event.preventDefault();
        link.click();
      } else if (elsewhere && !names) {
        // Enter before the names list arrived: open the first match once it has.
        event.preventDefault();
        const query = applied;
        wantNames().then(() => {
          const found = applied === query && firstMatch();
          if (found) found.click();
        });
      }
    });
    input.addEventListener("focus", wantNames, { once: true });
    if (input.value) run(); // value restored by the browser (back button)
  }

  /**
   * `terms/#letter-a` (the one-page index's anchors, in links and bookmarks) opens the letter's
   * own page: the entry page keeps those ids on the links to the letter pages (which also
   * works without script), and this follows them at once.
   */
  function followLetterAnchor() {
    const id = safeDecode(location.hash.slice(1));
    const target = id && document.getElementById(id);
    const link = target && target.matches(".tb-az-jump") && target.querySelector("a[href]");
    if (link) location.replace(link.href);
  }

  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  }

  /** Letter jumps to letters with no visible term do nothing. */
  function onClick(event) {
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (link && link.getAttribute("aria-disabled") === "true" && link.closest(".tb-az-letters")) {
      event.preventDefault();
    }
  }

