/*
 * Termbook embed pages (embed/ and embed/<slug>/), running inside someone else's iframe.
 * Assembled at build time from assets/src/ (embed.parts lists the parts; the name rules are
 * generated from termbook.names, as in site.js and termbook.js): edit the parts, not the
 * built file.
 *
 *   1. Height     posts {subject: "lti.frameResize", height} to the parent on load and whenever
 *                 the content's size changes, the message Canvas, Moodle plugins and
 *                 embed-host.js resize an iframe on.
 *   2. Theme      ?theme=light or ?theme=dark in the iframe's URL overrides the reader's
 *                 prefers-color-scheme, for hosts with a fixed look.
 *   3. Filter     embed/ filters its list by name or alias as the reader types, on the search
 *                 keys the build wrote (data-names) and the shared names part's searchKey.
 *
 * An external file on purpose: embed pages allow no inline script (script-src 'self').
 */
