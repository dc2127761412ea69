"""Names several terms share, in a real build of the cloud glossary (tests/data/glossaries/):
"CD" is Continuous Delivery and Continuous Deployment (docs/reference/term-files.md, "Shared
names"; docs/reference/urls.md, names/<slug>/ and api/names/<slug>.json). Every output is read
by the client its users run: the API with the published JSON Schema, TBX and Moodle XML with
lxml, SKOS with rdflib."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import rdflib
from lxml import etree
from lxml import html as lxml_html
from rdflib.namespace import SKOS
from test_api import validator
from test_exports import TBX, parse_turtle

from projects import CLOUD, cloud_project, run_build
from termbook.glossary.loader import load_glossary
from termbook.glossary.rendered import check_terms
from termbook.linking.graph import linker_for
from termbook.pages.site_info import SiteInfo
from termbook.publish.exports import moodle, skos, tbx
from termbook.study import mask_names

BASE = "https://example.org/cloud/"
SITE = SiteInfo(name="Cloud", site_url=BASE)
CD = ["continuous-delivery", "continuous-deployment"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cloud")
    return run_build(cloud_project(root, site_url=BASE), strict=True)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("terms")
    shutil.copytree(CLOUD, root / "terms")
    return check_terms(root / "terms", root, dates=False)


def test_the_cloud_glossary_loads_with_cd_shared_and_no_problem(checked) -> None:
    assert [p.format() for p in checked.problems if p.is_error] == []
    [shared] = checked.glossary.shared.values()
    assert (shared.slug, shared.name, shared.terms) == ("cd", "CD", tuple(CD))
    assert checked.glossary.lookup("CD") is None
    assert [t.slug for t in checked.glossary.meanings("cd")] == CD


def test_the_shared_page_lists_every_meaning_with_its_first_sentence(built: Path) -> None:
    page = lxml_html.fromstring((built / "names/cd/index.html").read_text("utf-8"))
    assert page.findtext(".//title").startswith("CD")
    assert page.xpath("string(//h1)") == "CD"
    items = page.xpath("//li[@class='tb-meaning']")
    assert [i.xpath("string(a)") for i in items] == ["Continuous Delivery", "Continuous Deployment"]
    assert [i.xpath("a/@href")[0] for i in items] == [f"../../terms/{s}/" for s in CD]
    assert items[1].xpath("string(p)") == (
        "Releasing every change that passes the pipeline to production automatically, with no "
        "person approving each release."
    )
    sitemap = (built / "sitemap.xml").read_text("utf-8")
    assert f"{BASE}names/cd/" in sitemap


def test_mentions_link_the_shared_page_and_count_for_no_one_term(built: Path) -> None:
    page = (built / "terms/continuous-integration/index.html").read_text("utf-8")
    assert '<a class="tb-term" data-name="cd" href="../../names/cd/">CD</a>' in page
    for slug in CD:  # "CD" on the page is a mention of neither meaning
        term = lxml_html.fromstring((built / f"terms/{slug}/index.html").read_bytes())
        listed = term.xpath('//section[@id="mentioned-in"]//a/@href')
        assert not [href for href in listed if "continuous-integration" in href], slug


def test_the_api_carries_the_shared_name_as_the_schema_says(built: Path) -> None:
    schema = json.loads((built / "api/schema.json").read_text("utf-8"))
    names = json.loads((built / "api/names.json").read_text("utf-8"))
    validator(schema, "namesDocument").validate(names)
    [shared] = names["shared"]
    assert (shared["slug"], shared["name"], shared["terms"]) == ("cd", "CD", CD)
    keys = {stem + e for stem, which, *_ in shared["forms"] for e in names["endings"][which]}
    assert {"cd", "cds"} <= keys
    for term in names["terms"]:  # the shared keys belong to the shared name only
        for stem, which, *_ in term["forms"]:
            assert not keys & {stem + e for e in names["endings"][which]}, term["slug"]
    assert names["urls"]["name"] == BASE + "names/{slug}/"
    record = json.loads((built / "api/names/cd.json").read_text("utf-8"))
    validator(schema, "sharedName").validate(record)
    assert record["term"] == "CD" and record["url"] == BASE + "names/cd/"
    assert [m["slug"] for m in record["meanings"]] == CD
    assert record["meanings"][0]["summary"].startswith("Keeping the main branch releasable")
    for slug in CD:
        term = json.loads((built / f"api/terms/{slug}.json").read_text("utf-8"))
        validator(schema, "term").validate(term)
        assert term["aliases"] == ["CD"]


def test_tbx_has_the_shared_name_as_a_term_of_each_concept(checked) -> None:
    root = etree.fromstring(tbx.render(checked, SITE).encode("utf-8"))
    concepts = {c.get("id"): c for c in root.iter(f"{TBX}conceptEntry")}
    for slug in CD:
        terms = [t.text for t in concepts[f"c-{slug}"].iter(f"{TBX}term")]
        assert terms[1:] == ["CD"], slug


def test_moodle_has_the_shared_name_as_a_keyword_of_each_entry_and_no_concept_twice(
    checked,
) -> None:
    root = etree.fromstring(moodle.render(checked, SITE).encode("utf-8"))
    entries = root.findall("INFO/ENTRIES/ENTRY")
    concepts = [e.findtext("CONCEPT") for e in entries]
    assert len(concepts) == len(set(concepts))  # Moodle's import refuses a concept twice
    companions = {
        e.findtext("CONCEPT"): [a.text for a in e.iterfind("ALIASES/ALIAS/NAME")]
        for e in entries
        if e.findtext("CONCEPT").startswith("CD (")
    }
    assert companions == {
        "CD (Continuous Delivery)": ["CD"],
        "CD (Continuous Deployment)": ["CD"],
    }
    for entry in entries:
        if entry.findtext("CONCEPT").startswith("CD ("):
            assert entry.findtext("CASESENSITIVE") == "1"  # "cd" stays a word, as on the site


def test_skos_has_the_shared_name_as_an_alt_label_of_each_concept(checked) -> None:
    graph = parse_turtle(skos.render(checked, SITE))
    label = rdflib.Literal("CD", lang="en")
    assert set(graph.subjects(SKOS.altLabel, label)) == {
        rdflib.URIRef(f"{BASE}terms/{slug}/") for slug in CD
    }


def test_two_equal_headwords_stop_the_build_with_both_ways_out(tmp_path: Path) -> None:
    root = tmp_path / "p"
    cloud_project(root)
    (root / "terms/cd.yaml").write_text(
        "term: Continuous Delivery\ncategories: [Delivery]\ndefinition: Again.\n", "utf-8"
    )
    loaded = load_glossary(root / "terms", root, dates=False)
    problems = [p for p in loaded.problems if p.code == "duplicate-name"]
    assert {p.path for p in problems} == {"terms/cd.yaml", "terms/continuous-delivery.yaml"}
    assert all("senses:" in p.message and "qualifier" in p.message for p in problems)


def test_study_masks_a_shared_name_in_each_of_its_terms_questions(checked) -> None:
    matcher = linker_for(checked.glossary).matcher
    for slug in CD:
        term = checked.glossary.terms[slug]
        assert (
            mask_names(term, "Teams ship with CD daily.", matcher) == "Teams ship with _____ daily."
        )
    other = checked.glossary.terms["continuous-integration"]
    assert mask_names(other, "Teams ship with CD daily.", matcher) == "Teams ship with CD daily."
