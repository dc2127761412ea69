/* Termbook's search worker: Material for MkDocs' own worker, loaded unchanged at the end, with
 * two things a glossary of thousands of terms needs (termbook.pages.searchworker installs it in
 * the worker's place; see docs/reference/urls.md).
 *
 * 1. The newest query only. Material asks the worker for results on every keystroke, and a
 *    worker answers one message after another: at 5,000 terms a one-letter word ("Raw High B")
 *    matches most of the glossary, and the answers to keystrokes a reader has already typed past
 *    queue up before the one they are waiting for. Here a query waits for the queries that
 *    arrived with it, and only the newest is answered; the list shows the same results, sooner.
 *    Each result says which query it answers (`data.query`).
 * 2. No hidden fields in results. The fields that only serve matching (`names`, `last`, `body`,
 *    `more`: termbook.pages.searchindex) are never shown, so they are neither highlighted nor
 *    copied to the page with every result.
 *
 * The worker protocol (message types 0 setup, 1 ready, 2 query, 3 result) is Material's own
 * (`SearchMessageType`); Material 9 has no setting for another worker, hence the swap of files.
 * tests/browser/test_search.py pins what this relies on, so a Material update that changes it
 * fails there, not in readers' browsers.
 */
"use strict";

(() => {
  const QUERY = 2;
  const RESULT = 3;
  const HIDDEN = __HIDDEN_FIELDS__;

  let latest = null;
  let answering = null;
  let scheduled = false;
  let replaying = false;

  /** Holds each query back until the messages already waiting are read: the newest wins. */
  self.addEventListener("message", (event) => {
    if (replaying || !event.data || event.data.type !== QUERY) return;
    event.stopImmediatePropagation();
    latest = event.data;
    if (!scheduled) {
      scheduled = true;
      setTimeout(answerLatest, 0);
    }
  });

  function answerLatest() {
    scheduled = false;
    const data = latest;
    latest = null;
    if (!data) return;
    answering = data.data;
    replaying = true;
    try {
      self.dispatchEvent(new MessageEvent("message", { data }));
    } finally {
      replaying = false;
    }
  }

  const post = self.postMessage.bind(self);
  self.postMessage = (message, ...rest) => {
    const items = message && message.type === RESULT && message.data && message.data.items;
    if (Array.isArray(items)) {
      message.data.query = answering; // which query this answers: a benchmark can tell
      for (const group of items) {
        for (const item of group) for (const field of HIDDEN) delete item[field];
      }
    }
    return post(message, ...rest);
  };

  self.__termbookSearch = { hideMatches };

  /** Drops the hidden fields' match positions, so Material does not highlight them. */
  function hideMatches(lunr) {
    const search = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (...args) {
      const results = search.apply(this, args);
      for (const result of results) {
        for (const fields of Object.values(result.matchData.metadata)) {
          for (const field of HIDDEN) delete fields[field];
        }
      }
      return results;
    };
  }
})();

// Material's worker, beside this one. Opened from the file system, Material runs its worker in
// an iframe (the offline plugin's iframe-worker shim): there a relative URL would resolve against
// the page, and importScripts loads asynchronously (it returns a promise).
const here =
  self.document && document.currentScript ? document.currentScript.src : self.location.href;
const loaded = importScripts(new URL(__MATERIAL_WORKER__, here).href);
const hideMatches = () => {
  if (self.lunr) self.__termbookSearch.hideMatches(self.lunr);
};
if (loaded && typeof loaded.then === "function") loaded.then(hideMatches);
else hideMatches();
