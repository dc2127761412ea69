  /* ------------------------------------------------------------------ glossary launch */
  const frame = document.querySelector("iframe[data-scorm-content]");
  const session = new ScormSession(document.documentElement.dataset.scormVersion);
  const packageRoot = new URL(".", window.location.href).href;
  const termsRead = new Set();

  /** The frame's page as a path inside the package, or null (another site, or not readable). */
  function framePath() {
    try {
      const href = frame.contentWindow.location.href;
      return href.startsWith(packageRoot) ? href.slice(packageRoot.length) : null;
    } catch {
      return null; // the frame left the package's origin
    }
  }

  /** A term page names its term: <article class="tb-entry" data-term="slug">. */
  function frameTerm() {
    try {
      const entry = frame.contentDocument.querySelector("article.tb-entry[data-term]");
      return entry ? entry.dataset.term : null;
    } catch {
      return null;
    }
  }

  /** {"termsRead": n, "terms": [slugs]}: the latest slugs that fit the LMS's limit. */
  function progress() {
    const terms = [...termsRead];
    const text = () => JSON.stringify({ termsRead: termsRead.size, terms });
    while (terms.length && text().length > session.memoryLimit()) terms.shift();
    return text();
  }

  function recordPage() {
    const path = framePath();
    if (path === null || !session.active()) return;
    const term = frameTerm();
    if (term && !termsRead.has(term)) {
      termsRead.add(term);
      session.remember(progress());
    }
    session.locate(path);
    session.commit();
  }

  if (frame && session.start()) {
    session.complete();
    session.commit();
    session.finishOnLeave();
    frame.addEventListener("load", recordPage);
    if (frame.contentDocument && frame.contentDocument.readyState === "complete") recordPage();
  }
