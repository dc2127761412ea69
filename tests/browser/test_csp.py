"""The real site under the Content-Security-Policy that docs/security.md recommends.

The project's own site (mkdocs.yml, terms/, docs/, site_templates/) is built with its address
set to the local server's, served with the documented headers, and its pages are used the way a
reader uses them: search, previews, the A–Z filter, the palette toggle, a reload that applies the
saved palette, an embed card. Chromium reports every blocked inline script, inline style or
foreign request as a `securitypolicyviolation` event: there must be none.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from projects import run_build

REPO = Path(__file__).resolve().parents[2]
SECURITY_DOC = REPO / "docs" / "security.md"

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def documented_headers() -> dict[str, str]:
    """The headers in the first `text` block of docs/security.md's "Headers" section."""
    text = SECURITY_DOC.read_text(encoding="utf-8")
    section = text.split("## Headers to serve the site with", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block, "docs/security.md lists the headers in a ```text block"
    headers = {}
    for line in block.group(1).strip().splitlines():
        name, value = line.split(":", 1)
        headers[name.strip()] = value.strip()
    return headers


def test_the_documented_policy_is_strict():
    policy = documented_headers()["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty folder the site is built into once its address is known (see `served`)."""
    return tmp_path_factory.mktemp("real-site")


@pytest.fixture
def served(real_site: Path, serve_dir) -> str:
    base = serve_dir(real_site, headers=documented_headers())
    run_build(REPO / "mkdocs.yml", site_dir=str(real_site), site_url=base)
    return base


def open_page(new_page, url: str) -> Page:
    page = new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.route("https://api.github.com/**", lambda route: route.fulfill(status=404, body="{}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def assert_no_violations(page: Page, where: str) -> None:
    page.wait_for_timeout(200)
    assert page.evaluate("window.__cspViolations") == [], where
    assert page.errors_seen == [], where


def test_every_kind_of_page_runs_under_the_strict_policy(served, new_page):
    for path in (
        "",
        "terms/",
        "terms/racking-focus/",
        "categories/",
        "categories/crew-and-roles/",
        "articles/a-day-on-set/",
        "security/",
        "embed/racking-focus/",
        "embed/",
        "practice/",
        "practice/crew-and-roles/",
        "embed/practice/sound/",
    ):
        page = open_page(new_page, served + path)
        assert_no_violations(page, path)
        page.close()


def test_reading_searching_and_switching_palette_under_the_strict_policy(served, new_page):
    page = open_page(new_page, served + "terms/racking-focus/")
    page.locator("article a.tb-term").first.hover()
    page.locator("#tb-tooltip").wait_for(state="visible")
    page.locator("input.md-search__input").click()
    page.keyboard.type("grip")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    switched = page.evaluate("document.body.dataset.mdColorScheme")
    assert switched != scheme
    page.reload()  # theme-palette.js applies the saved choice before the page is painted
    assert page.evaluate("document.body.dataset.mdColorScheme") == switched
    assert_no_violations(page, "previews, search and palette")
    page.locator(".md-nav__link", has_text="A–Z index").first.click()  # instant navigation
    page.wait_for_url(served + "terms/")
    page.fill("#tb-az-filter", "grip")
    assert_no_violations(page, "instant navigation and the A–Z filter")


def test_practising_under_the_strict_policy(served, new_page):
    page = open_page(new_page, served + "practice/sound/")
    page.locator(".tb-flashcard__name").wait_for()
    page.keyboard.press("Space")
    page.keyboard.press("a")
    page.locator(".tb-quiz__choice").first.click()
    page.locator(".tb-quiz__next").click()
    assert_no_violations(page, "flashcards and quiz")
    page.locator(".md-nav__link", has_text="Practice").first.click()  # instant navigation
    page.wait_for_url(served + "practice/")
    # Material pushes the new address before it has fetched the page: until the new page is
    # in, the old one's cards and choices are still there to be found and to take the key.
    expect(page.locator("h1")).to_have_text("Practice")
    page.locator(".tb-quiz__choice").first.wait_for()
    page.keyboard.press("ArrowRight")
    expect(page.locator(".tb-flashcard__count")).to_contain_text(re.compile(r"^Card 2 of"))
    assert_no_violations(page, "practice after instant navigation")
