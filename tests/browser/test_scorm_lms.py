"""The SCORM packages in an LMS: scorm-again as the runtime, Chromium as the learner's browser.

Each package (the project's own site, exported as SCORM 1.2 and 2004 4th Edition) is unzipped
and served over http with an LMS player page beside it (``scorm_lms.lms_host``): the player
puts scorm-again's API on its window, logs every call the package makes, and launches the SCO
in a frame. A learner opens the package, reads three terms by following links, searches, opens
a result and leaves; the log must show one initialise, completion, one finish and no error.
The same package opened from a plain folder (file://) still searches.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Page, expect
from test_search import words_only_in_one_document

from scorm_lms import SCORM_AGAIN, api_calls, describe, lms_host, unzip
from termbook.pages.searchpack import VOCABULARY, unpacked_index

pytestmark = pytest.mark.skipif(
    not SCORM_AGAIN.exists(), reason="scorm-again is missing: `make test` runs npm install"
)

CALLS = {
    "1.2": {
        "initialize": "LMSInitialize",
        "finish": "LMSFinish",
        "set": "LMSSetValue",
        "status": "cmi.core.lesson_status",
        "location": "cmi.core.lesson_location",
        "session_time": "cmi.core.session_time",
    },
    "2004": {
        "initialize": "Initialize",
        "finish": "Terminate",
        "set": "SetValue",
        "status": "cmi.completion_status",
        "location": "cmi.location",
        "session_time": "cmi.session_time",
    },
}
SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT = ".md-search-result__item > a"


@pytest.fixture(params=["1.2", "2004"], ids=["scorm12", "scorm2004"])
def version(request) -> str:
    return request.param


@pytest.fixture
def package_dir(scorm_packages, version, tmp_path) -> Path:
    return unzip(scorm_packages[version], tmp_path / "package")


def scorm_log(page: Page) -> list[dict]:
    return page.evaluate("() => window.scormLog")


def term_in_view(glossary: FrameLocator) -> str:
    return glossary.locator("article.tb-entry[data-term]").get_attribute("data-term")


def follow_a_link_to_an_unread_term(glossary: FrameLocator, read: list[str]) -> None:
    """Clicks a term link in the current page whose term the learner has not read yet."""
    links = glossary.locator("a.tb-term[data-term]")
    slugs = [links.nth(i).get_attribute("data-term") for i in range(links.count())]
    target = next(slug for slug in slugs if slug not in read)
    glossary.locator(f"a.tb-term[data-term='{target}']").first.click()
    expect(glossary.locator(f"article.tb-entry[data-term='{target}']")).to_be_visible()
    read.append(target)


def test_a_learner_reads_searches_and_leaves_in_one_attempt(
    new_page, serve_dir, package_dir, version
):
    names = CALLS[version]
    player = lms_host(package_dir.parent, package_dir.name, version)
    base = serve_dir(package_dir.parent)
    page = new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(base + player)
    page.wait_for_function(f"() => window.scormLog.some(e => e.call === '{names['initialize']}')")

    glossary = page.frame_locator("#sco").frame_locator("iframe[data-scorm-content]")
    read: list[str] = []
    glossary.locator("a[href*='terms/racking-focus/']").first.click()
    expect(glossary.locator("article.tb-entry[data-term='racking-focus']")).to_be_visible()
    read.append("racking-focus")
    follow_a_link_to_an_unread_term(glossary, read)
    follow_a_link_to_an_unread_term(glossary, read)

    glossary.locator(SEARCH_INPUT).click()
    glossary.locator(SEARCH_INPUT).press_sequentially("key grip", delay=20)
    result = glossary.locator(SEARCH_RESULT).first
    expect(result).to_be_visible()
    result.click()
    expect(glossary.locator("article.tb-entry[data-term]")).to_be_visible()
    read.append(term_in_view(glossary))

    page.wait_for_function(  # the launch page records a page once the frame has loaded it
        "([name, page]) => window.scormLog.some(e => e.args[0] === name && e.args[1].startsWith(page))",
        arg=[names["location"], f"terms/{read[-1]}/"],
    )
    during = scorm_log(page)
    assert not api_calls(during, names["finish"]), "the attempt ended inside the package"
    locations = [
        e["args"][1] for e in api_calls(during, names["set"]) if e["args"][0] == names["location"]
    ]
    assert locations[-1].startswith(f"terms/{read[-1]}/"), locations
    progress = [
        e["args"][1] for e in api_calls(during, names["set"]) if e["args"][0] == "cmi.suspend_data"
    ]
    assert set(read) <= set(json.loads(progress[-1])["terms"])

    page.evaluate("() => window.leaveSco()")
    page.wait_for_function(f"() => window.scormLog.some(e => e.call === '{names['finish']}')")
    log = scorm_log(page)

    assert len(api_calls(log, names["initialize"])) == 1, describe(log)
    assert len(api_calls(log, names["finish"])) == 1, describe(log)
    assert log[0]["call"] == names["initialize"] and log[-1]["call"] == names["finish"]
    assert [e for e in log if e["error"] != "0" or e["result"] == "false"] == [], describe(log)
    completion = [e for e in api_calls(log, names["set"]) if e["args"][0] == names["status"]]
    assert [e["args"][1] for e in completion] == ["completed"]
    assert api_calls(log, names["set"])[-1]["args"][0] == names["session_time"]

    recorded = page.evaluate(
        "([status, location]) => [window.scormApi.getCMIValue(status),"
        " window.scormApi.getCMIValue(location)]",
        [names["status"], names["location"]],
    )
    assert recorded == ["completed", locations[-1]]
    outside = [url for url in requests if not url.startswith((base, "about:", "data:", "blob:"))]
    assert outside == []
    assert page.errors_seen == []


def test_search_works_from_a_plain_folder(new_page, package_dir):
    page = new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto((package_dir / "index.html").as_uri())
    page.locator(SEARCH_INPUT).click()
    page.locator(SEARCH_INPUT).press_sequentially("gaffer", delay=20)
    expect(page.locator(SEARCH_RESULT).first).to_contain_text("Gaffer")
    page.locator(SEARCH_RESULT).first.click()
    expect(page.locator("article.tb-entry[data-term='gaffer']")).to_be_visible()
    assert [url for url in requests if not url.startswith(("file:", "about:", "data:"))] == []
    assert page.errors_seen == []


def test_a_word_only_a_definition_holds_is_found_from_a_plain_folder(new_page, package_dir):
    """The packed index (search/search_index.js under file://) is unpacked by Termbook's
    worker in the frame Termbook's file-worker.js runs it in: a definition's word finds it."""
    index = json.loads((package_dir / "search" / "search_index.json").read_text("utf-8"))
    assert VOCABULARY in index["config"]
    [(word, name)] = words_only_in_one_document(unpacked_index(index), 1).items()
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto((package_dir / "index.html").as_uri())
    page.locator(SEARCH_INPUT).click()
    page.locator(SEARCH_INPUT).press_sequentially(word, delay=20)
    expect(page.locator(SEARCH_RESULT).first).to_contain_text(name)
    assert page.errors_seen == []


def test_the_launch_page_outside_an_lms_just_shows_the_glossary(new_page, package_dir):
    page = new_page()
    page.goto((package_dir / "scorm-launch.html").as_uri())
    glossary = page.frame_locator("iframe[data-scorm-content]")
    expect(glossary.locator("a[href*='terms/racking-focus/']").first).to_be_visible()
    assert page.errors_seen == []


SESSION_DRIVER = """
  window.runGradedSession = (score, passed) => {
    const session = new ScormSession(document.documentElement.dataset.scormVersion);
    const started = session.start();
    const again = session.start();
    const graded = session.score(score, 0, 10) && session.succeed(passed);
    const finished = session.finish() && !session.finish();
    return { started, again, graded, finished, errors: session.errors };
  };
"""


def test_the_shared_session_records_a_score_and_a_result_once(
    new_page, serve_dir, tmp_path, version
):
    """assets/src/scorm/session.js as a graded package (the quiz) uses it, in scorm-again."""
    from termbook.resources import ASSETS

    sco = tmp_path / "package"
    sco.mkdir()
    session = (ASSETS / "src" / "scorm" / "session.js").read_text(encoding="utf-8")
    (sco / "graded.js").write_text(f"(() => {{\n{session}{SESSION_DRIVER}}})();\n", "utf-8")
    (sco / "imsmanifest.xml").write_text(
        '<manifest xmlns="urn:x"><resources><resource href="graded.html"/></resources></manifest>'
    )
    (sco / "graded.html").write_text(
        f'<!doctype html><html data-scorm-version="{version}"><title>Quiz</title>'
        '<script src="graded.js"></script></html>'
    )
    player = lms_host(tmp_path, "package", version)
    page = new_page()
    page.goto(serve_dir(tmp_path) + player)
    sco_frame = page.frame_locator("#sco")
    expect(sco_frame.locator("html[data-scorm-version]")).to_be_attached()
    frame = next(f for f in page.frames if f.url.endswith("graded.html"))
    frame.wait_for_function("() => typeof window.runGradedSession === 'function'")
    outcome = frame.evaluate("() => window.runGradedSession(8, true)")
    assert outcome == {
        "started": True,
        "again": True,
        "graded": True,
        "finished": True,
        "errors": [],
    }
    log = scorm_log(page)
    names = CALLS[version]
    assert [e["call"] for e in log].count(names["initialize"]) == 1
    assert [e["call"] for e in log].count(names["finish"]) == 1
    assert [e for e in log if e["error"] != "0"] == [], describe(log)
    values = {e["args"][0]: e["args"][1] for e in api_calls(log, names["set"])}
    if version == "1.2":
        assert values["cmi.core.score.raw"] == "8" and values["cmi.core.score.max"] == "10"
        assert values["cmi.core.lesson_status"] == "passed"
    else:
        assert values["cmi.score.raw"] == "8" and values["cmi.score.scaled"] == "0.8"
        assert values["cmi.success_status"] == "passed"
        assert values["cmi.completion_status"] == "completed"
