/*
 * Termbook embed host script: add it once to a page that frames Termbook embed cards, and each
 * card's iframe takes the height of its content.
 *
 *   <script src="https://glossary.example.org/assets/termbook/embed-host.js" defer></script>
 *
 * The cards post {subject: "lti.frameResize", height}. A message resizes an iframe only when it
 * comes from that very iframe (event.source is its contentWindow) and from the origin of the
 * iframe's src, so no other frame or window can resize anything. Heights are clamped to a sane
 * range. No dependencies, no globals, nothing to configure.
 */
(function () {
  "use strict";

  const SUBJECT = "lti.frameResize";
  const MIN_HEIGHT = 40;
  const MAX_HEIGHT = 20000;

  function frameOrigin(frame) {
    try {
      return new URL(frame.src, document.baseURI).origin;
    } catch {
      return "";
    }
  }

  function sourceFrame(event) {
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow === event.source) return frame;
    }
    return null;
  }

  window.addEventListener("message", function (event) {
    const data = event.data;
    if (!data || typeof data !== "object" || data.subject !== SUBJECT) return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;
    const frame = sourceFrame(event);
    if (!frame || frameOrigin(frame) !== event.origin) return;
    const clamped = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)));
    frame.style.height = `${clamped}px`;
    frame.setAttribute("height", String(clamped));
  });
})();
