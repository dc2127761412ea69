"""Practice as readers and portals use it, in Chromium: flashcards by keyboard, a quiz answered
right and wrong, the embed practice card in a portal on another origin, and the SCORM quiz in
an LMS runtime (scorm-again) that must record the score and the status exactly once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import serious_violations

from projects import BASIC_TERMS, run_build, write_project
from scorm_lms import SCORM_AGAIN, api_calls, describe, lms_host, unzip
from termbook.glossary.rendered import check_terms
from termbook.pages.site_info import SiteInfo
from termbook.publish.exports import scorm_quiz
from termbook.publish.exports.scorm import LAUNCH_PAGE
from termbook.study import MASK, study_set


def crew(name: str, definition: str, **more) -> dict:
    return {"term": name, "categories": ["Crew and Roles"], "definition": definition, **more}


TERMS = {
    **BASIC_TERMS,
    "gaffer": crew("Gaffer", "The chief lighting technician; gaffers run the electricians."),
    "best-boy": crew("Best Boy", "The second in command of the grips or the electricians."),
    "runner": crew("Runner", "A junior who runs errands on set.", examples=["Ask a runner."]),
    "dolly-grip": crew("Dolly Grip", "The grip who pushes the camera dolly."),
    "boom-operator": crew("Boom Operator", "Holds the boom microphone over the actors."),
    "evil": crew(
        "Evil <img src=x onerror=window.__pwned=1>",
        "Harmless text </script><script>window.__pwned=1</script> and <b>bold</b>.",
        slug="evil",
    ),
}
CREW = "practice/crew-and-roles/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("practice")
    return run_build(write_project(root, TERMS, extra={"site_url": ""}))


@pytest.fixture
def base(site: Path, serve_dir) -> str:
    return serve_dir(site)


def rendered(site: Path):
    checked = check_terms(site.parent / "terms", site.parent, dates=False)
    return checked.glossary, checked.entries


def data(site: Path, page: str) -> dict:
    return json.loads((site / page / "questions.json").read_text(encoding="utf-8"))


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.errors_seen == [] and page.dialogs_seen == []


# ------------------------------------------------------------------------------- flashcards


def test_reader_turns_and_sorts_flashcards_with_the_keyboard_only(page: Page, base, site):
    deck = data(site, CREW)
    names = {slug: term["name"] for slug, term in deck["terms"].items()}
    order = [card["slug"] for card in deck["cards"]]
    page.goto(base + CREW)
    name = page.locator(".tb-flashcard__name")
    status = page.locator(".tb-flashcards__status")
    back = page.locator(".tb-flashcard__back")
    expect(name).to_have_text(names[order[0]])
    expect(back).to_be_hidden()

    page.keyboard.press("Space")  # turn over
    expect(back).to_be_visible()
    expect(page.locator(".tb-flashcard__definition")).to_have_text(deck["cards"][0]["definition"])
    expect(status).to_have_text(deck["cards"][0]["definition"])
    expect(status).to_have_attribute("aria-live", "polite")
    page.keyboard.press("Space")
    expect(back).to_be_hidden()

    page.keyboard.press("ArrowRight")
    expect(name).to_have_text(names[order[1]])
    expect(page.locator(".tb-flashcard__count")).to_have_text(f"Card 2 of {len(order)}")
    page.keyboard.press("ArrowLeft")
    expect(name).to_have_text(names[order[0]])
    page.keyboard.press("k")  # knew the first: on to the second
    expect(name).to_have_text(names[order[1]])
    page.keyboard.press("ArrowRight")
    struggled = order[2]
    expect(name).to_have_text(names[struggled])
    page.keyboard.press("a")  # again: it will come first
    expect(status).to_contain_text(f"{names[struggled]}: again")
    expect(name).to_have_text(names[order[3]])

    # The buttons work from the keyboard too: Tab to "Again" and press Enter.
    page.locator('[data-action="again"]').focus()
    page.keyboard.press("Enter")
    expect(name).to_have_text(names[order[4]])

    page.reload()
    expect(name).to_have_text(names[struggled])  # marked again: first
    page.keyboard.press("ArrowRight")
    expect(name).to_have_text(names[order[3]])
    stored = page.evaluate("localStorage.getItem('termbook:practice:crew-and-roles')")
    assert json.loads(stored) == {struggled: 1, order[3]: 1}
    assert_nothing_ran(page)


def test_flashcard_turns_over_on_click_and_shows_example_and_entry_link(page: Page, base, site):
    deck = data(site, CREW)
    runner = next(i for i, c in enumerate(deck["cards"]) if c["slug"] == "runner")
    page.goto(base + CREW)
    for _ in range(runner):
        page.keyboard.press("ArrowRight")
    page.locator(".tb-flashcard").click()
    expect(page.locator(".tb-flashcard__example")).to_have_text("Ask a runner.")
    link = page.locator(".tb-flashcard__link")
    expect(link).to_have_text("Read the full entry: Runner")
    expect(link).to_have_attribute("href", base + "terms/runner/")
    assert_nothing_ran(page)


# ------------------------------------------------------------------------------------ quiz


def answer_round(page: Page, quiz: list[dict], wrong: set[int]) -> None:
    """Answer each question with the keyboard: Tab to a choice and Enter, or its number."""
    feedback = page.locator(".tb-quiz__feedback")
    for i, question in enumerate(quiz):
        right = question["choices"].index(question["slug"])
        pick = (right + 1) % len(question["choices"]) if i in wrong else right
        expect(page.locator(".tb-quiz__progress")).to_have_text(f"Question {i + 1} of {len(quiz)}")
        if i == 0:
            while not page.evaluate("document.activeElement.classList.contains('tb-quiz__choice')"):
                page.keyboard.press("Tab")
            for _ in range(pick):
                page.keyboard.press("Tab")
            page.keyboard.press("Enter")
        else:
            page.keyboard.press(str(pick + 1))
        expect(feedback).to_contain_text("Wrong" if i in wrong else "Right")
        expect(page.locator(".tb-quiz__choice--right")).to_have_attribute(
            "data-slug", question["slug"]
        )
        expect(page.locator(".tb-quiz__next")).to_be_focused()
        page.keyboard.press("Enter")


def test_reader_answers_a_quiz_right_and_wrong_and_sees_score_and_links(page: Page, base, site):
    deck = data(site, CREW)
    quiz = deck["quiz"][: deck["round"]]
    page.goto(base + CREW)
    study = study_set(*rendered(site), "crew-and-roles")
    prompts = {q.slug: q.prompt for q in study.questions}  # the generator's own masked text
    expect(page.locator(".tb-quiz__prompt")).to_have_text(prompts[quiz[0]["slug"]])
    assert any(MASK in prompts[q["slug"]] for q in quiz)
    answer_round(page, quiz, wrong={1, 3})
    score = page.locator(".tb-quiz__score")
    expect(score).to_have_text(f"Your score: {len(quiz) - 2} of {len(quiz)}")
    expect(score).to_be_focused()
    expect(page.locator(".tb-quiz__feedback")).to_contain_text("2 to read again")
    missed = page.locator(".tb-quiz__missed a")
    expect(missed).to_have_count(2)
    for link, i in zip(missed.all(), (1, 3), strict=True):
        slug = quiz[i]["slug"]
        expect(link).to_have_text(deck["terms"][slug]["name"])
        expect(link).to_have_attribute("href", base + f"terms/{slug}/")
    page.locator('[data-action="new-round"]').press("Enter")
    expect(page.locator(".tb-quiz__progress")).to_have_text(f"Question 1 of {len(quiz)}")
    assert_nothing_ran(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_practice_in_use_has_no_serious_axe_violations_in_either_scheme(
    new_page, project_url: str, scheme: str
):
    """The project's own site (its templates fix Material's own axe findings): a turned card,
    an answered question, then the score with missed entries."""
    page = new_page(color_scheme=scheme)
    page.goto(project_url + "practice/crew-and-roles/")
    expect(page.locator(".tb-quiz")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator(".tb-flashcard__back")).to_be_visible()
    page.locator(".tb-quiz__choice").first.click()
    assert serious_violations(page) == []
    while page.locator(".tb-quiz__next").is_visible():
        page.locator(".tb-quiz__next").click()
        if page.locator(".tb-quiz__choice").first.is_visible():
            page.locator(".tb-quiz__choice").last.click()
    expect(page.locator(".tb-quiz__score")).to_be_visible()
    assert serious_violations(page) == []


def test_practice_fits_a_phone_without_sideways_scrolling(new_page, base):
    page = new_page(viewport={"width": 360, "height": 740}, color_scheme="dark")
    page.goto(base + CREW)
    expect(page.locator(".tb-quiz__choice")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    columns = page.locator(".tb-quiz__choices").evaluate(
        "el => getComputedStyle(el).gridTemplateColumns.split(' ').length"
    )
    assert columns == 1
    background = page.locator(".tb-flashcard").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert background != "rgb(245, 245, 245)"  # the dark scheme's surface, not the light one


def test_practice_section_is_linked_from_the_home_page_and_navigation(page: Page, project_url):
    page.goto(project_url)
    expect(page.locator(".tb-home-practice a")).to_have_attribute("href", project_url + "practice/")
    nav = page.locator(".md-nav--primary a.md-nav__link", has_text="Practice")
    expect(nav.first).to_have_attribute("href", re.compile(r"(^|/)practice/$"))
    page.locator(".tb-home-practice a").click()
    expect(page.locator("h1")).to_have_text("Practice")


PORTAL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' {origin}; frame-src {origin}">
<title>Course: On set</title>
<script src="{glossary}assets/termbook/embed-host.js" defer></script>
</head>
<body>
<h1>Check yourself</h1>
<iframe id="practice" src="{glossary}embed/practice/crew-and-roles/" title="Practice" width="480" height="50"></iframe>
</body>
</html>
"""


def test_embed_practice_card_resizes_in_a_portal_on_another_origin(
    page: Page, base, serve_dir, tmp_path
):
    folder = tmp_path / "portal"
    folder.mkdir()
    html = PORTAL.format(glossary=base, origin=base.rstrip("/"))
    (folder / "lesson.html").write_text(html, encoding="utf-8")
    page.goto(serve_dir(folder) + "lesson.html")
    frame_element = page.locator("#practice")
    page.wait_for_function("() => document.getElementById('practice').clientHeight > 300")
    card = page.frame_locator("#practice")
    expect(card.locator(".tb-quiz__choice")).to_have_count(4)

    def sizes() -> tuple[float, float]:
        inner = card.locator(".tb-embed").evaluate("el => el.getBoundingClientRect().height")
        return inner, frame_element.evaluate("el => el.clientHeight")

    inner, outer = sizes()
    assert abs(inner - outer) <= 2
    card.locator(".tb-flashcard").click()  # the back of the card is taller
    page.wait_for_function(
        "min => document.getElementById('practice').clientHeight > min", arg=outer + 20
    )
    inner, outer = sizes()
    assert abs(inner - outer) <= 2
    frame = page.frame_locator("#practice").locator("html")
    assert frame.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.errors_seen == []


def test_embed_practice_card_has_no_serious_axe_violations_in_dark(new_page, base):
    page = new_page(color_scheme="dark", bypass_csp=True)  # to add axe; the policy is tested above
    page.goto(base + "embed/practice/")
    expect(page.locator(".tb-flashcard__name")).not_to_be_empty()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(28, 27, 34)"
    assert serious_violations(page) == []
    assert page.errors_seen == []


# ------------------------------------------------------------------------------------ SCORM

QUIZ_CALLS = {
    "1.2": {
        "initialize": "LMSInitialize",
        "finish": "LMSFinish",
        "set": "LMSSetValue",
        "commit": "LMSCommit",
        "progress": "cmi.core.lesson_status",
        "session_time": "cmi.core.session_time",
    },
    "2004": {
        "initialize": "Initialize",
        "finish": "Terminate",
        "set": "SetValue",
        "commit": "Commit",
        "progress": "cmi.completion_status",
        "session_time": "cmi.session_time",
    },
}


def graded(version: str, raw: int, status: str) -> list[list[str]]:
    """What the quiz records when the learner has answered: score, then the result."""
    if version == "1.2":
        return [
            ["cmi.core.score.min", "0"],
            ["cmi.core.score.max", "100"],
            ["cmi.core.score.raw", str(raw)],
            ["cmi.core.lesson_status", status],
        ]
    return [
        ["cmi.score.min", "0"],
        ["cmi.score.max", "100"],
        ["cmi.score.raw", str(raw)],
        ["cmi.score.scaled", f"{raw / 100:g}"],
        ["cmi.completion_status", "completed"],
        ["cmi.success_status", status],
    ]


@pytest.fixture(params=["1.2", "2004"], ids=["scorm12", "scorm2004"])
def lms(request, tmp_path, serve_dir, make_terms) -> tuple[str, str, str, dict]:
    """An LMS player running scorm-again (tests/scorm_lms.py) with the quiz package of either
    SCORM version unzipped beside it and launched in a same-origin frame, as an LMS does."""
    if not SCORM_AGAIN.is_file():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `make browser` (or `npm install`) first")
    version = request.param
    checked = check_terms(make_terms(TERMS), tmp_path)
    site = SiteInfo(name="Test Glossary", site_url="https://example.org/glossary/")
    fmt = next(name for name, v in scorm_quiz.VERSIONS.items() if v.key == version)
    package = scorm_quiz.package(checked, site, 80, 5, scorm_quiz.VERSIONS[fmt])
    launch = unzip(package, tmp_path / "package") / LAUNCH_PAGE
    block = launch.read_text(encoding="utf-8").split('class="tb-practice__data">', 1)[1]
    player = lms_host(tmp_path, "package", version)
    return version, serve_dir(tmp_path), player, json.loads(block.split("</script>", 1)[0])


@pytest.mark.parametrize(("wrong", "raw", "status"), [({2}, 80, "passed"), ({0, 4}, 60, "failed")])
def test_scorm_quiz_records_score_and_status_exactly_once(page: Page, lms, wrong, raw, status):
    version, base, player, quiz_data = lms
    names = QUIZ_CALLS[version]
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(base + player)
    sco = page.frame_locator("#sco")
    expect(sco.locator(".tb-quiz__choice")).to_have_count(4)
    assert sco.locator(".tb-flashcards").count() == 0
    quiz = quiz_data["quiz"]
    assert len(quiz) == 5
    for i, question in enumerate(quiz):
        right = question["choices"].index(question["slug"])
        pick = (right + 1) % 4 if i in wrong else right
        sco.locator(".tb-quiz__choice").nth(pick).click()
        sco.locator(".tb-quiz__next").click()
    expect(sco.locator(".tb-quiz__score")).to_have_text(f"Your score: {5 - len(wrong)} of 5")
    expect(sco.locator('[data-action="new-round"]')).to_be_hidden()
    missed = sco.locator(".tb-quiz__missed a")
    expect(missed).to_have_count(len(wrong))
    for link in missed.all():  # an entry opens beside the quiz, never in the LMS's frame
        expect(link).to_have_attribute("target", "_blank")
    page.wait_for_function(f"() => window.scormLog.some(e => e.call === '{names['commit']}')")
    during = page.evaluate("() => window.scormLog")
    assert not api_calls(during, names["finish"]), "the score must stay on screen until leaving"

    page.evaluate("() => window.leaveSco()")  # the LMS closes the SCO: the one finish
    page.wait_for_function(f"() => window.scormLog.some(e => e.call === '{names['finish']}')")
    log = page.evaluate("() => window.scormLog")
    calls = [entry["call"] for entry in log]
    assert calls.count(names["initialize"]) == 1, describe(log)
    assert calls.count(names["commit"]) == 1, describe(log)
    assert calls.count(names["finish"]) == 1, describe(log)
    assert calls[0] == names["initialize"] and calls[-1] == names["finish"], describe(log)
    assert [e for e in log if e["error"] != "0" or e["result"] == "false"] == [], describe(log)
    sets = [entry["args"] for entry in api_calls(log, names["set"])]
    assert sets[0] == [names["progress"], "incomplete"]  # leaving early is not "completed"
    assert sets[1:-1] == graded(version, raw, status)  # the result, exactly once
    assert sets[-1][0] == names["session_time"]
    committed = calls.index(names["commit"])  # right after the result, before leaving
    assert log[committed - 1]["args"] == graded(version, raw, status)[-1], describe(log)
    assert log[committed + 1]["args"][0] == names["session_time"], describe(log)

    recorded = {
        element: page.evaluate("e => window.scormApi.getCMIValue(e)", element)
        for element, _ in graded(version, raw, status)
    }
    assert recorded == dict(graded(version, raw, status))
    outside = [url for url in requests if not url.startswith((base, "about:", "data:", "blob:"))]
    assert outside == []
    assert page.errors_seen == []


def test_scorm_quiz_outside_an_lms_is_a_plain_quiz(new_page, tmp_path, make_terms, serve_dir):
    """A trainer previewing the unzipped package (a plain folder, or served): no LMS, no
    session, the quiz still works, with no serious axe violations in the dark scheme."""
    checked = check_terms(make_terms(TERMS), tmp_path)
    site = SiteInfo(name="Test Glossary", site_url="")
    package = scorm_quiz.package(checked, site, 80, 3, scorm_quiz.VERSIONS["scorm2004-quiz"])
    launch = unzip(package, tmp_path / "package") / LAUNCH_PAGE
    folder = new_page()
    folder.goto(launch.as_uri())
    expect(folder.locator(".tb-quiz__choice")).to_have_count(4)
    assert folder.errors_seen == []

    page = new_page(color_scheme="dark")
    page.goto(serve_dir(launch.parent) + LAUNCH_PAGE)
    page.locator(".tb-quiz__choice").first.click()
    assert serious_violations(page) == []
    page.locator(".tb-quiz__next").click()
    for _ in range(2):
        page.locator(".tb-quiz__choice").last.click()
        page.locator(".tb-quiz__next").click()
    expect(page.locator(".tb-quiz__score")).to_contain_text("of 3")
    expect(page.locator(".tb-card__footer")).to_have_count(0)  # no site address, no link to it
    assert serious_violations(page) == []
    assert page.errors_seen == []
