  /* ------------------------------------------------------------------ 5. A–Z filter */

  // Items carry their search keys (data-names, written by the build from termbook.names);
  // the query is folded by the shared names part (searchKey), from the same rules.

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
      if (count) {
        let text = "";
        if (query !== "") {
          if (total === 0) text = "No terms match";
          else text = `${formatNumber(total)} ${total === 1 ? "term matches" : "terms match"}`;
        }
        count.textContent = text;
      }
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
      const first = items.find((_, i) => shown[i] === 1);
      const link = first && first.querySelector("a[href]");
      if (link) {
        event.preventDefault();
        link.click();
      }
    });
    if (input.value) run(); // value restored by the browser (back button)
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

