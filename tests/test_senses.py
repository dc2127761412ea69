"""Numbered senses (docs/reference/term-files.md, `senses`): validated, rendered in a real
build, and carried by every output, each read by the client its users run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib
from lxml import etree
from lxml import html as lxml_html
from rdflib.namespace import SKOS
from test_api import validator
from test_exports import TBX, parse_turtle
from test_study_exports import collection, import_deck  # noqa: F401 (a fixture)

from projects import BASIC_TERMS, run_build, write_project
from termbook.glossary.loader import load_glossary
from termbook.glossary.rendered import check_terms
from termbook.pages.practice import practice_data
from termbook.pages.searchindex import glossary_docs
from termbook.pages.site_info import SiteInfo
from termbook.publish.exports import anki_deck, csv_table, moodle, moodle_questions, skos, tbx
from termbook.study import study_sets

BASE = "https://example.org/glossary/"
SITE = SiteInfo(name="Test Glossary", site_url=BASE)
CUT = {
    "term": "Cut",
    "categories": ["Technology and Equipment"],
    "senses": [
        {
            "definition": "The director's call to stop the camera. Everyone then holds still.",
            "examples": ['"Cut! Back to one."'],
        },
        {
            "label": "editing",
            "definition": "A join between two shots where one ends and the next begins at once.",
            "examples": ["The cut to the close-up lands on the line."],
        },
        {
            "label": "post-production",
            "definition": "A version of the whole film, such as the director's cut of a Grip story.",
        },
    ],
    "related": ["Grip"],
}
TERMS = {**BASIC_TERMS, "cut": CUT}
DEFINITIONS = [s["definition"] for s in CUT["senses"]]


@pytest.fixture
def checked(make_terms, tmp_path):
    return check_terms(make_terms(TERMS), tmp_path, dates=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("senses")
    docs = {"index.md": "# Home\n\nSay cut when the take is done.\n"}
    return run_build(write_project(root, TERMS, docs=docs), strict=True)


# ------------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"definition": "One more."}, "definition-and-senses"),
        ({"senses": [{"definition": "Only one."}]}, "one-sense"),
        ({"senses": [{"definition": "A."}, {"examples": ["x"]}]}, "missing-key"),
        ({"senses": [{"definition": "A."}, {"definition": "B.", "colour": 1}]}, "unknown-key"),
        ({"senses": None}, "empty-value"),
    ],
)
def test_senses_are_checked_with_their_place_and_code(make_terms, tmp_path, change, code):
    folder = make_terms({**BASIC_TERMS, "cut": {**CUT, **change}})
    loaded = load_glossary(folder, tmp_path, dates=False)
    assert code in [p.code for p in loaded.problems if p.path == "terms/cut.yaml"]
    assert "cut" not in loaded.glossary.terms


def test_a_term_needs_a_definition_or_senses(make_terms, tmp_path):
    bare = {k: v for k, v in CUT.items() if k != "senses"}
    loaded = load_glossary(make_terms({**BASIC_TERMS, "cut": bare}), tmp_path, dates=False)
    [problem] = [p for p in loaded.problems if p.code == "missing-key"]
    assert "'definition' or 'senses'" in problem.message


# -------------------------------------------------------------------------- page and search


def test_the_term_page_numbers_the_senses_with_anchors_labels_and_examples(built: Path):
    page = lxml_html.fromstring((built / "terms/cut/index.html").read_text("utf-8"))
    senses = page.xpath("//section[@id='definition']/ol[@class='tb-senses']/li")
    assert [li.get("id") for li in senses] == ["sense-1", "sense-2", "sense-3"]
    assert [li.xpath("string(p[1])").strip() for li in senses] == [
        DEFINITIONS[0],
        "editing " + DEFINITIONS[1],
        "post-production " + DEFINITIONS[2],
    ]
    assert senses[1].xpath("string(.//span[@class='tb-sense__label'])") == "editing"
    assert senses[1].xpath("string(blockquote)") == CUT["senses"][1]["examples"][0]
    assert senses[2].xpath("string(.//a[@class='tb-term'])") == "Grip"  # senses are linked
    description = page.xpath("string(//meta[@name='description']/@content)")
    assert description == "The director's call to stop the camera."


def test_search_reads_every_sense_and_its_examples(checked):
    terms, _ = glossary_docs(checked.glossary, checked.entries, lambda s: s, lambda s: None)
    [cut] = [doc for doc in terms if doc.title == "Cut"]
    assert cut.summary == "The director's call to stop the camera."
    assert "A join between two shots" in cut.body and "director's cut" in cut.body
    assert "close-up lands" in cut.more


# -------------------------------------------------------------------------------- outputs


def test_the_api_carries_each_sense_as_the_schema_says(built: Path):
    schema = json.loads((built / "api/schema.json").read_text("utf-8"))
    record = json.loads((built / "api/terms/cut.json").read_text("utf-8"))
    validator(schema, "term").validate(record)
    assert [s["number"] for s in record["senses"]] == [1, 2, 3]
    assert [s["label"] for s in record["senses"]] == [None, "editing", "post-production"]
    assert [s["definition"] for s in record["senses"]] == DEFINITIONS
    assert record["senses"][1]["url"] == BASE + "terms/cut/#sense-2"
    assert record["senses"][0]["examples"] == ['"Cut! Back to one."']
    assert record["summary"] == "The director's call to stop the camera."
    assert (
        record["definition"].startswith("1. The director's call")
        and "2. (editing)" in (record["definition"])
    )
    grip = json.loads((built / "api/terms/grip.json").read_text("utf-8"))
    assert grip["senses"] == []


def test_tbx_has_a_concept_per_sense(checked):
    root = etree.fromstring(tbx.render(checked, SITE).encode("utf-8"))
    concepts = {c.get("id"): c for c in root.iter(f"{TBX}conceptEntry")}
    assert {"c-cut", "c-cut--2", "c-cut--3"} <= set(concepts)
    for number, cid in enumerate(["c-cut", "c-cut--2", "c-cut--3"]):
        concept = concepts[cid]
        definition = concept.find(f"{TBX}langSec/{TBX}descrip[@type='definition']").text
        assert definition == DEFINITIONS[number]
        assert concept.findtext(f".//{TBX}term") == "Cut"
        xref = concept.find(f"{TBX}xref[@type='externalCrossReference']")
        assert xref.get("target") == f"{BASE}terms/cut/#sense-{number + 1}"
    notes = [n.text for n in concepts["c-cut--2"].iter(f"{TBX}note")]
    assert notes == ["Usage: editing"]
    contexts = [
        d.text for d in concepts["c-cut--2"].iter(f"{TBX}descrip") if d.get("type") == "context"
    ]
    assert contexts == [CUT["senses"][1]["examples"][0]]


def test_skos_has_a_numbered_definition_per_sense(checked):
    graph = parse_turtle(skos.render(checked, SITE))
    concept = rdflib.URIRef(BASE + "terms/cut/")
    assert set(graph.objects(concept, SKOS.definition)) == {
        rdflib.Literal(f"1. {DEFINITIONS[0]}", lang="en"),
        rdflib.Literal(f"2. (editing) {DEFINITIONS[1]}", lang="en"),
        rdflib.Literal(f"3. (post-production) {DEFINITIONS[2]}", lang="en"),
    }
    examples = {str(e) for e in graph.objects(concept, SKOS.example)}
    assert examples == {'"Cut! Back to one."', CUT["senses"][1]["examples"][0]}


def test_csv_has_a_line_per_sense_in_the_definition_cell(checked):
    data = csv_table.render(checked, SITE).decode("utf-8-sig")
    [cut] = [r for r in csv.DictReader(io.StringIO(data, newline="")) if r["slug"] == "cut"]
    assert cut["definition"].split("\n") == [
        f"1. {DEFINITIONS[0]}",
        f"2. (editing) {DEFINITIONS[1]}",
        f"3. (post-production) {DEFINITIONS[2]}",
    ]
    assert cut["examples"].split("\n") == ['"Cut! Back to one."', CUT["senses"][1]["examples"][0]]


def test_moodle_glossary_shows_the_senses_as_a_numbered_list(checked):
    root = etree.fromstring(moodle.render(checked, SITE).encode("utf-8"))
    [entry] = [e for e in root.iter("ENTRY") if e.findtext("CONCEPT") == "Cut"]
    shown = lxml_html.fromstring(entry.findtext("DEFINITION"))
    items = shown.xpath("//ol[@class='tb-senses']/li")
    assert len(items) == 3
    assert "[[" not in entry.findtext("DEFINITION")
    assert items[1].xpath("string(.//span)") == "editing"


def test_anki_note_holds_every_sense(checked, collection, tmp_path):  # noqa: F811
    import_deck(collection, anki_deck.render(checked, SITE), tmp_path, "senses.apkg")
    [note_id] = collection.find_notes('"Term:Cut"')
    definition = collection.get_note(note_id)["Definition"]
    page = lxml_html.fromstring(definition)
    assert len(page.xpath("//ol/li")) == 3
    assert "A join between two shots" in definition


# ---------------------------------------------------------------------------------- study


def test_study_asks_about_each_sense_with_the_name_masked(checked):
    whole = study_sets(checked.glossary, checked.entries)[0]
    asked = [q for q in whole.questions if q.slug == "cut"]
    assert [q.sense for q in asked] == [1, 2, 3]
    assert asked[0].prompt == "The director's call to stop the camera. Everyone then holds still."
    assert (
        asked[2].prompt
        == "A version of the whole film, such as the director's _____ of a Grip story."
    )
    data = practice_data(whole, checked.glossary, lambda path: path)
    quiz = [q for q in data["quiz"] if q["slug"] == "cut"]
    assert [q["sense"] for q in quiz] == [1, 2, 3]
    third = quiz[2]
    start, end = third["mask"]
    assert third["text"][start:end] == "cut"
    xml = moodle_questions.render(checked, SITE)
    root = etree.fromstring(xml.encode("utf-8"))
    ids = [q.findtext("idnumber") for q in root.iter("question") if q.findtext("idnumber")]
    assert {"termbook-cut-sense-1", "termbook-cut-sense-2", "termbook-cut-sense-3"} <= set(ids)
    assert len(ids) == len(set(ids))
