"""Search on a glossary of another field (tests/data/glossaries/cloud), typed into Material's
search box of the real site as in ``test_search.py``: a query with a slash or a hyphen finds
each part's terms, and a plural headword comes first for its singular.

Shaped by ``termbook.pages.searchindex`` (a slash separates words in the index and in queries;
a plural headword's singular is one of its names) and ranked in the browser by Material's
worker and the site's script (``site/search-ranking.js``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect
from test_search import search

from projects import GLOSSARIES, cloud_terms, run_build, write_project
from termbook.pages.searchindex import SearchDoc, shape_index


@pytest.fixture(scope="module")
def cloud_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cloud glossary's site, built once (``--strict``)."""
    root = tmp_path_factory.mktemp("cloud")
    cloud_terms(root / "terms")
    return run_build(write_project(root, {}, categories=None), strict=True)


@pytest.fixture
def cloud_page(cloud_site: Path, serve_dir, page: Page) -> Page:
    """The home page of the cloud site with its search ready."""
    page.goto(serve_dir(cloud_site))
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    return page


def test_a_slash_query_finds_each_parts_terms(cloud_page: Page) -> None:
    titles = search(cloud_page, "CI/CD")
    assert "Continuous Integration" in titles[:5], titles
    assert "Continuous Delivery" in titles[:5], titles


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("self-healing", "Self Healing"),
        ("self healing", "Self Healing"),
        ("infrastructure-as-a-service", "Infrastructure as a Service"),
        ("container", "Containers"),
        ("node", "Nodes"),
        ("microservice", "Microservices"),
    ],
)
def test_hyphens_spaces_and_singulars_find_the_headword_first(
    cloud_page: Page, query: str, first: str
) -> None:
    titles = search(cloud_page, query)
    assert titles and titles[0] == first, titles[:5]


def test_a_plural_headword_ranks_above_longer_names_beginning_with_its_singular(
    cloud_page: Page,
) -> None:
    titles = search(cloud_page, "container")
    assert titles[0] == "Containers"
    assert "Containerization" in titles[1:], titles


ASK_WITH_INDEX = """async ([index, query]) => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const worker = new Worker(new URL(config.search, location.href));
    const titles = await new Promise((resolve) => {
        worker.onmessage = (event) => {
            if (event.data.type === 1) worker.postMessage({ type: 2, data: query });
            else if (event.data.type === 3) resolve(event.data.data.items.map((g) => g[0].title));
        };
        worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
    });
    worker.terminate();
    return titles;
}"""


def test_every_meaning_of_a_shared_abbreviation_is_in_the_top_five(cloud_page: Page) -> None:
    """The fixture's CD belongs to two terms (shared names: another part of issue 19); the
    index is shaped here from the term files as written, both CDs kept, and asked through the
    site's own search worker."""
    docs = []
    for path in sorted((GLOSSARIES / "cloud").glob("[!_]*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        first = data["definition"].split(". ")[0] + "."
        docs.append(
            SearchDoc(f"terms/{path.stem}/", data["term"], first, tuple(data.get("aliases", ())))
        )
    index = shape_index({"config": {"lang": ["en"], "separator": r"[\s\-]+"}, "docs": []}, docs)
    index = json.loads(json.dumps(index))
    titles = cloud_page.evaluate(ASK_WITH_INDEX, [index, "CI/CD"])
    for name in ("Continuous Integration", "Continuous Delivery", "Continuous Deployment"):
        assert any(name in title for title in titles[:5]), titles
