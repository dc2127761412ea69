"""The glossary model (its indexes by letter, lookup and category) and the text helpers.

What a name is (slugs, order, keys) is decided in test_names.py."""

from __future__ import annotations

from projects import BASIC_TERMS
from termbook.glossary.loader import load_glossary
from termbook.text import first_sentence, reading_minutes


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
