  /* ------------------------------------------------------------------------- start */

  async function start() {
    loadStyles();
    let index;
    try {
      const response = await fetch(NAMES_URL.href, {
        credentials: "omit",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      index = await response.json();
    } catch (error) {
      console.warn(`termbook.js: could not load ${NAMES_URL.href} (${error.message})`);
      return;
    }
    const matcher = buildMatcher(index);
    if (!matcher) return;
    annotate(matcher);
    listenPreviews();
    root.setAttribute("data-tb-widget", "ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
