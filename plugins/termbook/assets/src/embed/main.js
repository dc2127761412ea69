  /* ---------------------------------------------------------------------- 3. filter */

  function initFilter() {
    const input = document.getElementById("tb-embed-filter");
    const list = document.getElementById("tb-embed-list");
    if (!input || !list) return;
    const items = Array.from(list.children);
    const status = document.getElementById("tb-embed-status");
    const empty = document.querySelector(".tb-embed-index__empty");
    const names = items.map((item) => (item.dataset.names || "").split("|"));
    function apply() {
      const query = searchKey(input.value);
      let shown = 0;
      items.forEach((item, index) => {
        const match = !query || names[index].some((name) => name.includes(query));
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (status) status.textContent = `${shown} ${shown === 1 ? "term" : "terms"}`;
      if (empty) empty.hidden = shown !== 0;
    }
    input.addEventListener("input", apply);
    if (input.value) apply();
  }

  /* ------------------------------------------------------------------------- start */

  function start() {
    initFilter();
    postHeight();
    if ("ResizeObserver" in window) {
      const observer = new ResizeObserver(postHeight);
      observer.observe(document.querySelector(".tb-embed") || document.body);
    }
    window.addEventListener("resize", postHeight);
    window.addEventListener("load", postHeight);
  }

  applyTheme();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
