"""Share cards: a 1200×630 PNG per term drawn from its name, definition and picture, in the site's
colours, kept in a cache keyed by everything drawn; and the og:image meta of every page."""

from __future__ import annotations

import io
import json
import logging
import re
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from projects import BASIC_TERMS, GRIP, SAMPLE_SVG, run_build, write_project
from termbook.pages.site_info import SiteInfo
from termbook.pages.views import CARD_SIZE
from termbook.publish.card_files import CardCache, _write_atomically, site_host
from termbook.publish.cards import Card, CardFonts, card_key, draw_card, find_fonts, rasterise
from termbook.publish.palette import ACCENT, PRIMARY, CardStyle, card_style
from termbook.publish.parallel import write_files

REPO = Path(__file__).resolve().parent.parent
RACKING = (REPO / "docs/images/terms/racking-focus.svg").read_bytes()
STYLE = card_style([{"primary": "deep purple", "accent": "amber"}])
FONTS = find_fonts()
CARD = Card("Racking Focus", "Shifting focus from one subject to another. " * 8, "Showbiz", "x.org")


def pixels(png: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(png))
    assert picture.format == "PNG"
    return picture.convert("RGB")


def size_of(path: Path) -> tuple[int, int]:
    with Image.open(path) as picture:
        return picture.size


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def test_the_font_comes_from_the_installed_debian_package():
    assert FONTS.bold is not None and FONTS.bold.name == "DejaVuSans-Bold.ttf"
    assert FONTS.regular is not None and FONTS.regular.name == "DejaVuSans.ttf"


def test_a_card_is_a_1200_by_630_png_in_the_site_colours():
    picture = pixels(draw_card(CARD, STYLE, FONTS))
    assert picture.size == CARD_SIZE == (1200, 630)
    assert near(picture.getpixel((5, 5)), hex_rgb(PRIMARY["deep-purple"]))
    assert near(picture.getpixel((600, 625)), hex_rgb(ACCENT["amber"]))  # the accent band


def test_text_stays_in_its_column_and_a_long_text_ends_the_card_without_overflow():
    long = Card("W" * 80, "word " * 400, "L" * 200, "f" * 200)
    picture = pixels(draw_card(long, STYLE, FONTS))
    background = hex_rgb(STYLE.background)
    right_margin = picture.crop((1200 - 60, 0, 1200, 600))
    assert all(near(colour, background) for _, colour in right_margin.getcolors(1 << 20))


def near(found, colour: tuple[int, int, int]) -> bool:
    """The same colour give or take the rounding of a 256-colour palette."""
    return all(abs(a - b) <= 3 for a, b in zip(found, colour, strict=True))


def panel_pixels(picture: Image.Image, colour: tuple[int, int, int]) -> int:
    """How many pixels of the right-hand panel area have (about) ``colour``."""
    counts = picture.crop((728, 60, 1128, 570)).getcolors(1 << 20)
    return sum(n for n, found in counts if near(found, colour))


def test_an_illustration_is_drawn_on_a_light_panel_beside_the_text():
    with_picture = pixels(draw_card(replace(CARD, image=RACKING), STYLE, FONTS))
    without = pixels(draw_card(CARD, STYLE, FONTS))
    panel = hex_rgb(STYLE.panel)
    assert panel_pixels(with_picture, panel) > 40_000
    assert panel_pixels(without, panel) < 20_000  # only white text crosses that area
    assert panel_pixels(with_picture, hex_rgb("#e0645c")) > 500  # the drawing's near subject


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_bitmaps_are_drawn_too(kind):
    out = io.BytesIO()
    Image.new("RGB", (600, 300), "#1fa39b").save(out, format=kind)
    picture = rasterise(out.getvalue(), 352)
    assert picture is not None and picture.size == (352, 176)


def test_an_unreadable_picture_leaves_the_card_without_one():
    assert rasterise(b"<svg>not closed", 352) is None
    assert rasterise(b"\x89PNG\r\n\x1a\nbroken", 352) is None
    broken = pixels(draw_card(replace(CARD, image=b"<svg>not closed"), STYLE, FONTS))
    assert broken.tobytes() == pixels(draw_card(CARD, STYLE, FONTS)).tobytes()


def test_the_key_changes_with_everything_drawn_and_nothing_else():
    key = card_key(CARD, STYLE, FONTS)
    assert key == card_key(Card(*vars(CARD).values()), CardStyle(*vars(STYLE).values()), FONTS)
    changed = [
        replace(CARD, title="Rack Focus"),
        replace(CARD, text="Other."),
        replace(CARD, label="Other site"),
        replace(CARD, footer="y.org"),
        replace(CARD, image=RACKING),
    ]
    keys = {card_key(card, STYLE, FONTS) for card in changed}
    keys.add(card_key(CARD, replace(STYLE, accent="#000000"), FONTS))
    keys.add(card_key(CARD, STYLE, CardFonts()))
    assert key not in keys and len(keys) == 7


def test_a_cached_card_is_read_back_not_drawn(tmp_path):
    cache = CardCache(tmp_path / "cards")
    first = cache.png(CARD, STYLE, FONTS)
    again = CardCache(tmp_path / "cards")
    assert again.png(CARD, STYLE, FONTS) == first
    assert (cache.drawn, again.drawn, again.reused) == (1, 0, 1)
    assert [p.suffix for p in (tmp_path / "cards").rglob("*") if p.is_file()] == [".png"]


def test_a_site_links_its_cached_cards_and_keeps_them_when_the_cache_draws_anew(tmp_path):
    cache = CardCache(tmp_path / "cards")
    cached = cache.file(CARD, STYLE, FONTS)
    assert isinstance(cached, Path)
    write_files({"assets/card.png": lambda: cached}, tmp_path / "site")
    placed = tmp_path / "site" / "assets" / "card.png"
    assert placed.stat().st_ino == cached.stat().st_ino  # linked: no bytes written again
    write_files({"assets/card.png": lambda: cached}, tmp_path / "site")  # a rebuild in place
    first = cached.read_bytes()
    _write_atomically(cached, b"a card drawn by a newer renderer")
    assert placed.read_bytes() == first


def test_a_card_cached_on_another_file_system_is_copied_into_the_site(tmp_path):
    with tempfile.TemporaryDirectory(dir="/dev/shm") as elsewhere:  # tmpfs: another device
        cached = CardCache(Path(elsewhere)).file(CARD, STYLE, FONTS)
        assert isinstance(cached, Path)
        assert cached.stat().st_dev != tmp_path.stat().st_dev
        write_files({"card.png": lambda: cached}, tmp_path)
        assert (tmp_path / "card.png").read_bytes() == cached.read_bytes()


def test_without_a_cache_a_card_is_its_bytes():
    made = CardCache(None).file(CARD, STYLE, FONTS)
    assert isinstance(made, bytes) and made.startswith(b"\x89PNG")


def test_the_palette_follows_material_names_and_falls_back_to_material_defaults():
    assert card_style({"primary": "amber", "accent": "teal"}).foreground == "#1f1f1f"
    assert card_style([{"primary": "Light Blue"}]).background == PRIMARY["light-blue"]
    assert card_style(None) == card_style([{"primary": "no such colour"}]) == CardStyle()
    assert card_style([{"media": "x"}, {"primary": "red"}]).background == PRIMARY["indigo"]


def test_the_footer_is_the_site_address_without_scheme():
    assert site_host(SiteInfo("S", site_url="https://example.org/glossary/")) == (
        "example.org/glossary"
    )
    assert site_host(SiteInfo("S")) == ""


# -- real builds ------------------------------------------------------------------------------

META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"')


def social_meta(page: Path) -> dict[str, str]:
    return dict(META.findall(page.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def illustrated_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cards")
    terms = {
        **BASIC_TERMS,
        "grip": {**GRIP, "image": {"src": "images/grip.svg", "alt": "A grip pushing a dolly"}},
    }
    docs = {
        "index.md": "# Home\n\nWelcome.\n",
        "articles/on-set.md": "# On set\n\nThe Grip rigs.\n",
        "images/grip.svg": SAMPLE_SVG,
    }
    write_project(root, terms, docs=docs, extra={"site_description": "Words of the trade."})
    return root


def test_every_page_has_an_og_image_of_1200_by_630_that_exists(illustrated_project, caplog):
    caplog.set_level(logging.INFO)
    site = run_build(illustrated_project / "mkdocs.yml")
    pages = sorted(site.rglob("*.html"))
    pages = [p for p in pages if p.relative_to(site).parts[0] not in ("embed", "404.html")]
    assert len(pages) >= 8
    base = "https://example.org/glossary/"
    for page in pages:
        meta = social_meta(page)
        assert meta["twitter:card"] == "summary_large_image", page
        url = meta["og:image"]
        assert url.startswith(base) and meta["twitter:image"] == url, page
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert size_of(site / url.removeprefix(base)) == (1200, 630), page
    grip = social_meta(site / "terms/grip/index.html")
    assert grip["og:image"] == base + "assets/termbook/cards/terms/grip.png"
    assert grip["og:image:alt"] == "Grip, from Test Glossary"
    assert social_meta(site / "articles/on-set/index.html")["og:type"] == "article"
    assert social_meta(site / "index.html")["og:image"] == base + "assets/termbook/cards/site.png"
    assert "share cards: 5 drawn, 0 from the cache" in caplog.text


def test_a_rebuild_with_no_change_draws_no_card(illustrated_project, caplog):
    cache = illustrated_project / ".cache/termbook/cards"
    run_build(illustrated_project / "mkdocs.yml")  # whatever ran before, the cache is now warm
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")}
    assert len(before) == 5
    caplog.clear()
    caplog.set_level(logging.INFO)
    site = run_build(illustrated_project / "mkdocs.yml")
    assert "share cards: 0 drawn, 5 from the cache" in caplog.text
    assert {p: p.stat().st_mtime_ns for p in cache.rglob("*.png")} == before
    assert size_of(site / "assets/termbook/cards/terms/grip.png") == (1200, 630)


def test_a_changed_definition_draws_only_that_card(illustrated_project, caplog):
    terms = illustrated_project / "terms"
    path = terms / "key-grip.yaml"
    path.write_text(path.read_text().replace("head of the grip", "chief of the grip"))
    caplog.set_level(logging.INFO)
    run_build(illustrated_project / "mkdocs.yml")
    assert "share cards: 1 drawn, 4 from the cache" in caplog.text


def test_illustrated_terms_show_their_picture_in_the_embed_card_and_the_api(illustrated_project):
    site = run_build(illustrated_project / "mkdocs.yml")
    card = lxml_html.fromstring((site / "embed/grip/index.html").read_bytes())
    [image] = card.xpath('//figure[@class="tb-card__figure"]/img')
    assert image.get("alt") == "A grip pushing a dolly"
    assert image.get("src") == "../../images/grip.svg"  # the card's own resource, on its host
    record = json.loads((site / "api/terms/grip.json").read_text())
    assert record["image"] == {
        "src": "images/grip.svg",
        "alt": "A grip pushing a dolly",
        "url": "https://example.org/glossary/images/grip.svg",
    }
    assert record["card_url"] == "https://example.org/glossary/assets/termbook/cards/terms/grip.png"
    oembed = json.loads((site / "api/oembed/grip.json").read_text())
    assert (oembed["thumbnail_width"], oembed["thumbnail_height"]) == (1200, 630)
