/* Material for MkDocs keeps the reader's choices (palette, dismissed banners, linked tabs) in
   localStorage under keys scoped to the site. Its bundle expects four globals for that, which
   Material defines in an inline <script>; here they come from a file, so that the site runs
   under `script-src 'self'` (docs/security.md). Loaded before the bundle (after the page's
   content unless something earlier reads the helpers: templates/termbook/fragments/theme-scope.html),
   which is also why the search index's timing is set here (the second part) and the site's own
   script is fetched from here (the third). Instant navigation runs it again with each new page's
   content: every part is safe to run twice. */
(function () {
  "use strict";

  var scope = document.currentScript.getAttribute("data-scope") || ".";
  window.__md_scope = new URL(scope, location);

  /* A 32-bit hash of a string (the usual "times 31" string hash). */
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) | 0;
    return hash;
  };

  function storageKey(name, base) {
    return (base || window.__md_scope).pathname + "." + name;
  }

  window.__md_get = function (name, storage, base) {
    try {
      return JSON.parse((storage || localStorage).getItem(storageKey(name, base)));
    } catch (error) {
      return null; /* storage blocked (sandboxed frame, privacy mode) or not JSON */
    }
  };

  window.__md_set = function (name, value, storage, base) {
    try {
      (storage || localStorage).setItem(storageKey(name, base), JSON.stringify(value));
    } catch (error) {
      /* storage full or blocked: the choice lasts for this page only */
    }
  };
})();

/* The search index is the largest download of a page (about 0.5 MB compressed at 5,000 terms)
   and no reader needs it before the page is on screen. Material's bundle asks for it with an
   XMLHttpRequest as it starts; this holds that one request back until the page has loaded and
   the browser is idle, or at once when the reader turns to search (focuses the search field,
   presses a key, or clicks the search button), whichever comes first. Everything else, and the
   file:// form of the index (a script tag), is untouched. */
(function () {
  "use strict";

  if (XMLHttpRequest.prototype.send.__tbHoldsIndex) return; /* held once per window */
  var INDEX = /(^|\/)search\/search_index\.json(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = false;

  function release() {
    if (released) return;
    released = true;
    ["focusin", "keydown", "pointerdown"].forEach(function (type) {
      document.removeEventListener(type, onEngage, true);
    });
    waiting.splice(0).forEach(function (held) {
      send.apply(held.request, held.args);
    });
  }

  function onEngage(event) {
    var target = event.target;
    var searching =
      event.type === "keydown" ||
      (target && target.closest && target.closest(".md-search, [for='__search']"));
    if (searching) release();
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.__tbHeld = !released && method === "GET" && INDEX.test(String(url).split("#")[0]);
    return open.apply(this, arguments);
  };

  XMLHttpRequest.prototype.send = function () {
    if (this.__tbHeld && !released) {
      waiting.push({ request: this, args: arguments });
      return undefined;
    }
    return send.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send.__tbHoldsIndex = true;

  ["focusin", "keydown", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, onEngage, true);
  });
  window.addEventListener("load", function () {
    if (window.requestIdleCallback) window.requestIdleCallback(release, { timeout: 1500 });
    else window.setTimeout(release, 200);
  });
})();

/* The site's own script (site.js: likes, sharing, the A–Z filter, previews, practice) is
   fetched once the page is parsed, not by the preload scanner as the page starts: its bytes
   then never compete with the style sheets and Material's bundle the first paint waits for.
   Inserted before the load event, it still runs before it (async: in a task of its own). */
(function () {
  "use strict";

  var source = document.currentScript.getAttribute("data-site-script");
  if (!source || window.__tbSiteScript) return;
  window.__tbSiteScript = true;

  function load() {
    var script = document.createElement("script");
    script.src = source;
    script.async = true;
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", load, { once: true });
  } else {
    load();
  }
})();
