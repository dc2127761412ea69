"""The existing-site example (a beekeeping docs site with Termbook added as
docs/existing-site.md shows: explicit nav, search, tags, offline), built by a fresh environment
holding only Termbook's wheel, read in Chromium over http and opened from the file system:
term links, their previews and search.

From the file system, Material's search runs its worker through the iframe-worker shim, which
the `offline` plugin loads from unpkg.com (the `privacy` plugin, with network at build time,
would ship it in the site). The browser here has no network: the shim's request is answered
with the same file from npm's `iframe-worker` package (`make browser` installs it), as the
network would answer it. Nothing else is routed. Search results are checked over http; from the
file system, the index the page loads (see the last test for why not the results).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from projects import EXISTING_SITE

ROOT = Path(__file__).resolve().parents[2]
SHIM_URL = "https://unpkg.com/iframe-worker/shim"
SHIM = Path(
    os.environ.get(
        "TERMBOOK_IFRAME_WORKER", ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
    )
)
TOOLTIP = "#tb-tooltip"
SEARCH_INPUT = "input.md-search__input"
RESULT_TITLES = ".md-search-result__item > a:first-child article > h1"


@pytest.fixture(scope="module")
def hive_site(wheel_env, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("hive") / "site"
    built = wheel_env.run(
        "mkdocs", "build", "--strict", "-f", EXISTING_SITE / "mkdocs.yml", "-d", site
    )
    assert built.returncode == 0, built.stderr
    return site


@pytest.fixture(scope="module")
def hive_url(hive_site: Path) -> Iterator[str]:
    from conftest import _served

    yield from _served(hive_site)


@pytest.fixture(params=["http", "file"])
def base(request, hive_site: Path) -> str:
    if request.param == "http":
        return request.getfixturevalue("hive_url")
    return hive_site.as_uri() + "/"


def watch_requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def test_a_term_link_previews_and_leads_to_its_page(page: Page, base: str) -> None:
    requests = watch_requests(page)
    page.goto(base + "inspections.html")
    link = page.locator("article a.tb-term[data-term='swarm']")
    expect(link).to_have_text("swarm")
    link.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("strong")).to_have_text("Swarm")
    expect(tooltip.locator("span")).to_have_text(
        "A swarm is the part of a colony that leaves the hive with the old queen to start a "
        "new home, usually in late spring."
    )
    assert not [url for url in requests if "/api/" in url]  # the page carried the preview
    link.click()
    page.wait_for_url(base + "terms/swarm/index.html")
    expect(page.locator("article h1")).to_have_text("Swarm")
    related = page.locator("article a[href='../queen/index.html']").first
    related.click()
    page.wait_for_url(base + "terms/queen/index.html")
    assert page.errors_seen == []


def test_the_glossary_is_reached_from_the_nav_and_its_index(new_page, base: str) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "index.html")
    page.locator("label.md-nav__link", has_text="Glossary").first.click()  # open its section
    page.locator("a.md-nav__link", has_text="A–Z index").first.click()
    page.wait_for_url(base + "terms/index.html")
    items = page.locator(".tb-az-item > a")
    expect(items).to_have_count(8)
    page.get_by_label("Filter terms").fill("varroa")
    expect(page.locator(".tb-az-item:visible > a")).to_have_text(["Varroa Mite"])
    page.locator(".tb-az-item:visible > a").click()
    page.wait_for_url(base + "terms/varroa-mite/index.html")
    assert page.errors_seen == []


def search(page: Page, query: str) -> list[str]:
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=15)  # Material searches on key events
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching")
    expect(page.locator(RESULT_TITLES).first).to_be_visible()
    return [t.strip() for t in page.locator(RESULT_TITLES).all_inner_texts()]


def test_search_finds_the_terms_and_the_pages(new_page, hive_url: str) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(hive_url + "harvest.html")
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    titles = search(page, "varroa")
    assert titles[0] == "Varroa Mite", titles
    titles = search(page, "honey super")
    assert "Super" in titles, titles
    result = page.locator(".md-search-result__item > a[href*='terms/super/index.html?h=']")
    result.first.click()  # search.highlight adds ?h=
    page.wait_for_url(hive_url + "terms/super/index.html?h=honey+super")
    expect(page.locator("article h1")).to_have_text("Super")
    assert page.errors_seen == []


def test_from_the_file_system_the_search_index_the_page_loads_has_the_terms(
    new_page, hive_site: Path
) -> None:
    """Opened from the file system, Material's search reads search/search_index.js (a script,
    not a fetch) into `__index`: the terms are there. Material then runs its search worker
    through the iframe-worker shim; in headless Chromium that worker never receives the
    index, for a plain Material site with `offline` as much as for this one (its status stays
    "Initializing search"), so the results list is checked over http above."""
    page = new_page(viewport={"width": 1280, "height": 900})
    assert SHIM.is_file(), f"{SHIM}: run `make browser` (npm's iframe-worker)"
    page.route(SHIM_URL, lambda route: route.fulfill(path=str(SHIM)))
    page.goto(hive_site.as_uri() + "/harvest.html")
    page.wait_for_function("typeof __index === 'object'")
    titles = page.evaluate("__index.docs.map((doc) => doc.title)")
    for name in ("Brood", "Queen Excluder", "Varroa Mite", "Swarm", "Harvest"):
        assert name in titles
    locations = page.evaluate("__index.docs.map((doc) => doc.location)")
    assert "terms/varroa-mite/index.html" in locations
    assert page.errors_seen == []
