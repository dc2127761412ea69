/*
 * Termbook SCORM 1.2 runtime: only in the SCORM package (termbook export --format scorm), and
 * only on its launch page. It tells the LMS the learner opened the glossary, so the course
 * records the visit: LMSInitialize, lesson_status "completed", LMSCommit, and LMSFinish when
 * the page goes away. Outside an LMS (no API object found) it does nothing.
 */
(function () {
  "use strict";

  /** The LMS's SCORM 1.2 API object: on a parent frame or on the window that opened this one. */
  function findAPI(start) {
    let win = start;
    for (let depth = 0; win && depth < 12; depth += 1) {
      try {
        if (win.API) return win.API;
      } catch {
        return null; // a cross-origin frame: the API cannot be above it
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  let api = null;
  try {
    api = findAPI(window) || (window.opener ? findAPI(window.opener) : null);
  } catch {
    api = null;
  }
  if (!api || typeof api.LMSInitialize !== "function") return;

  let finished = false;
  if (String(api.LMSInitialize("")) !== "true") return;
  api.LMSSetValue("cmi.core.lesson_status", "completed");
  api.LMSCommit("");

  function finish() {
    if (finished) return;
    finished = true;
    api.LMSFinish("");
  }

  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
