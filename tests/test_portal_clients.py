"""The project's own site, built once, read by the clients portals and terminology tools run:
translate-toolkit for TBX 2008, skosify for SKOS, Moodle's glossary import for the Moodle file,
and schema.org's vocabulary for every JSON-LD object on every page."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
import rdflib
import skosify
from lxml import etree
from lxml import html as lxml_html
from rdflib.namespace import DCTERMS, RDF, SKOS
from translate.storage import tbx as tt_tbx

from projects import run_build
from termbook.glossary.rendered import check_terms
from termbook.names import is_acronym

REPO = Path(__file__).resolve().parents[1]
SCHEMA_ORG = json.loads(
    (Path(__file__).parent / "data" / "schemaorg" / "domains.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return run_build(REPO / "mkdocs.yml", site_dir=str(tmp_path_factory.mktemp("site")))


@pytest.fixture(scope="module")
def glossary():
    return check_terms(REPO / "terms", REPO, dates=False).glossary


# ------------------------------------------------------------------------------- TBX 2008


def test_translate_toolkit_reads_every_entry_with_preferred_and_admitted_terms(site, glossary):
    store = tt_tbx.tbxfile.parsefile(str(site / "exports" / "glossary.tbx2008.tbx"))
    units = {unit.getid(): unit for unit in store.units}
    concepts = sum(max(1, len(term.senses)) for term in glossary)  # a concept per sense
    assert len(store.units) == concepts == len(units) > len(glossary)
    sensed = [t for t in glossary if t.senses]
    for term in sensed:
        for number in range(2, len(term.senses) + 1):
            unit = units[f"c-{term.slug}--{number}"]
            assert [t.text for t in unit.get_source_terms()] == [term.name, *term.aliases]
    for term in glossary:
        unit = units[f"c-{term.slug}"]
        assert unit.source == term.name
        terms = unit.get_source_terms()
        assert [t.text for t in terms] == [term.name, *term.aliases]
        statuses = [t.administrative_status for t in terms]
        assert statuses == ["preferredTerm-admn-sts"] + ["admittedTerm-admn-sts"] * len(
            term.aliases
        )
        for found in terms:
            types = [n.text for n in found.notes if n.scope == "term" and n.category == "termType"]
            assert types == (["acronym"] if is_acronym(found.text) else []), found.text
        definitions = [n for n in unit.get_common_notes(source=True) if n.category == "definition"]
        assert len(definitions) == 1 and definitions[0].text


def test_the_v3_file_is_still_published_beside_the_2008_one(site):
    root = etree.parse(str(site / "exports" / "glossary.tbx")).getroot()
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx"
    assert etree.parse(str(site / "exports" / "glossary.tbx2008.tbx")).getroot().tag == "martif"


# ----------------------------------------------------------------------------------- SKOS


def test_skosify_reports_nothing_on_the_published_skos(site, glossary, caplog):
    graph = rdflib.Graph()
    graph.parse(site / "exports" / "glossary.skos.ttl", format="turtle")
    caplog.set_level(logging.INFO)
    checked = skosify.skosify(graph)
    complaints = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert complaints == []
    # skosify keeps what it does not transform: every concept, and the dates it has no rule for
    concepts = set(checked.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(glossary)
    (scheme,) = checked.subjects(RDF.type, SKOS.ConceptScheme)
    assert str(checked.value(scheme, SKOS.prefLabel)) == "The Showbiz Dictionary"
    assert any(checked.subject_objects(DCTERMS.modified))


# --------------------------------------------------------------------------------- Moodle


def moodle_entries(path: Path) -> list[dict]:
    """The entries as Moodle's glossary import (mod/glossary/import.php) reads them, with its
    rules: GLOSSARY/INFO/ENTRIES/ENTRY; CONCEPT and DEFINITION required; CASESENSITIVE,
    USEDYNALINK, FULLMATCH are 0 or 1; ALIASES/ALIAS/NAME; CATEGORIES/CATEGORY/NAME+USEDYNALINK;
    with ALLOWDUPLICATEDENTRIES 0 a concept already there (compared in its entry's case rule)
    is rejected."""
    root = etree.parse(str(path)).getroot()
    assert root.tag == "GLOSSARY"
    info = root.find("INFO")
    assert info.findtext("NAME").strip()
    assert info.findtext("ALLOWDUPLICATEDENTRIES") == "0"
    entries, seen = [], []
    for element in info.find("ENTRIES").findall("ENTRY"):
        entry = {tag: element.findtext(tag) for tag in ("CONCEPT", "DEFINITION", "FORMAT")}
        assert entry["CONCEPT"].strip() and entry["DEFINITION"].strip()
        assert entry["FORMAT"] in {"0", "1", "2", "4"}
        for flag in ("CASESENSITIVE", "USEDYNALINK", "FULLMATCH"):
            entry[flag] = element.findtext(flag) == "1"
            assert element.findtext(flag) in {"0", "1"}, flag
        entry["ALIASES"] = [a.findtext("NAME").strip() for a in element.findall("ALIASES/ALIAS")]
        assert all(entry["ALIASES"])
        for category in element.findall("CATEGORIES/CATEGORY"):
            assert category.findtext("NAME").strip()
            assert category.findtext("USEDYNALINK") in {"0", "1"}
        concept = entry["CONCEPT"].strip()
        duplicate = (
            concept in seen
            if entry["CASESENSITIVE"]
            else concept.lower() in {s.lower() for s in seen}
        )
        assert not duplicate, f"Moodle would reject {concept!r} as a duplicate"
        seen.append(concept)
        entries.append(entry)
    return entries


def moodle_links(entries: list[dict], text: str) -> set[str]:
    """The entries' term pages that Moodle's auto-linking filter would link from ``text``:
    each keyword (concept or alias) of a linking entry, whole words with FULLMATCH, in the
    entry's case rule."""
    found = set()
    for entry in entries:
        if not entry["USEDYNALINK"]:
            continue
        flags = 0 if entry["CASESENSITIVE"] else re.IGNORECASE
        for keyword in [entry["CONCEPT"], *entry["ALIASES"]]:
            pattern = re.escape(keyword)
            if entry["FULLMATCH"]:
                pattern = rf"(?<!\w){pattern}(?!\w)"
            if re.search(pattern, text, flags):
                found.update(re.findall(r"/terms/([^/\"]+)/", entry["DEFINITION"]))
    return found


def test_moodle_links_every_name_as_the_site_does(site, glossary):
    entries = moodle_entries(site / "exports" / "glossary.moodle.xml")
    assert len(entries) >= len(glossary)
    for term in glossary:
        if not term.autolink:
            continue
        for name in term.names:
            assert term.slug in moodle_links(entries, f"Then {name} arrived."), name
            lower = f"then {name.lower()} arrived."
            if is_acronym(name):
                assert term.slug not in moodle_links(entries, lower), name
            else:
                assert term.slug in moodle_links(entries, lower), name


def test_moodle_splits_a_term_that_mixes_acronyms_and_words(site):
    entries = {e["CONCEPT"]: e for e in moodle_entries(site / "exports" / "glossary.moodle.xml")}
    ad, companion = entries["AD"], entries["Assistant Director"]
    assert ad["CASESENSITIVE"] and not companion["CASESENSITIVE"]
    assert "First AD" in companion["ALIASES"] and "First AD" not in ad["ALIASES"]
    assert companion["DEFINITION"].startswith("<p>Another name for <strong>AD</strong>.</p>")
    assert moodle_links(list(entries.values()), "the assistant director") == {"ad"}
    assert moodle_links(list(entries.values()), "an ad break") == set()


# -------------------------------------------------------------------------------- JSON-LD


def ancestors(type_name: str) -> set[str]:
    assert type_name in SCHEMA_ORG["types"], f"{type_name}: add it to tests/data/schemaorg/trim.py"
    found = {type_name}
    for parent in SCHEMA_ORG["types"][type_name]:
        found |= ancestors(parent)
    return found


def misused_properties(data, where: str) -> list[str]:
    """Properties that schema.org does not define for the object's type, in nested objects too."""
    problems = []
    if isinstance(data, list):
        for item in data:
            problems += misused_properties(item, where)
    elif isinstance(data, dict):
        types = ancestors(data["@type"]) if "@type" in data else set()
        for key, value in data.items():
            if types and not key.startswith("@"):
                domains = set(SCHEMA_ORG["properties"].get(key, ()))
                if not domains & types:
                    problems.append(f"{where}: {key} on {data['@type']}")
            problems += misused_properties(value, where)
    return problems


def test_every_json_ld_object_uses_properties_schema_org_defines_for_its_type(site):
    checked_objects, problems = 0, []
    for page in sorted(site.rglob("*.html")):
        doc = lxml_html.fromstring(page.read_bytes())
        for script in doc.xpath('//script[@type="application/ld+json"]'):
            data = json.loads(script.text)
            assert data["@context"] == "https://schema.org"
            problems += misused_properties(data, str(page.relative_to(site)))
            checked_objects += 1
    assert checked_objects > 135  # every term page and the index
    assert problems == []


def test_the_domain_check_catches_a_property_of_another_type():
    term = {"@type": "DefinedTerm", "name": "Grip", "dateModified": "2024-01-01"}
    assert misused_properties(term, "x") == ["x: dateModified on DefinedTerm"]
    page = {"@type": "WebPage", "dateModified": "2024-01-01", "termCode": "grip"}
    assert misused_properties({"mainEntityOfPage": page}, "y") == ["y: termCode on WebPage"]
