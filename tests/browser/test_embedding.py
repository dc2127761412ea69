"""The embedding kit in Chromium, as a training portal uses it: from another origin.

A real MkDocs build of a small glossary is served on one local origin, with the CORS header the
docs tell site owners to send; a mock portal page on a second origin (another port) frames an
embed card, adds the host resize script and loads the annotator widget with one script tag,
under a strict Content-Security-Policy. A term whose name, alias and definition carry HTML and
script shows that nothing from a term file can run in the portal.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import Page, expect

EVIL_NAME = "Evil <img src=x onerror=window.__pwned=1>"
EVIL_ALIAS = "</script><script>window.__pwned=1</script>"
EVIL = {
    "term": EVIL_NAME,
    "slug": "evil",
    "aliases": [EVIL_ALIAS],
    "categories": ["Crew and Roles"],
    "definition": (
        "Looks harmless: `<img src=x onerror=window.__pwned=1>` and "
        "<img src=x onerror=window.__pwned=1> until </script><script>window.__pwned=1</script> runs."
    ),
}
TERMS = {
    "key-grip": {
        "term": "Key Grip",
        "categories": ["Crew and Roles"],
        "definition": "The head of the grip department. Every grip reports to the key grip.",
        "related": ["Grip"],
    },
    "grip": {
        "term": "Grip",
        "categories": ["Crew and Roles"],
        "definition": "A crew member who rigs and moves camera support.",
    },
    "focus-puller": {
        "term": "Focus Puller",
        "aliases": ["First Assistant Camera"],
        "categories": ["Crew and Roles"],
        "definition": "The camera assistant who keeps the picture sharp.",
    },
    "racking-focus": {
        "term": "Racking Focus",
        "aliases": ["Rack Focus", "Focus Pull"],
        "categories": ["Technology and Equipment"],
        "definition": (
            "Shifting focus from one subject to another during a shot, so that the audience "
            "looks where the story wants it to look, guided by the focus puller's marks."
        ),
    },
    "ad": {
        "term": "AD",
        "aliases": ["Assistant Director"],
        "categories": ["Crew and Roles"],
        "definition": "The director's right hand, who runs the set and keeps the day on schedule.",
    },
    "evil": EVIL,
}
TOOLTIP = "#tb-widget-tooltip"

PORTAL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' {origin}; style-src 'self' {origin}; connect-src {origin}; frame-src {origin}; img-src 'self'">
<title>Course: On set</title>
<script src="{glossary}assets/termbook/embed-host.js" defer></script>
<script src="{glossary}assets/termbook/termbook.js" data-scope="main .content" defer></script>
</head>
<body>
<h1>Lesson 3: the grip department</h1>
<main>
  <div class="content">
    <h2>The Key Grip</h2>
    <p id="intro">The key grip runs the grips. Every grip reports to the key grip, while the focus puller is busy racking focus.</p>
    <p id="acronym">The ad in the trade paper was placed by the AD.</p>
    <p id="code">Type <code>Grip</code> in the form, or press <kbd>Key Grip</kbd>.</p>
    <p class="tb-nolink">Grip in a part the portal keeps as it is.</p>
    <p id="evil">Beware of Evil &lt;img src=x onerror=window.__pwned=1&gt; and of {alias} in a lesson.</p>
    <iframe id="card" src="{glossary}embed/racking-focus/" title="Racking Focus" width="420" height="50"></iframe>
  </div>
</main>
<p id="outside">A grip outside the annotated part.</p>
</body>
</html>
"""


class _CorsHandler(http.server.SimpleHTTPRequestHandler):
    """A static host configured as docs/embedding.md says: CORS allowed for the glossary."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".css": "text/css",
    }

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def serve_glossary() -> Iterator[Callable[[Path], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_CorsHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def glossary(build_site, serve_glossary) -> str:
    """Base URL of the built glossary (origin A); without a site_url, so the API's URLs are
    relative to the site root and the widget resolves them against its own address."""
    return serve_glossary(build_site(TERMS, extra={"site_url": ""}))


@pytest.fixture
def portal(glossary: str, serve_dir, tmp_path: Path) -> str:
    """URL of the mock portal page (origin B)."""
    folder = tmp_path / "portal"
    folder.mkdir()
    page = PORTAL.format(
        glossary=glossary,
        origin=glossary.rstrip("/"),
        alias=EVIL_ALIAS.replace("<", "&lt;").replace(">", "&gt;"),
    )
    (folder / "lesson.html").write_text(page, encoding="utf-8")
    return serve_dir(folder) + "lesson.html"


def marks(page: Page) -> list[tuple[str, str]]:
    found = page.eval_on_selector_all(
        "a.tb-term", "els => els.map(a => [a.dataset.term, a.textContent])"
    )
    return [tuple(pair) for pair in found]


def assert_nothing_ran(page: Page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("body script").count() == 0
    assert page.errors_seen == [] and page.dialogs_seen == []


def test_widget_marks_first_mentions_in_scope_and_skips_protected_text(
    page: Page, portal, glossary
):
    page.goto(portal)
    expect(page.locator("html")).to_have_attribute("data-tb-widget", "ready")
    assert marks(page) == [
        ("key-grip", "key grip"),
        ("grip", "grips"),
        ("focus-puller", "focus puller"),
        ("racking-focus", "racking focus"),
        ("ad", "AD"),  # written in capitals: "ad" stays a word
        ("evil", EVIL_NAME),
    ]
    first = page.locator("a.tb-term").first
    expect(first).to_have_attribute("href", glossary + "terms/key-grip/")
    expect(first).to_have_attribute("target", "_blank")
    for protected in ("h1", "h2", "#code", ".tb-nolink", "#outside"):
        assert page.locator(f"{protected} a.tb-term").count() == 0, protected
    expect(page.locator("#intro")).to_have_text(
        "The key grip runs the grips. Every grip reports to the key grip, while the focus puller "
        "is busy racking focus."
    )
    styles = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(l => l.href)")
    assert styles == [glossary + "assets/termbook/termbook.css"]
    assert_nothing_ran(page)


def test_preview_opens_on_hover_and_stays_while_the_pointer_is_on_it(page: Page, portal, glossary):
    page.goto(portal)
    expect(page.locator("html")).to_have_attribute("data-tb-widget", "ready")
    mark = page.locator('a.tb-term[data-term="key-grip"]')
    tip = page.locator(TOOLTIP)
    mark.hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    expect(mark).to_have_attribute("aria-describedby", "tb-widget-tooltip")
    expect(tip.locator(".tb-widget-tip__name")).to_have_text("Key Grip")
    expect(tip.locator(".tb-widget-tip__summary")).to_have_text("The head of the grip department.")
    more = tip.locator("a")
    expect(more).to_have_text("Read the full entry")
    expect(more).to_have_attribute("href", glossary + "terms/key-grip/")
    more.hover()
    page.wait_for_timeout(400)  # longer than the hide grace period
    expect(tip).to_be_visible()
    page.mouse.move(5, 5)
    expect(tip).to_be_hidden()
    expect(mark).not_to_have_attribute("aria-describedby", "tb-widget-tooltip")
    assert_nothing_ran(page)


def test_preview_opens_on_keyboard_focus_and_closes_with_escape(page: Page, portal):
    page.goto(portal)
    expect(page.locator("html")).to_have_attribute("data-tb-widget", "ready")
    tip = page.locator(TOOLTIP)
    page.keyboard.press("Tab")
    expect(page.locator('a.tb-term[data-term="key-grip"]')).to_be_focused()
    expect(tip).to_be_visible()
    expect(tip.locator(".tb-widget-tip__name")).to_have_text("Key Grip")
    page.keyboard.press("Tab")
    expect(page.locator('a.tb-term[data-term="grip"]')).to_be_focused()
    expect(tip.locator(".tb-widget-tip__name")).to_have_text("Grip")
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.locator(f"{TOOLTIP} a").get_attribute("tabindex") == "-1"
    assert_nothing_ran(page)


def test_term_text_with_html_and_script_stays_text_in_the_portal(page: Page, portal):
    page.goto(portal)
    expect(page.locator("html")).to_have_attribute("data-tb-widget", "ready")
    mark = page.locator('a.tb-term[data-term="evil"]')
    expect(mark).to_have_text(EVIL_NAME)
    mark.hover()
    tip = page.locator(TOOLTIP)
    expect(tip.locator(".tb-widget-tip__name")).to_have_text(EVIL_NAME)
    expect(tip.locator(".tb-widget-tip__summary")).to_contain_text(
        "<img src=x onerror=window.__pwned=1>"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#evil script, #evil img, .tb-widget-tip img").count() == 0
    assert_nothing_ran(page)


def test_framed_card_takes_its_content_height_and_follows_reflow(page: Page, portal):
    page.goto(portal)
    frame_element = page.locator("#card")
    # a function, not an expression: polling an expression needs eval, which the portal's CSP forbids
    page.wait_for_function("() => document.getElementById('card').clientHeight > 60")
    card = page.frame_locator("#card").locator(".tb-embed")
    expect(card.locator("h1")).to_have_text("Racking Focus")

    def heights() -> tuple[float, float]:
        inner = card.evaluate("el => el.getBoundingClientRect().height")
        outer = frame_element.evaluate("el => el.clientHeight")  # inside the frame's border
        return inner, outer

    inner, outer = heights()
    assert abs(inner - outer) <= 2

    page.evaluate("window.postMessage({subject: 'lti.frameResize', height: 999}, '*')")
    page.wait_for_timeout(100)
    assert abs(frame_element.evaluate("el => el.clientHeight") - outer) <= 2

    frame_element.evaluate("el => { el.width = '220'; }")  # a narrow column: the card reflows
    page.wait_for_function(
        "min => document.getElementById('card').clientHeight > min", arg=outer + 20
    )
    inner, outer = heights()
    assert abs(inner - outer) <= 2
    link = card.locator("a.tb-card__more")
    expect(link).to_have_attribute("target", "_blank")
    assert_nothing_ran(page)


def test_whole_glossary_filters_as_the_reader_types(new_page, glossary):
    page = new_page(color_scheme="dark")
    page.goto(glossary + "embed/")
    items = page.locator("#tb-embed-list > li")
    expect(items).to_have_count(6)
    page.fill("#tb-embed-filter", "rack")
    expect(items.locator(":visible")).not_to_have_count(0)
    expect(page.locator("#tb-embed-list > li:not([hidden])")).to_have_count(1)
    expect(page.locator("#tb-embed-status")).to_have_text("1 term")
    # Folded by the shared names rules, as the A–Z filter folds: punctuation and spacing
    # are no part of the key (the embed page's own folding once kept word breaks).
    page.fill("#tb-embed-filter", "RACK-focus")
    expect(page.locator("#tb-embed-status")).to_have_text("1 term")
    page.fill("#tb-embed-filter", "rackfocus")
    expect(page.locator("#tb-embed-status")).to_have_text("1 term")
    page.fill("#tb-embed-filter", "zzz")
    expect(page.locator(".tb-embed-index__empty")).to_be_visible()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(28, 27, 34)"  # dark, from prefers-color-scheme
    assert page.errors_seen == []
