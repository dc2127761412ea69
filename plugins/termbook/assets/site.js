/*
 * Termbook — reader-side behaviour of the dictionary site.
 *
 *   1. Like button        .tb-like[data-term]            (localStorage, optional count endpoint)
 *   2. Share box          .tb-share                      (copy link, native share sheet)
 *   3. Last updated       time.tb-updated[datetime]      (relative phrase, exact date as title)
 *   4. Term previews      a.tb-term[data-term]           (WAI-ARIA tooltip, data from the JSON API)
 *   5. A–Z filter         input.tb-az-filter             (instant filter of the index page)
 *   6. Search ranking     .md-search-result__list        (an exact name or alias comes first)
 *
 * Plain ES2020, no dependencies, no build step. Works under a strict Content Security Policy
 * (`script-src 'self'`: no inline code, no eval, no HTML parsing of data — term content is
 * untrusted, so every text goes through textContent). Works with Material for MkDocs' instant
 * navigation: `init` runs on every page switch and binds each element once (data-tb-bound);
 * document-level listeners are registered once.
 */
(() => {
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

  /* ------------------------------------------------------------------ 1. like */

  /** button → {slug, liked, count, render}; lets the storage event update open pages. */
  const likes = new WeakMap();

  function initLike(button) {
    const slug = button.dataset.term;
    if (!slug) return;
    const key = LIKE_PREFIX + slug;
    const label = button.querySelector(".tb-like__label");
    const countEl = button.querySelector(".tb-like__count");
    const state = { slug, liked: storage.get(key) === "1", count: null };

    state.render = () => {
      button.setAttribute("aria-pressed", String(state.liked));
      button.classList.toggle("tb-like--liked", state.liked);
      if (label) label.textContent = state.liked ? "Liked" : "Like";
      if (countEl) {
        countEl.hidden = state.count === null;
        countEl.textContent = state.count === null ? "" : formatNumber(state.count);
      }
    };
    likes.set(button, state);
    state.render();

    const endpoint = httpURL(button.dataset.endpoint);
    if (endpoint) {
      const url = new URL(endpoint.href);
      url.searchParams.set("term", slug);
      fetch(url.href, { credentials: "omit", headers: { Accept: "application/json" } })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
          const n = data && data.count;
          if (Number.isSafeInteger(n) && n >= 0) {
            state.count = n;
            state.render();
          }
        })
        .catch(() => {
          /* no count then */
        });
    }

    button.addEventListener("click", () => {
      state.liked = !state.liked;
      storage.set(key, state.liked ? "1" : null);
      if (state.count !== null) state.count = Math.max(0, state.count + (state.liked ? 1 : -1));
      state.render();
      if (endpoint) {
        fetch(endpoint.href, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ term: slug, liked: state.liked }),
          credentials: "omit",
          keepalive: true,
        }).catch(() => {
          /* fire and forget */
        });
      }
    });
  }

  /** Another tab liked or unliked a term: reflect it here. */
  function onStorage(event) {
    if (event.key !== null && !event.key.startsWith(LIKE_PREFIX)) return;
    for (const button of document.querySelectorAll(".tb-like[data-term]")) {
      const state = likes.get(button);
      if (!state) continue;
      const liked = storage.get(LIKE_PREFIX + state.slug) === "1";
      if (liked !== state.liked) {
        state.liked = liked;
        state.render();
      }
    }
  }

  /* ------------------------------------------------------------------ 2. share */

  const statusTimers = new WeakMap();

  function statusOf(box) {
    let status = box.querySelector(".tb-share__status");
    if (!status) {
      status = document.createElement("span");
      status.className = "tb-share__status";
      status.setAttribute("role", "status");
      box.append(status);
    }
    return status;
  }

  /** Puts `message` in the box's polite live region for a few seconds. */
  function announce(box, message) {
    const status = statusOf(box);
    clearTimeout(statusTimers.get(status));
    status.textContent = "";
    // Set the text in a later task, so that the same message is announced again.
    statusTimers.set(
      status,
      setTimeout(() => {
        status.textContent = message;
        statusTimers.set(
          status,
          setTimeout(() => {
            status.textContent = "";
          }, STATUS_MS),
        );
      }, 30),
    );
  }

  /** Copies through a selected off-screen input: for browsers without the async clipboard. */
  function copyBySelection(text, container) {
    const active = document.activeElement;
    const input = document.createElement("input");
    input.type = "text";
    input.readOnly = true;
    input.tabIndex = -1;
    input.value = text;
    input.setAttribute("aria-hidden", "true");
    // Fixed in a corner, so that selecting it scrolls nothing (CSSOM styles are CSP-safe).
    Object.assign(input.style, {
      position: "fixed",
      top: "0",
      left: "0",
      width: "1px",
      height: "1px",
      padding: "0",
      border: "0",
      opacity: "0",
      pointerEvents: "none",
    });
    container.append(input);
    let copied = false;
    try {
      input.select();
      input.setSelectionRange(0, text.length);
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    input.remove();
    if (active instanceof HTMLElement) active.focus({ preventScroll: true });
    return copied;
  }

  function copyText(text, container) {
    const clipboard = window.isSecureContext ? navigator.clipboard : undefined;
    const viaApi =
      clipboard && typeof clipboard.writeText === "function"
        ? clipboard.writeText(text).then(
            () => true,
            () => false,
          )
        : Promise.resolve(false);
    return viaApi.then((copied) => copied || copyBySelection(text, container));
  }

  function initShare(box) {
    const url = box.dataset.url || window.location.href.split("#")[0];
    const title = box.dataset.title || document.title;
    statusOf(box); // the live region must exist before it changes

    const copy = box.querySelector(".tb-share__copy");
    if (copy) {
      copy.addEventListener("click", () => {
        copyText(url, box).then((copied) =>
          announce(box, copied ? "Link copied" : "Could not copy — copy the address bar instead"),
        );
      });
    }

    const native = box.querySelector(".tb-share__native");
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", () => {
        navigator.share({ title, url }).catch(() => {
          /* dismissed by the reader */
        });
      });
    }
  }

  /* ------------------------------------------------------------------ 3. last updated */

  /**
   * [value, unit] for Intl.RelativeTimeFormat: the largest unit with at least one whole unit
   * elapsed — years and months counted on the calendar (1 Jan → 1 Feb is a month, 31 Jan →
   * 28 Feb is not), then weeks and days; [0, "day"] ("today") under a day, and for dates in the
   * future (a clock off by a little).
   */
  function relativeParts(then, now) {
    const elapsed = now.getTime() - then.getTime();
    if (elapsed < DAY_MS) return [0, "day"];
    let months =
      (now.getUTCFullYear() - then.getUTCFullYear()) * 12 + now.getUTCMonth() - then.getUTCMonth();
    const anniversary = (m) =>
      Date.UTC(
        then.getUTCFullYear(),
        then.getUTCMonth() + m,
        then.getUTCDate(),
        then.getUTCHours(),
        then.getUTCMinutes(),
        then.getUTCSeconds(),
        then.getUTCMilliseconds(),
      );
    if (months > 0 && anniversary(months) > now.getTime()) months -= 1;
    if (months >= 12) return [-Math.floor(months / 12), "year"];
    if (months >= 1) return [-months, "month"];
    const days = Math.floor(elapsed / DAY_MS);
    if (days >= 7) return [-Math.floor(days / 7), "week"];
    return [-days, "day"];
  }

  function initUpdated(el) {
    const then = new Date(el.getAttribute("datetime") || "");
    if (Number.isNaN(then.getTime())) return;
    const lang = locale();
    const [value, unit] = relativeParts(then, new Date());
    try {
      const exact = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
      const relative = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
      el.title = exact.format(then);
      el.textContent = relative.format(value, unit);
    } catch {
      /* keep the date the page was built with */
    }
  }

  /* ------------------------------------------------------------------ 4. term previews */

  /** slug → Promise<{term, summary} | null>; fetched once per slug, failures included. */
  const previews = new Map();

  const tip = {
    el: null,
    name: null,
    summary: null,
    current: null, // link whose preview is shown
    pending: null, // link whose preview is about to be shown
    hovered: null, // link under the pointer
    overTip: false, // pointer on the tooltip itself
    suppressed: null, // link whose preview was dismissed with Escape
    showTimer: 0,
    hideTimer: 0,
    point: null, // last pointer position, to pick the line of a wrapped link
    frame: 0,
  };

  function tooltip() {
    if (tip.el && tip.el.isConnected) return tip.el;
    let el = document.getElementById(TOOLTIP_ID);
    if (!el) {
      el = document.createElement("div");
      el.id = TOOLTIP_ID;
      el.className = "tb-tooltip";
      el.setAttribute("role", "tooltip");
      el.hidden = true;
      el.append(document.createElement("strong"), document.createElement("span"));
      document.body.append(el);
    }
    tip.el = el;
    tip.name = el.querySelector("strong");
    tip.summary = el.querySelector("span");
    return el;
  }

  function previewURL(link) {
    const slug = link.dataset.term;
    const url = new URL(`../../api/terms/${encodeURIComponent(slug)}.json`, link.href);
    return url.origin === window.location.origin ? url : null;
  }

  async function fetchPreview(link) {
    const url = previewURL(link);
    if (!url) return null;
    const response = await fetch(url.href, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!response.ok) return null;
    const data = await response.json();
    if (!data || typeof data.term !== "string" || !data.term.trim()) return null;
    let summary = typeof data.summary === "string" ? data.summary.trim() : "";
    if (summary.length > MAX_SUMMARY) summary = `${summary.slice(0, MAX_SUMMARY - 1).trimEnd()}…`;
    return { term: data.term.trim(), summary };
  }

  function loadPreview(link) {
    const slug = link.dataset.term;
    let promise = previews.get(slug);
    if (!promise) {
      promise = fetchPreview(link).catch(() => null);
      previews.set(slug, promise);
    }
    return promise;
  }

  function addDescribedBy(link) {
    const ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!ids.includes(TOOLTIP_ID)) link.setAttribute("aria-describedby", [...ids, TOOLTIP_ID].join(" "));
  }

  function removeDescribedBy(link) {
    const ids = (link.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const rest = ids.filter((id) => id !== TOOLTIP_ID);
    if (rest.length) link.setAttribute("aria-describedby", rest.join(" "));
    else link.removeAttribute("aria-describedby");
  }

  function anchorRect(link) {
    const rects = Array.from(link.getClientRects());
    if (!rects.length) return link.getBoundingClientRect();
    const p = tip.point;
    if (p && tip.hovered === link) {
      const under = rects.find((r) => p.y >= r.top && p.y <= r.bottom);
      if (under) return under;
    }
    return rects[0];
  }

  /** Below the link, flipped above when there is no room, always inside the viewport. */
  function place() {
    const el = tip.el;
    const link = tip.current;
    if (!el || !link || el.hidden) return;
    if (!link.isConnected) {
      hidePreview();
      return;
    }
    const margin = 8;
    const gap = 6;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    el.style.left = "0px";
    el.style.top = "0px";
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const r = anchorRect(link);
    let top = r.bottom + gap;
    let above = false;
    if (top + height > vh - margin && r.top - gap - height >= margin) {
      top = r.top - gap - height;
      above = true;
    }
    top = Math.max(margin, Math.min(top, vh - height - margin));
    const left = Math.max(margin, Math.min(r.left, vw - width - margin));
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(top)}px`;
    el.classList.toggle("tb-tooltip--above", above);
  }

  function placeSoon() {
    if (!tip.current || tip.frame) return;
    tip.frame = requestAnimationFrame(() => {
      tip.frame = 0;
      place();
    });
  }

  function render(link, data) {
    const el = tooltip();
    tip.name.textContent = data ? data.term : link.textContent.trim();
    tip.summary.textContent = data ? data.summary : "";
    tip.summary.hidden = !tip.summary.textContent;
    if (tip.current && tip.current !== link) removeDescribedBy(tip.current);
    tip.current = link;
    addDescribedBy(link);
    el.hidden = false;
    place();
  }

  /** The reader showed interest in `link` (hover, focus): show its preview after `delay` ms. */
  function intend(link, delay) {
    clearTimeout(tip.hideTimer);
    if (link === tip.suppressed) return;
    if (link === tip.current && tip.el && !tip.el.hidden) return;
    clearTimeout(tip.showTimer);
    tip.pending = link;
    const data = loadPreview(link); // start fetching now, during the delay
    tip.showTimer = setTimeout(() => {
      data.then((preview) => {
        if (tip.pending === link && link.isConnected) {
          tip.pending = null;
          render(link, preview);
        }
      });
    }, delay);
  }

  function hidePreview() {
    clearTimeout(tip.showTimer);
    clearTimeout(tip.hideTimer);
    tip.pending = null;
    if (tip.current) removeDescribedBy(tip.current);
    tip.current = null;
    if (tip.el) tip.el.hidden = true;
  }

  /** Hides after a grace period, unless the pointer reaches the tooltip or the link again. */
  function hideSoon() {
    clearTimeout(tip.showTimer);
    tip.pending = null;
    clearTimeout(tip.hideTimer);
    tip.hideTimer = setTimeout(() => {
      const keep =
        tip.overTip ||
        (tip.current && (tip.current === tip.hovered || tip.current === document.activeElement));
      if (!keep) hidePreview();
    }, HIDE_GRACE_MS);
  }

  function termLink(node) {
    return node instanceof Element ? node.closest(TERM_LINK) : null;
  }

  function inTooltip(node) {
    return node instanceof Node && tip.el !== null && tip.el.contains(node);
  }

  function onPointerOver(event) {
    if (event.pointerType === "touch") return;
    tip.point = { x: event.clientX, y: event.clientY };
    if (inTooltip(event.target)) {
      tip.overTip = true;
      clearTimeout(tip.hideTimer);
      return;
    }
    const link = termLink(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    tip.hovered = link;
    intend(link, HOVER_DELAY_MS);
  }

  function onPointerOut(event) {
    if (event.pointerType === "touch") return;
    const to = event.relatedTarget;
    if (inTooltip(event.target)) {
      if (inTooltip(to)) return;
      tip.overTip = false;
    } else {
      const link = termLink(event.target);
      if (!link || link.contains(to)) return;
      if (tip.hovered === link) tip.hovered = null;
      if (tip.suppressed === link) tip.suppressed = null;
    }
    if (inTooltip(to) || (tip.current && tip.current.contains(to))) return;
    if (tip.current && tip.current === document.activeElement) return; // focus keeps it open
    hideSoon();
  }

  function onFocusIn(event) {
    const link = termLink(event.target);
    if (link) intend(link, 0);
  }

  function onFocusOut(event) {
    const link = termLink(event.target);
    if (!link) return;
    if (tip.suppressed === link) tip.suppressed = null;
    if (link === tip.current || link === tip.pending) hideSoon();
  }

  function onKeyDown(event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    const link = tip.current || tip.pending;
    if (!link) return;
    tip.suppressed = link; // until the pointer or focus leaves it
    hidePreview();
  }

  /* ------------------------------------------------------------------ 5. A–Z filter */

  const FOLDS = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ł: "l", þ: "th", ı: "i" };

  /**
   * Search key of a name or query: lowercase, accents stripped (NFKD minus combining marks),
   * and everything but letters and digits dropped — spaces too, so "mise en scene",
   * "mise-en-scène" and "miseenscene" are the same key, as are "P&A" and "pa".
   */
  function searchKey(text) {
    return String(text)
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .replace(/[ßæœøđłþı]/g, (c) => FOLDS[c])
      .replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function initFilter(input) {
    const list = document.getElementById(input.getAttribute("aria-controls") || "tb-az-list");
    if (!list) return;

    const items = Array.from(list.querySelectorAll(".tb-az-item"));
    const keys = items.map((item) => {
      const names = item.dataset.names || (item.querySelector("a") || item).textContent;
      return names.split("|").map(searchKey).join("\n");
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

  /* ------------------------------------------------------------------ 6. search ranking */

  /**
   * Material's search (lunr) ranks by how rare the matched words are, so for "shot" the rarer
   * "Shotgun" may outrank the headword "Shot". A reader who types a term's exact name or alias
   * expects that term first: whenever the result list is rendered, the first result whose
   * title or alias (`.tb-aka em`, written by searchindex.py) has the query's search key moves
   * to the top and gets the best score, which is the one Enter opens.
   */
  function resultKeys(item) {
    const keys = [];
    for (const el of item.querySelectorAll(
      ":scope > a:first-child :is(h1, h2), :scope > a:first-child .tb-aka em",
    )) {
      const text = el.textContent || "";
      keys.push(searchKey(text), searchKey(text.replace(/&/g, " and ")));
    }
    return keys;
  }

  function promoteExact(list, input) {
    const query = searchKey(input.value);
    if (!query) return;
    const items = Array.from(list.children);
    const exact = items.find((item) => resultKeys(item).includes(query));
    if (!exact || exact === items[0]) return;
    const scores = items.map((item) => {
      const article = item.querySelector("[data-md-score]");
      return article ? Number(article.getAttribute("data-md-score")) || 0 : 0;
    });
    const article = exact.querySelector("[data-md-score]");
    if (article) article.setAttribute("data-md-score", (Math.max(...scores) + 1).toFixed(2));
    list.prepend(exact);
  }

  function initSearchRanking(list) {
    const input = document.querySelector("input[data-md-component='search-query']");
    if (!input) return;
    new MutationObserver(() => promoteExact(list, input)).observe(list, { childList: true });
  }

  /* ------------------------------------------------------------------ wiring */

  function init() {
    hidePreview(); // the page under a shown preview may just have been replaced
    each(".tb-like[data-term]", initLike);
    each(".tb-share", initShare);
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
})();
