"""The schema and glossary rules of docs/reference/term-files.md: each error kind, with its place and code."""

from __future__ import annotations

import pytest

from projects import BASIC_TERMS, GRIP, KEY_GRIP, RACKING_FOCUS
from termbook.glossary.loader import load_glossary
from termbook.glossary.problems import Severity


def load(make_terms, terms, **kwargs):
    folder = make_terms(terms, **kwargs)
    return load_glossary(folder, folder.parent, dates=False)


def only(result, code):
    found = [p for p in result.problems if p.code == code]
    assert found, f"no {code} in {[p.format() for p in result.problems]}"
    return found


def test_valid_glossary_has_no_problems(make_terms):
    result = load(make_terms, BASIC_TERMS)
    assert result.problems == []
    assert list(result.glossary.terms) == ["focus-puller", "grip", "key-grip", "racking-focus"]


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "fragment"),
    [
        pytest.param(
            "term: Grip\ncategories: [Crew and Roles]\ndefinition: x\ndefinitoin: y\n",
            "unknown-key",
            4,
            1,
            "did you mean 'definition'",
            id="unknown-key-with-hint",
        ),
        pytest.param(
            "term: Grip\ncategories: [Crew and Roles]\n",
            "missing-key",
            1,
            1,
            "'definition'",
            id="missing-definition",
        ),
        pytest.param(
            "term: Grip\ndefinition: x\n",
            "missing-key",
            1,
            1,
            "'categories'",
            id="missing-categories",
        ),
        pytest.param(
            "term: Grip\ncategories: Crew and Roles\ndefinition: x\n",
            "wrong-type",
            2,
            13,
            "categories: [Crew and Roles]",
            id="categories-not-a-list",
        ),
        pytest.param(
            "term: Grip\ncategories: []\ndefinition: x\n",
            "empty-value",
            2,
            13,
            "at least one",
            id="no-category",
        ),
        pytest.param(
            "term: ''\ncategories: [A]\ndefinition: x\n",
            "empty-value",
            1,
            7,
            "'term' is empty",
            id="empty-term",
        ),
        pytest.param(
            "term: [a]\ncategories: [A]\ndefinition: x\n",
            "wrong-type",
            1,
            7,
            "must be text",
            id="term-not-text",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nexamples: [{a: 1}]\n",
            "wrong-type",
            4,
            12,
            "examples[0]",
            id="example-not-text",
        ),
        pytest.param(
            "term: Grip\nslug: Grip_1\ncategories: [A]\ndefinition: x\n",
            "invalid-slug",
            2,
            7,
            "lowercase",
            id="bad-slug",
        ),
        pytest.param(
            "term: 花道\ncategories: [A]\ndefinition: x\n",
            "invalid-slug",
            1,
            7,
            "add a 'slug:'",
            id="no-derivable-slug",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nimage: {src: a.svg}\n",
            "image-alt",
            4,
            8,
            "alt",
            id="image-without-alt",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nsources: [{title: T, url: 'ftp://x'}]\n",
            "invalid-url",
            4,
            27,
            "https://",
            id="source-url-scheme",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nimage: {src: 'javascript:alert(1)', alt: a}\n",
            "invalid-url",
            4,
            14,
            "relative path",
            id="image-javascript-url",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nautolink: maybe\n",
            "wrong-type",
            4,
            11,
            "true or false",
            id="autolink-not-bool",
        ),
        pytest.param(
            "term: Grip\naliases: [grip]\ncategories: [A]\ndefinition: x\n",
            "duplicate-alias",
            2,
            11,
            "repeats",
            id="alias-repeats-name",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\npart_of_speech: nuon\n",
            "invalid-choice",
            4,
            17,
            "did you mean 'noun'",
            id="part-of-speech-not-a-choice",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nlink: [as-written, names-ony]\n",
            "invalid-choice",
            4,
            20,
            "did you mean 'names-only'",
            id="link-value-in-a-list-not-a-choice",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nlink: never\n",
            "invalid-choice",
            4,
            7,
            "as-written, names-only, aliases-only",
            id="link-value-not-a-choice",
        ),
        pytest.param(
            "term: Grip\ncategories: [A]\ndefinition: x\nforms: containerized\n",
            "wrong-type",
            4,
            8,
            "forms: [containerized]",
            id="forms-not-a-list",
        ),
        pytest.param("- a\n- b\n", "not-a-mapping", 1, 1, "mapping", id="list-document"),
    ],
)
def test_each_schema_error_names_its_place(make_terms, text, code, line, column, fragment):
    result = load(make_terms, {"grip": text}, categories=None)
    problem = only(result, code)[0]
    assert (problem.path, problem.line, problem.column) == ("terms/grip.yaml", line, column)
    assert fragment in problem.message
    assert problem.is_error
    assert "grip" not in result.glossary.terms


def test_every_problem_of_a_file_is_reported_at_once(make_terms):
    text = "term: Grip\ncolour: red\ncategories: Crew\nexamples: nope\n"
    result = load(make_terms, {"grip": text}, categories=None)
    assert {p.code for p in result.problems} >= {"unknown-key", "missing-key", "wrong-type"}
    assert len([p for p in result.problems if p.code == "wrong-type"]) == 2


def test_file_name_must_match_slug(make_terms):
    result = load(make_terms, {"grips": GRIP})
    problem = only(result, "slug-mismatch")[0]
    assert "grip.yaml" in problem.message and problem.line == 1


def test_derived_slugs_are_ascii(make_terms):
    terms = {
        "ingenue": {"term": "Ingénue", "categories": ["Crew and Roles"], "definition": "x"},
        "hair-and-makeup": {
            "term": "Hair & Makeup",
            "categories": ["Crew and Roles"],
            "definition": "x",
        },
    }
    result = load(make_terms, terms)
    assert result.problems == []
    assert set(result.glossary.terms) == {"ingenue", "hair-and-makeup"}


def test_headwords_are_unique_across_files_and_the_hint_names_both_ways_out(make_terms):
    other = {**GRIP, "term": "Racking focus", "slug": "racking-focus-2"}
    result = load(make_terms, {**BASIC_TERMS, "racking-focus-2": other})
    first, second = only(result, "duplicate-name")
    assert first.path == "terms/racking-focus-2.yaml"
    assert "terms/racking-focus.yaml ('Racking Focus')" in first.message
    assert second.path == "terms/racking-focus.yaml"
    assert (second.line, second.column) == (1, 7)
    assert "terms/racking-focus-2.yaml ('Racking focus')" in second.message
    assert "'senses:'" in first.message and "qualifier" in first.message
    assert "('Racking Focus (film)')" in second.message


def test_an_alias_may_be_another_terms_headword_or_alias_a_shared_name(make_terms):
    other = {**GRIP, "term": "Rack Focus", "aliases": ["Focus Pull"]}
    result = load(make_terms, {**BASIC_TERMS, "rack-focus": other})
    assert result.problems == []
    glossary = result.glossary
    shared = {key: (s.slug, s.name, s.terms) for key, s in glossary.shared.items()}
    assert shared == {
        "focus pull": ("focus-pull", "Focus Pull", ("rack-focus", "racking-focus")),
        "rack focus": ("rack-focus", "Rack Focus", ("rack-focus", "racking-focus")),
    }
    assert glossary.lookup("Focus Pull") is None  # it names two: lookup never guesses
    assert [t.slug for t in glossary.meanings("focus pull")] == ["rack-focus", "racking-focus"]
    assert glossary.lookup("rack-focus").name == "Rack Focus"  # a slug names one term
    assert glossary.lookup("Racking Focus").slug == "racking-focus"


def test_related_naming_a_shared_name_is_ambiguous_and_names_the_candidates(make_terms):
    other = {**GRIP, "term": "Rack Focus", "aliases": ["Focus Pull"]}
    grip = {**GRIP, "related": ["Focus Pull", "rack-focus"]}
    result = load(make_terms, {**BASIC_TERMS, "rack-focus": other, "grip": grip})
    [problem] = only(result, "ambiguous-related")
    assert problem.path == "terms/grip.yaml" and problem.is_error
    assert "'rack-focus', 'racking-focus'" in problem.message
    assert "headword or its slug" in problem.message


def test_a_form_that_is_another_entrys_name_is_a_warning_where_it_is_written(make_terms):
    grip = {**GRIP, "forms": ["gripping", "Key-Grip"]}
    folder = make_terms({"grip": grip, "key-grip": KEY_GRIP})
    result = load_glossary(folder, folder.parent, dates=False)
    [problem] = only(result, "form-is-a-name")
    assert (problem.path, problem.severity) == ("terms/grip.yaml", Severity.WARNING)
    lines = (folder / "grip.yaml").read_text(encoding="utf-8").splitlines()
    assert "Key-Grip" in lines[problem.line - 1]
    assert "terms/key-grip.yaml ('Key Grip')" in problem.message
    assert "alias of each entry" in problem.message
    assert result.glossary.lookup("Grip") is not None  # a warning: the entry is published


def test_duplicate_name_is_case_insensitive(make_terms):
    result = load(make_terms, {"grip": GRIP, "grip-2": {**GRIP, "term": "GRIP", "slug": "grip-2"}})
    assert only(result, "duplicate-name")


def test_duplicate_slugs_are_errors(make_terms):
    result = load(
        make_terms, {"grip": GRIP, "grip.yml": {**GRIP, "term": "Grip Two", "slug": "grip"}}
    )
    assert only(result, "duplicate-slug")


@pytest.mark.parametrize("ref", ["Key Grip", "key grip", "key-grip", "KEY-GRIP"])
def test_related_resolves_by_name_alias_or_slug(make_terms, ref):
    result = load(make_terms, {"grip": {**GRIP, "related": [ref]}, "key-grip": KEY_GRIP})
    assert result.problems == []
    assert result.glossary.terms["grip"].related == ("key-grip",)


def test_related_by_alias(make_terms):
    result = load(make_terms, {**BASIC_TERMS, "grip": {**GRIP, "related": ["Rack Focus"]}})
    assert result.glossary.terms["grip"].related == ("racking-focus",)


def test_unresolved_related_suggests_a_name(make_terms):
    text = "term: Grip\ncategories: [Crew and Roles]\ndefinition: x\nrelated:\n  - Key Gripp\n"
    result = load(make_terms, {**BASIC_TERMS, "grip": text})
    problem = only(result, "unresolved-related")[0]
    assert "did you mean 'Key Grip'" in problem.message
    assert (problem.line, problem.column) == (5, 5)


def test_related_to_itself_is_an_error(make_terms):
    result = load(make_terms, {"grip": {**GRIP, "related": ["grip"]}})
    assert only(result, "self-related")


def test_one_bad_file_does_not_hide_or_echo_into_others(make_terms):
    broken = "term: Focus Puller\ncategories: [Crew and Roles\n"
    terms = {**BASIC_TERMS, "focus-puller": broken, "grip": {**GRIP, "colour": 1}}
    result = load(make_terms, terms)
    paths = {p.path for p in result.problems}
    assert paths == {"terms/focus-puller.yaml", "terms/grip.yaml"}
    # racking-focus relates to the broken Focus Puller: no echo error there
    assert "racking-focus" in result.glossary.terms
    assert "key-grip" in result.glossary.terms


def test_unknown_category_is_a_warning_with_a_hint(make_terms):
    result = load(make_terms, {"grip": {**GRIP, "categories": ["Crew and Role"]}})
    problem = only(result, "unknown-category")[0]
    assert not problem.is_error
    assert "did you mean 'Crew and Roles'" in problem.message


def test_stray_files_are_warned_about_and_underscored_files_ignored(make_terms):
    folder = make_terms(BASIC_TERMS)
    (folder / "notes.txt").write_text("hello")
    (folder / "_draft.yaml").write_text("not: [a term")
    (folder / ".hidden.yaml").write_text("nor: this")
    result = load_glossary(folder, folder.parent, dates=False)
    assert [p.code for p in result.problems] == ["stray-file"]


def test_categories_file_is_validated(make_terms):
    categories = {"Crew and Roles": {"descripton": "x", "slug": "Crew Roles"}}
    result = load(make_terms, {"grip": GRIP}, categories=categories)
    assert {p.code for p in result.problems} >= {"unknown-key", "invalid-slug"}
    assert all(
        p.path == "terms/_categories.yaml" for p in result.problems if p.code != "unknown-category"
    )


def test_racking_focus_round_trip(make_terms):
    result = load(make_terms, BASIC_TERMS)
    term = result.glossary.terms["racking-focus"]
    assert term.aliases == ("Rack Focus", "Focus Pull")
    assert term.trivia == (RACKING_FOCUS["trivia"],)
    assert term.related == ("focus-puller",)


def test_a_file_broken_at_its_name_is_still_known_by_its_file_name(make_terms):
    terms = {**BASIC_TERMS, "focus-puller": "categories: [Crew and Roles\n"}
    result = load(make_terms, terms)
    assert {p.path for p in result.problems} == {"terms/focus-puller.yaml"}


def test_forms_and_link_restrictions_reach_the_model(make_terms):
    terms = {
        **BASIC_TERMS,
        "grip": {**GRIP, "forms": ["gripped", " gripping "], "link": "as-written"},
        "key-grip": {**KEY_GRIP, "link": ["as-written", "aliases-only"]},
    }
    result = load(make_terms, terms)
    assert result.problems == []
    grip, key_grip = result.glossary.terms["grip"], result.glossary.terms["key-grip"]
    assert grip.forms == ("gripped", "gripping") and grip.link == ("as-written",)
    assert key_grip.link == ("as-written", "aliases-only") and key_grip.forms == ()
