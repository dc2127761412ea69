"""A name several terms share ("CD" of the cloud glossary), in a real Chromium.

The cloud glossary is built with --strict; its site's links, previews and search, and the
portal widget reading its names index, must each lead to and show every meaning of "CD".
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from cloud import cloud_project
from playwright.sync_api import Page, expect
from test_search import search

from projects import run_build
from termbook.glossary.rendered import check_terms
from termbook.linking.graph import linker_for
from test_names import markup_marks

MEANINGS = ["Continuous Delivery", "Continuous Deployment"]

WIDGET_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shared</title>
<script src="assets/termbook/termbook.js" data-scope=".cases" data-mode="all" defer></script>
</head><body><div class="cases">{paragraphs}</div></body></html>
"""
CASES = [
    ("plain", "Ship it with CD every day."),
    ("plural", "Both CDs need a pipeline, and Continuous Delivery is one."),
    ("lowercase-is-no-acronym", "Put the cd in the drawer."),
    ("with-integration", "Continuous Integration feeds CD."),
]


@pytest.fixture(scope="module")
def cloud_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("cloud")
    site = run_build(cloud_project(root, site_url=""), strict=True)
    checked = check_terms(root / "terms", root)
    return site, linker_for(checked.glossary)


def _widget_marks(page: Page, case_id: str) -> list[tuple[str, str]]:
    found = page.eval_on_selector_all(
        f"#case-{case_id} a.tb-term",
        "els => els.map(a => [a.dataset.term || 'names/' + a.dataset.name, a.textContent])",
    )
    return [tuple(pair) for pair in found]


def test_the_widget_marks_a_shared_name_as_the_site_links_it_and_previews_every_meaning(
    cloud_site, serve_dir, page: Page
) -> None:
    site, linker = cloud_site
    paragraphs = "\n".join(f'<p id="case-{i}">{html.escape(text)}</p>' for i, text in CASES)
    (site / "shared.html").write_text(WIDGET_PAGE.format(paragraphs=paragraphs), "utf-8")
    base = serve_dir(site)
    page.goto(base + "shared.html")
    expect(page.locator("html")).to_have_attribute("data-tb-widget", "ready")
    expected = {
        "plain": [("names/cd", "CD")],
        "plural": [("names/cd", "CDs"), ("continuous-delivery", "Continuous Delivery")],
        "lowercase-is-no-acronym": [],
        "with-integration": [
            ("continuous-integration", "Continuous Integration"),
            ("names/cd", "CD"),
        ],
    }
    for case_id, text in CASES:
        python = markup_marks(html.escape(text), "all", linker)
        assert python == expected[case_id], case_id
        assert _widget_marks(page, case_id) == python, case_id
    mark = page.locator("#case-plain a.tb-term")
    assert mark.get_attribute("href") == base + "names/cd/"
    mark.hover()
    tip = page.locator("#tb-widget-tooltip")
    expect(tip.locator(".tb-widget-tip__name")).to_have_text("CD")
    expect(tip.locator(".tb-widget-tip__meanings li b")).to_have_text(MEANINGS)
    expect(tip.locator(".tb-widget-tip__meanings li").first).to_contain_text("Keeping the main")
    assert page.errors_seen == []


def test_a_mention_on_the_site_links_the_shared_page_and_its_preview_lists_every_meaning(
    cloud_site, serve_dir, page: Page
) -> None:
    site, _ = cloud_site
    base = serve_dir(site)
    page.goto(base + "terms/continuous-integration/")
    link = page.locator('#examples a.tb-term[data-name="cd"]')
    expect(link).to_have_text("CD")
    link.hover()
    tip = page.locator("#tb-tooltip")
    expect(tip.locator("strong")).to_have_text("CD")
    expect(tip.locator("ol li b")).to_have_text(MEANINGS)
    expect(tip.locator("ol li").nth(1)).to_contain_text("Releasing every change")
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
