/*
 * Termbook SCORM launch page: the page an LMS opens from the SCORM package (termbook export
 * --format scorm | scorm2004). It holds the one SCORM session of the launch and shows the
 * offline glossary in a frame, where the learner follows links and searches freely:
 *
 *   - initialise once when the LMS opens the package, and record the visit as completed (the
 *     glossary is reference material: opening it is the activity);
 *   - on every page the frame shows, record it as the bookmark and the terms read so far as
 *     progress (suspend data), and commit;
 *   - finish once, when the learner leaves the package (the LMS closes or replaces this page),
 *     never on a link inside it.
 *
 * Assembled from assets/src/scorm-launch.parts inside one function scope (termbook.resources):
 * edit the parts, not the built file. No inline code: runs under a strict CSP.
 */
