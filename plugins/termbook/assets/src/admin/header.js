/*
 * Termbook's web editor (/admin/): what Decap CMS needs to edit term files as Termbook reads
 * them. Assembled at build time from assets/src/ (admin.parts lists the parts; the rules are
 * generated from termbook.names and termbook.glossary): edit the parts, not the built file.
 *
 *   1. Entries   side files of the terms folder (_categories.yaml, ...) are not listed as terms.
 *   2. Save      empty optional fields are left out of the file, and a new term's file is named
 *                by the slug the site derives from its name (written as `slug:`, so the page's
 *                address stays when the name is edited later).
 *   3. Preview   the entry with the term page's structure and the site's style sheet.
 *
 * Loaded only by /admin/, after decap-cms.js: no reader's page loads it.
 */
