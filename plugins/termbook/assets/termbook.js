/*
 * Termbook annotator widget: marks a glossary's terms in any web page and previews them.
 *
 *   <script src="https://glossary.example.org/assets/termbook/termbook.js"
 *           data-scope="main .content" data-mode="first" data-max="200" defer></script>
 *
 * Options (data attributes of the script tag, all optional):
 *   data-scope   CSS selector of the parts of the page to annotate (default: body)
 *   data-mode    "first": mark the first mention of each term (default); "all": every mention
 *   data-max     at most this many marks on the page (default 500)
 *   data-target  where marks open the entry: "_blank" (default) or "_self"
 *   data-css     "none" to skip loading termbook.css (style the marks yourself)
 *
 * How it works: the glossary comes from api/terms.json next to this script (two folders up from
 * assets/termbook/), so the glossary's server must allow cross-origin reads
 * (Access-Control-Allow-Origin). Text nodes in the scope are walked with a TreeWalker that skips
 * headings, links, code, form fields, editable regions and anything inside .tb-nolink. One
 * regular expression shaped like a trie (every name, alias and their plurals and possessives,
 * longest first, whole words) finds mentions; names written in capitals (AD, ADR) match in that case
 * only. A mention becomes <a class="tb-term" data-term="slug" href="entry">. Previews follow the
 * WAI-ARIA tooltip pattern: shown on hover and keyboard focus, kept while the pointer is on
 * them, closed with Escape. Term text only ever enters the page as DOM text (textContent,
 * createTextNode), never as HTML. No dependencies, no globals.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.src) return;
  const root = document.documentElement;
  if (root.hasAttribute("data-tb-widget")) return; // the script was included twice
  root.setAttribute("data-tb-widget", "");

  const SCRIPT_URL = new URL(script.src, document.baseURI);
  const SITE_ROOT = new URL("../../", SCRIPT_URL);
  const API_URL = new URL("api/terms.json", SITE_ROOT);

  const SKIP = [
    "h1", "h2", "h3", "h4", "h5", "h6", "[role=heading]",
    "a", "button", "code", "pre", "kbd", "samp", "var",
    "script", "style", "noscript", "template", "textarea", "input", "select", "option",
    "svg", "math", "iframe", "object", "video", "audio", "canvas",
    "[contenteditable]", ".tb-nolink", ".tb-widget-tip",
  ].join(",");
  const TIP_ID = "tb-widget-tooltip";
  const HOVER_DELAY_MS = 150;
  const HIDE_GRACE_MS = 250;
  const MAX_SUMMARY = 300;
  const WORD = "[\\p{L}\\p{N}\\p{M}_]";

  function readOptions(data) {
    const max = Number.parseInt(data.max || "", 10);
    return {
      scope: (data.scope || "").trim() || "body",
      mode: data.mode === "all" ? "all" : "first",
      max: Number.isFinite(max) && max >= 0 ? max : 500,
      target: data.target === "_self" ? "_self" : "_blank",
      css: data.css !== "none",
    };
  }

  const options = readOptions(script.dataset);

  /* ------------------------------------------------------------------------- styles */

  function loadStyles() {
    if (!options.css) return;
    const href = new URL("termbook.css", SCRIPT_URL).href;
    for (const link of document.querySelectorAll("link[rel~=stylesheet]")) {
      if (link.href === href) return;
    }
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    (document.head || root).append(link);
  }

  /* ----------------------------------------------------------------------- matching */

  function isAcronym(name) {
    const letters = name.replace(/[^\p{L}\p{N}]/gu, "");
    return letters.length >= 2 && /\p{Lu}/u.test(letters) && !/\p{Ll}/u.test(letters);
  }

  /** The name and its regular English plural and possessives, like the site's own linker. */
  function surfaceForms(name, acronym) {
    if (!/[a-z]$/i.test(name)) return [name];
    if (acronym) return [name, `${name}s`, `${name}'s`, `${name}s'`];
    const lower = name.toLowerCase();
    let plural;
    if (/[^aeiouy'\- ]y$/.test(lower)) plural = `${name.slice(0, -1)}ies`;
    else if (/(s|x|z|ch|sh)$/.test(lower)) plural = `${name}es`;
    else plural = `${name}s`;
    const forms = [name, plural, `${name}'s`, `${plural}'`];
    if (lower.endsWith("s")) forms.push(`${name}'`);
    return forms;
  }

  /** The key a mention is looked up by: lowercase, one apostrophe, one hyphen, single spaces. */
  function key(text) {
    return text
      .toLowerCase()
      .replace(/[\u2019\u02bc]/g, "'")
      .replace(/[\u2010\u2011]/g, "-")
      .replace(/\s+/g, " ")
      .trim();
  }

  /** Case kept, for comparing a mention with a name written in capitals. */
  function exact(text) {
    return text.replace(/[\u2019\u02bc]/g, "'").replace(/[\u2010\u2011]/g, "-").replace(/\s+/g, " ");
  }

  /** One edge of the trie: every character the key character stands for. */
  function atom(ch) {
    if (ch === " ") return "\\s+";
    if (ch === "'") return "['\u2019\u02bc]";
    if (ch === "-") return "[\\-\u2010\u2011]";
    return ch.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  }

  /**
   * The keys as one trie-shaped pattern: names share their prefixes, so each position of the text
   * costs one walk down the tree instead of one try per name (a flat alternation of thousands of
   * names is that much slower). Continuations come before "a name ends here", so the engine
   * yields the longest name, and backtracks to a shorter one where the longer is not a whole word.
   */
  function trieSource(keys) {
    const END = "";
    const root = new Map();
    for (const k of keys) {
      let node = root;
      for (const ch of k) {
        if (!node.has(ch)) node.set(ch, new Map());
        node = node.get(ch);
      }
      node.set(END, null);
    }
    function source(node) {
      const alternatives = [];
      for (const [ch, child] of node) if (ch !== END) alternatives.push(atom(ch) + source(child));
      if (node.has(END)) alternatives.push("");
      return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join("|")})`;
    }
    return source(root);
  }

  function safeURL(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value, SITE_ROOT);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch {
      return null;
    }
  }

  function text(value) {
    return typeof value === "string" ? value.trim() : "";
  }

  /** slug → {slug, name, summary, url}, and one RegExp over every form of every name. */
  function buildMatcher(data) {
    const terms = new Map();
    const lookup = new Map();
    const later = [];
    const list = data && Array.isArray(data.terms) ? data.terms : [];
    function claim(form, slug, acronym) {
      const k = key(form);
      if (!k || lookup.has(k)) return;
      lookup.set(k, { slug, exact: acronym ? exact(form) : null });
    }
    for (const item of list) {
      if (!item || typeof item !== "object" || item.autolink === false) continue;
      const slug = text(item.slug);
      const name = text(item.term);
      const url = safeURL(item.url);
      if (!slug || !name || !url || terms.has(slug)) continue;
      let summary = text(item.summary);
      if (summary.length > MAX_SUMMARY) summary = `${summary.slice(0, MAX_SUMMARY - 1).trimEnd()}…`;
      terms.set(slug, { slug, name, summary, url });
      const aliases = Array.isArray(item.aliases) ? item.aliases.map(text).filter(Boolean) : [];
      for (const n of [name, ...aliases]) {
        const acronym = isAcronym(n);
        const forms = surfaceForms(n, acronym);
        claim(forms[0], slug, acronym);
        for (const form of forms.slice(1)) later.push([form, slug, acronym]);
      }
    }
    for (const [form, slug, acronym] of later) claim(form, slug, acronym);
    if (!lookup.size) return null;
    const regex = new RegExp(`(?<!${WORD})${trieSource(lookup.keys())}(?!${WORD})`, "giu");
    return { terms, lookup, regex };
  }

  /* ------------------------------------------------------------------------ marking */

  function scopes() {
    let found;
    try {
      found = Array.from(document.querySelectorAll(options.scope));
    } catch {
      console.warn(`termbook.js: data-scope "${options.scope}" is not a valid CSS selector`);
      return [];
    }
    return found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
  }

  function textNodes(scope) {
    if (scope.closest(SKIP)) return [];
    const nodes = [];
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          return node.matches(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
        }
        return node.nodeValue.trim().length > 1 ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function makeMark(mention, term) {
    const link = document.createElement("a");
    link.className = "tb-term tb-widget-term";
    link.dataset.term = term.slug;
    link.href = term.url;
    link.target = options.target;
    if (options.target === "_blank") link.rel = "noopener";
    link.textContent = mention;
    return link;
  }

  function markTextNode(node, matcher, state) {
    const value = node.nodeValue;
    const regex = matcher.regex;
    regex.lastIndex = 0;
    let fragment = null;
    let done = 0;
    let match;
    while (state.count < options.max && (match = regex.exec(value))) {
      const mention = match[0];
      const found = matcher.lookup.get(key(mention));
      if (!found || (found.exact !== null && exact(mention) !== found.exact)) {
        regex.lastIndex = match.index + 1; // not this name here; a shorter one may start here
        continue;
      }
      if (options.mode === "first" && state.seen.has(found.slug)) continue;
      fragment = fragment || document.createDocumentFragment();
      if (match.index > done) fragment.append(document.createTextNode(value.slice(done, match.index)));
      fragment.append(makeMark(mention, matcher.terms.get(found.slug)));
      done = match.index + mention.length;
      state.seen.add(found.slug);
      state.count += 1;
    }
    if (!fragment) return;
    if (done < value.length) fragment.append(document.createTextNode(value.slice(done)));
    node.parentNode.replaceChild(fragment, node);
  }

  function annotate(matcher) {
    const state = { seen: new Set(), count: 0 };
    for (const scope of scopes()) {
      for (const node of textNodes(scope)) {
        if (state.count >= options.max) return;
        if (node.parentNode) markTextNode(node, matcher, state);
      }
    }
  }

  /* ----------------------------------------------------------------------- previews */

  const tip = {
    el: null,
    name: null,
    summary: null,
    more: null,
    current: null, // mark whose preview is shown
    pending: null, // mark whose preview is about to show
    hovered: null, // mark under the pointer
    overTip: false,
    suppressed: null, // mark whose preview was closed with Escape
    showTimer: 0,
    hideTimer: 0,
    frame: 0,
    terms: null,
  };

  function tooltip() {
    if (tip.el && tip.el.isConnected) return tip.el;
    const el = document.createElement("div");
    el.id = TIP_ID;
    el.className = "tb-widget-tip tb-nolink";
    el.setAttribute("role", "tooltip");
    el.hidden = true;
    tip.name = document.createElement("strong");
    tip.name.className = "tb-widget-tip__name";
    tip.summary = document.createElement("span");
    tip.summary.className = "tb-widget-tip__summary";
    tip.more = document.createElement("a");
    tip.more.className = "tb-widget-tip__more";
    tip.more.tabIndex = -1; // the mark itself is the keyboard's way to the entry
    tip.more.textContent = "Read the full entry";
    el.append(tip.name, tip.summary, tip.more);
    el.addEventListener("pointerenter", () => {
      tip.overTip = true;
      clearTimeout(tip.hideTimer);
    });
    el.addEventListener("pointerleave", () => {
      tip.overTip = false;
      hideSoon();
    });
    document.body.append(el);
    tip.el = el;
    return el;
  }

  function describe(mark, on) {
    const ids = (mark.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    const rest = ids.filter((id) => id !== TIP_ID);
    if (on) rest.push(TIP_ID);
    if (rest.length) mark.setAttribute("aria-describedby", rest.join(" "));
    else mark.removeAttribute("aria-describedby");
  }

  function place() {
    tip.frame = 0;
    const el = tip.el;
    const mark = tip.current;
    if (!el || el.hidden || !mark) return;
    if (!mark.isConnected) {
      hide();
      return;
    }
    const margin = 8;
    const gap = 6;
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const rect = mark.getClientRects()[0] || mark.getBoundingClientRect();
    el.style.left = "0px";
    el.style.top = "0px";
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    let top = rect.bottom + gap;
    if (top + height > vh - margin && rect.top - gap - height >= margin) top = rect.top - gap - height;
    const left = Math.max(margin, Math.min(rect.left, vw - width - margin));
    el.style.left = `${Math.round(left)}px`;
    el.style.top = `${Math.round(Math.max(margin, top))}px`;
  }

  function placeSoon() {
    if (tip.current && !tip.frame) tip.frame = requestAnimationFrame(place);
  }

  function show(mark) {
    const term = tip.terms.get(mark.dataset.term);
    if (!term) return;
    const el = tooltip();
    tip.name.textContent = term.name;
    tip.summary.textContent = term.summary;
    tip.summary.hidden = !term.summary;
    tip.more.href = term.url;
    tip.more.target = options.target;
    tip.more.rel = options.target === "_blank" ? "noopener" : "";
    if (tip.current && tip.current !== mark) describe(tip.current, false);
    tip.current = mark;
    describe(mark, true);
    el.hidden = false;
    place();
  }

  function hide() {
    clearTimeout(tip.showTimer);
    clearTimeout(tip.hideTimer);
    tip.pending = null;
    if (tip.current) describe(tip.current, false);
    tip.current = null;
    if (tip.el) tip.el.hidden = true;
  }

  function hideSoon() {
    clearTimeout(tip.showTimer);
    tip.pending = null;
    clearTimeout(tip.hideTimer);
    tip.hideTimer = setTimeout(() => {
      const current = tip.current;
      const keep =
        tip.overTip || (current && (current === tip.hovered || current === document.activeElement));
      if (!keep) hide();
    }, HIDE_GRACE_MS);
  }

  function intend(mark, delay) {
    clearTimeout(tip.hideTimer);
    if (mark === tip.suppressed) return;
    if (mark === tip.current && tip.el && !tip.el.hidden) return;
    clearTimeout(tip.showTimer);
    tip.pending = mark;
    tip.showTimer = setTimeout(() => {
      if (tip.pending === mark && mark.isConnected) {
        tip.pending = null;
        show(mark);
      }
    }, delay);
  }

  function markOf(node) {
    return node instanceof Element ? node.closest("a.tb-widget-term[data-term]") : null;
  }

  function listen() {
    document.addEventListener("pointerover", (event) => {
      if (event.pointerType === "touch") return;
      const mark = markOf(event.target);
      if (!mark || mark.contains(event.relatedTarget)) return;
      tip.hovered = mark;
      intend(mark, HOVER_DELAY_MS);
    });
    document.addEventListener("pointerout", (event) => {
      if (event.pointerType === "touch") return;
      const mark = markOf(event.target);
      if (!mark || mark.contains(event.relatedTarget)) return;
      if (tip.hovered === mark) tip.hovered = null;
      if (tip.suppressed === mark) tip.suppressed = null;
      if (tip.el && tip.el.contains(event.relatedTarget)) return;
      hideSoon();
    });
    document.addEventListener("focusin", (event) => {
      const mark = markOf(event.target);
      if (mark) intend(mark, 0);
    });
    document.addEventListener("focusout", (event) => {
      const mark = markOf(event.target);
      if (!mark) return;
      if (tip.suppressed === mark) tip.suppressed = null;
      if (mark === tip.current || mark === tip.pending) hideSoon();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" && event.key !== "Esc") return;
      const mark = tip.current || tip.pending;
      if (!mark) return;
      tip.suppressed = mark;
      hide();
    });
    window.addEventListener("scroll", placeSoon, { passive: true, capture: true });
    window.addEventListener("resize", placeSoon, { passive: true });
  }

  /* ------------------------------------------------------------------------- start */

  async function start() {
    loadStyles();
    let data;
    try {
      const response = await fetch(API_URL.href, {
        credentials: "omit",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      data = await response.json();
    } catch (error) {
      console.warn(`termbook.js: could not load ${API_URL.href} (${error.message})`);
      return;
    }
    const matcher = buildMatcher(data);
    if (!matcher) return;
    tip.terms = matcher.terms;
    annotate(matcher);
    listen();
    root.setAttribute("data-tb-widget", "ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start, { once: true });
  } else {
    start();
  }
})();
