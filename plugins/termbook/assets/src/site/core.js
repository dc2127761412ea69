  "use strict";

  // The script may be evaluated twice (e.g. listed twice, or re-run by a navigation library):
  // everything below must exist once per window.
  const LOADED = Symbol.for("termbook.site");
  if (window[LOADED]) return;
  window[LOADED] = true;

  const BOUND_ATTR = "data-tb-bound";
  const LIKE_PREFIX = "termbook:liked:";
  const STATUS_MS = 4000;
  const HOVER_DELAY_MS = 150;
  const HIDE_GRACE_MS = 200;
  const TOOLTIP_ID = "tb-tooltip";
  const TERM_LINK = "a.tb-term[data-term]";
  const MAX_SUMMARY = 300;
  const DAY_MS = 86400000;
  const LARGE_INDEX = 300; // A–Z items from which off-screen letters skip rendering
  const MAX_ELSEWHERE = 50; // A–Z filter: matches under other letters listed at most

  /** Each page's preview block, parsed once (a new one comes with each instant navigation). */
  const inlinePreviews = new WeakMap();

  /** How the shared previews part finds and shows the site's term links (see previews.js). */
  const PREVIEW = {
    className: "tb-tooltip",
    nameClass: "",
    summaryClass: "",
    more: null,
    credentials: "same-origin",
    /** The preview the page carries (termbook.pages.previews: a JSON block per page of the
     * terms it links), so opening one fetches nothing: it works from the file system too. */
    inline(link) {
      for (const block of document.querySelectorAll("script.tb-previews")) {
        let data = inlinePreviews.get(block);
        if (!data) {
          try {
            data = JSON.parse(block.textContent) || {};
          } catch {
            data = {};
          }
          inlinePreviews.set(block, data);
        }
        const item = Object.prototype.hasOwnProperty.call(data, link.dataset.term)
          ? data[link.dataset.term]
          : null;
        if (Array.isArray(item)) return { term: item[0], summary: item[1] };
      }
      return null;
    },
    /** Else the term's API file, beside the page the link points to; same origin only. */
    url(link) {
      const slug = link.dataset.term;
      const url = new URL(`../../api/terms/${encodeURIComponent(slug)}.json`, link.href);
      return url.origin === window.location.origin ? url : null;
    },
    fallbackName(link) {
      return link.textContent.trim();
    },
  };

  /* ------------------------------------------------------------------ helpers */

  /** Marks `el` as initialised; false when it already was (instant navigation, repeated init). */
  function claim(el) {
    if (el.hasAttribute(BOUND_ATTR)) return false;
    el.setAttribute(BOUND_ATTR, "");
    return true;
  }

  /** The document language if Intl accepts it, else undefined (the browser's default). */
  function locale() {
    const lang = document.documentElement.lang;
    if (!lang) return undefined;
    try {
      return Intl.getCanonicalLocales(lang)[0];
    } catch {
      return undefined;
    }
  }

  function formatNumber(n) {
    try {
      return new Intl.NumberFormat(locale()).format(n);
    } catch {
      return String(n);
    }
  }

  /** localStorage that never throws (private mode, disabled cookies, sandboxed frames, quota). */
  const storage = {
    get(key) {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
      } catch {
        /* the like is then remembered for this page view only */
      }
    },
  };

  /** An http(s) URL resolved against the page, or null. */
  function httpURL(raw) {
    if (!raw) return null;
    try {
      const url = new URL(raw, document.baseURI);
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch {
      return null;
    }
  }

  /** Runs one component's initialiser so that a failure cannot stop the others. */
  function each(selector, initialise) {
    for (const el of document.querySelectorAll(selector)) {
      if (!claim(el)) continue;
      try {
        initialise(el);
      } catch (err) {
        console.error("termbook:", err);
      }
    }
  }

