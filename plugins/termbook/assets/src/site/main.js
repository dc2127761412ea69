  /* ------------------------------------------------------------------ wiring */

  function init() {
    hidePreview(); // the page under a shown preview may just have been replaced
    followLetterAnchor();
    each(".tb-like[data-term]", initLike);
    each(".tb-share", initShare);
    each(".tb-most-liked[data-endpoint]", initMostLiked);
    each("#tb-az-list[data-endpoint]", initIndexLikes);
    each("time.tb-updated[datetime]", initUpdated);
    each("input.tb-az-filter", initFilter);
    each(".md-search-result__list", initSearchRanking);
    each(".tb-practice", initPractice);
    each("a[data-tb-mentions]", initMentions);
  }

  listenPreviews();
  document.addEventListener("click", onClick);
  window.addEventListener("storage", onStorage);

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => init());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init, { once: true });
  } else {
    init();
  }
