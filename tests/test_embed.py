"""Embed cards and the embeddable glossary: chrome-free, strict-CSP-ready, escaped, linked back."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from projects import BASIC_TERMS
from termbook.glossary.rendered import check_terms
from termbook.pages.site_info import SiteInfo
from termbook.publish.embed import TEMPLATES, embed_files

SITE = SiteInfo(name="Test Glossary", site_url="https://example.org/glossary/")
EVIL = {
    "term": "Evil <img src=x onerror=window.__pwned=1>",
    "slug": "evil",
    "aliases": ["</script><script>window.__pwned=1</script>"],
    "categories": ["Crew and Roles"],
    "definition": "Harmless <img src=x onerror=window.__pwned=1> <script>window.__pwned=1</script>.",
}


def parse(path: Path):
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


@pytest.fixture
def site(build_site) -> Path:
    return build_site({**BASIC_TERMS, "evil": EVIL})


def test_card_shows_the_term_and_links_back_to_the_full_entry(site):
    doc = parse(site / "embed/racking-focus/index.html")
    assert doc.xpath("//h1")[0].text_content() == "Racking Focus"
    card = doc.xpath('//article[@class="tb-card"]')[0]
    assert card.get("data-term") == "racking-focus"
    assert "Also known as Rack Focus, Focus Pull" in " ".join(card.text_content().split())
    assert "Shifting focus from one subject to another" in card.text_content()
    more = doc.xpath('//a[@class="tb-card__more"]')[0]
    assert more.get("href") == "https://example.org/glossary/terms/racking-focus/"
    assert more.get("target") == "_blank" and "noopener" in more.get("rel")
    assert "Read the full entry" in more.text_content()
    assert not doc.xpath('//*[contains(@class, "md-header") or contains(@class, "md-nav")]')


def test_embed_pages_load_only_their_own_script_and_style(site):
    for path in ("embed/racking-focus/index.html", "embed/index.html"):
        doc = parse(site / path)
        scripts = doc.xpath("//script")
        assert [s.get("src") for s in scripts] == [
            "../" * path.count("/") + "assets/termbook/embed.js"
        ]
        assert all(not (s.text or "").strip() for s in scripts)  # no inline script
        assert not doc.xpath("//*[@style]") and not doc.xpath("//style")
        for ref in (scripts[0].get("src"), doc.xpath('//link[@rel="stylesheet"]/@href')[0]):
            assert (site / Path(path).parent / ref).resolve().is_file(), ref
        csp = doc.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert doc.xpath('//meta[@name="color-scheme"]/@content') == ["light dark"]
        assert doc.xpath('//meta[@name="viewport"]')


def test_term_text_with_markup_stays_text_in_the_card(site):
    source = (site / "embed/evil/index.html").read_text(encoding="utf-8")
    doc = lxml_html.fromstring(source)
    assert doc.xpath("//h1")[0].text_content() == EVIL["term"]
    assert "</script><script>window.__pwned=1</script>" in doc.text_content()
    assert len(doc.xpath("//script")) == 1
    assert not doc.xpath("//img")
    assert not doc.xpath("//@*[starts-with(name(), 'on')]")
    assert "<img src=x" not in source


def test_whole_glossary_lists_every_term_with_a_filter(site):
    doc = parse(site / "embed/index.html")
    items = doc.xpath('//ul[@id="tb-embed-list"]/li')
    assert [li.xpath(".//article/@data-term")[0] for li in items] == [
        "evil",
        "focus-puller",
        "grip",
        "key-grip",
        "racking-focus",
    ]
    racking = items[-1]
    assert racking.get("data-names") == "rackingfocus|rackfocus|focuspull"
    link = racking.xpath(".//h2/a")[0]
    assert link.get("href") == "https://example.org/glossary/terms/racking-focus/"
    field = doc.xpath('//input[@id="tb-embed-filter"]')[0]
    assert field.get("type") == "search"
    assert doc.xpath('//label[@for="tb-embed-filter"]')
    assert doc.xpath('//*[@id="tb-embed-status"][@role="status"]')[0].text == "5 terms"


def test_links_are_relative_without_a_site_url(make_terms, tmp_path):
    checked = check_terms(make_terms(BASIC_TERMS), tmp_path, dates=False)
    files = {path: make() for path, make in embed_files(checked, SiteInfo(name="Local")).items()}
    card = lxml_html.fromstring(files["embed/grip/index.html"])
    assert card.xpath('//a[@class="tb-card__more"]/@href') == ["../../terms/grip/"]
    glossary = lxml_html.fromstring(files["embed/index.html"])
    assert glossary.xpath('//article[@data-term="grip"]//h2/a/@href') == ["../terms/grip/"]


def test_a_site_can_override_the_card_template(make_terms, tmp_path):
    checked = check_terms(make_terms(BASIC_TERMS), tmp_path, dates=False)
    custom = tmp_path / "overrides" / "termbook" / "embed"
    custom.mkdir(parents=True)
    (custom / "card.html").write_text("<p>{{ term.name }} {{ '<b>' }}</p>", encoding="utf-8")
    files = {
        path: make() for path, make in embed_files(checked, SITE, [tmp_path / "overrides"]).items()
    }
    assert files["embed/grip/index.html"] == "<p>Grip &lt;b&gt;</p>"  # autoescape stays on
    assert "tb-embed-index__list" in files["embed/index.html"]


def test_embed_templates_folder_holds_only_html():
    """The package's template folder is a theme folder: anything else would be copied into sites."""
    folder = TEMPLATES / "termbook" / "embed"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["base.html", "card.html", "index.html", "practice.html"]
