/*
 * Termbook — reader-side behaviour of the dictionary site.
 * Assembled at build time from assets/src/ (one file per component, listed in
 * assets/src/site.parts; shared/ parts are also in the widget, termbook.js; the name rules are
 * generated from termbook.names) inside one function scope: edit the parts, not the built file.
 *
 *   1. Like button        .tb-like[data-term]            (localStorage, optional count endpoint)
 *   2. Share box          .tb-share                      (copy link, native share sheet)
 *   3. Last updated       time.tb-updated[datetime]      (relative phrase, exact date as title)
 *   4. Term previews      a.tb-term[data-term|data-name] (WAI-ARIA tooltip, data from the JSON API)
 *   5. A–Z filter         input.tb-az-filter             (letter pages and across letters)
 *   6. Search ranking     .md-search-result__list        (an exact name or alias comes first)
 *   7. Practice           .tb-practice                   (flashcards, quiz; SCORM 1.2 score)
 *   8. All mentions       a[data-tb-mentions]            (the full "Mentioned in" list, in place)
 *
 * Plain ES2020, no dependencies, no build step. Works under a strict Content Security Policy
 * (`script-src 'self'`: no inline code, no eval, no HTML parsing of data — term content is
 * untrusted, so every text goes through textContent). Works with Material for MkDocs' instant
 * navigation: `init` runs on every page switch and binds each element once (data-tb-bound);
 * document-level listeners are registered once.
 */
