"""The glossary model and the shared text rules: slugs, dictionary order, letters, lookups."""

from __future__ import annotations

import pytest

from projects import BASIC_TERMS
from termbook.glossary.loader import load_glossary
from termbook.names import fold, letter_of, normalize_name, slugify, sort_key
from termbook.text import first_sentence, reading_minutes


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Racking Focus", "racking-focus"),
        ("Ingénue", "ingenue"),
        ("Hair & Makeup", "hair-and-makeup"),
        ("Mise-en-scène", "mise-en-scene"),
        ("Director's Cut", "director-s-cut"),
        ("O.S.", "o-s"),
        ("4K", "4k"),
        ("  Day-for-Night  ", "day-for-night"),
        ("Straße", "strasse"),
        ("花道", ""),
    ],
)
def test_derived_slugs(name, slug):
    assert slugify(name) == slug


def test_dictionary_order_folds_accents_and_case_and_files_digits_under_hash():
    names = ["key grip", "Éclair", "Ecran", "4K", "apple box", "Zoom", "émulsion", "35mm"]
    assert sorted(names, key=sort_key) == [
        "35mm",
        "4K",
        "apple box",
        "Éclair",
        "Ecran",
        "émulsion",
        "key grip",
        "Zoom",
    ]
    assert [letter_of(n) for n in ("4K", "Éclair", "花道", "'Tis")] == ["#", "E", "#", "T"]


def test_normalized_names_ignore_case_accents_and_punctuation():
    assert normalize_name("Mise-en-scène") == normalize_name("mise en scene")
    assert normalize_name("P&A") == "p and a"
    assert fold("Ingénue") == "ingenue"


def test_first_sentence_skips_abbreviations():
    text = "The O.S. line is heard, e.g. a voice. Then more follows."
    assert first_sentence(text) == "The O.S. line is heard, e.g. a voice."
    assert first_sentence("One sentence only") == "One sentence only"
    assert first_sentence("word " * 100, limit=20).endswith("…")


def test_reading_time_is_at_least_a_minute():
    assert reading_minutes(10) == 1
    assert reading_minutes(401) == 3


def test_glossary_indexes(make_terms):
    folder = make_terms(BASIC_TERMS)
    glossary = load_glossary(folder, folder.parent, dates=False).glossary
    assert glossary.lookup("rack focus").slug == "racking-focus"
    assert glossary.lookup("1ST AC").slug == "focus-puller"
    assert glossary.lookup("key-grip").slug == "key-grip"
    assert glossary.lookup("nobody") is None
    assert list(glossary.by_letter()) == ["F", "G", "K", "R"]
    previous, following = glossary.neighbours("grip")
    assert (previous.slug, following.slug) == ("focus-puller", "key-grip")
    assert glossary.neighbours("focus-puller")[0] is None
    crew = glossary.categories["crew-and-roles"]
    assert crew.terms == ["focus-puller", "grip", "key-grip"]
    assert [c.name for c in glossary.term_categories(glossary.terms["grip"])] == ["Crew and Roles"]


def test_categories_without_a_description_still_get_a_page(make_terms):
    folder = make_terms(
        {"grip": {"term": "Grip", "categories": ["Rigging"], "definition": "x"}}, categories=None
    )
    glossary = load_glossary(folder, folder.parent, dates=False).glossary
    assert glossary.categories["rigging"].terms == ["grip"]


def test_filter_keys_accept_and_or_ampersand():
    from termbook.names.folding import filter_keys

    assert filter_keys("Hair & Makeup") == ["hair and makeup", "hair makeup"]
    assert filter_keys("Mise-en-scène") == ["mise en scene"]
