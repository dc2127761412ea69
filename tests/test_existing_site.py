"""Termbook added to an existing MkDocs Material site (examples/existing-site, a beekeeping
glossary), as docs/existing-site.md shows: beside Material's own plugins, in an explicit nav,
with every optional output switched off, and with configuration mistakes reported."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from mkdocs.exceptions import Abort

from projects import existing_site, run_build

TERMS = (
    "brood",
    "frame",
    "queen",
    "queen-excluder",
    "smoker",
    "super",
    "swarm",
    "varroa-mite",
)


def plugin_options(config: dict) -> dict:
    return next(p["termbook"] for p in config["plugins"] if isinstance(p, dict))


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_build(existing_site(tmp_path_factory.mktemp("hive")), strict=True)


def test_the_offline_search_index_holds_every_term(site: Path) -> None:
    """search/search_index.js (what the offline plugin's pages load) has the terms, which
    Termbook adds before the offline plugin copies the index."""
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("var __index = "))
    locations = {doc["location"] for doc in index["docs"]}
    for slug in TERMS:
        assert f"terms/{slug}/index.html" in locations  # use_directory_urls: false (offline)
    assert index == json.loads((site / "search" / "search_index.json").read_text("utf-8"))


def test_the_offline_index_has_the_terms_whatever_the_plugin_order(tmp_path: Path) -> None:
    def offline_last(config: dict) -> None:
        config["plugins"].remove("offline")
        config["plugins"].append("offline")

    built = run_build(existing_site(tmp_path, offline_last), strict=True)
    script = (built / "search" / "search_index.js").read_text(encoding="utf-8")
    assert '"location":"terms/swarm/index.html"' in script


def test_pages_link_their_terms_and_carry_their_previews(site: Path) -> None:
    doc = lxml_html.fromstring((site / "inspections.html").read_bytes())
    links = {a.get("data-term"): a.get("href") for a in doc.xpath('//a[@class="tb-term"]')}
    assert links["varroa-mite"] == "terms/varroa-mite/index.html"
    assert links["swarm"] == "terms/swarm/index.html"
    [block] = doc.xpath('//script[@class="tb-previews"]')
    assert block.get("type") == "application/json"
    previews = json.loads(block.text)
    assert set(previews) == set(links)
    assert previews["swarm"][0] == "Swarm"
    assert previews["swarm"][1].startswith("A swarm is the part of a colony")


def test_the_glossary_is_in_the_explicit_nav(site: Path) -> None:
    doc = lxml_html.fromstring((site / "index.html").read_bytes())
    nav = [a.text_content().strip() for a in doc.xpath('//nav[@data-md-level="0"]//a')]
    assert "A–Z index" in nav and "Categories" in nav
    index = lxml_html.fromstring((site / "terms" / "index.html").read_bytes())
    assert len(index.xpath('//li[@class="tb-az-item"]')) == len(TERMS)


def test_the_minimal_profile_adds_only_pages_and_what_they_load(site: Path) -> None:
    """api, exports, practice, share_cards and likes off: no API, embed cards, export files,
    practice pages, share cards or like buttons; what is left per term is its page (the full
    "Mentioned in" lists are for terms mentioned on more pages than their page lists)."""
    for folder in ("embed", "exports", "practice", "assets/termbook/cards"):
        assert not (site / folder).exists(), folder
    api = {p.relative_to(site / "api").as_posix() for p in (site / "api").rglob("*.json")}
    assert api == {"az.json"}
    term = (site / "terms" / "brood" / "index.html").read_text(encoding="utf-8")
    assert 'class="tb-like"' not in term
    assert "og:image" not in term and "json+oembed" not in term
    assert not list(site.rglob("*.png")) or all("cards" not in p.parts for p in site.rglob("*.png"))


def test_tags_work_beside_the_glossary(site: Path) -> None:
    tags = (site / "tags.html").read_text(encoding="utf-8")
    assert "beginners" in tags and "first-hive.html" in tags


def test_a_nav_that_leaves_the_glossary_out_says_what_to_add(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)

    config_file = existing_site(tmp_path)  # its nav is the file's last key, two-space indented
    text = config_file.read_text(encoding="utf-8")
    glossary = "  - Glossary:\n      - A–Z index: terms/index.md\n      - Categories: categories/index.md\n"
    assert text.endswith(glossary)
    config_file.write_text(text.removesuffix(glossary), encoding="utf-8")
    with pytest.raises(Abort):
        run_build(config_file, strict=True)
    [message] = [m for m in warnings(caplog) if "nav" in m]
    assert "leaves out the glossary's terms/index.md, categories/index.md" in message
    lines = message.split("add these lines under `nav:` in mkdocs.yml:\n", 1)[1]
    assert lines == (
        "  - Glossary:\n      - A–Z index: terms/index.md\n      - Categories: categories/index.md"
    )
    # pasted under nav:, the lines make a strict build pass
    with config_file.open("a", encoding="utf-8") as handle:
        handle.write(lines + "\n")
    caplog.clear()
    run_build(config_file, strict=True)
    assert warnings(caplog) == []


def test_an_unknown_featured_term_is_a_warning_naming_the_option(tmp_path: Path, caplog) -> None:
    def misspelt(config: dict) -> None:
        plugin_options(config)["featured"] = "Brod"

    with pytest.raises(Abort):
        run_build(existing_site(tmp_path, misspelt), strict=True)
    assert (
        "termbook: the option `featured: Brod` names no term of the glossary "
        "(did you mean 'Brood'?); the home page features another"
    ) in warnings(caplog)


def test_a_site_without_a_home_page_is_told(tmp_path: Path, caplog) -> None:
    config_file = existing_site(tmp_path)
    (tmp_path / "docs" / "index.md").unlink()
    with pytest.raises(Abort):
        run_build(config_file, strict=True)
    assert any(
        "docs/index.md is missing, so the site has no home page" in m for m in warnings(caplog)
    )


def test_beside_the_blog_plugin_posts_link_terms(tmp_path: Path) -> None:
    def with_blog(config: dict) -> None:
        config["plugins"].insert(3, "blog")
        config["nav"].append({"Blog": "blog/index.md"})

    config_file = existing_site(tmp_path, with_blog)
    posts = tmp_path / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (posts / "swarm-in-may.md").write_text(
        "---\ndate: 2026-05-01\n---\n\n# A swarm in May\n\n"
        "The first swarm of the year hung from the apple tree for an hour.\n",
        encoding="utf-8",
    )
    built = run_build(config_file, strict=True)
    [post] = (built / "blog").rglob("a-swarm-in-may.html")
    assert 'data-term="swarm"' in post.read_text(encoding="utf-8")
    index = (built / "blog" / "index.html").read_text(encoding="utf-8")
    assert "A swarm in May" in index


def test_beside_the_privacy_plugin_only_its_own_downloads_need_the_network(
    tmp_path: Path, caplog
) -> None:
    """The privacy plugin downloads the external files Material's pages use (the offline
    plugin's iframe-worker shim, Mermaid) at build time. Without network (as here) it warns for
    each, so a strict build of such a site needs the network; Termbook adds no external file of
    its own, and its pages and links are built all the same."""
    caplog.set_level(logging.INFO)

    def with_privacy(config: dict) -> None:
        config["plugins"].insert(3, "privacy")

    built = run_build(existing_site(tmp_path, with_privacy), strict=False)
    messages = warnings(caplog)
    assert all(m.startswith("Couldn't retrieve https://unpkg.com/") for m in messages), messages
    assert 'data-term="brood"' in (built / "first-hive.html").read_text(encoding="utf-8")
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="https?://[^"]*termbook', text), page


def test_the_options_reference_lists_every_option() -> None:
    """docs/reference/options.md's table and README's example name exactly the plugin's options."""
    from termbook.config import TermbookConfig

    options = {name for name, _ in TermbookConfig._schema}
    root = Path(__file__).resolve().parents[1]
    reference = (root / "docs" / "reference" / "options.md").read_text(encoding="utf-8")
    assert set(re.findall(r"(?m)^\| `(\w+)` \|", reference)) == options
    readme = (root / "README.md").read_text(encoding="utf-8")
    example = readme.split("  - termbook:\n", 1)[1].split("```", 1)[0]
    assert set(re.findall(r"(?m)^      (\w+):", example)) == options


def test_the_command_reference_lists_every_command() -> None:
    from termbook.cli import COMMANDS

    root = Path(__file__).resolve().parents[1]
    reference = (root / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"\ntermbook {command} " in reference
        assert f"## `termbook {command}" in reference


def test_likes_off_asks_the_likes_service_nothing(tmp_path: Path) -> None:
    def with_endpoint(config: dict) -> None:
        plugin_options(config)["like_endpoint"] = "https://likes.example.org/likes"

    built = run_build(existing_site(tmp_path, with_endpoint), strict=True)
    for page in built.rglob("*.html"):
        assert "likes.example.org" not in page.read_text(encoding="utf-8"), page
