  /* ---------------------------------------------------------------------- quiz launch */
  const quizSession = new ScormSession(document.documentElement.dataset.scormVersion);
  const graded = document.querySelector(".tb-practice[data-mode='scorm']");
  let reported = false;

  /** The quiz's result, once per launch: the percent right, passed/failed against mastery. */
  function reportScore(event) {
    const { right, total } = event.detail || {};
    if (reported || !quizSession.active() || !(total > 0)) return;
    reported = true;
    const raw = Math.round((100 * right) / total);
    const mastery = Number.parseFloat(graded.dataset.mastery);
    quizSession.score(raw, 0, 100);
    if (Number.isFinite(mastery)) quizSession.succeed(raw >= mastery);
    else quizSession.complete();
    quizSession.commit();
  }

  if (graded && quizSession.start()) {
    quizSession.begin();
    quizSession.finishOnLeave();
    graded.addEventListener("termbook:quiz-score", reportScore);
  }
