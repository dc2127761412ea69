"""What a reader of the real site sees and does: previews, likes, sharing, the A–Z filter, dark
mode, a phone, a printer, and the meta that link previews and search engines read."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from projects import BASIC_TERMS, run_build, write_project

TOOLTIP = "#tb-tooltip"


def api_summary(site: Path, slug: str) -> str:
    return json.loads((site / "api" / "terms" / f"{slug}.json").read_text("utf-8"))["summary"]


# -- previews of term links -------------------------------------------------------------------


def test_hovering_a_term_link_previews_name_and_first_sentence(
    page: Page, project_url: str, project_site: Path
) -> None:
    page.goto(project_url + "terms/racking-focus/")
    link = page.locator("#definition a.tb-term[data-term='focus-puller']")
    link.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("strong")).to_have_text("Focus Puller")
    expect(tooltip.locator("span")).to_have_text(api_summary(project_site, "focus-puller"))
    expect(link).to_have_attribute("aria-describedby", "tb-tooltip")
    page.mouse.move(0, 0)
    expect(tooltip).to_be_hidden()
    assert page.errors_seen == []


def test_tabbing_to_a_term_link_in_an_article_previews_it(page: Page, project_url: str) -> None:
    page.goto(project_url + "articles/a-day-on-set/")
    first = page.locator("article a.tb-term").first
    slug = first.get_attribute("data-term")
    first.focus()  # where Tab from the previous link lands; then real Tab presses onwards
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.term || ''")
    assert focused and focused != slug
    expect(tooltip).to_be_visible()
    expect(page.locator(f"a.tb-term[data-term='{focused}']").first).to_have_attribute(
        "aria-describedby", "tb-tooltip"
    )
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    assert page.errors_seen == []


# -- like and share ---------------------------------------------------------------------------


def test_like_persists_across_reloads(page: Page, project_url: str) -> None:
    page.goto(project_url + "terms/grip/")
    like = page.get_by_role("button", name="Like")
    expect(like).to_have_attribute("aria-pressed", "false")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    page.reload()
    expect(page.locator(".tb-like")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".tb-like__label")).to_have_text("Liked")
    page.goto(project_url + "terms/key-grip/")
    expect(page.locator(".tb-like")).to_have_attribute("aria-pressed", "false")
    assert page.errors_seen == []


def test_share_links_carry_the_terms_canonical_address(new_page, project_url: str) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(project_url + "terms/grip/")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == "https://termbook.example.org/terms/grip/"
    links = page.locator(".tb-share__link")
    assert links.count() >= 3
    for href in links.evaluate_all("els => els.map(a => a.href)"):
        assert quote(canonical, safe="") in href or canonical in href, href
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".tb-share__status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    assert page.errors_seen == []


# -- A–Z index --------------------------------------------------------------------------------


def test_a_to_z_filter_narrows_the_list_as_you_type(page: Page, project_url: str) -> None:
    """On a letter page the filter narrows the letter's own list and finds the rest under the
    other letters; on the entry page, which lists no term, it finds them all."""
    page.goto(project_url + "terms/g/")
    items = page.locator(".tb-az-item")
    total = items.count()
    assert total >= 5
    box = page.get_by_label("Filter terms")
    box.press_sequentially("grip", delay=20)
    visible = page.locator(".tb-az-item:visible > a")
    found = page.locator(".tb-az-found > a")
    expect(found.first).to_be_visible()
    own, other = visible.all_inner_texts(), found.all_inner_texts()
    assert {"Grip", "Grip Truck"} <= set(own)
    assert {"Key Grip", "Dolly Grip"} <= set(other)
    assert len(own) + len(other) < 10
    expect(page.locator(".tb-az-count")).to_have_text(f"{len(own) + len(other)} terms match")
    box.fill("")
    expect(page.locator(".tb-az-item:visible")).to_have_count(total)
    expect(found).to_have_count(0)

    page.goto(project_url + "terms/")  # the dictionary fits on one page: every term is there
    box = page.get_by_label("Filter terms")
    box.fill("mise en scene")
    expect(visible).to_have_text(["Mise-en-scène"])
    box.fill("1st ac")  # an alias
    expect(visible).to_have_text(["Focus Puller"])
    expect(found).to_have_count(0)  # nothing to fetch from other pages
    assert page.errors_seen == []


def test_a_to_z_filter_enter_opens_the_first_match(page: Page, project_url: str) -> None:
    page.goto(project_url + "terms/")
    page.get_by_label("Filter terms").fill("teleprompter")
    page.keyboard.press("Enter")
    page.wait_for_url("**/terms/teleprompter/")
    expect(page.locator("h1")).to_have_text("Teleprompter")


def test_category_page_lists_terms_with_their_first_sentences(
    page: Page, project_url: str, project_site: Path
) -> None:
    page.goto(project_url + "categories/crew-and-roles/")
    expect(page.locator("h1")).to_have_text("Crew and Roles")
    expect(page.locator(".tb-category-description")).not_to_be_empty()
    grip = page.locator(
        ".tb-category-terms li", has=page.locator("a", has_text=re.compile("^Grip$"))
    )
    expect(grip).to_contain_text(api_summary(project_site, "grip"))


# -- dark mode, phone, print ------------------------------------------------------------------


def test_dark_mode_toggle_switches_and_is_remembered(page: Page, project_url: str) -> None:
    page.goto(project_url + "terms/grip/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.get_by_title("Switch to dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    page.goto(project_url + "terms/key-grip/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert page.errors_seen == []


@pytest.mark.parametrize("path", ["", "terms/", "terms/over-the-shoulder-shot/"])
def test_pages_fit_a_phone_screen(new_page, project_url: str, path: str) -> None:
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(project_url + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    font_size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)"
    )
    assert font_size >= 14


def test_printed_term_page_keeps_the_entry_and_drops_the_buttons(
    page: Page, project_url: str
) -> None:
    page.goto(project_url + "terms/racking-focus/")
    page.emulate_media(media="print")
    expect(page.locator("#definition")).to_be_visible()
    expect(page.locator("#examples")).to_be_visible()
    for hidden in (".tb-like", ".tb-share", ".tb-prevnext", ".md-header", ".md-sidebar--primary"):
        expect(page.locator(hidden).first).to_be_hidden()
    assert page.pdf(format="A4")[:4] == b"%PDF"


# -- meta for link previews and search engines ------------------------------------------------


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found.group(1) if found else None


@pytest.mark.parametrize(
    ("path", "title", "kind"),
    [
        ("terms/grip/", "Grip", "article"),
        ("terms/index.html", "A–Z index", "website"),
        ("categories/crew-and-roles/", "Crew and Roles", "website"),
        ("", "The Showbiz Dictionary", "website"),
    ],
)
def test_pages_carry_open_graph_twitter_and_canonical_meta(
    project_site: Path, path: str, title: str, kind: str
) -> None:
    file = project_site / path if path.endswith(".html") else project_site / path / "index.html"
    html = file.read_text("utf-8")
    url = "https://termbook.example.org/" + path.removesuffix("index.html")
    assert f'<link rel="canonical" href="{url}">' in html
    assert meta(html, "og:url") == url
    assert meta(html, "og:title") == meta(html, "twitter:title") == title
    assert meta(html, "og:type") == kind
    assert meta(html, "twitter:card") == "summary_large_image"
    description = meta(html, "og:description")
    assert description and description == meta(html, "twitter:description")
    assert "&amp;amp;" not in html


def test_term_description_is_the_first_sentence(project_site: Path) -> None:
    html = (project_site / "terms" / "p-and-a" / "index.html").read_text("utf-8")
    assert meta(html, "og:title") == "P&amp;A"
    assert meta(html, "og:description") == meta(html, "description")


def test_sitemap_lists_every_term_page(project_site: Path) -> None:
    sitemap = (project_site / "sitemap.xml").read_text("utf-8")
    listed = set(re.findall(r"<loc>https://termbook\.example\.org/terms/([^/<]+)/</loc>", sitemap))
    pages = {p.name for p in (project_site / "terms").iterdir() if (p / "index.html").is_file()}
    assert pages and listed == pages


def test_term_pages_load_without_failed_requests(page: Page, serve_dir, tmp_path: Path) -> None:
    """Material fetches a sitemap beside every rel=alternate link, the oEmbed one included."""
    site = run_build(write_project(tmp_path, BASIC_TERMS), site_url="")
    base = serve_dir(site)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base + "terms/racking-focus/", wait_until="networkidle")
    page.locator("#definition a.tb-term[data-term='focus-puller']").click()
    expect(page.locator("h1")).to_have_text("Focus Puller")
    page.wait_for_load_state("networkidle")
    assert failed == []  # (Material's web fonts, off-line here, fail by name, not by response)
