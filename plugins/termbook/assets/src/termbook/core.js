  "use strict";

  const script = document.currentScript;
  if (!script || !script.src) return;
  const root = document.documentElement;
  if (root.hasAttribute("data-tb-widget")) return; // the script was included twice
  root.setAttribute("data-tb-widget", "");

  const SCRIPT_URL = new URL(script.src, document.baseURI);
  const SITE_ROOT = new URL("../../", SCRIPT_URL);
  const NAMES_URL = new URL("api/names.json", SITE_ROOT);

  const SKIP = [
    "h1", "h2", "h3", "h4", "h5", "h6", "[role=heading]",
    "a", "button", "code", "pre", "kbd", "samp", "var",
    "script", "style", "noscript", "template", "textarea", "input", "select", "option",
    "svg", "math", "iframe", "object", "video", "audio", "canvas",
    "[contenteditable]", ".tb-nolink", ".tb-widget-tip",
  ].join(",");
  const TOOLTIP_ID = "tb-widget-tooltip";
  const TERM_LINK = "a.tb-widget-term[data-term], a.tb-widget-term[data-name]";
  const HOVER_DELAY_MS = 150;
  const HIDE_GRACE_MS = 250;
  const MAX_SUMMARY = 300;

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

  /** key → {slug, name, page, preview, autolink, shared}: filled from the names index (a term's
   * key is its slug, a shared name's "names/<slug>"); `page` and `preview` are the index's URL
   * templates, filled in with the slug when a mark needs them. */
  const terms = new Map();

  /** How the shared previews part finds and shows the widget's marks (see previews.js). */
  const PREVIEW = {
    className: "tb-widget-tip tb-nolink",
    nameClass: "tb-widget-tip__name",
    summaryClass: "tb-widget-tip__summary",
    more: { className: "tb-widget-tip__more", text: "Read the full entry" },
    credentials: "omit",
    url(link) {
      const term = terms.get(previewKey(link));
      return term ? new URL(term.preview.replace(PLACEHOLDER, term.slug)) : null;
    },
    fallbackName(link) {
      const term = terms.get(previewKey(link));
      return term ? term.name : link.textContent.trim();
    },
  };

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

  /** An http(s) URL resolved against the glossary's root, or null. */
  function safeURL(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value, SITE_ROOT);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch {
      return null;
    }
  }

