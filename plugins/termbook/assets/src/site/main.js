  /* ------------------------------------------------------------------ wiring */

  /** Each component of the page, by its hook: started only where the hook is on the page. */
  const COMPONENTS = [
    [".tb-like[data-term]", initLike],
    [".tb-share", initShare],
    [".tb-most-liked[data-endpoint]", initMostLiked],
    ["#tb-az-list[data-endpoint]", initIndexLikes],
    ["time.tb-updated[datetime]", initUpdated],
    ["input.tb-az-filter", initFilter],
    [".md-search-result__list", initSearchRanking],
    [".tb-practice", initPractice],
    ["a[data-tb-mentions]", initMentions],
  ];
  const SLICE_MS = 25; // start-up work in one task at most: a long task begins at 50 ms
  let starting = [];

  /**
   * Starts the waiting components in order and hands the main thread back to the browser
   * whenever one task has run for SLICE_MS, so that on a slow phone start-up comes in several
   * short tasks rather than one long one (a fast machine starts them all in one).
   */
  function startComponents() {
    const began = performance.now();
    while (starting.length) {
      const [selector, initialise] = starting.shift();
      each(selector, initialise);
      if (starting.length && performance.now() - began > SLICE_MS) {
        setTimeout(startComponents, 0);
        return;
      }
    }
  }

  function init() {
    hidePreview(); // the page under a shown preview may just have been replaced
    followLetterAnchor();
    const idle = starting.length === 0; // else a later slice picks up this page's list
    starting = COMPONENTS.filter(([selector]) => document.querySelector(selector));
    if (idle) startComponents();
  }

  /**
   * Once the page is parsed (on the site, theme-scope.js fetches this script only then; the
   * embed and SCORM pages load it deferred): Material's bundle, a parser-blocking script, has
   * run by then, and its document$ announces this page and each page instant navigation brings.
   * Without Material (embed and SCORM pages), the page is started once.
   */
  function wire() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(() => init());
    } else {
      init();
    }
  }

  listenPreviews();
  document.addEventListener("click", onClick);
  window.addEventListener("storage", onStorage);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire, { once: true });
  } else {
    wire();
  }
