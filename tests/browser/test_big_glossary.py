"""A reader in a glossary too big for one A–Z page (tests/scale_glossary.py, built once):
letter pages and their parts, the filter that finds a term under any letter, old
``terms/#letter-x`` links, and a "Mentioned in" that stays short until asked for all."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from termbook.pages.mentions import SHOWN

FOUND = ".tb-az-found > a"
OWN = ".tb-az-item:visible > a"


def test_letters_lead_to_their_pages_and_parts(page: Page, scale_url: str) -> None:
    page.goto(scale_url + "terms/")
    expect(page.locator(".tb-az-item")).to_have_count(0)  # the entry page lists letters only
    page.locator("#letter-s a").click()
    page.wait_for_url(scale_url + "terms/s/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Terms under S: \S+ .+ to .+"))
    first_part = page.locator(OWN).all_inner_texts()
    pager = page.get_by_role("navigation", name="Parts of S")
    expect(pager.locator("a[aria-current=page]")).to_have_count(1)
    pager.locator("a").nth(1).click()
    page.wait_for_url(scale_url + "terms/s/2/")
    second_part = page.locator(OWN).all_inner_texts()
    assert second_part and first_part[-1] < second_part[0]
    letters = page.get_by_role("navigation", name="Letters")
    expect(letters.locator("a[aria-current=page]")).to_have_text("S")
    letters.get_by_role("link", name="H", exact=True).click()
    page.wait_for_url(scale_url + "terms/h/")
    expect(page.locator(OWN)).to_have_text(["Hub"])
    assert page.errors_seen == []


def test_old_letter_anchors_open_the_letter_page(page: Page, scale_url: str) -> None:
    page.goto(scale_url + "terms/#letter-z")
    page.wait_for_url(scale_url + "terms/z/")
    expect(page.locator(OWN)).to_have_text(["Zebra Stripes"])
    assert page.errors_seen == []


def test_filter_finds_terms_under_other_letters(page: Page, scale_url: str) -> None:
    page.goto(scale_url + "terms/s/")
    box = page.get_by_label("Filter terms")
    box.press_sequentially("zebra", delay=20)
    expect(page.locator(FOUND)).to_have_text(["Zebra Stripes"])
    expect(page.locator(OWN)).to_have_count(0)
    expect(page.locator(".tb-az-elsewhere h2")).to_have_text("Under other letters")
    expect(page.locator(".tb-az-count")).to_have_text("1 term matches")

    # A query that matches this page and others: both, counted together, none twice.
    box.fill("o")
    expect(page.locator(".tb-az-count")).to_have_text(re.compile(r"terms match$"))
    own = page.locator(OWN).all_inner_texts()
    found = page.locator(FOUND).all_inner_texts()
    assert own and found and not set(own) & set(found)
    assert all(not name.startswith("S") or name not in own for name in found)
    more = page.locator(".tb-az-elsewhere__more")
    if len(found) == 50:
        expect(more).to_contain_text("more")

    box.fill("")
    expect(page.locator(".tb-az-elsewhere")).to_be_hidden()
    box.fill("apple box")
    box.press("Enter")
    page.wait_for_url(scale_url + "terms/apple-box/")
    assert page.errors_seen == []


def test_entry_page_filter_finds_any_term_and_enter_opens_it(page: Page, scale_url: str) -> None:
    page.goto(scale_url + "terms/")
    box = page.get_by_label("Filter terms")
    box.fill("hub")
    box.press("Enter")  # may come before the names list has arrived
    page.wait_for_url(scale_url + "terms/hub/")
    page.go_back()
    page.get_by_label("Filter terms").fill("barn door")
    expect(page.locator(".tb-az-elsewhere h2")).to_have_text("Matching terms")
    expect(page.locator(FOUND)).to_have_text(["Barn Door"])
    assert page.errors_seen == []


def test_mentioned_in_shows_a_dozen_then_all_on_request(page: Page, scale_url: str) -> None:
    page.goto(scale_url + "terms/hub/")
    links = page.locator("#mentioned-in li > a")
    expect(links).to_have_count(SHOWN)
    expect(links.nth(0)).to_have_text(re.compile("Apple Box|Zebra Stripes"))
    more = page.locator("a[data-tb-mentions]")
    total = int(more.get_attribute("data-tb-mentions"))
    assert total > SHOWN
    more.click()
    expect(links).to_have_count(total)
    expect(page.locator("a[data-tb-mentions]")).to_have_count(0)
    expect(links.nth(SHOWN)).to_be_focused()
    titles = links.all_inner_texts()
    assert len(set(titles)) == total  # the first dozen are not repeated
    links.nth(total - 1).click()
    expect(page.locator("h1")).to_have_text(titles[-1])
    assert page.errors_seen == []
