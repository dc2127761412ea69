"""Illustrations and share cards on the project's real site: every term page's og:image is a
1200×630 PNG that exists; an illustrated term shows its drawing, loaded and visible, in light and
dark mode, on its page and in its embed card."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from termbook.glossary.validate import LETTER_SLUGS

BASE = "https://termbook.example.org/"
OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)"')


def test_every_term_page_has_a_1200_by_630_share_card(project_site: Path) -> None:
    pages = [
        p
        for p in sorted((project_site / "terms").glob("*/index.html"))
        if p.parent.name not in LETTER_SLUGS  # the A–Z letter pages
    ]
    assert len(pages) >= 130
    for page in pages:
        [url] = OG_IMAGE.findall(page.read_text("utf-8"))
        slug = page.parent.name
        assert url == f"{BASE}assets/termbook/cards/terms/{slug}.png"
        with Image.open(project_site / url.removeprefix(BASE)) as card:
            assert (card.format, card.size) == ("PNG", (1200, 630)), slug


def test_an_illustrated_terms_card_holds_its_drawing(project_site: Path) -> None:
    cards = project_site / "assets/termbook/cards/terms"
    with Image.open(cards / "racking-focus.png") as drawn, Image.open(cards / "grip.png") as plain:
        right = (728, 60, 1128, 570)  # where the light panel carrying a drawing sits
        white = [
            sum(n for n, c in card.convert("RGB").crop(right).getcolors(1 << 20) if min(c) >= 250)
            for card in (drawn, plain)
        ]
        assert white[0] > 40_000 and white[1] < 20_000


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_illustrated_term_page_shows_its_drawing(
    new_page, project_url: str, scheme: str, tmp_path: Path
) -> None:
    page: Page = new_page(color_scheme=scheme)
    page.goto(project_url + "terms/racking-focus/")
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    image = page.locator("figure.tb-figure img")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    expect(image).to_have_attribute("alt", re.compile(r"plane of focus moving"))
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    box = image.bounding_box()
    assert box is not None and box["width"] >= 280 and box["height"] >= 170
    shot = tmp_path / f"racking-focus-{scheme}.png"
    image.screenshot(path=str(shot))
    with Image.open(shot) as picture:
        colours = picture.convert("RGB").getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 20, "the drawing was painted, not an empty box"
    assert page.errors_seen == []


def test_an_illustrated_terms_embed_card_shows_its_drawing(new_page, project_url: str) -> None:
    page: Page = new_page(color_scheme="dark")
    page.goto(project_url + "embed/racking-focus/")
    image = page.locator(".tb-card__figure img")
    expect(image).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert page.errors_seen == []
