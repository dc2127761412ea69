"""Exports parsed by real parsers: every term is there, with every field, in every format."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import rdflib
from lxml import etree
from lxml import html as lxml_html
from rdflib.namespace import RDF, SKOS
from translate.storage import tbx as tt_tbx

from projects import BASIC_TERMS, FOCUS_PULLER, RACKING_FOCUS, write_project
from termbook.cli import main
from termbook.glossary.fields import FIELDS, PARTS_OF_SPEECH
from termbook.glossary.rendered import check_terms
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import dumps, terms_document
from termbook.publish.exports import FORMATS, csv_table, json_api, moodle, skos, tbx
from termbook.text.markdown import plain_text

SITE = SiteInfo(name="Test Glossary", site_url="https://example.org/glossary/")
BASE = "https://example.org/glossary/"
ADR = {
    "term": "ADR",
    "aliases": ["Automated Dialogue Replacement", "Looping"],
    "categories": ["Technology and Equipment"],
    "definition": 'Re-recording dialogue in a studio. Said "A-D-R", with a \\ backslash.',
    "examples": ["=1+1 is not a formula here", "We'll **loop** that line."],
    "trivia": ["First fact.", "Second fact."],
    "related": ["Racking Focus"],
    "pronunciation": "/ˌeɪ diː ˈɑː/",
    "part_of_speech": "abbreviation",
}
TERMS = {**BASIC_TERMS, "adr": ADR, "grip": {**BASIC_TERMS["grip"], "part_of_speech": "noun"}}
PART_OF_SPEECH_TBX = {"adjective", "adverb", "noun", "other", "properNoun", "verb"}
"""TBX-Basic's partOfSpeech picklist (the same in TBX v3 and TBX 2008)."""
TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def checked(make_terms, tmp_path):
    return check_terms(make_terms(TERMS), tmp_path, dates=False)


def text_of(markdown: str) -> str:
    return plain_text(markdown)


# ------------------------------------------------------------------------------------ moodle


def test_moodle_xml_has_every_entry_with_aliases_categories_and_full_definition(checked):
    root = etree.fromstring(moodle.render(checked, SITE).encode("utf-8"))
    assert root.tag == "GLOSSARY"
    info = root.find("INFO")
    assert info.findtext("NAME") == "Test Glossary"
    for tag in ("INTRO", "INTROFORMAT", "GLOBALGLOSSARY", "SHOWSPECIAL", "SHOWALPHABET", "SHOWALL"):
        assert info.find(tag) is not None, tag
    entries = {e.findtext("CONCEPT"): e for e in info.find("ENTRIES").findall("ENTRY")}
    assert set(entries) == {
        "ADR",
        "Automated Dialogue Replacement",
        "Focus Puller",
        "Grip",
        "Key Grip",
        "Racking Focus",
    }
    for data in TERMS.values():
        entry = entries[data["term"]]
        assert entry.findtext("FORMAT") == "1"
        assert entry.findtext("USEDYNALINK") == "1"
        assert entry.findtext("FULLMATCH") == "1"
        aliases = [a.findtext("NAME") for a in entry.findall("ALIASES/ALIAS")]
        if data is ADR:  # words and an acronym: the words are a companion entry (case rule)
            assert aliases == []
            companion = entries[ADR["aliases"][0]]
            assert [a.findtext("NAME") for a in companion.findall("ALIASES/ALIAS")] == ADR[
                "aliases"
            ][1:]
            assert (entry.findtext("CASESENSITIVE"), companion.findtext("CASESENSITIVE")) == (
                "1",
                "0",
            )
        else:
            assert aliases == data.get("aliases", [])
            assert entry.findtext("CASESENSITIVE") == "0"
        categories = entry.findall("CATEGORIES/CATEGORY")
        assert [c.findtext("NAME") for c in categories] == data["categories"]
        assert all(c.findtext("USEDYNALINK") == "0" for c in categories)
        definition = lxml_html.fromstring(entry.findtext("DEFINITION")).text_content()
        assert text_of(data["definition"]) in " ".join(definition.split())
        for example in data.get("examples", []):
            assert text_of(example) in definition
        trivia = data.get("trivia", [])
        for fact in [trivia] if isinstance(trivia, str) else trivia:
            assert text_of(fact) in " ".join(definition.split())
        assert "Read the full entry" in definition
    assert entries["ADR"].findtext("CASESENSITIVE") == "1"  # written in capitals, like the linker
    assert entries["Key Grip"].findtext("CASESENSITIVE") == "0"
    related = lxml_html.fromstring(entries["ADR"].findtext("DEFINITION")).text_content()
    assert "Related terms: Racking Focus" in related


# --------------------------------------------------------------------------------------- tbx


def test_tbx_basic_has_a_concept_entry_per_term_with_terms_definition_and_notes(checked):
    root = etree.fromstring(tbx.render(checked, SITE).encode("utf-8"))
    assert root.tag == f"{TBX}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "en")
    assert (
        root.find(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}titleStmt/{TBX}title").text == "Test Glossary"
    )
    concepts = {c.get("id"): c for c in root.iter(f"{TBX}conceptEntry")}
    assert set(concepts) == {f"c-{slug}" for slug in TERMS}
    for slug, data in TERMS.items():
        concept = concepts[f"c-{slug}"]
        subjects = [d.text for d in concept.findall(f"{TBX}descrip[@type='subjectField']")]
        assert subjects == data["categories"]
        (language,) = concept.findall(f"{TBX}langSec")
        assert language.get(XML_LANG) == "en"
        definition = language.find(f"{TBX}descrip[@type='definition']").text
        assert definition == text_of(data["definition"])
        sections = language.findall(f"{TBX}termSec")
        assert [s.findtext(f"{TBX}term") for s in sections] == [
            data["term"],
            *data.get("aliases", []),
        ]
        statuses = [s.findtext(f"{TBX}termNote[@type='administrativeStatus']") for s in sections]
        assert statuses[0] == "preferredTerm-admn-sts"
        assert set(statuses[1:]) <= {"admittedTerm-admn-sts"}
        contexts = [d.text for d in sections[0].findall(f"{TBX}descrip[@type='context']")]
        assert contexts == [text_of(e) for e in data.get("examples", [])]
        trivia = data.get("trivia", [])
        notes = [n.text for n in language.findall(f"{TBX}note")]
        assert notes == [text_of(t) for t in ([trivia] if isinstance(trivia, str) else trivia)]
        refs = concept.findall(f"{TBX}ref[@type='crossReference']")
        assert all(ref.get("target") in concepts for ref in refs)
        xref = concept.find(f"{TBX}xref[@type='externalCrossReference']")
        assert xref.get("target") == f"{BASE}terms/{slug}/"
    adr_types = [
        s.findtext(f"{TBX}termNote[@type='termType']")
        for s in concepts["c-adr"].iter(f"{TBX}termSec")
    ]
    assert adr_types == ["abbreviation", None, None]
    word_classes = {
        slug: [
            s.findtext(f"{TBX}termNote[@type='partOfSpeech']")
            for s in concept.iter(f"{TBX}termSec")
        ]
        for slug, concept in concepts.items()
    }
    assert word_classes["c-adr"] == ["other", None, None]  # the headword's, not the aliases'
    assert word_classes["c-grip"] == ["noun"]
    assert word_classes["c-key-grip"] == [None]


def test_every_part_of_speech_has_a_tbx_basic_value():
    assert {tbx.PART_OF_SPEECH.get(p, "other") for p in PARTS_OF_SPEECH} <= PART_OF_SPEECH_TBX
    assert set(tbx.PART_OF_SPEECH.values()) == PART_OF_SPEECH_TBX - {"other"}


V3_LEVELS = ("conceptEntry", "langSec", "termSec")
V2008_LEVELS = ("termEntry", "langSet", "tig")


@pytest.mark.parametrize(
    ("render", "names"), [(tbx.render, V3_LEVELS), (tbx.render_2008, V2008_LEVELS)]
)
def test_tbx_uses_only_tbx_basic_data_categories_at_their_levels(checked, render, names):
    """The TBX-Basic dialect's rules (its Schematron), checked on both editions."""
    root = etree.fromstring(render(checked, SITE).encode("utf-8"))
    concept, language, term = names
    levels = {
        ("descrip", "definition"): {concept, language},
        ("descrip", "subjectField"): {concept},
        ("descrip", "context"): {term},
        ("ref", "crossReference"): {concept, term},
        ("xref", "externalCrossReference"): {concept, term},
        ("termNote", "termType"): {term},
        ("termNote", "partOfSpeech"): {term},
        ("termNote", "administrativeStatus"): {term},
        ("transac", "transactionType"): {"transacGrp"},
        ("p", "XCSURI"): {"encodingDesc"},
    }
    picklists = {
        "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
        "partOfSpeech": PART_OF_SPEECH_TBX,
        "administrativeStatus": {
            "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts",
            "supersededTerm-admn-sts",
            "preferredTerm-admn-sts",
        },
    }
    for element in root.iter():
        kind = element.get("type")
        if kind is None or element is root:
            continue
        tag = etree.QName(element).localname
        assert (tag, kind) in levels, (tag, kind)
        assert etree.QName(element.getparent()).localname in levels[(tag, kind)]
        if kind in picklists:
            assert element.text in picklists[kind]


def test_tbx_2008_is_a_martif_with_the_same_entries_and_acronym_term_types(checked):
    text = tbx.render_2008(checked, SITE)
    assert text.splitlines()[1] == '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">'
    root = etree.fromstring(text.encode("utf-8"))
    assert (root.tag, root.get("type"), root.get(XML_LANG)) == ("martif", "TBX-Basic", "en")
    assert root.findtext("martifHeader/fileDesc/titleStmt/title") == "Test Glossary"
    entries = {e.get("id"): e for e in root.iter("termEntry")}
    assert set(entries) == {f"c-{slug}" for slug in TERMS}
    tigs = entries["c-adr"].findall("langSet/tig")
    assert [t.findtext("term") for t in tigs] == ["ADR", *ADR["aliases"]]
    assert [t.findtext("termNote[@type='termType']") for t in tigs] == ["acronym", None, None]
    assert [t.findtext("termNote[@type='partOfSpeech']") for t in tigs] == ["other", None, None]
    store = tt_tbx.tbxfile.parsestring(text.encode("utf-8"))
    assert sorted(unit.source for unit in store.units) == sorted(d["term"] for d in TERMS.values())


# -------------------------------------------------------------------------------------- skos


def parse_turtle(text: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=text, format="turtle", publicID="https://example.org/glossary/exports/x.ttl")
    return graph


def test_skos_has_a_concept_per_term_with_labels_notes_and_symmetric_related(checked):
    graph = parse_turtle(skos.render(checked, SITE))
    scheme = rdflib.URIRef(BASE + "terms/")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert concepts == {rdflib.URIRef(f"{BASE}terms/{slug}/") for slug in TERMS}
    for slug, data in TERMS.items():
        concept = rdflib.URIRef(f"{BASE}terms/{slug}/")
        assert list(graph.objects(concept, SKOS.prefLabel)) == [
            rdflib.Literal(data["term"], lang="en")
        ]
        assert set(graph.objects(concept, SKOS.altLabel)) == {
            rdflib.Literal(a, lang="en") for a in data.get("aliases", [])
        }
        assert list(graph.objects(concept, SKOS.definition)) == [
            rdflib.Literal(text_of(data["definition"]), lang="en")
        ]
        assert set(graph.objects(concept, SKOS.example)) == {
            rdflib.Literal(text_of(e), lang="en") for e in data.get("examples", [])
        }
        trivia = data.get("trivia", [])
        assert set(graph.objects(concept, SKOS.note)) == {
            rdflib.Literal(text_of(t), lang="en")
            for t in ([trivia] if isinstance(trivia, str) else trivia)
        }
        assert (concept, SKOS.inScheme, scheme) in graph
        assert (concept, SKOS.topConceptOf, scheme) in graph
        assert (scheme, SKOS.hasTopConcept, concept) in graph
    related = list(graph.subject_objects(SKOS.related))
    assert related
    for a, b in related:
        assert (b, SKOS.related, a) in graph
    racking = rdflib.URIRef(BASE + "terms/racking-focus/")
    assert set(graph.objects(racking, SKOS.related)) == {
        rdflib.URIRef(BASE + "terms/focus-puller/"),
        rdflib.URIRef(BASE + "terms/adr/"),  # ADR lists Racking Focus: SKOS says both ways
    }


def test_skos_categories_are_collections_of_their_terms(checked):
    graph = parse_turtle(skos.render(checked, SITE))
    crew = rdflib.URIRef(BASE + "categories/crew-and-roles/")
    assert (crew, RDF.type, SKOS.Collection) in graph
    assert (crew, SKOS.prefLabel, rdflib.Literal("Crew and Roles", lang="en")) in graph
    assert set(graph.objects(crew, SKOS.member)) == {
        rdflib.URIRef(f"{BASE}terms/{slug}/") for slug in ("focus-puller", "grip", "key-grip")
    }


def test_skos_escapes_quotes_backslashes_newlines_and_control_characters(make_terms, tmp_path):
    tricky = 'Say "cut" \\ now\u0007\nand \u2028 then \U0001f3ac.'
    checked = check_terms(make_terms(BASIC_TERMS), tmp_path, dates=False)
    checked.glossary.terms["grip"].aliases = (tricky,)
    graph = parse_turtle(skos.render(checked, SITE))
    labels = set(graph.objects(rdflib.URIRef(BASE + "terms/grip/"), SKOS.altLabel))
    assert labels == {rdflib.Literal(tricky, lang="en")}


def test_skos_without_site_url_uses_iris_relative_to_the_export(checked):
    graph = parse_turtle(skos.render(checked, SiteInfo(name="Local")))
    # resolved against exports/x.ttl, the relative IRIs land on the site's pages
    assert (rdflib.URIRef(BASE + "terms/grip/"), RDF.type, SKOS.Concept) in graph


# --------------------------------------------------------------------------------------- csv


def test_csv_has_a_header_and_one_complete_row_per_term(checked):
    data = csv_table.render(checked, SITE)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["term"] for r in rows] == ["ADR", "Focus Puller", "Grip", "Key Grip", "Racking Focus"]
    by_slug = {r["slug"]: r for r in rows}
    racking = by_slug["racking-focus"]
    assert racking["aliases"] == "Rack Focus; Focus Pull"
    assert racking["categories"] == "Technology and Equipment"
    assert racking["definition"] == RACKING_FOCUS["definition"]
    assert racking["examples"] == "Rack to the door when it opens."
    assert racking["trivia"] == RACKING_FOCUS["trivia"]
    assert racking["related"] == "Focus Puller"
    assert racking["url"] == BASE + "terms/racking-focus/"
    assert by_slug["focus-puller"]["aliases"] == "; ".join(FOCUS_PULLER["aliases"])
    assert list(rows[0]) == list(csv_table.COLUMNS)
    assert list(csv_table.COLUMNS) == [f.key for f in FIELDS if "csv" in f.exports] + [
        "url",
        "updated",
    ]
    assert (racking["pronunciation"], racking["part_of_speech"]) == ("", "")
    assert by_slug["grip"]["part_of_speech"] == "noun"
    adr = by_slug["adr"]
    assert (adr["pronunciation"], adr["part_of_speech"]) == ("/ˌeɪ diː ˈɑː/", "abbreviation")
    assert adr["examples"] == "'=1+1 is not a formula here\n" + text_of(ADR["examples"][1])
    assert adr["trivia"] == "First fact.\nSecond fact."


# -------------------------------------------------------------------------------- every format


def test_every_format_is_deterministic_and_the_command_prints_it(
    tmp_path, monkeypatch, capsysbinary
):
    write_project(tmp_path, TERMS)
    monkeypatch.chdir(tmp_path)
    project = check_terms(Path("terms"), tmp_path)
    site = SiteInfo(name="Test Glossary", site_url=BASE)
    for name, fmt in FORMATS.items():
        first = fmt.render(project, site)
        assert first == fmt.render(project, site), name
        assert main(["export", "--format", name]) == 0
        printed = capsysbinary.readouterr().out
        assert printed == (first.encode("utf-8") if isinstance(first, str) else first), name


def test_json_export_is_the_published_terms_document(checked):
    assert json_api.render(checked, SITE) == dumps(terms_document(checked, SITE))


def test_export_writes_a_file_with_dash_o(tmp_path, monkeypatch):
    write_project(tmp_path, TERMS)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "tbx", "-o", "out.tbx"]) == 0
    root = etree.parse("out.tbx").getroot()
    assert len(root.findall(f".//{TBX}conceptEntry")) == len(TERMS)


def test_export_refuses_a_glossary_with_errors(tmp_path, monkeypatch, capsys):
    write_project(tmp_path, {"grip": {"term": "Grip", "categories": ["Crew and Roles"]}})
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "csv"]) == 1
    assert "definition" in capsys.readouterr().err


def test_the_embedding_guide_lists_the_csv_columns_and_every_api_field():
    guide = (Path(__file__).resolve().parents[1] / "docs" / "embedding.md").read_text("utf-8")
    csv_part = guide.split("has one row per term with the columns", 1)[1].split(".\n", 1)[0]
    assert re.findall(r"`(\w+)`", csv_part) == list(csv_table.COLUMNS)
    api_row = next(line for line in guide.splitlines() if line.startswith("| `/api/terms/<slug>"))
    for spec in FIELDS:
        assert (f"`{spec.key}`" in api_row) is bool(spec.api), spec.key
