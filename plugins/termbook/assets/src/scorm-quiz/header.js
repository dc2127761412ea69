/*
 * Termbook SCORM quiz: the launch script of the quiz package (termbook export --format
 * scorm-quiz | scorm2004-quiz). The quiz on the page is the site's practice script in graded
 * mode (one round); this script holds the one SCORM session of the launch:
 *
 *   - initialise once when the LMS opens the package, and record the attempt as incomplete;
 *   - when the learner has answered the last question (the practice script's
 *     "termbook:quiz-score" event), record the score in percent (min 0, max 100) and passed
 *     or failed against the package's mastery score, once, and commit;
 *   - finish once, when the learner leaves the package (the LMS closes or replaces this page),
 *     so the score and the entries to read again stay on screen until then.
 *
 * Assembled from assets/src/scorm-quiz.parts inside one function scope (termbook.resources):
 * edit the parts, not the built file. No inline code: runs under a strict CSP.
 */
