/* Material for MkDocs keeps the reader's choices (palette, dismissed banners, linked tabs) in
   localStorage under keys scoped to the site. Its bundle expects four globals for that, which
   Material defines in an inline <script>; here they come from a file, so that the site runs
   under `script-src 'self'` (docs/security.md). Loaded in <head>, before the bundle. */
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
