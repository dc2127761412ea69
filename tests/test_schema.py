"""The JSON Schema that editors use agrees with `termbook check` about what a term file may hold.

Editors show the schema's verdict as the contributor types, `termbook check` gives the verdict
that counts: a file one of them accepts and the other refuses would teach contributors to
distrust both. Rules that need the whole glossary (unique names, related terms that exist) or
compare values case-insensitively are the validator's alone.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from termbook.glossary.loader import term_files
from termbook.glossary.validate import (
    IMAGE_KEYS,
    REQUIRED_KEYS,
    SOURCE_KEYS,
    TERM_KEYS,
    validate_term,
)
from termbook.glossary.yamlload import load_bytes, load_text

REPO = Path(__file__).resolve().parents[1]
PACKAGED = files("termbook") / "schemas" / "term.schema.json"
SCHEMA = json.loads(PACKAGED.read_text(encoding="utf-8"))
BASE = "term: Grip\ncategories: [Crew and Roles]\ndefinition: A crew member who rigs.\n"


def schema_accepts(data: object) -> bool:
    return Draft202012Validator(SCHEMA).is_valid(data)


def validator_accepts(text: str) -> tuple[bool, object]:
    doc, problems = load_text(text, "terms/grip.yaml")
    assert not problems, "the table holds YAML that loads"
    _, problems = validate_term(doc)
    return not problems, doc.data


AGREEMENT = [
    ("minimal", BASE, True),
    (
        "every-field",
        BASE + 'slug: grip\naliases: [Company Grip]\nexamples:\n  - |\n    "Grips, a flag here."\n'
        "trivia: |\n  Grips once rigged ships.\nrelated: [Key Grip]\n"
        "image: {src: images/grip.svg, alt: A grip carrying a flag}\n"
        "sources:\n  - {title: The Grip Book, url: 'https://example.org/grip'}\nautolink: false\n",
        True,
    ),
    ("trivia-as-list", BASE + "trivia: [One fact., Another fact.]\n", True),
    ("pronunciation", BASE + "pronunciation: /ɡrɪp/\npart_of_speech: noun\n", True),
    ("null-pronunciation", BASE + "pronunciation:\npart_of_speech:\n", True),
    ("part-of-speech-with-space", BASE + "part_of_speech: proper noun\n", True),
    ("part-of-speech-unknown", BASE + "part_of_speech: nuon\n", False),
    ("part-of-speech-capitals", BASE + "part_of_speech: Noun\n", False),
    ("part-of-speech-list", BASE + "part_of_speech: [noun]\n", False),
    ("pronunciation-blank", BASE + "pronunciation: ' '\n", False),
    ("pronunciation-list", BASE + "pronunciation: [/ɡrɪp/]\n", False),
    ("numeric-name", "term: 1917\ncategories: [Crew and Roles]\ndefinition: x\n", True),
    ("numeric-slug", BASE + "slug: 1917\n", True),
    ("null-optional-lists", BASE + "aliases:\nexamples:\nrelated:\ntrivia:\n", True),
    ("null-slug-is-derived", BASE + "slug:\n", True),
    ("source-without-url", BASE + "sources: [{title: The Grip Book}]\n", True),
    (
        "image-https",
        BASE + "image: {src: 'https://example.org/a.png', alt: A grip rigging}\n",
        True,
    ),
    ("source-url-uppercase-scheme", BASE + "sources: [{title: T, url: 'HTTPS://x.org'}]\n", True),
    ("missing-term", "categories: [Crew and Roles]\ndefinition: x\n", False),
    ("missing-categories", "term: Grip\ndefinition: x\n", False),
    ("missing-definition", "term: Grip\ncategories: [Crew and Roles]\n", False),
    ("empty-definition", "term: Grip\ncategories: [Crew and Roles]\ndefinition:\n", False),
    ("empty-categories-value", "term: Grip\ncategories:\ndefinition: x\n", False),
    ("blank-term", "term: '   '\ncategories: [Crew and Roles]\ndefinition: x\n", False),
    ("unknown-key", BASE + "definitoin: y\n", False),
    ("categories-not-a-list", "term: Grip\ncategories: Crew and Roles\ndefinition: x\n", False),
    ("no-categories", "term: Grip\ncategories: []\ndefinition: x\n", False),
    ("blank-category", "term: Grip\ncategories: ['  ']\ndefinition: x\n", False),
    ("invalid-slug", BASE + "slug: Grip_Man\n", False),
    ("negative-slug", BASE + "slug: -5\n", False),
    ("image-without-alt", BASE + "image: {src: images/grip.svg}\n", False),
    ("image-empty-alt", BASE + "image: {src: images/grip.svg, alt: ''}\n", False),
    ("image-without-src", BASE + "image: {alt: A grip rigging}\n", False),
    ("image-unknown-key", BASE + "image: {src: a.svg, alt: A grip, title: x}\n", False),
    (
        "image-script-url",
        BASE + "image: {src: 'javascript:alert(1)', alt: A grip rigging}\n",
        False,
    ),
    ("image-null", BASE + "image:\n", False),
    ("image-two-word-alt", BASE + "image: {src: images/grip.svg, alt: A grip}\n", False),
    ("source-ftp-url", BASE + "sources: [{title: T, url: 'ftp://x.org/a'}]\n", False),
    ("source-without-title", BASE + "sources: [{url: 'https://x.org'}]\n", False),
    ("source-unknown-key", BASE + "sources: [{title: T, author: Me}]\n", False),
    ("source-not-a-mapping", BASE + "sources: [The Grip Book]\n", False),
    ("sources-not-a-list", BASE + "sources: {title: T}\n", False),
    ("autolink-text", BASE + "autolink: 'no'\n", False),
    ("example-empty", BASE + "examples: ['']\n", False),
    ("examples-not-a-list", BASE + "examples: Grips rig.\n", False),
    ("trivia-number", BASE + "trivia: 42\n", False),
    ("alias-true", BASE + "aliases: [true]\n", False),
    ("not-a-mapping", "- Grip\n- Key Grip\n", False),
]


@pytest.mark.parametrize(
    ("text", "valid"), [c[1:] for c in AGREEMENT], ids=[c[0] for c in AGREEMENT]
)
def test_schema_and_validator_agree(text: str, valid: bool) -> None:
    accepted, data = validator_accepts(text)
    assert accepted is valid, "the table's expectation is wrong for the validator"
    assert schema_accepts(data) is valid


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def test_schema_knows_exactly_the_validators_keys() -> None:
    assert tuple(SCHEMA["properties"]) == TERM_KEYS
    assert SCHEMA["additionalProperties"] is False
    assert tuple(SCHEMA["required"]) == REQUIRED_KEYS
    image = SCHEMA["properties"]["image"]
    assert tuple(image["properties"]) == IMAGE_KEYS
    assert image["required"] == ["src", "alt"]
    assert tuple(SCHEMA["properties"]["sources"]["items"]["properties"]) == SOURCE_KEYS


@pytest.mark.parametrize("key", TERM_KEYS)
def test_every_key_has_a_description_and_examples_for_completion(key: str) -> None:
    prop = SCHEMA["properties"][key]
    assert len(prop["description"]) > 20
    assert prop["examples"]
    base = {"term": "Grip", "categories": ["Crew and Roles"], "definition": "x"}
    for example in prop["examples"]:
        assert schema_accepts({**base, key: example}), example


def test_every_real_term_file_is_valid_under_the_schema() -> None:
    paths, _ = term_files(REPO / "terms")
    assert len(paths) > 100
    validator = Draft202012Validator(SCHEMA)
    for path in paths:
        doc, problems = load_bytes(path.read_bytes(), path.name)
        assert not problems
        errors = [e.message for e in validator.iter_errors(doc.data)]
        assert errors == [], path.name


def test_editors_copy_is_identical_to_the_packaged_schema() -> None:
    copy = REPO / "schemas" / "term.schema.json"
    assert copy.read_text(encoding="utf-8") == PACKAGED.read_text(encoding="utf-8"), (
        "schemas/term.schema.json is out of date: run `make generated`"
    )
