/* After the page content, deferred (Material does this inline; a file keeps `script-src 'self'` enough):
   a link to a content tab (#__tabbed_1_2) opens that tab, and with the `content.tabs.link`
   feature the tabs the reader chose last time are opened again. */
(function () {
  "use strict";

  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) target.checked = true;

  if (!document.currentScript.hasAttribute("data-linked-tabs")) return;
  var chosen = window.__md_get("__tabs");
  if (!Array.isArray(chosen)) return;
  document.querySelectorAll(".tabbed-set").forEach(function (set) {
    var labels = set.querySelectorAll(".tabbed-labels > label");
    for (var i = 0; i < chosen.length; i++) {
      for (var j = 0; j < labels.length; j++) {
        if (labels[j].innerText.trim() === chosen[i]) {
          var input = document.getElementById(labels[j].htmlFor);
          if (input) input.checked = true;
          return;
        }
      }
    }
  });
})();
