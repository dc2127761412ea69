  /* ------------------------------------------------------------------ wiring */

  function init() {
    hidePreview(); // the page under a shown preview may just have been replaced
    each(".tb-like[data-term]", initLike);
    each(".tb-share", initShare);
    each(".tb-most-liked[data-endpoint]", initMostLiked);
    each("#tb-az-list[data-endpoint]", initIndexLikes);
    each("time.tb-updated[datetime]", initUpdated);
    each("input.tb-az-filter", initFilter);
    each(".md-search-result__list", initSearchRanking);
  }

  document.addEventListener("pointerover", onPointerOver);
  document.addEventListener("pointerout", onPointerOut);
  document.addEventListener("focusin", onFocusIn);
  document.addEventListener("focusout", onFocusOut);
  document.addEventListener("keydown", onKeyDown);
  document.addEventListener("click", onClick);
  window.addEventListener("storage", onStorage);
  window.addEventListener("scroll", placeSoon, { passive: true, capture: true });
  window.addEventListener("resize", placeSoon, { passive: true });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => init());
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init, { once: true });
  } else {
    init();
  }
