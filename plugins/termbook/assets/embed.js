/*
 * Termbook embed pages (embed/ and embed/<slug>/), running inside someone else's iframe.
 *
 *   1. Height     posts {subject: "lti.frameResize", height} to the parent on load and whenever
 *                 the content's size changes, the message Canvas, Moodle plugins and
 *                 embed-host.js resize an iframe on.
 *   2. Theme      ?theme=light or ?theme=dark in the iframe's URL overrides the reader's
 *                 prefers-color-scheme, for hosts with a fixed look.
 *   3. Filter     embed/ filters its list by name or alias as the reader types.
 *
 * An external file on purpose: embed pages allow no inline script (script-src 'self').
 */
(function () {
  "use strict";

  /* ---------------------------------------------------------------------- 1. height */

  let lastHeight = 0;

  function contentHeight() {
    const main = document.querySelector(".tb-embed") || document.body;
    const style = window.getComputedStyle(document.body);
    const margins = parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    return Math.ceil(main.getBoundingClientRect().height + (margins || 0));
  }

  function postHeight() {
    if (window.parent === window) return;
    const height = contentHeight();
    if (height === lastHeight || height <= 0) return;
    lastHeight = height;
    window.parent.postMessage({ subject: "lti.frameResize", height: height }, "*");
  }

  /* ----------------------------------------------------------------------- 2. theme */

  function applyTheme() {
    let theme = "";
    try {
      theme = new URLSearchParams(window.location.search).get("theme") || "";
    } catch {
      return;
    }
    if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  }

  /* ---------------------------------------------------------------------- 3. filter */

  function fold(text) {
    return text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  function initFilter() {
    const input = document.getElementById("tb-embed-filter");
    const list = document.getElementById("tb-embed-list");
    if (!input || !list) return;
    const items = Array.from(list.children);
    const status = document.getElementById("tb-embed-status");
    const empty = document.querySelector(".tb-embed-index__empty");
    const names = items.map((item) => (item.dataset.names || "").split("|"));
    function apply() {
      const query = fold(input.value);
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
})();
