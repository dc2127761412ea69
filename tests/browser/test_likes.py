"""Likes and shares with the real service, as readers see them in Chromium.

A site is built with `like_endpoint` pointing at `termbook likes serve` (a real process on a
SQLite file in tmp_path, reading the built site's API), served with the strict
Content-Security-Policy of docs/security.md plus the service in `connect-src`, and used from
two browser contexts (two readers, each with their own localStorage).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_csp import RECORD_VIOLATIONS, documented_headers

from likesharness import ServiceProcess, free_port, request
from projects import BASIC_TERMS, run_build, write_project

GAFFER = {
    "term": "Gaffer",
    "categories": ["Crew and Roles"],
    "definition": "The head of the lighting crew, who works beside the key grip.",
}
TERMS = {**BASIC_TERMS, "gaffer": GAFFER}
"""The sample glossary with a second term under G, so that the letter page of G lists a liked
term and one nobody liked."""

REPO = Path(__file__).resolve().parents[2]

HOME = """---
template: termbook/home.html
---

Welcome.
"""


@pytest.fixture(scope="module")
def service_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, service_port: int) -> Path:
    """The site, built once with its like_endpoint on the module's service port."""
    root = tmp_path_factory.mktemp("likes-site")
    endpoint = f"http://127.0.0.1:{service_port}/likes"
    # The project's own theme overrides: no web fonts, nothing inline (docs/security.md).
    theme = {"name": "material", "custom_dir": str(REPO / "site_templates"), "font": False}
    config = write_project(
        root,
        TERMS,
        docs={"index.md": HOME},
        plugin={"like_endpoint": endpoint},
        extra={"theme": theme, "site_url": None},
    )
    return run_build(config)


@pytest.fixture
def site(built: Path, serve_dir, service_port: int) -> str:
    headers = documented_headers()
    policy = headers["Content-Security-Policy"]
    headers["Content-Security-Policy"] = policy.replace(
        "connect-src 'self'", f"connect-src 'self' http://127.0.0.1:{service_port}"
    )
    return serve_dir(built, headers=headers)


@pytest.fixture
def service(site: str, built: Path, service_port: int, tmp_path: Path) -> Iterator[ServiceProcess]:
    """The likes service on a fresh database, allowing the site's origin."""
    running = ServiceProcess(
        str(tmp_path / "likes.db"),
        "--allow-origin",
        site.rstrip("/"),
        terms=built,
        port=service_port,
    ).start()
    yield running
    running.stop()


def open_reader(new_page, url: str) -> Page:
    page = new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    return page


def assert_clean(page: Page) -> None:
    assert page.evaluate("window.__cspViolations") == []
    assert page.errors_seen == []


def like_count(page: Page):
    return page.locator(".tb-like .tb-like__count")


def test_likes_count_once_per_reader_and_can_be_taken_back(
    site: str, service: ServiceProcess, new_page
) -> None:
    term = site + "terms/racking-focus/"
    first = open_reader(new_page, term)
    like = first.locator(".tb-like")
    expect(like_count(first)).to_have_text("0")
    expect(first.locator(".tb-like-prompt")).to_have_text("Like this entry? Click the heart.")
    with first.expect_response(lambda r: r.request.method == "POST") as answer:
        like.click()
    assert answer.value.status == 200
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like_count(first)).to_have_text("1")

    first.reload()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like_count(first)).to_have_text("1")  # the reader's like, counted once

    second = open_reader(new_page, term)
    expect(like_count(second)).to_have_text("1")
    expect(second.locator(".tb-like")).to_have_attribute("aria-pressed", "false")
    with second.expect_response(lambda r: r.request.method == "POST"):
        second.locator(".tb-like").click()
    expect(like_count(second)).to_have_text("2")
    first.reload()
    expect(like_count(first)).to_have_text("2")

    with first.expect_response(lambda r: r.request.method == "POST"):
        like.click()  # unlike
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like_count(first)).to_have_text("1")
    second.reload()
    expect(like_count(second)).to_have_text("1")
    assert request("GET", service.url + "/likes?term=racking-focus")[1]["count"] == 1
    assert request("GET", service.url + "/likes")[1]["counts"] == {"racking-focus": 1}
    for page in (first, second):
        assert_clean(page)


def test_tell_friends_shows_the_share_count(site: str, service: ServiceProcess, new_page) -> None:
    term = site + "terms/key-grip/"
    first = new_page()
    first.add_init_script(RECORD_VIOLATIONS)
    first.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    first.goto(term)
    heading = first.locator("#share-heading")
    expect(heading).to_have_text("Tell friends · 0, shared 0 times")
    with first.expect_response(lambda r: r.request.method == "POST") as answer:
        first.locator(".tb-share__copy").click()
    assert answer.value.url == service.url + "/shares"
    expect(heading).to_have_text("Tell friends · 1, shared 1 time")
    expect(first.locator(".tb-share__count [aria-hidden=true]")).to_have_text("· 1")

    second = open_reader(new_page, term)
    expect(second.locator("#share-heading")).to_have_text("Tell friends · 1, shared 1 time")
    link = second.locator(".tb-share__link").first
    link.evaluate("a => a.addEventListener('click', e => e.preventDefault())")  # stay offline
    with second.expect_response(lambda r: r.request.method == "POST"):
        link.click()
    expect(second.locator("#share-heading")).to_have_text("Tell friends · 2, shared 2 times")
    assert request("GET", service.url + "/shares?term=key-grip")[1]["count"] == 2
    for page in (first, second):
        assert_clean(page)


def test_the_home_page_lists_the_most_liked_terms(
    site: str, service: ServiceProcess, new_page
) -> None:
    readers = [f"reader-{n:02d}-0123456789abcdef" for n in range(3)]
    for term, count in (("key-grip", 3), ("grip", 1), ("focus-puller", 2)):
        for client in readers[:count]:
            body = {"term": term, "liked": True, "client": client}
            assert request("POST", service.url + "/likes", body)[0] == 200

    home = open_reader(new_page, site)
    section = home.locator(".tb-most-liked")
    expect(section).to_be_visible()
    expect(section.locator("h2")).to_have_text("Most liked")
    items = section.locator("li")
    expect(items).to_have_text(["Key Grip ♥ 3", "Focus Puller ♥ 2", "Grip ♥ 1"])
    labels = [badge.get_attribute("aria-label") for badge in items.locator("[role=img]").all()]
    assert labels == ["3 likes", "2 likes", "1 like"]  # what a screen reader says
    items.first.locator("a").click()
    home.wait_for_url(site + "terms/key-grip/")
    expect(like_count(home)).to_have_text("3")
    assert_clean(home)


def test_the_a_to_z_index_shows_each_liked_terms_count(
    site: str, service: ServiceProcess, new_page
) -> None:
    for client in ("reader-a-0123456789abcdef", "reader-b-0123456789abcdef"):
        body = {"term": "grip", "liked": True, "client": client}
        assert request("POST", service.url + "/likes", body)[0] == 200
    body = {"term": "key-grip", "liked": True, "client": client}
    assert request("POST", service.url + "/likes", body)[0] == 200

    whole = open_reader(new_page, site + "terms/")  # a small glossary: every term listed
    whole.wait_for_load_state("networkidle")
    expect(whole.locator(".tb-az-item[data-term=grip] .tb-az-likes")).to_have_text("♥ 2")
    expect(whole.locator(".tb-az-likes")).to_have_count(2)
    assert_clean(whole)

    index = open_reader(new_page, site + "terms/g/")  # where the terms under G are listed
    index.wait_for_load_state("networkidle")
    grip = index.locator(".tb-az-item[data-term=grip]")
    expect(grip.locator(".tb-az-likes")).to_have_text("♥ 2")
    expect(grip.locator(".tb-az-likes")).to_have_attribute("aria-label", "2 likes")
    expect(index.locator(".tb-az-item")).to_have_count(2)
    expect(index.locator(".tb-az-likes")).to_have_count(1)  # Gaffer: nobody liked it, no count
    index.fill("#tb-az-filter", "key")  # the filter still works on names, not on counts
    expect(grip).to_be_hidden()
    expect(index.locator(".tb-az-found > a")).to_have_text(["Key Grip"])
    assert_clean(index)

    letter = open_reader(new_page, site + "terms/k/")
    key_grip = letter.locator(".tb-az-item[data-term=key-grip] .tb-az-likes")
    expect(key_grip).to_have_text("♥ 1")
    expect(key_grip).to_have_attribute("aria-label", "1 like")
    assert_clean(letter)


def test_the_home_page_hides_the_list_while_nothing_is_liked(
    site: str, service: ServiceProcess, new_page
) -> None:
    home = open_reader(new_page, site)
    home.wait_for_load_state("networkidle")
    expect(home.locator(".tb-most-liked")).to_be_hidden()
    assert_clean(home)


def test_without_the_service_pages_work_and_show_no_count(site: str, new_page) -> None:
    # No service is listening on the like_endpoint's port.
    home = open_reader(new_page, site)
    home.wait_for_load_state("networkidle")
    expect(home.locator(".tb-most-liked")).to_be_hidden()
    expect(home.locator(".tb-home-categories")).to_be_visible()
    assert_clean(home)

    index = open_reader(new_page, site + "terms/g/")
    index.wait_for_load_state("networkidle")
    expect(index.locator(".tb-az-item")).to_have_text(
        [re.compile("^Gaffer "), re.compile("^Grip ")]
    )
    expect(index.locator(".tb-az-likes")).to_have_count(0)
    index.fill("#tb-az-filter", "gaf")
    expect(index.locator(".tb-az-item[data-term=grip]")).to_be_hidden()
    assert_clean(index)

    page = open_reader(new_page, site + "terms/racking-focus/")
    page.wait_for_load_state("networkidle")
    like = page.locator(".tb-like")
    expect(like_count(page)).to_be_hidden()
    expect(page.locator(".tb-share__count")).to_be_hidden()
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")  # kept in this browser
    page.wait_for_load_state("networkidle")
    expect(like_count(page)).to_be_hidden()
    page.reload()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(page.locator("article h1")).to_have_text("Racking Focus")
    assert_clean(page)


def test_the_counts_have_no_serious_axe_violations(
    site: str, service: ServiceProcess, new_page
) -> None:
    from test_accessibility import serious_violations

    for term in ("grip", "key-grip"):
        body = {"term": term, "liked": True, "client": "reader-axe-0123456789abcdef"}
        assert request("POST", service.url + "/likes", body)[0] == 200
    request("POST", service.url + "/shares", {"term": "grip", "client": body["client"]})
    for path, shown in (
        ("terms/grip/", ".tb-share__count"),
        ("", ".tb-most-liked"),
        ("terms/g/", ".tb-az-likes >> nth=0"),
    ):
        page = new_page(bypass_csp=True)  # axe-core is injected inline
        page.goto(site + path)
        expect(page.locator(shown)).to_be_visible()
        assert serious_violations(page) == [], path
        page.close()
