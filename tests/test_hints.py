"""`termbook check` suggestions: look-alike names of different terms, intended pairs, did-you-mean."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from projects import BASIC_TERMS, FOCUS_PULLER, GRIP
from termbook.cli import main
from termbook.glossary.hints import near_duplicates
from termbook.glossary.model import Term
from termbook.glossary.problems import Severity
from termbook.glossary.rendered import check_terms

PICKUP = {"term": "Pickup", "categories": ["Crew and Roles"], "definition": "Notes before a beat."}
PICK_UP = {
    "term": "Pick-Up",
    "categories": ["Crew and Roles"],
    "definition": "A shot filmed later.",
}
RACK = {"term": "Rack Focus", "categories": ["Crew and Roles"], "definition": "Shifting focus."}


def check(make_terms, terms: dict, intended: str | None = None):
    folder = make_terms(terms)
    if intended is not None:
        (folder / "_intended.yaml").write_text(intended, encoding="utf-8")
    return check_terms(folder, folder.parent, dates=False)


def coded(checked, code: str) -> list:
    return [p for p in checked.problems if p.code == code]


def line_of(checked, path: str, text: str) -> int:
    """The line of a file (as the problems name it) that holds ``text``."""
    source = next(f for f in checked.loaded.files if f.as_posix().endswith(path))
    lines = source.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_look_alike_names_of_different_terms_are_hints_in_both_files(make_terms) -> None:
    terms = {**BASIC_TERMS, "racking-focus": {**BASIC_TERMS["racking-focus"], "aliases": []}}
    checked = check(make_terms, {**terms, "rack-focus": RACK})
    hints = coded(checked, "near-duplicate")
    assert [(h.path, h.line, h.severity) for h in hints] == [
        ("terms/rack-focus.yaml", 1, Severity.HINT),
        ("terms/racking-focus.yaml", 1, Severity.HINT),
    ]
    assert "'Rack Focus' looks like 'Racking Focus' of terms/racking-focus.yaml" in hints[0].message
    assert "`- [Rack Focus, Racking Focus]` to terms/_intended.yaml" in hints[0].message


def test_an_alias_is_compared_too_and_reported_at_its_line(make_terms) -> None:
    grip = {**GRIP, "aliases": ["Dolly Grips"]}
    dolly_grip = {"term": "Dolly Grip", "categories": ["Crew and Roles"], "definition": "x"}
    checked = check(make_terms, {"grip": grip, "dolly-grip": dolly_grip})
    hints = {h.path: h for h in coded(checked, "near-duplicate")}
    assert set(hints) == {"terms/grip.yaml", "terms/dolly-grip.yaml"}
    assert line_of(checked, "terms/grip.yaml", "Dolly Grips") == hints["terms/grip.yaml"].line


def test_names_of_one_term_are_not_compared_with_each_other(make_terms) -> None:
    checked = check(make_terms, BASIC_TERMS)  # Racking Focus has the alias Rack Focus
    assert checked.problems == []


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("Pickup", "Pick-Up", True),
        ("Rack Focus", "Racking Focus", True),
        ("Dailies", "Daily", True),
        ("Cucoloris", "Cucaloris", True),
        ("Apple Box", "Apple Boxes", True),
        ("Cue", "CU", False),
        ("Focus Pull", "Focus Puller", False),
        ("Dolly", "Dolly Zoom", False),
        ("Grip", "Key Grip", False),
        ("Gaffer", "Gaffer Tape", False),
    ],
)
def test_which_names_look_alike(a: str, b: str, alike: bool) -> None:
    terms = [
        Term(slug=f"t{i}", name=name, categories=("C",), definition="x", source_path=f"t{i}.yaml")
        for i, name in enumerate((a, b))
    ]
    assert bool(near_duplicates(terms)) is alike


def test_an_intended_pair_is_silenced(make_terms) -> None:
    terms = {**BASIC_TERMS, "pickup": PICKUP, "pick-up": PICK_UP}
    assert len(coded(check(make_terms, terms), "near-duplicate")) == 2
    checked = check(make_terms, terms, "# meant\n- [pickup, Pick-Up]  # music vs film\n")
    assert checked.problems == []


def test_hints_never_fail_strict_and_are_notices_on_github(make_terms, monkeypatch, capsys) -> None:
    folder = make_terms({**BASIC_TERMS, "pickup": PICKUP, "pick-up": PICK_UP})
    monkeypatch.chdir(folder.parent)
    assert main(["check", "--strict"]) == 0
    out, err = capsys.readouterr()
    assert "terms/pick-up.yaml:1:7: hint: 'Pick-Up' looks like 'Pickup'" in out
    assert "0 error(s), 0 warning(s), 2 hint(s)" in err
    assert main(["check", "--strict", "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        "::notice file=terms/pick-up.yaml,line=1,col=7,title=termbook near-duplicate::"
    )
    assert len(lines) == 2 and all(line.startswith("::notice ") for line in lines)


def test_the_real_glossary_marks_pickup_and_pick_up_as_intended() -> None:
    repo = Path(__file__).resolve().parents[1]
    checked = check_terms(repo / "terms", repo, dates=False)
    assert coded(checked, "near-duplicate") == []
    assert coded(checked, "unresolved-intended") == []
    assert {"pickup", "pick-up"} <= set(checked.glossary.terms)


@pytest.mark.parametrize(
    ("text", "code", "line", "fragment"),
    [
        ("Pickup: Pick-Up\n", "wrong-type", 1, "must be a list of pairs"),
        ("- [Pickup, Pick-Up, Pick Up]\n", "wrong-type", 1, "item 1 must be a pair"),
        ("- [Pickup, Pick-Up]\n- Pickup\n", "wrong-type", 2, "item 2 must be a pair"),
        ("- [Pickup, Pick-Upp]\n", "unresolved-intended", 1, "did you mean 'Pick-Up'"),
        ("- [Pickup, Pick-Up\n", "yaml-syntax", 2, "YAML syntax error"),
    ],
    ids=["mapping", "three-names", "single-name", "unknown-name", "syntax"],
)
def test_intended_file_is_validated(make_terms, text, code, line, fragment) -> None:
    checked = check(make_terms, {**BASIC_TERMS, "pickup": PICKUP, "pick-up": PICK_UP}, text)
    found = coded(checked, code)
    assert [p.path for p in found] == ["terms/_intended.yaml"]
    assert found[0].line == line
    assert fragment in found[0].message


def test_a_comments_only_intended_file_is_fine(make_terms) -> None:
    checked = check(make_terms, BASIC_TERMS, "# nothing intended yet\n")
    assert checked.problems == []


def test_unresolved_related_suggests_the_closest_name(make_terms) -> None:
    key_grip = {**BASIC_TERMS["key-grip"], "related": ["Grp"]}
    checked = check(make_terms, {**BASIC_TERMS, "key-grip": key_grip})
    [problem] = coded(checked, "unresolved-related")
    assert problem.severity is Severity.ERROR
    assert problem.path == "terms/key-grip.yaml"
    assert problem.line == line_of(checked, problem.path, "- Grp")
    assert "related term 'Grp' is not in the glossary (did you mean 'Grip'?)" in problem.message


def test_unknown_category_suggests_the_known_one(make_terms) -> None:
    focus_puller = {**FOCUS_PULLER, "categories": ["Crew and Role"]}
    checked = check(make_terms, {**BASIC_TERMS, "focus-puller": focus_puller})
    [problem] = coded(checked, "unknown-category")
    assert problem.severity is Severity.WARNING
    assert "the category 'Crew and Role' is not in terms/_categories.yaml" in problem.message
    assert "(did you mean 'Crew and Roles'?)" in problem.message


def test_near_duplicates_find_the_look_alike_among_5000_terms() -> None:
    """Its cost at this size is part of every build `make bench` measures (no timed test)."""
    rng = random.Random(6)
    syllables = ["ka", "lo", "mi", "ret", "sun", "dor", "vel", "pa", "tri", "gon", "bex", "ul"]
    names: set[str] = set()
    while len(names) < 10_000:
        words = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(2)]
        names.add(" ".join(w.title() for w in words))
    ordered = sorted(names)
    terms = [
        Term(
            slug=f"term-{i}",
            name=ordered[2 * i],
            aliases=(ordered[2 * i + 1],),
            categories=("C",),
            definition="x",
            source_path=f"terms/term-{i}.yaml",
        )
        for i in range(5_000)
    ]
    terms += [
        Term(slug="rack-focus", name="Rack Focus", categories=("C",), definition="x"),
        Term(slug="racking-focus", name="Racking Focus", categories=("C",), definition="x"),
    ]
    hints = near_duplicates(terms)
    assert any("'Rack Focus' looks like 'Racking Focus'" in h.message for h in hints)


@pytest.mark.parametrize(
    ("line", "advice"),
    [
        ('  - "Whip to the door," the director says.', "must also end with it"),
        ('definition: "Wide" is a shot', "must also end with it"),
        ("  - 'It's a wrap'", "must also end with it"),
        ("definition: A shot: wide", "': ' inside text needs the text in double quotes"),
    ],
    ids=["example-after-closing-quote", "value-after-closing-quote", "apostrophe", "colon"],
)
def test_common_quoting_slips_get_plain_advice(make_terms, line: str, advice: str) -> None:
    text = f"term: Grip\ncategories: [Crew and Roles]\nexamples:\n  - ok\n{line}\n"
    if line.startswith("definition"):
        text = f"term: Grip\ncategories: [Crew and Roles]\n{line}\n"
    checked = check(make_terms, {**BASIC_TERMS, "grip": text})
    [problem] = coded(checked, "yaml-syntax")
    assert problem.path == "terms/grip.yaml"
    assert problem.line == text.splitlines().index(line) + 1
    assert advice in problem.message
