"""The registry of term fields (`glossary.fields`): the model, the schema, the validator and the
generated files all follow from it, and it can declare the shapes fields to come will take."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from termbook.cli.generated import generated, main, with_table
from termbook.glossary.fields import (
    FIELDS,
    Choice,
    Field,
    Image,
    ListOf,
    Mapping,
    Markdown,
    Relation,
    Text,
    api_version,
    schema_json,
    term_schema,
)
from termbook.glossary.model import Term
from termbook.glossary.validate import read_fields
from termbook.glossary.yamlload import load_text

REPO = Path(__file__).resolve().parents[1]


def test_the_model_has_an_attribute_per_field_with_its_default() -> None:
    attributes = {f.name: f for f in dataclasses.fields(Term)}
    for spec in FIELDS:
        assert spec.name in attributes, f"Term has no attribute {spec.name!r} for {spec.key!r}"
        attribute = attributes[spec.name]
        if not spec.required and spec.key != "slug":
            assert attribute.default == spec.default, spec.key


def test_every_generated_file_is_up_to_date() -> None:
    stale = [path.as_posix() for path, (now, wanted) in generated(REPO).items() if now != wanted]
    assert stale == [], "out of date: run `make generated`"


def test_the_generator_writes_what_its_check_then_accepts(tmp_path: Path) -> None:
    for path, (now, _) in generated(REPO).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(now.replace("| `term` |", "| `terms` |"), encoding="utf-8")
    (tmp_path / "schemas" / "term.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "--check"]) == 1
    assert main(["--root", str(tmp_path)]) == 0
    assert main(["--root", str(tmp_path), "--check"]) == 0


def test_a_table_is_replaced_up_to_its_last_row() -> None:
    text = "Intro\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nAfter\n"
    assert with_table(text, "| A | B |", "| A | B |\n|---|---|\n| 3 | 4 |\n") == (
        "Intro\n\n| A | B |\n|---|---|\n| 3 | 4 |\n\nAfter\n"
    )
    with pytest.raises(ValueError, match="one table"):
        with_table(text, "| C |", "")


def test_schema_layout_keeps_short_values_on_one_line() -> None:
    text = schema_json({"a": [1, 2], "b": {"c": "x" * 120}})
    assert text == '{\n  "a": [1, 2],\n  "b": {\n    "c": "' + "x" * 120 + '"\n  }\n}\n'
    assert schema_json(term_schema()).count("\n") > 100


def test_api_version_is_the_newest_a_field_was_added_in() -> None:
    assert api_version("2.0") == "2.1"  # pronunciation and part_of_speech
    assert api_version("2.10") == "2.10"  # numbers, not text: 2.10 is after 2.9


# -- shapes the next fields take: a list of mappings, a choice, a relation, an image -------------

SENSE = Mapping(
    (
        Field("definition", Markdown(), "What the term means in this sense.", required=True),
        Field("examples", ListOf(Markdown(), "example"), "Uses in this sense.", default=()),
        Field("label", Choice(("informal", "dated")), "A usage label.", default=""),
    )
)
FUTURE = (
    Field("senses", ListOf(SENSE, "sense"), "Numbered senses.", default=()),
    Field("see", ListOf(Relation(), "term"), "Terms to see.", default=()),
    Field("register", Choice(("formal", "slang")), "Register.", default="", per_language=True),
    Field(
        "picture",
        Image(
            (
                Field("src", Text(), "The file.", required=True),
                Field("alt", Text(), "What it shows.", required=True),
            )
        ),
        "A picture.",
        per_language=False,
    ),
)
FUTURE_SCHEMA = {
    "type": "object",
    "properties": {f.key: f.json_schema() for f in FUTURE},
    "$defs": term_schema()["$defs"],
}

CASES = [
    (
        "senses:\n  - definition: A *first* sense.\n    examples: [Used so.]\n    label: dated\n"
        "  - definition: A second sense.\nsee: [Grip]\nregister: slang\n"
        "picture: {src: a.svg, alt: A grip at work}\n",
        [],
    ),
    ("senses: [{examples: [x]}]\n", ["missing-key"]),
    ("senses: [{definition: x, colour: red}]\n", ["unknown-key"]),
    ("senses: [{definition: x, label: modern}]\n", ["invalid-choice"]),
    ("senses: A sense.\n", ["wrong-type"]),
    ("senses: [A sense.]\n", ["wrong-type"]),
    ("see: Grip\n", ["wrong-type"]),
    ("register: posh\n", ["invalid-choice"]),
    ("picture: {src: a.svg}\n", ["missing-key"]),
]


@pytest.mark.parametrize(("text", "codes"), CASES)
def test_declared_shapes_validate_as_their_schema_says(text: str, codes: list[str]) -> None:
    doc, problems = load_text(text, "terms/x.yaml")
    assert not problems
    _, problems = read_fields(doc, FUTURE)
    assert [p.code for p in problems] == codes
    assert Draft202012Validator(FUTURE_SCHEMA).is_valid(doc.data) is (not codes)


def test_a_list_of_mappings_reads_into_its_sub_fields() -> None:
    doc, _ = load_text(CASES[0][0], "terms/x.yaml")
    values, _ = read_fields(doc, FUTURE)
    first, second = values["senses"]
    assert first == {"definition": "A *first* sense.", "examples": ("Used so.",), "label": "dated"}
    assert second == {"definition": "A second sense."}
    assert values["see"] == ("Grip",)
    assert values["picture"] == {"src": "a.svg", "alt": "A grip at work"}
    assert [f.per_language for f in FUTURE] == [True, True, True, False]
    assert FUTURE[0].label == "list of mappings `definition`, `examples`, `label`"


def test_each_declared_page_section_is_a_section_the_hooks_reference_names() -> None:
    hooks = (REPO / "docs" / "reference" / "html-hooks.md").read_text(encoding="utf-8")
    ids = hooks.split("Its sections carry these ids", 1)[1].split(".", 1)[0]
    for spec in FIELDS:
        if spec.section == "header":
            if spec.key not in ("term", "aliases"):  # the h1, the "Also known as" line
                assert "tb-" + spec.key.replace("_", "-") in hooks, spec.key  # its class
        elif spec.section and spec.section != "figure":
            assert f"`{spec.section}`" in ids, spec.key
