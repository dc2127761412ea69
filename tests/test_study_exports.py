"""Study exports read by the clients their users run: the Anki deck by the official `anki`
library, the Moodle question bank against Moodle's documented XML question format, the SCORM
quiz's manifests against the XSDs (its runtime is tested in Chromium with scorm-again,
tests/browser/test_practice.py)."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from lxml import etree

from projects import BASIC_TERMS, write_project, write_terms
from scorm_lms import outside_references, read_zip, validate_manifest
from termbook.cli import main
from termbook.glossary.rendered import check_terms
from termbook.pages.site_info import SiteInfo
from termbook.publish.exports import FORMATS, anki_deck, moodle_questions, scorm_quiz
from termbook.publish.exports.scorm import LAUNCH_PAGE
from termbook.publish.exports.scorm_package import SCORM_12, control_files
from termbook.study import study_sets

SITE = SiteInfo(name="Test Glossary", site_url="https://example.org/glossary/")
EXTRA = {
    "gaffer": {
        "term": "Gaffer",
        "categories": ["Crew and Roles"],
        "definition": "The chief lighting technician; gaffers run the electrical crew, and "
        "gaffer tape is named after them.",  # the name inside a longer one is masked too
        "examples": ["Ask the *gaffer* for more light."],
    },
    "gaffer-tape": {
        "term": "Gaffer Tape",
        "categories": ["Technology and Equipment"],
        "definition": "Cloth tape that holds cables down and leaves no glue behind.",
    },
    "runner": {
        "term": "Runner",
        "categories": ["Crew and Roles"],
        "definition": "A junior who runs errands on set.",
    },
    "slate": {
        "term": "Slate",
        "categories": ["Technology and Equipment"],
        "definition": "The clapperboard marking each take.",
        "practice": False,
    },
}
TERMS = {**BASIC_TERMS, **EXTRA}
PRACTISED = sorted(slug for slug, t in TERMS.items() if t.get("practice", True))


@pytest.fixture
def checked(make_terms, tmp_path):
    return check_terms(make_terms(TERMS), tmp_path)


# ------------------------------------------------------------------------------------- Anki


def import_deck(collection: Collection, deck: bytes, folder: Path, name: str):
    path = folder / name
    path.write_bytes(deck)
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    return collection.import_anki_package(request).log


@pytest.fixture
def collection(tmp_path):
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def test_anki_deck_imports_into_a_fresh_collection_with_every_term(checked, collection, tmp_path):
    log = import_deck(collection, anki_deck.render(checked, SITE), tmp_path, "v1.apkg")
    assert len(log.new) == len(PRACTISED)
    notes = [collection.get_note(i) for i in collection.find_notes('"deck:Test Glossary"')]
    by_name = {note["Term"]: note for note in notes}
    assert sorted(by_name) == sorted(TERMS[s]["term"] for s in PRACTISED)
    gaffer = by_name["Gaffer"]
    assert "chief lighting technician" in gaffer["Definition"]
    assert gaffer["Example"] == "<p>Ask the <em>gaffer</em> for more light.</p>"
    assert gaffer["Link"] == "https://example.org/glossary/terms/gaffer/"
    assert gaffer.tags == ["Crew_and_Roles"]
    assert by_name["Racking Focus"]["Aliases"] == "Rack Focus, Focus Pull"
    assert not collection.find_notes('"Term:Slate"')  # practice: false
    card = collection.get_card(gaffer.card_ids()[0])
    assert "Gaffer" in card.question()
    assert "chief lighting technician" in card.answer()


def test_importing_an_edited_deck_updates_the_note_and_duplicates_nothing(
    make_terms, collection, tmp_path
):
    folder = make_terms(TERMS)
    first = anki_deck.render(check_terms(folder, tmp_path), SITE)
    import_deck(collection, first, tmp_path, "v1.apkg")
    edited = {**TERMS["runner"], "definition": "A junior who fetches and carries on set."}
    write_terms(folder, {"runner": edited}, categories=None)
    later = (folder / "runner.yaml").stat().st_mtime + 60  # committed later
    os.utime(folder / "runner.yaml", (later, later))
    second = anki_deck.render(check_terms(folder, tmp_path), SITE)
    log = import_deck(collection, second, tmp_path, "v2.apkg")
    assert len(log.new) == 0
    assert [n.fields[0] for n in log.updated] == ["Runner"]
    runner = collection.find_notes('"Term:Runner"')
    assert len(runner) == 1
    assert "fetches and carries" in collection.get_note(runner[0])["Definition"]
    assert len(collection.find_notes('"deck:Test Glossary"')) == len(PRACTISED)


def test_anki_ids_come_from_slugs_and_names_not_from_the_build(checked):
    notes = {
        n.slug: n
        for n in (
            anki_deck.note_of(checked.glossary, checked, t, SITE, None) for t in checked.glossary
        )
    }
    again = anki_deck.note_of(checked.glossary, checked, checked.glossary.terms["grip"], SITE, None)
    assert notes["grip"].guid == again.guid
    assert len({n.guid for n in notes.values()}) == len(notes)
    assert anki_deck.stable_id("termbook", "deck", "x") < 2**53


# ----------------------------------------------------------------------------------- Moodle


def parse_bank(text: str) -> etree._Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    return etree.fromstring(text.encode("utf-8"))


def test_moodle_bank_follows_the_documented_question_format(checked):
    root = parse_bank(moodle_questions.render(checked, SITE))
    assert root.tag == "quiz"
    types = [q.get("type") for q in root.iterchildren("question")]
    assert set(types) == {"category", "multichoice", "matching"}
    for question in root.iterchildren("question"):
        if question.get("type") == "category":
            assert question.findtext("category/text").startswith("$course$/Test Glossary/")
            continue
        assert question.findtext("name/text")
        assert question.find("questiontext").get("format") == "html"
        assert question.findtext("questiontext/text")
        assert question.findtext("defaultgrade") == "1"
        if question.get("type") == "multichoice":
            assert question.findtext("single") == "true"
            answers = question.findall("answer")
            assert len(answers) == 4
            assert sorted(a.get("fraction") for a in answers) == ["0", "0", "0", "100"]
        else:
            pairs = question.findall("subquestion")
            assert len([p for p in pairs if p.findtext("text")]) >= 2
            assert len(pairs) >= 3
            assert all(p.findtext("answer/text") for p in pairs)


def test_every_moodle_question_is_answered_by_its_own_term(checked):
    glossary = checked.glossary
    root = parse_bank(moodle_questions.render(checked, SITE))
    category = ""
    asked = []
    for question in root.iterchildren("question"):
        kind = question.get("type")
        if kind == "category":
            category = question.findtext("category/text").rsplit("/", 1)[1]
        elif kind == "multichoice":
            right = next(a for a in question.findall("answer") if a.get("fraction") == "100")
            term = glossary.lookup(question.findtext("name/text"))
            assert right.findtext("text") == term.name
            assert question.findtext("idnumber") == f"termbook-{term.slug}"
            assert category == term.categories[0]
            shown = question.findtext("questiontext/text")
            for name in term.names:  # as a whole word: "Focus Pull" is not in "Focus Puller"
                assert not re.search(rf"\b{re.escape(name)}\b", shown, re.IGNORECASE)
            asked.append(term.slug)
        else:
            for pair in question.findall("subquestion"):
                shown = pair.findtext("text")
                if not shown:
                    continue  # an extra wrong answer
                name = pair.findtext("answer/text")
                term = glossary.lookup(name)
                assert category in term.categories
                assert term.name.casefold() not in shown.casefold()
    assert sorted(asked) == PRACTISED


def test_moodle_category_paths_escape_slashes():
    assert moodle_questions.category_path("A/V Glossary", "Sound") == "$course$/A//V Glossary/Sound"


# ------------------------------------------------------------------------------------ SCORM


def test_scorm_quiz_package_has_a_manifest_with_the_mastery_score(tmp_path, monkeypatch):
    write_project(tmp_path, TERMS)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "quiz.zip"
    assert main(["export", "--format", "scorm-quiz", "--mastery", "75", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        manifest = etree.fromstring(archive.read("imsmanifest.xml"))
        index = archive.read("scorm-launch.html").decode("utf-8")
    ns = {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    }
    assert manifest.findtext(".//cp:item/adlcp:masteryscore", namespaces=ns) == "75"
    listed = {f.get("href") for f in manifest.findall(".//cp:file", ns)}
    controls = set(control_files(SCORM_12))  # the schema files sit beside the manifest
    assert controls <= set(names)
    assert listed == set(names) - {"imsmanifest.xml"} - controls
    assert 'data-mode="scorm"' in index and 'data-mastery="75"' in index
    assert "<script>" not in index  # the questions travel in a JSON data block only


@pytest.mark.parametrize("fmt", sorted(scorm_quiz.VERSIONS))
def test_scorm_quiz_manifest_validates_and_nothing_leaves_the_package(checked, fmt):
    """Both versions: the manifest against the XSDs the package ships, the mastery score in
    the version's own terms, and no file loading anything from outside (the entries the
    learner missed are links on the public site, opened in a tab of their own by choice)."""
    version = scorm_quiz.VERSIONS[fmt]
    files = read_zip(scorm_quiz.package(checked, SITE, mastery=70, count=4, version=version))
    manifest = validate_manifest(files)
    if version is SCORM_12:
        assert manifest.findtext(".//{*}masteryscore") == "70"
    else:
        objective = manifest.find(".//{*}primaryObjective")
        assert objective.get("satisfiedByMeasure") == "true"
        assert objective.findtext("{*}minNormalizedMeasure") == "0.7"
    assert manifest.find(".//{*}resource").get("href") == LAUNCH_PAGE
    launch = files[LAUNCH_PAGE].decode("utf-8")
    assert f'<html lang="en" data-scorm-version="{version.key}">' in launch
    assert "<script>" not in launch and "<style" not in launch  # a strict CSP holds
    assert outside_references(files) == []
    assert outside_references(files, SITE.site_url) != []  # the links out are the site's


def test_scorm_quiz_refuses_a_mastery_outside_0_to_100(tmp_path, monkeypatch, capsys):
    write_project(tmp_path, TERMS)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "scorm-quiz", "--mastery", "120", "-o", "q.zip"]) == 2
    assert "--mastery" in capsys.readouterr().err


def test_study_exports_are_published_in_exports(checked):
    assert {"anki", "moodle-questions", "scorm-quiz", "scorm2004-quiz"} <= {
        name for name, fmt in FORMATS.items() if fmt.published
    }
    data = scorm_quiz.quiz_data(checked, SITE, study_sets(checked.glossary, checked.entries)[0], 3)
    assert "<" not in data
