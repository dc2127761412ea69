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

