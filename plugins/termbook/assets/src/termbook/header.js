/*
 * Termbook annotator widget: marks a glossary's terms in any web page and previews them.
 * Assembled at build time from assets/src/ (termbook.parts lists the parts; shared/ parts are
 * also in site.js) inside one function scope: edit the parts, not the built file.
 *
 *   <script src="https://glossary.example.org/assets/termbook/termbook.js"
 *           data-scope="main .content" data-mode="first" data-max="200" defer></script>
 *
 * Options (data attributes of the script tag, all optional):
 *   data-scope   CSS selector of the parts of the page to annotate (default: body)
 *   data-mode    "first": mark the first mention of each term (default); "all": every mention
 *   data-max     at most this many marks on the page (default 500)
 *   data-target  where marks open the entry: "_blank" (default) or "_self"
 *   data-css     "none" to skip loading termbook.css (style the marks yourself)
 *
 * How it works: the names index, api/names.json next to this script (two folders up from
 * assets/termbook/), holds each term's match forms as the build derived them (the site's own
 * linker), so the glossary's server must allow cross-origin reads (Access-Control-Allow-Origin).
 * Text nodes in the scope are walked with a TreeWalker that skips headings, links, code, form
 * fields, editable regions and anything inside .tb-nolink. The text is folded (folding rules
 * generated from termbook.names) and read from each word start: the index's stems are kept in
 * one map (matcher.js), a growing piece of the text is looked up as a stem plus one of its
 * endings, and the reading stops where no longer key can begin; the longest whole-word mention
 * wins, as in the site's linker. Names written in capitals (AD, ADR) match in that case only. A
 * mention becomes <a class="tb-term tb-widget-term" data-term="slug" href="entry">. A term's
 * preview (api/terms/<slug>.json) is fetched when a reader opens it; previews follow the
 * WAI-ARIA tooltip pattern. Term text only ever enters the page as DOM text (textContent,
 * createTextNode), never as HTML. No dependencies, no globals.
 */
