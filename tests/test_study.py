"""The question generator: deterministic, masked, distractors from the same category, opt-out."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from projects import BASIC_TERMS
from termbook.glossary.rendered import check_terms
from termbook.study import CHOICES, MASK, names_matcher, study_set, study_sets


def crew(slug: str, name: str, definition: str, **more) -> dict:
    return {"term": name, "categories": ["Crew and Roles"], "definition": definition, **more}


CREW = {
    "gaffer": crew(
        "gaffer",
        "Gaffer",
        "The chief lighting technician. A gaffer's crew are the electricians; gaffers answer "
        "to the director of photography.",
        aliases=["Chief Lighting Technician"],
    ),
    "best-boy": crew("best-boy", "Best Boy", "The key grip's or the gaffer's second in command."),
    "dolly-grip": crew("dolly-grip", "Dolly Grip", "The grip who pushes the camera dolly."),
    "runner": crew("runner", "Runner", "A junior who runs errands on set."),
    "boom-operator": crew("boom-operator", "Boom Operator", "Holds the boom microphone."),
}
EQUIPMENT = {
    "dolly": {
        "term": "Dolly",
        "categories": ["Technology and Equipment"],
        "definition": "A wheeled cart for the camera. Dollies run on track.",
    },
    "slate": {
        "term": "Slate",
        "categories": ["Technology and Equipment"],
        "definition": "The clapperboard marking each take.",
        "practice": False,
    },
}
TERMS = {**BASIC_TERMS, **CREW, **EQUIPMENT}


@pytest.fixture
def checked(make_terms, tmp_path):
    return check_terms(make_terms(TERMS), tmp_path, dates=False)


def whole(checked):
    return study_set(checked.glossary, checked.entries)


def question(checked, slug, category=None):
    found = study_set(checked.glossary, checked.entries, category).questions
    return next(q for q in found if q.slug == slug)


def test_every_practice_term_has_a_card_and_a_question_with_four_choices(checked):
    study = whole(checked)
    practising = {t.slug for t in checked.glossary if t.practice}
    assert {c.slug for c in study.cards} == practising
    assert {q.slug for q in study.questions} == practising
    for q in study.questions:
        assert len(q.choices) == CHOICES
        assert len(set(q.choices)) == CHOICES
        assert q.choices[q.answer] == q.slug


def test_a_term_with_practice_false_is_never_a_card_question_or_choice(checked):
    for study in study_sets(checked.glossary, checked.entries):
        assert "slate" not in study.slugs


def test_the_definition_shown_masks_the_name_aliases_and_their_inflections(checked):
    prompt = question(checked, "gaffer").prompt
    # The alias "Chief Lighting Technician", "gaffer's" and "gaffers"
    assert prompt == (
        f"The {MASK}. A {MASK} crew are the electricians; {MASK} answer to the director of "
        "photography."
    )
    dolly = question(checked, "dolly").prompt
    assert dolly == f"A wheeled cart for the camera. {MASK} run on track."


def test_masking_spares_other_terms_that_contain_the_name(checked):
    # "key grip" is another term's name: Grip's own name is masked only where it is Grip.
    key_grip = question(checked, "key-grip").prompt
    assert key_grip == f"The head of the grip department. Every grip reports to the {MASK}."
    assert question(checked, "dolly-grip").prompt == "The grip who pushes the camera dolly."


def test_the_answer_is_masked_inside_longer_names_too(make_terms, tmp_path):
    """A longer name that holds the answer gives it away: "the key grip" when the answer is
    Grip reads "the key _____", "the grip truck" "the _____ truck"."""
    terms = {
        "grip": crew(
            "grip",
            "Grip",
            "A crew member who works under the key grip, drives the grip truck and helps the "
            "dolly grips.",
        ),
        "grip-truck": crew("grip-truck", "Grip Truck", "The lorry of the grip department."),
        "key-grip": crew("key-grip", "Key Grip", "The head of the grips."),
        "dolly-grip": crew("dolly-grip", "Dolly Grip", "The grip who pushes the dolly."),
        "gaffer": crew("gaffer", "Gaffer", "The chief lighting technician."),
    }
    checked = check_terms(make_terms(terms), tmp_path, dates=False)
    assert question(checked, "grip").prompt == (
        f"A crew member who works under the key {MASK}, drives the {MASK} truck and helps the "
        f"dolly {MASK}."
    )
    assert question(checked, "key-grip").prompt == "The head of the grips."


def test_distractors_come_from_the_terms_category(checked):
    crew_slugs = set(checked.glossary.categories["crew-and-roles"].terms)
    for slug in CREW:
        assert set(question(checked, slug).choices) <= crew_slugs


def test_a_small_category_borrows_distractors_from_the_rest_of_the_glossary(checked):
    # Technology and Equipment has two practice terms: the third and fourth choices come from
    # elsewhere, and the question still has four choices.
    q = question(checked, "dolly", "technology-and-equipment")
    assert len(q.choices) == CHOICES
    assert "racking-focus" in q.choices  # the only other term of its own category


def test_a_glossary_of_one_term_has_a_card_and_no_question(make_terms, tmp_path):
    checked = check_terms(make_terms({"grip": BASIC_TERMS["grip"]}), tmp_path, dates=False)
    study = whole(checked)
    assert [c.slug for c in study.cards] == ["grip"]
    assert study.questions == ()


def test_two_terms_make_two_choice_questions(make_terms, tmp_path):
    terms = {"grip": BASIC_TERMS["grip"], "runner": CREW["runner"]}
    checked = check_terms(make_terms(terms), tmp_path, dates=False)
    assert [len(q.choices) for q in whole(checked).questions] == [2, 2]


def test_cards_carry_plain_text_definition_and_first_example(checked):
    card = next(c for c in whole(checked).cards if c.slug == "racking-focus")
    assert card.name == "Racking Focus"
    assert card.example == "Rack to the door when it opens."
    assert "<" not in card.definition


def test_the_quiz_does_not_follow_the_card_order(checked):
    study = whole(checked)
    assert [q.slug for q in study.questions] != [c.slug for c in study.cards]


def test_one_category_set_holds_only_that_categorys_cards(checked):
    study = study_set(checked.glossary, checked.entries, "crew-and-roles")
    members = set(checked.glossary.categories["crew-and-roles"].terms)
    assert {c.slug for c in study.cards} == members
    assert study.title == "Crew and Roles"


def test_a_shared_matcher_gives_the_same_questions(checked):
    glossary, entries = checked.glossary, checked.entries
    assert study_sets(glossary, entries) == study_sets(glossary, entries, names_matcher(glossary))


SNAPSHOT = """
import json, sys
from pathlib import Path
from termbook.glossary.rendered import check_terms
from termbook.study import study_sets
checked = check_terms(Path(sys.argv[1]), Path(sys.argv[1]), dates=False)
sets = study_sets(checked.glossary, checked.entries)
print(json.dumps([[s.key, [c.slug for c in s.cards], [list(q.choices) for q in s.questions]]
                  for s in sets]))
"""


def test_same_terms_give_the_same_questions_in_every_process(make_terms):
    """Seeds come from slugs, never from time or Python's per-process hash salt."""
    folder = make_terms(TERMS)
    runs = [
        subprocess.run(
            [sys.executable, "-c", SNAPSHOT, str(folder)],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0])[0][0] == ""


def test_practice_must_be_true_or_false(make_terms, tmp_path):
    terms = {"grip": {**BASIC_TERMS["grip"], "practice": "no"}}
    checked = check_terms(make_terms(terms), tmp_path, dates=False)
    assert [p.code for p in checked.problems] == ["wrong-type"]
    assert "'practice' must be true or false" in checked.problems[0].message
