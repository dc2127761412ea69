"""Parity: the widget in Chromium marks exactly what the site's Python linker links.

Every case of the mention tables of ``tests/test_names.py`` (accents, capitals, acronyms,
plurals and possessives, names with symbols, longest match, first-mention mode, words split
by inline elements, hyphen or space inside a name, hyphenated compounds, plural headwords and
listed forms, link restrictions) is built into a real site from the same glossary; the texts go through the build's own linker and through
``termbook.js`` reading the published names index, and the marks must be the same, mention by
mention. "all" cases share one page (each in its own paragraph); each "first" case gets a page,
since first-mention mode counts across the page. A name several terms share ("CD" of the cloud
glossary) is compared on a build of that glossary: marked as the site links it, previewed with
every meaning.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from projects import cloud_project, run_build, write_project
from termbook.glossary.rendered import check_terms
from termbook.linking.graph import linker_for
from termbook.names import filter_keys, search_key
from termbook.names.script import rules_js
from termbook.resources import ASSETS
from test_names import (
    FOLDING,
    GLOSSARY,
    LOOKUP_KEYS,
    MARKUP_MENTIONS,
    MENTIONS,
    further,
    markup_marks,
)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Parity</title>
<script src="assets/termbook/termbook.js" data-scope=".cases" data-mode="{mode}" defer></script>
</head><body><div class="cases">
{paragraphs}
</div></body></html>
"""


def _terms() -> dict:
    terms = {}
    for row in GLOSSARY:
        slug, names, autolink = row[:3]
        terms[slug] = {
            "term": names[0],
            "slug": slug,
            "aliases": list(names[1:]),
            "categories": ["Crew and Roles"],
            "definition": f"The term {slug} of the parity glossary.",
            **({} if autolink else {"autolink": False}),
            **further(row),
        }
    return terms


@pytest.fixture(scope="module")
def parity_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The glossary built once (no site_url: URLs relative to the site root) and its linker."""
    root = tmp_path_factory.mktemp("parity")
    site = run_build(write_project(root, _terms(), extra={"site_url": ""}))
    checked = check_terms(root / "terms", root)
    assert not [p for p in checked.problems if p.severity == "error"]
    return site, linker_for(checked.glossary)


CASES = [(c[0], html.escape(c[1]), *c[2:]) for c in MENTIONS] + MARKUP_MENTIONS
"""Every case as (id, HTML, mode, marks): the texts escaped, the markup as it is."""


def _write_page(site: Path, name: str, mode: str, cases: list[tuple]) -> str:
    paragraphs = "\n".join(
        f'<p id="case-{case_id}">{markup}</p>' for case_id, markup, _, _ in cases
    )
    (site / name).write_text(PAGE.format(mode=mode, paragraphs=paragraphs), encoding="utf-8")
    return name


def _widget_marks(page: Page, case_id: str) -> list[tuple[str, str]]:
    found = page.eval_on_selector_all(
        f"#case-{case_id} a.tb-term", "els => els.map(a => [a.dataset.term, a.textContent])"
    )
    return [tuple(pair) for pair in found]


def _open(page: Page, base: str, name: str) -> None:
    page.goto(base + name)
    expect(page.locator("html")).to_have_attribute("data-tb-widget", "ready")


def test_widget_marks_what_the_linker_links_in_every_case(
    parity_site, serve_dir, page: Page
) -> None:
    site, linker = parity_site
    base = serve_dir(site)
    compared = 0
    every = [case for case in CASES if case[2] == "all"]
    _open(page, base, _write_page(site, "parity-all.html", "all", every))
    for case_id, markup, mode, expected in every:
        python = markup_marks(markup, mode, linker)
        assert python == expected, case_id
        assert _widget_marks(page, case_id) == python, case_id
        compared += 1
    for case in (case for case in CASES if case[2] == "first"):
        case_id, markup, mode, expected = case
        _open(page, base, _write_page(site, f"parity-{case_id}.html", "first", [case]))
        python = markup_marks(markup, mode, linker)
        assert python == expected, case_id
        assert _widget_marks(page, case_id) == python, case_id
        compared += 1
    assert compared >= 40
    assert page.errors_seen == []


def test_widget_reads_the_names_index_and_not_the_full_api(
    parity_site, serve_dir, page: Page
) -> None:
    site, _ = parity_site
    base = serve_dir(site)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    case = next(case for case in CASES if case[0] == "longest")
    _open(page, base, _write_page(site, "parity-requests.html", "all", [case]))
    api = [url.removeprefix(base) for url in requested if "/api/" in url]
    assert api == ["api/names.json"]  # no api/terms.json, no preview before one is opened
    page.locator('a.tb-term[data-term="key-grip"]').hover()
    tip = page.locator("#tb-widget-tooltip")
    expect(tip.locator(".tb-widget-tip__summary")).to_have_text(
        "The term key-grip of the parity glossary."
    )
    api = [url.removeprefix(base) for url in requested if "/api/" in url]
    assert api == ["api/names.json", "api/terms/key-grip.json"]


def test_the_scripts_fold_queries_as_the_build_folds_names(page: Page) -> None:
    """The A–Z filter and the search ranking compare a reader's query (folded in the browser by
    the shared names part) with keys the build wrote (`filter_keys`): for every name of the
    names tables, both sides must make the same keys, or a typed name would not find its term."""
    names = [name for name, *_ in LOOKUP_KEYS] + [text for text, *_ in FOLDING]
    part = rules_js() + (ASSETS / "src" / "shared" / "names.js").read_text(encoding="utf-8")
    found = page.evaluate(
        f"names => {{ {part}\n return names.map(n => [searchKey(n), nameKeys(n)]); }}", names
    )
    for name, (query_key, keys) in zip(names, found, strict=True):
        assert query_key == search_key(name), name
        assert [k for k in dict.fromkeys(keys) if k] == filter_keys(name), name
    assert page.errors_seen == []


# -- a name several terms share: "CD" of the cloud glossary (tests/data/glossaries/cloud) --------

MEANINGS = ["Continuous Delivery", "Continuous Deployment"]
SHARED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shared</title>
<script src="assets/termbook/termbook.js" data-scope=".cases" data-mode="all" defer></script>
</head><body><div class="cases">{paragraphs}</div></body></html>
"""
SHARED_CASES = [
    ("plain", "Ship it with CD every day."),
    ("plural", "Both CDs need a pipeline, and Continuous Delivery is one."),
    ("lowercase-is-no-acronym", "Put the cd in the drawer."),
    ("with-integration", "Continuous Integration feeds CD."),
]


@pytest.fixture(scope="module")
def cloud_parity_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The cloud glossary built with --strict (no site_url), and its linker."""
    root = tmp_path_factory.mktemp("cloud-parity")
    site = run_build(cloud_project(root, site_url=""), strict=True)
    return site, linker_for(check_terms(root / "terms", root).glossary)


def _widget_marks_with_names(page: Page, case_id: str) -> list[tuple[str, str]]:
    found = page.eval_on_selector_all(
        f"#case-{case_id} a.tb-term",
        "els => els.map(a => [a.dataset.term || 'names/' + a.dataset.name, a.textContent])",
    )
    return [tuple(pair) for pair in found]


def test_the_widget_marks_a_shared_name_as_the_site_links_it_and_previews_every_meaning(
    cloud_parity_site, serve_dir, page: Page
) -> None:
    site, linker = cloud_parity_site
    paragraphs = "\n".join(f'<p id="case-{i}">{html.escape(text)}</p>' for i, text in SHARED_CASES)
    (site / "shared.html").write_text(SHARED_PAGE.format(paragraphs=paragraphs), "utf-8")
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
    for case_id, text in SHARED_CASES:
        python = markup_marks(html.escape(text), "all", linker)
        assert python == expected[case_id], case_id
        assert _widget_marks_with_names(page, case_id) == python, case_id
    mark = page.locator("#case-plain a.tb-term")
    assert mark.get_attribute("href") == base + "names/cd/"
    mark.hover()
    tip = page.locator("#tb-widget-tooltip")
    expect(tip.locator(".tb-widget-tip__name")).to_have_text("CD")
    expect(tip.locator(".tb-widget-tip__meanings li b")).to_have_text(MEANINGS)
    expect(tip.locator(".tb-widget-tip__meanings li").first).to_contain_text("Keeping the main")
    assert page.errors_seen == []
