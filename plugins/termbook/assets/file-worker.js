/*
 * Termbook: search in a glossary opened from a plain folder (file://), where browsers refuse
 * to start a Web Worker. Only in the SCORM packages (termbook export --format scorm |
 * scorm2004), loaded before Material's bundle; over http(s) it does nothing.
 *
 * Material's search runs its worker script through `new Worker(url)`. Under file:// this
 * replaces `Worker` with FrameWorker: the same script run in a hidden same-origin iframe,
 * whose `postMessage` hands results back to the page and whose `importScripts` (for lunr's
 * language files) loads scripts in order. Material's worker looks for `IFrameWorker` on its
 * parent to find those language files, so the class is published under that name too.
 * No inline code and no eval: the frame's globals are set from here.
 */
(() => {
  "use strict";
  if (window.location.protocol !== "file:") return;

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.url = new URL(String(url), document.baseURI).href;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.tabIndex = -1;
      (document.body || document.documentElement).appendChild(this.frame);
      const scope = this.frame.contentWindow;
      scope.postMessage = (data) => this.deliver(data);
      scope.importScripts = (...urls) => this.load(urls);
      this.ready = this.load([this.url]).catch((error) => this.fail(error));
    }

    /** Scripts run in the frame one after the other; resolves when the last has run. */
    load(urls) {
      const doc = this.frame.contentDocument;
      return urls.reduce(
        (previous, src) =>
          previous.then(
            () =>
              new Promise((resolve, reject) => {
                const script = doc.createElement("script");
                script.src = new URL(String(src), this.url).href;
                script.onload = resolve;
                script.onerror = () => reject(new Error(`could not load ${script.src}`));
                (doc.body || doc.documentElement).appendChild(script);
              }),
          ),
        Promise.resolve(),
      );
    }

    deliver(data) {
      const event = new MessageEvent("message", { data });
      this.dispatchEvent(event);
      if (typeof this.onmessage === "function") this.onmessage(event);
    }

    fail(error) {
      const event = new ErrorEvent("error", { error, message: String(error) });
      this.dispatchEvent(event);
      if (typeof this.onerror === "function") this.onerror(event);
    }

    postMessage(data) {
      const copy = structuredClone(data);
      this.ready.then(() => {
        if (!this.frame.contentWindow) return;
        this.frame.contentWindow.dispatchEvent(new MessageEvent("message", { data: copy }));
      });
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.IFrameWorker = FrameWorker;
  window.Worker = FrameWorker;
})();
