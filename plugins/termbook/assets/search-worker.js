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
 * 3. Packed words unpacked. The index on the wire writes each definition's words (`body`, `more`)
 *    as numbers into one vocabulary (the format: termbook.pages.searchpack, whose constants are
 *    written in here as PACKED); the setup message's documents get their words back before
 *    Material's worker reads them, so it builds the index it always built.
 *
 * The worker protocol (message types 0 setup, 1 ready, 2 query, 3 result) is Material's own
 * (`SearchMessageType`); Material 9 has no setting for another worker, hence the swap of files.
 * tests/browser/test_search.py pins what this relies on, so a Material update that changes it
 * fails there, not in readers' browsers.
 */
"use strict";

(() => {
  const SETUP = 0;
  const QUERY = 2;
  const RESULT = 3;
  const HIDDEN = __HIDDEN_FIELDS__;
  const PACKED = __PACKED__;

  let latest = null;
  let answering = null;
  let scheduled = false;
  let replaying = false;

  /** Gives the setup message's documents their words back, before Material's worker reads them
   * (this listener is added first). A broken index is reported; the search starts without the
   * packed words rather than not at all. */
  self.addEventListener("message", (event) => {
    if (!event.data || event.data.type !== SETUP) return;
    try {
      unpack(event.data.data);
    } catch (error) {
      console.error("Termbook's search worker: the index's definition words are unreadable", error);
    }
  });

  /** The index with each packed field of each document made words again, its vocabulary gone. */
  function unpack(index) {
    const config = index && index.config;
    if (!config || typeof config[PACKED.vocabulary] !== "string") return;
    const words = config[PACKED.vocabulary].split(" ");
    delete config[PACKED.vocabulary];
    const digits = new Int8Array(128); // 0: no digit; final: value + 1; continuing: -value
    for (let i = 0; i < PACKED.final.length; i++) digits[PACKED.final.charCodeAt(i)] = i + 1;
    for (let i = 0; i < PACKED.continuing.length; i++)
      digits[PACKED.continuing.charCodeAt(i)] = -(i + 1);
    const base = PACKED.final.length;
    const continuingBase = PACKED.continuing.length;
    const failures = [];
    for (const doc of index.docs || []) {
      for (const field of PACKED.fields) {
        const text = doc[field];
        if (typeof text !== "string" || !text) continue;
        const found = [];
        let number = -1;
        let rest = 0;
        let readable = true;
        for (let i = 0; i < text.length && readable; i++) {
          const code = text.charCodeAt(i);
          const digit = code < 128 ? digits[code] : 0;
          if (digit < 0) {
            rest = rest * continuingBase - digit;
          } else {
            number += rest * base + digit; // the gap (digit - 1), plus one
            rest = 0;
            readable = digit > 0 && number < words.length;
            if (readable) found.push(words[number]);
          }
        }
        if (readable && rest === 0) doc[field] = found.join(" ");
        else {
          delete doc[field];
          failures.push(`${doc.location} ${field}`);
        }
      }
    }
    if (failures.length) throw new Error(`unreadable: ${failures.slice(0, 5).join(", ")}`);
  }

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
