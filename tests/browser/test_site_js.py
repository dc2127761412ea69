"""The reader-side script and styles (``plugins/termbook/assets/site.{js,css}``) in Chromium.

Each test serves a small static site from ``tmp_path``: the pages and JSON files of
``tests/browser/fixtures/`` (written in the markup the templates emit) with the two assets copied
to ``assets/termbook/``. Every fixture page carries a strict Content-Security-Policy
(``script-src 'self'``, no inline code or styles), so a CSP violation by the script shows up
as a console error, and every test ends by asserting that the page logged no JavaScript error.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from termbook.names import filter_keys
from termbook.publish.files import assembled_script

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "plugins" / "termbook" / "assets"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

TOOLTIP = "#tb-tooltip"


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    """The fixture site, with the assets under test, in a fresh directory."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES, site)
    (site / "assets" / "termbook").mkdir(parents=True)
    shutil.copy2(ASSETS / "site.css", site / "assets" / "termbook" / "site.css")
    (site / "assets" / "termbook" / "site.js").write_text(
        assembled_script("site"), encoding="utf-8"
    )
    return site


@pytest.fixture
def site(site_dir: Path, serve_dir) -> str:
    """Base URL (ending with ``/``) of the fixture site."""
    return serve_dir(site_dir)


def assert_no_js_errors(page: Page) -> None:
    assert page.errors_seen == []
    assert page.dialogs_seen == []


# ---------------------------------------------------------------------------------- like


def test_like_toggles_and_persists_across_reloads(page: Page, site: str) -> None:
    page.goto(site + "terms/racking-focus/")
    like = page.locator(".tb-like")
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like.locator(".tb-like__label")).to_have_text("Like")

    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like).to_have_class(re.compile(r"\btb-like--liked\b"))
    expect(like.locator(".tb-like__label")).to_have_text("Liked")
    assert page.evaluate("localStorage.getItem('termbook:liked:racking-focus')") == "1"

    page.reload()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like.locator(".tb-like__label")).to_have_text("Liked")

    like.click()
    expect(like).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like.locator(".tb-like__label")).to_have_text("Like")
    expect(like.locator(".tb-like__count")).to_be_hidden()  # no endpoint, no count
    assert page.evaluate("localStorage.getItem('termbook:liked:racking-focus')") is None
    assert_no_js_errors(page)


def test_like_works_when_storage_is_unavailable(page: Page, site: str) -> None:
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() {"
        " throw new DOMException('The operation is insecure.', 'SecurityError'); }});"
    )
    page.goto(site + "terms/racking-focus/")
    like = page.locator(".tb-like")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    like.click()
    expect(like).to_have_attribute("aria-pressed", "false")
    assert_no_js_errors(page)


def test_like_with_endpoint_shows_count_and_posts(page: Page, site: str) -> None:
    gets = []
    page.on("request", lambda r: gets.append(r.url) if "likes.json" in r.url else 0)
    page.goto(site + "likes/")
    like = page.locator(".tb-like")
    count = like.locator(".tb-like__count")
    expect(count).to_be_visible()
    expect(count).to_have_text("41")
    assert gets == [site + "api/likes.json?term=racking-focus"]

    # The static server answers the POST with 501: the like still counts on the page.
    with page.expect_request(lambda r: r.method == "POST") as posted:
        like.click()
    assert posted.value.url == site + "api/likes.json"
    # The browser's anonymous id: random, kept in localStorage, the same for every request.
    client = page.evaluate("localStorage.getItem('termbook:client')")
    assert re.fullmatch(r"[0-9a-f]{32}", client)
    assert posted.value.post_data_json == {"term": "racking-focus", "liked": True, "client": client}
    assert posted.value.headers["content-type"] == "application/json"
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("42")

    with page.expect_request(lambda r: r.method == "POST") as posted:
        like.click()
    assert posted.value.post_data_json == {
        "term": "racking-focus",
        "liked": False,
        "client": client,
    }
    expect(count).to_have_text("41")
    expect(like).to_have_attribute("aria-pressed", "false")
    assert_no_js_errors(page)


# ---------------------------------------------------------------------------------- share


def test_copy_link_copies_and_announces(page: Page, site: str) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page.goto(site + "terms/racking-focus/")
    status = page.locator(".tb-share .tb-share__status")
    expect(status).to_have_attribute("role", "status")  # exists before anything is announced
    expect(status).to_have_text("")

    page.locator(".tb-share__copy").click()
    expect(status).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == (
        "https://termbook.example/terms/racking-focus/"
    )
    native = page.locator(".tb-share__native")
    if page.evaluate("typeof navigator.share === 'function'"):
        expect(native).to_be_visible()
    else:
        expect(native).to_be_hidden()
    assert_no_js_errors(page)


def test_copy_link_falls_back_without_async_clipboard(page: Page, site: str) -> None:
    page.add_init_script(
        """
        Object.defineProperty(Navigator.prototype, 'clipboard', {get() { return undefined; }});
        window.copied = [];
        document.addEventListener('copy', () => {
          window.copied.push(String(document.getSelection() || document.activeElement.value));
        });
        """
    )
    page.goto(site + "terms/racking-focus/")
    copy = page.locator(".tb-share__copy")
    copy.click()
    expect(page.locator(".tb-share__status")).to_have_text("Link copied")
    assert page.evaluate("window.copied.length") == 1
    # The temporary input is gone and focus is back on the button.
    assert page.locator(".tb-share input").count() == 0
    expect(copy).to_be_focused()
    assert_no_js_errors(page)


# ---------------------------------------------------------------------------------- dates


def test_last_updated_is_relative_with_exact_title(page: Page, site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.timezone.utc))
    page.goto(site + "dates/")
    dates = "time.tb-updated:not([data-expect='not a date'])"
    expect(page.locator(dates + "[title]:not([title=''])")).to_have_count(  # once idle
        page.locator(dates).count()
    )
    rows = page.locator("time.tb-updated").evaluate_all(
        "els => els.map(e => [e.dataset.expect, e.textContent, e.title])"
    )
    for expected, text, title in rows:
        if expected == "not a date":
            assert (text, title) == ("not a date", "")
        else:
            assert text == expected
            assert re.search(r"\b20\d\d\b", title), title  # the exact date, e.g. "May 1, 2024…"
    first_title = rows[0][2]
    assert first_title.startswith("May 1, 2024")
    assert_no_js_errors(page)


def test_last_updated_on_term_page(page: Page, site: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 5, 2, 9, 0, tzinfo=dt.timezone.utc))
    page.goto(site + "terms/racking-focus/")
    updated = page.locator("time.tb-updated")
    expect(updated).to_have_text("2 years ago")
    expect(updated).to_have_attribute("datetime", "2024-05-01T12:00:00+00:00")
    assert_no_js_errors(page)


# ---------------------------------------------------------------------------------- previews


def test_hover_preview_follows_the_tooltip_pattern(page: Page, site: str) -> None:
    page.goto(site + "terms/racking-focus/")
    link = page.locator("#link-dof")
    tooltip = page.locator(TOOLTIP)

    link.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(tooltip.locator("strong")).to_have_text("Depth of Field")
    expect(tooltip.locator("span")).to_have_text(
        "The range of distance in front of the camera that appears acceptably sharp."
    )
    expect(link).to_have_attribute("aria-describedby", "tb-tooltip")
    assert page.locator("[role=tooltip]").count() == 1

    # Placed below the link, inside the viewport.
    box, tip = link.bounding_box(), tooltip.bounding_box()
    assert tip["y"] >= box["y"] + box["height"]
    assert tip["x"] >= 0
    assert tip["x"] + tip["width"] <= page.viewport_size["width"]

    # The pointer can move onto the tooltip and stay there.
    page.mouse.move(tip["x"] + 10, tip["y"] + tip["height"] / 2, steps=4)
    page.wait_for_timeout(400)
    expect(tooltip).to_be_visible()

    # Leaving both hides it after the grace period.
    page.mouse.move(5, 5)
    expect(tooltip).to_be_hidden()
    assert link.get_attribute("aria-describedby") is None

    # Escape hides it without moving focus.
    link.hover()
    expect(tooltip).to_be_visible()
    focused = page.evaluate("document.activeElement.tagName")
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    assert page.evaluate("document.activeElement.tagName") == focused
    assert link.get_attribute("aria-describedby") is None
    page.wait_for_timeout(300)  # it does not come back while the pointer stays on the link
    expect(tooltip).to_be_hidden()
    assert_no_js_errors(page)


def test_keyboard_focus_shows_preview(page: Page, site: str) -> None:
    page.goto(site + "articles/lighting/")
    tooltip = page.locator(TOOLTIP)
    page.keyboard.press("Tab")
    first = page.locator("#first")
    expect(first).to_be_focused()
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("strong")).to_have_text("Key Grip")
    expect(first).to_have_attribute("aria-describedby", "tb-tooltip")

    page.keyboard.press("Tab")
    second = page.locator("#second")
    expect(second).to_be_focused()
    expect(tooltip.locator("strong")).to_have_text("Focus Puller")
    expect(second).to_have_attribute("aria-describedby", "tb-tooltip")
    assert first.get_attribute("aria-describedby") is None

    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    expect(second).to_be_focused()

    page.keyboard.press("Tab")  # third term link
    expect(tooltip.locator("strong")).to_have_text("Depth of Field")
    page.keyboard.press("Tab")  # an ordinary link: the preview goes
    expect(page.locator("#plain")).to_be_focused()
    expect(tooltip).to_be_hidden()
    assert_no_js_errors(page)


def test_preview_fetched_once_per_slug_even_when_missing(page: Page, site: str) -> None:
    api_requests: list[str] = []
    page.on("request", lambda r: api_requests.append(r.url) if "/api/terms/" in r.url else 0)
    page.goto(site + "terms/racking-focus/")
    tooltip = page.locator(TOOLTIP)

    for _ in range(2):
        page.locator("#link-missing").hover()
        expect(tooltip).to_be_visible()
        expect(tooltip.locator("strong")).to_have_text("ghost term")  # just the link text
        expect(tooltip.locator("span")).to_be_hidden()
        page.mouse.move(5, 5)
        expect(tooltip).to_be_hidden()

    # Two links to the same term share one request.
    page.locator("#link-dof").hover()
    expect(tooltip.locator("strong")).to_have_text("Depth of Field")
    page.locator("#link-dof-2").hover()
    expect(page.locator("#link-dof-2")).to_have_attribute("aria-describedby", "tb-tooltip")
    expect(tooltip.locator("strong")).to_have_text("Depth of Field")

    assert api_requests == [
        site + "api/terms/missing-term.json",
        site + "api/terms/depth-of-field.json",
    ]
    assert len(page.resource_errors) == 1  # the 404, expected
    assert_no_js_errors(page)


def test_preview_renders_untrusted_content_as_text(page: Page, site: str) -> None:
    page.goto(site + "terms/racking-focus/")
    tooltip = page.locator(TOOLTIP)
    page.locator("#link-evil").hover()
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("strong")).to_have_text("<b>Bold</b> & <script>alert(2)</script>")
    expect(tooltip.locator("span")).to_have_text(
        "Looks harmless <img src=x onerror=alert(1)> until rendered as HTML."
    )
    # <strong>, <span>, and the empty <ol> of a shared name's meanings and <small> senses note
    assert tooltip.evaluate("el => [...el.querySelectorAll('*')].map(e => e.localName)") == [
        "strong",
        "span",
        "ol",
        "small",
    ]
    assert tooltip.locator("ol").evaluate("el => el.hidden && el.children.length === 0")
    page.wait_for_timeout(200)
    assert page.locator("img[src=x], b, #tb-tooltip script").count() == 0
    assert_no_js_errors(page)


def test_preview_flips_above_near_the_bottom_of_a_phone_screen(new_page, site: str) -> None:
    page = new_page(viewport={"width": 360, "height": 640})
    page.goto(site + "terms/racking-focus/")
    link = page.locator("#link-bottom")
    link.evaluate("el => el.scrollIntoView({block: 'end'})")
    link.hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_class(re.compile(r"\btb-tooltip--above\b"))
    box, tip = link.bounding_box(), tooltip.bounding_box()
    assert tip["y"] + tip["height"] <= box["y"]
    assert tip["y"] >= 0
    assert tip["x"] >= 0 and tip["x"] + tip["width"] <= 360
    assert_no_js_errors(page)


# ---------------------------------------------------------------------------------- instant nav


def test_instant_navigation_initialises_each_element_once(page: Page, site: str) -> None:
    page.goto(site + "instant/")
    like = page.locator(".tb-like")
    page.evaluate("window.fakeEmit(); window.fakeEmit();")  # repeated init on the same page
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")  # one listener, one toggle

    # A preview is open when the page is swapped: it goes, and the new page works.
    page.locator("#term-1").hover()
    expect(page.locator(TOOLTIP)).to_be_visible()
    page.evaluate("window.fakeNavigate('page-2')")
    expect(page.locator(TOOLTIP)).to_be_hidden()
    new_like = page.locator(".tb-like[data-term=key-grip]")
    new_like.click()
    expect(new_like).to_have_attribute("aria-pressed", "true")
    page.locator("#term-2").hover()
    expect(page.locator(TOOLTIP).locator("strong")).to_have_text("Key Grip")
    assert page.locator("#tb-tooltip").count() == 1
    assert_no_js_errors(page)


# ---------------------------------------------------------------------------------- A–Z


def visible_names(page: Page) -> list[str]:
    return page.locator(".tb-az-item:visible > a").all_text_contents()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mise en scene", ["Mise-en-scène"]),
        ("MISE-EN-SCÈNE", ["Mise-en-scène"]),
        ("ingenue", ["Ingénue"]),
        ("directors cut", ["Director's Cut"]),
        ("p&a", ["P&A"]),
        ("focus pull", ["Racking Focus"]),
        ("4k", ["4K"]),
        ("花道", ["花道"]),
        ("dof", ["Depth of Field"]),
    ],
)
def test_az_filter_ignores_case_accents_and_punctuation(
    page: Page, site: str, query: str, expected: list[str]
) -> None:
    page.goto(site + "terms/")
    page.locator(".tb-az-filter").fill(query)
    expect(page.locator(".tb-az-count")).to_have_text(
        "1 term matches" if len(expected) == 1 else f"{len(expected)} terms match"
    )
    assert visible_names(page) == expected
    assert_no_js_errors(page)


def test_az_filter_hides_empty_letters_and_restores(page: Page, site: str) -> None:
    page.goto(site + "terms/")
    box = page.locator(".tb-az-filter")
    box.fill("mise en scene")
    expect(page.locator(".tb-az-count")).to_have_text("1 term matches")
    expect(page.locator("#letter-m")).to_be_visible()
    assert page.locator(".tb-az-letter:visible").count() == 1
    letters = page.locator(".tb-az-letters a")
    disabled = page.locator(".tb-az-letters a[aria-disabled=true]")
    expect(disabled).to_have_count(letters.count() - 1)
    assert page.locator(".tb-az-letters a[href='#letter-m']").get_attribute("aria-disabled") is None
    expect(page.locator(".tb-az-letters a[href='#letter-d']")).to_have_class(
        re.compile(r"\btb-az-letters__link--empty\b")
    )

    box.fill("zzzz")
    expect(page.locator(".tb-az-count")).to_have_text("No terms match")
    assert page.locator(".tb-az-letter:visible").count() == 0

    box.fill("")
    expect(page.locator(".tb-az-count")).to_have_text("")
    expect(page.locator(".tb-az-item:visible")).to_have_count(9)
    expect(disabled).to_have_count(0)

    # Enter opens the first match.
    box.fill("rack focus")
    expect(page.locator(".tb-az-count")).to_have_text("1 term matches")
    box.press("Enter")
    page.wait_for_url(site + "terms/racking-focus/")
    assert_no_js_errors(page)


def _keys(name: str) -> str:
    """The data-names the build writes for a term with one alias ("alias <name>")."""
    return "|".join(filter_keys(name) + filter_keys(f"alias {name}"))


def write_big_index(path: Path, n: int) -> list[str]:
    """An A–Z page of ``n`` generated terms; returns their names."""
    syllables = ["ka", "lo", "mi", "ne", "ro", "su", "ta", "vi", "ze", "do", "fa", "gu", "hé", "jo"]
    names = []
    for i in range(n):
        a, b, c = i % 14, (i // 14) % 14, (i // 196) % 14
        names.append(f"{syllables[a]}{syllables[b]}{syllables[c]} {i:04d}".capitalize())
    names.sort()
    sections: dict[str, list[str]] = {}
    for name in names:
        sections.setdefault(name[0].upper(), []).append(name)
    out = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "script-src 'self'; style-src 'self'\">",
        "<title>Big A–Z</title><link rel=stylesheet href=../assets/termbook/site.css></head><body>",
        '<input class="tb-az-filter" type="search" aria-controls="tb-az-list" aria-label="Filter">',
        '<p class="tb-az-count" role="status" aria-live="polite"></p><nav class="tb-az-letters">',
        *(f'<a href="#letter-{k.lower()}">{k}</a>' for k in sections),
        '</nav><div id="tb-az-list">',
    ]
    for letter, group in sections.items():
        out.append(
            f'<section class="tb-az-letter" id="letter-{letter.lower()}"><h2>{letter}</h2><ul>'
        )
        out.extend(
            f'<li class="tb-az-item" data-names="{_keys(name)}">'
            f'<a href="#">{name}</a> <span class="tb-az-summary">Summary of {name}.</span></li>'
            for name in group
        )
        out.append("</ul></section>")
    out.append('</div><script src="../assets/termbook/site.js"></script></body></html>')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out), encoding="utf-8")
    return names


def test_az_filter_works_on_5000_terms(page: Page, site_dir: Path, serve_dir) -> None:
    """How fast it filters is measured by benchmarks/bench_search.py, not asserted here."""
    names = write_big_index(site_dir / "big" / "index.html", 5000)
    base = serve_dir(site_dir)
    page.goto(base + "big/")
    expect(page.locator(".tb-az-item")).to_have_count(5000)

    # Each query as an input event, then the filtered list laid out.
    measure = """async (query) => {
        const input = document.querySelector('.tb-az-filter');
        input.value = query;
        input.dispatchEvent(new Event('input', {bubbles: true}));
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        document.body.offsetHeight;  // force the layout of the result
    }"""
    query = names[1234].split()[0].lower()  # e.g. "lomika"
    expected = sum(query in name.lower() for name in names)
    for q in ("h", "he", query, "", query[:3], "zzz", ""):
        page.evaluate(measure, q)
    page.evaluate(measure, query)
    count = page.locator(".tb-az-item:visible").count()
    assert count == expected
    expect(page.locator(".tb-az-count")).to_have_text(
        f"{expected:,} {'term matches' if expected == 1 else 'terms match'}"
    )
    hidden_letters = page.locator(".tb-az-letter[hidden]").count()
    assert hidden_letters == page.locator(".tb-az-letters a[aria-disabled=true]").count()
    assert hidden_letters > 0

    # Typing key by key, as a reader does.
    box = page.locator(".tb-az-filter")
    box.fill("")
    box.press_sequentially("hé", delay=0)
    expect(page.locator(".tb-az-count")).to_have_text(re.compile(r"terms match$"))

    # Letter jumps land on their letter although off-screen letters are not rendered.
    box.fill("")
    expect(page.locator(".tb-az-count")).to_have_text("")
    last = page.locator(".tb-az-letters a").last
    target = last.get_attribute("href")
    last.click()
    page.wait_for_function(f"location.hash === {target!r}")
    page.wait_for_timeout(100)
    top = page.locator(target).evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top <= 80, top
    assert_no_js_errors(page)


# ---------------------------------------------------------------------------------- CSS


def test_print_hides_interactive_parts_and_shows_source_urls(page: Page, site: str) -> None:
    page.goto(site + "terms/racking-focus/")
    page.locator("#link-dof").hover()
    expect(page.locator(TOOLTIP)).to_be_visible()
    page.emulate_media(media="print")
    for selector in (".tb-like", ".tb-share", ".tb-prevnext", TOOLTIP, ".tb-edit"):
        expect(page.locator(selector)).to_be_hidden()
    after = page.locator("#source-link").evaluate("a => getComputedStyle(a, '::after').content")
    assert "https://example.org/camera/focus" in after
    expect(page.locator(".tb-did-you-know")).to_be_visible()
    assert_no_js_errors(page)


CONTRAST_JS = """
(ids) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) if (layer && layer[3] > 0) bg = over(layer, bg);
    return bg;
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = {};
  for (const id of ids) {
    const el = document.querySelector(id);
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out[id] = Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100;
  }
  return out;
}
"""

CONTRAST_TARGETS = [
    "#c-alias",
    "#c-meta",
    "#c-term",
    "#c-example",
    "#c-trivia",
    "#c-category",
    "#c-related",
    "#c-source",
    "#c-like",
    "#c-copy",
    "#c-share",
    "#c-prev",
    "#c-prev-label",
    "#c-edit",
    "#c-filter",
    "#c-count",
    "#c-letter",
    "#c-letter-absent",
    "#c-letter-empty",
    "#c-az-link",
    "#c-az-aliases",
    "#c-az-summary",
    "#c-home-letter",
    "#c-featured",
    "#c-featured-trivia",
    "#c-card-title",
    "#c-card-text",
    "#c-overview-card",
    "#c-overview-count",
    "#c-overview-text",
    "#tb-tooltip strong",
    "#tb-tooltip span",
]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_text_contrast_meets_wcag_aa_with_material(
    page: Page, site_dir: Path, serve_dir, scheme: str
) -> None:
    material = Path(pytest.importorskip("material").__file__).parent
    vendor = site_dir / "vendor" / "material"
    vendor.mkdir(parents=True)
    stylesheets = material / "templates" / "assets" / "stylesheets"
    shutil.copy(next(stylesheets.glob("main.*.min.css")), vendor / "main.css")
    shutil.copy(next(stylesheets.glob("palette.*.min.css")), vendor / "palette.css")
    base = serve_dir(site_dir)

    page.goto(base + "material/")
    page.evaluate(f"document.body.dataset.mdColorScheme = {scheme!r}")
    page.locator("#c-like").click()  # the liked state has its own colour
    expect(page.locator("#c-like")).to_have_attribute("aria-pressed", "true")
    page.locator("#c-filter").dispatch_event("input")
    expect(page.locator("#c-count")).to_have_text("1 term matches")
    expect(page.locator("#c-letter-empty")).to_have_attribute("aria-disabled", "true")
    page.locator("#c-term").hover()
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_be_visible()
    tip = tooltip.bounding_box()  # rest the pointer on the tooltip: no link in its hover colour
    page.mouse.move(tip["x"] + tip["width"] - 4, tip["y"] + tip["height"] - 4, steps=3)
    page.wait_for_timeout(400)  # Material's colour transitions end
    expect(tooltip).to_be_visible()
    ratios = page.evaluate(CONTRAST_JS, CONTRAST_TARGETS)
    low = {target: ratio for target, ratio in ratios.items() if ratio < 4.5}
    assert low == {}, ratios
    assert_no_js_errors(page)
