"""A name several terms share ("CD" of the cloud glossary), in a real Chromium.

The cloud glossary is built with --strict; its site's links, previews and search must each lead
to and show every meaning of "CD" (the widget's marks and preview: test_names_parity.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_search import search

from projects import cloud_project, run_build
from termbook.glossary.rendered import check_terms
from termbook.linking.graph import linker_for

MEANINGS = ["Continuous Delivery", "Continuous Deployment"]


@pytest.fixture(scope="module")
def cloud_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("cloud")
    site = run_build(cloud_project(root, site_url=""), strict=True)
    checked = check_terms(root / "terms", root)
    return site, linker_for(checked.glossary)


def test_a_mention_on_the_site_links_the_shared_page_and_its_preview_lists_every_meaning(
    cloud_site, serve_dir, page: Page
) -> None:
    site, _ = cloud_site
    base = serve_dir(site)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base + "terms/continuous-integration/")
    link = page.locator('#examples a.tb-term[data-name="cd"]')
    expect(link).to_have_text("CD")
    link.hover()
    tip = page.locator("#tb-tooltip")
    expect(tip.locator("strong")).to_have_text("CD")
    expect(tip.locator("ol li b")).to_have_text(MEANINGS)
    expect(tip.locator("ol li").nth(1)).to_contain_text("Releasing every change")
    assert not [url for url in requested if "/api/names/" in url]  # the page carries it
    link.click()
    expect(page).to_have_url(base + "names/cd/")
    items = page.locator(".tb-meaning > a.tb-term")
    expect(items).to_have_text(MEANINGS)
    expect(page.locator(".tb-meaning__summary").first).to_have_text(
        "Keeping the main branch releasable at all times: every change that passes the pipeline "
        "is packaged and could go live at the press of a button, though a person still decides when."
    )
    items.nth(1).click()
    expect(page).to_have_url(base + "terms/continuous-deployment/")
    assert page.errors_seen == []


@pytest.mark.parametrize("query", ["CD", "cd"])
def test_searching_a_shared_name_puts_every_meaning_first(
    cloud_site, serve_dir, new_page, query: str
) -> None:
    site, _ = cloud_site
    page = new_page(viewport={"width": 1280, "height": 900})
    page.goto(serve_dir(site))
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    titles = search(page, query)
    assert sorted(titles[:2]) == MEANINGS, titles
