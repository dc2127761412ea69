/* Applies the colour palette the reader chose before the page is painted (Material does this
   with an inline <script>; a file keeps `script-src 'self'` enough). Loaded synchronously right
   after the palette toggle, so its inputs exist and <body> is open. */
(function () {
  "use strict";

  var saved = window.__md_get("__palette");
  if (!saved || !saved.color) return;
  var color = saved.color;
  if (color.media === "(prefers-color-scheme)") {
    /* "Automatic": take the scheme of the toggle that matches the system setting now. */
    var system = matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
    var toggle = document.querySelector(
      '[data-md-color-media="(prefers-color-scheme: ' + system + ')"]'
    );
    if (toggle) {
      ["media", "scheme", "primary", "accent"].forEach(function (name) {
        color[name] = toggle.getAttribute("data-md-color-" + name);
      });
    }
  }
  Object.keys(color).forEach(function (name) {
    if (color[name] != null) document.body.setAttribute("data-md-color-" + name, color[name]);
  });
})();
