"""A term with numbered senses in a real Chromium: its previews, on the site and in the portal
widget, show the first sense and how many there are; its page anchors each sense."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_senses import TERMS

from projects import run_build, write_project

FIRST = "1. The director's call to stop the camera."


@pytest.fixture(scope="module")
def senses_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("senses-preview")
    docs = {"index.md": "# Home\n\nSay cut when the take is done.\n"}
    return run_build(write_project(root, TERMS, docs=docs, extra={"site_url": ""}), strict=True)


def test_the_site_preview_shows_the_first_sense_and_the_count(
    senses_site, serve_dir, page: Page
) -> None:
    base = serve_dir(senses_site)
    page.goto(base)
    link = page.locator('article a.tb-term[data-term="cut"]')
    link.hover()
    tip = page.locator("#tb-tooltip")
    expect(tip.locator("strong")).to_have_text("Cut")
    expect(tip.locator("span")).to_have_text(FIRST)
    expect(tip.locator("small")).to_have_text("1 of 3 senses")
    link.click()
    expect(page.locator("#sense-2")).to_contain_text("A join between two shots")
    page.goto(base + "terms/cut/#sense-3")
    expect(page.locator("#sense-3")).to_be_in_viewport()
    assert page.errors_seen == []


def test_the_widget_preview_shows_the_first_sense_and_the_count(
    senses_site, serve_dir, page: Page
) -> None:
    (senses_site / "widget.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>W</title>'
        '<script src="assets/termbook/termbook.js" defer></script></head>'
        "<body><p>Wait for the cut.</p></body></html>",
        "utf-8",
    )
    page.goto(serve_dir(senses_site) + "widget.html")
    expect(page.locator("html")).to_have_attribute("data-tb-widget", "ready")
    page.locator('a.tb-widget-term[data-term="cut"]').hover()
    tip = page.locator("#tb-widget-tooltip")
    expect(tip.locator(".tb-widget-tip__summary")).to_have_text(FIRST)
    expect(tip.locator(".tb-widget-tip__note")).to_have_text("1 of 3 senses")
    assert page.errors_seen == []
