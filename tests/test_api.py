"""The JSON API and oEmbed files: complete, valid against the published schema, reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from lxml import html as lxml_html

from projects import BASIC_TERMS, RACKING_FOCUS, SAILING_CATEGORIES, SAILING_TERMS, write_project
from termbook.glossary.rendered import check_terms
from termbook.linking.graph import linker_for
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import SCHEMA_FILE, api_files, dumps, oembed_document, terms_document
from termbook.publish.exports import FORMATS
from termbook.publish.files import content_of, published_files

SITE = SiteInfo(name="Test Glossary", site_url="https://example.org/glossary/")
EVIL_NAME = "Evil <img src=x onerror=window.__pwned=1>"
EVIL = {
    "term": EVIL_NAME,
    "slug": "evil",
    "aliases": ['</script><script>window.__pwned=1</script>"'],
    "categories": ["Crew and Roles"],
    "definition": "Looks harmless: <img src=x onerror=window.__pwned=1> & </script> end.",
}


def validator(schema: dict, definition: str) -> Draft202012Validator:
    """A validator for one document type of the published schema."""
    return Draft202012Validator(
        {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def load(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


@pytest.fixture
def checked(make_terms, tmp_path):
    return check_terms(make_terms(BASIC_TERMS), tmp_path, dates=False)


def test_published_schema_is_a_valid_json_schema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]) >= {"term", "termsDocument", "categoriesDocument", "oembed"}


def test_built_api_validates_against_the_schema_it_publishes(build_site):
    site = build_site()
    schema = load(site, "api/schema.json")
    assert schema == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    terms = load(site, "api/terms.json")
    validator(schema, "termsDocument").validate(terms)
    assert [t["slug"] for t in terms["terms"]] == [
        "focus-puller",
        "grip",
        "key-grip",
        "racking-focus",
    ]
    for slug in BASIC_TERMS:
        validator(schema, "term").validate(load(site, f"api/terms/{slug}.json"))
        validator(schema, "oembed").validate(load(site, f"api/oembed/{slug}.json"))
    validator(schema, "categoriesDocument").validate(load(site, "api/categories.json"))
    validator(schema, "namesDocument").validate(load(site, "api/names.json"))
    Draft202012Validator(schema).validate(terms)  # the schema's root accepts each document
    Draft202012Validator(schema).validate(load(site, "api/names.json"))


def test_pronunciation_and_part_of_speech_are_in_each_term_record(build_site):
    site = build_site(SAILING_TERMS, categories=SAILING_CATEGORIES)
    schema = load(site, "api/schema.json")
    terms = load(site, "api/terms.json")
    validator(schema, "termsDocument").validate(terms)
    assert terms["version"] == "2.1"
    records = {t["slug"]: t for t in terms["terms"]}
    for slug, data in SAILING_TERMS.items():
        record = load(site, f"api/terms/{slug}.json")
        validator(schema, "term").validate(record)
        assert record == records[slug]
        assert record["pronunciation"] == data.get("pronunciation")
        assert record["part_of_speech"] == data.get("part_of_speech")
    bad = {**records["tack"], "part_of_speech": "nuon"}
    assert not validator(schema, "term").is_valid(bad)
    assert not validator(schema, "term").is_valid(
        {k: v for k, v in records["tack"].items() if k != "pronunciation"}
    )


def test_names_index_holds_the_forms_the_linker_matches_and_nothing_else(build_site, tmp_path):
    site = build_site()
    index = load(site, "api/names.json")
    assert index["urls"] == {
        "term": "https://example.org/glossary/terms/{slug}/",
        "preview": "https://example.org/glossary/api/terms/{slug}.json",
        "name": "https://example.org/glossary/names/{slug}/",
        "namePreview": "https://example.org/glossary/api/names/{slug}.json",
    }
    assert "definition" not in json.dumps(index) and "summary" not in json.dumps(index)
    checked = check_terms(tmp_path / "terms", tmp_path)
    linker = linker_for(checked.glossary)
    published = {}
    for term in index["terms"]:
        for stem, which, *rule in term["forms"]:
            exact = rule[0] if rule else None
            linked = rule[1:] != [0]
            for ending in index["endings"][which]:
                assert stem + ending not in published, "each key belongs to one term"
                published[stem + ending] = (term["slug"], exact and exact + ending, linked)
    assert published == {
        key: form for key, form in linker.matcher._forms.items() if key in published
    }
    for key, (slug, exact, _) in published.items():
        text = exact or key
        assert [found[2] for found in linker.matcher.finditer(text)] == [slug], text
    assert {"focus puller", "grips", "key grip's", "1st ac"} <= set(published)


def test_term_file_carries_every_field_of_the_term(build_site):
    site = build_site()
    data = load(site, "api/terms/racking-focus.json")
    base = "https://example.org/glossary/"
    assert data["slug"] == "racking-focus"
    assert data["term"] == "Racking Focus"
    assert data["aliases"] == ["Rack Focus", "Focus Pull"]
    assert data["categories"] == [
        {
            "name": "Technology and Equipment",
            "slug": "technology-and-equipment",
            "url": base + "categories/technology-and-equipment/",
        }
    ]
    assert data["definition"] == RACKING_FOCUS["definition"]
    assert data["definition_html"].startswith("<p>Shifting focus")
    assert data["summary"] == RACKING_FOCUS["definition"]
    assert data["examples"] == RACKING_FOCUS["examples"]
    assert data["examples_html"] == ["<p>Rack to the door when it opens.</p>"]
    assert data["trivia"] == [RACKING_FOCUS["trivia"]]
    assert data["trivia_html"][0].startswith("<p>The move is often planned")
    assert data["related"] == ["focus-puller"]
    assert data["image"] is None and data["sources"] == [] and data["autolink"] is True
    assert data["url"] == base + "terms/racking-focus/"
    assert data["api_url"] == base + "api/terms/racking-focus.json"
    assert data["embed_url"] == base + "embed/racking-focus/"
    assert data["oembed_url"] == base + "api/oembed/racking-focus.json"
    assert data["version"] == "2.1"
    assert data["updated"] is None or len(data["updated"]) == 10
    listed = next(t for t in load(site, "api/terms.json")["terms"] if t["slug"] == "racking-focus")
    assert listed == data


def test_urls_are_relative_to_the_site_root_without_a_site_url(checked):
    record = terms_document(checked, SiteInfo(name="Local"))["terms"][0]
    assert record["url"] == "terms/focus-puller/"
    assert record["api_url"] == "api/terms/focus-puller.json"
    assert record["categories"][0]["url"] == "categories/crew-and-roles/"


def test_categories_file_lists_each_categorys_terms(build_site):
    site = build_site()
    categories = {c["slug"]: c for c in load(site, "api/categories.json")["categories"]}
    assert categories["crew-and-roles"]["terms"] == ["focus-puller", "grip", "key-grip"]
    assert categories["technology-and-equipment"]["terms"] == ["racking-focus"]
    assert categories["crew-and-roles"]["description_html"] == (
        "<p>Who does what on a production.</p>"
    )


def test_files_are_reproducible_and_carry_no_build_time(checked):
    first = api_files(checked, SITE)
    assert first == api_files(checked, SITE)
    assert first[urls.TERMS_API] == dumps(terms_document(checked, SITE))
    terms = json.loads(first[urls.TERMS_API])
    assert set(terms) == {"version", "generator", "glossary", "terms"}
    assert terms["generator"]["name"] == "Termbook"
    assert terms["glossary"]["term_count"] == 4


def test_json_has_stable_key_order_and_no_raw_markup_characters(make_terms, tmp_path):
    checked = check_terms(make_terms({"evil": EVIL}), tmp_path, dates=False)
    text = dumps(terms_document(checked, SITE))
    assert "<" not in text and ">" not in text and "&" not in text
    record = json.loads(text)["terms"][0]
    assert record["term"] == EVIL_NAME
    assert list(record) == sorted(record)


def test_oembed_answer_frames_the_card_with_escaped_attributes(make_terms, tmp_path):
    checked = check_terms(make_terms({"evil": EVIL}), tmp_path, dates=False)
    answer = oembed_document(checked.entries["evil"], SITE)
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["title"] == EVIL_NAME
    assert answer["provider_name"] == "Test Glossary"
    assert answer["provider_url"] == "https://example.org/glossary/"
    frames = lxml_html.fragments_fromstring(answer["html"])
    assert len(frames) == 1 and frames[0].tag == "iframe"
    frame = frames[0]
    assert frame.get("src") == "https://example.org/glossary/embed/evil/"
    assert frame.get("title") == f"{EVIL_NAME} (Test Glossary)"
    assert int(frame.get("width")) == answer["width"]
    assert int(frame.get("height")) == answer["height"]
    assert not frame.getchildren()


def test_term_page_discovery_link_points_at_its_oembed_file(build_site):
    site = build_site()
    doc = lxml_html.fromstring((site / "terms/key-grip/index.html").read_text(encoding="utf-8"))
    links = doc.xpath('//link[@rel="alternate"][@type="application/json+oembed"]')
    assert [link.get("href") for link in links] == [
        "https://example.org/glossary/api/oembed/key-grip.json"
    ]
    assert load(site, "api/oembed/key-grip.json")["title"] == "Key Grip"


def test_build_publishes_every_file_of_the_embedding_kit(build_site, tmp_path):
    site = build_site()
    checked = check_terms(tmp_path / "terms", tmp_path)
    expected = published_files(checked, SITE)
    for path in (
        "api/terms.json",
        "api/categories.json",
        "api/schema.json",
        "api/names.json",
        "api/terms/grip.json",
        "api/oembed/grip.json",
        "embed/index.html",
        "embed/grip/index.html",
        *(urls.export_file(f.filename) for f in FORMATS.values() if f.published),
        "assets/termbook/termbook.js",
        "assets/termbook/termbook.css",
        "assets/termbook/embed.js",
        "assets/termbook/embed.css",
        "assets/termbook/embed-host.js",
    ):
        assert path in expected
    for path, value in expected.items():
        built = (site / path).read_bytes()
        content = content_of(value)
        assert built == (content.encode("utf-8") if isinstance(content, str) else content), path


def test_api_option_off_publishes_no_data_files(build_site):
    """Only what the site's own pages fetch stays: the A–Z filter's names (and the full
    "Mentioned in" list of a term mentioned on more pages than its page lists); no oEmbed link
    points at a file that is not there."""
    site = build_site(plugin={"api": False})
    term = (site / "terms/grip/index.html").read_text(encoding="utf-8")
    published = {p.relative_to(site / "api").parts[0] for p in (site / "api").rglob("*.json")}
    assert published == {"az.json"}
    assert not (site / "embed").exists()
    assert not (site / "assets/termbook/termbook.js").exists()
    assert "json+oembed" not in term
    assert (site / "exports/glossary.tbx").is_file()  # exports are an option of their own


def test_exports_option_off_publishes_no_export_files(build_site):
    site = build_site(plugin={"exports": False})
    assert not (site / "exports").exists()
    assert (site / "api/terms.json").is_file()
    assert (site / "embed/grip/index.html").is_file()


def test_same_terms_build_byte_identical_api_files(tmp_path):
    from projects import run_build

    sites = []
    for name in ("one", "two"):
        sites.append(run_build(write_project(tmp_path / name, BASIC_TERMS)))
    for path in ("api/terms.json", "api/terms/grip.json", "exports/glossary.tbx"):
        assert (sites[0] / path).read_bytes() == (sites[1] / path).read_bytes()


def test_api_paths_name_exactly_the_files_api_files_makes(checked):
    """The build lists the API's files before it makes them (in the publishing worker)."""
    from termbook.publish.api import api_paths

    assert sorted(api_paths(checked.glossary)) == sorted(api_files(checked, SITE))
