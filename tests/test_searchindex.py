"""The search index Termbook ships: one small document per term, findable by every name."""

from __future__ import annotations

import json
import re
from pathlib import Path

from projects import SAILING_CATEGORIES, SAILING_TERMS
from termbook.pages.searchindex import (
    BODY_FIELD,
    LAST_FIELD,
    MORE_FIELD,
    NAMES_FIELD,
    SearchDoc,
    bag_of_words,
    common_words,
    last_field,
    length_boost,
    names_field,
    search_documents,
    shape_index,
    term_document,
)
from termbook.pages.searchpack import unpacked_index
from termbook.pages.searchworker import WORKERS, install_search_worker, unindexed_words

MATERIAL_INDEX = {
    "config": {"lang": ["en"], "separator": r"[\s\-]+", "fields": {"title": {"boost": 1000.0}}},
    "docs": [
        {"location": "", "title": "Home", "text": "<p>Welcome.</p>"},
        {"location": "terms/grip/", "title": "Grip", "text": "<p>Old.</p>"},
        {"location": "terms/grip/#examples", "title": "Examples", "text": "<p>Old.</p>"},
    ],
}
GRIP = SearchDoc("terms/grip/", "Grip", "A grip rigs.")


def tokens(text: str) -> list[str]:
    return text.split()


def test_term_document_shows_name_aliases_and_first_sentence() -> None:
    doc = term_document(SearchDoc("terms/ad/", "AD", "An AD runs the set.", ("1st AD", "P&A")))
    assert doc["location"] == "terms/ad/"
    assert doc["title"] == "AD"
    assert doc["text"] == (
        '<p><span class="tb-aka">Also <em>1st AD</em>, <em>P&amp;A</em>.</span>'
        " An AD runs the set.</p>"
    )


def test_term_text_is_escaped_because_results_render_it_as_html() -> None:
    doc = term_document(SearchDoc("terms/x/", "<b>X</b>", "<img src=x onerror=alert(1)>", ("<i>",)))
    assert "<b>" not in doc["title"] and "<img" not in doc["text"] and "<i>" not in doc["text"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc["text"]


def test_apostrophes_stay_as_typed_so_the_tokenizer_sees_one_word() -> None:
    doc = term_document(SearchDoc("terms/x/", "Director's Cut", "It's long.", ("Writers' Room",)))
    assert doc["title"] == "Director's Cut"
    assert "It's long." in doc["text"] and "Writers' Room" in doc["text"]


def test_names_hold_alias_words_and_folded_forms_not_title_words() -> None:
    field = tokens(names_field("Mise-en-scène", ["P&A", "Director's Cut"], "_7"))
    assert "scene" in field  # "mise en scene" finds Mise-en-scène
    assert "mise" not in field  # already a word of the title
    assert "P&A" in field and "pa" in field  # typed with or without the ampersand
    assert "Director's" in field and "directors" in field
    assert {"miseenscene_7", "pa_7", "directorscut_7"} <= set(field)


def test_each_name_has_one_marked_last_word() -> None:
    assert last_field(["Key Grip", "Grip", "Focus Pull"], "_2") == "grip_2 pull_2"


def test_marks_differ_per_document_so_no_name_is_rarer_than_another() -> None:
    first = term_document(GRIP, 0)
    second = term_document(SearchDoc("terms/key-grip/", "Key Grip", "Heads grips."), 37)
    assert tokens(first[LAST_FIELD]) == ["grip_0"]
    assert tokens(second[LAST_FIELD]) == ["grip_11"]


def test_shorter_names_get_a_larger_boost() -> None:
    boosts = [length_boost([n]) for n in ("AD", "Grip", "Key Grip", "Over-the-Shoulder Shot")]
    assert boosts == sorted(boosts, reverse=True)
    assert len(set(boosts)) == len(boosts)
    assert length_boost(["Over-the-Shoulder Shot", "OTS"]) == length_boost(["OTS"])


def test_shape_index_replaces_a_terms_page_and_sections_with_one_document() -> None:
    shaped = shape_index(MATERIAL_INDEX, [GRIP])
    locations = [d["location"] for d in shaped["docs"]]
    assert locations == ["", "terms/grip/"]
    assert shaped["docs"][1]["text"] == "<p>A grip rigs.</p>"
    fields = shaped["config"]["fields"]
    assert fields[NAMES_FIELD] == fields[LAST_FIELD] == {"boost": 1000.0}
    assert fields["title"] == {"boost": 1000.0}
    assert MATERIAL_INDEX["docs"][1]["text"] == "<p>Old.</p>"  # the input is left alone


def test_shaping_twice_gives_the_same_index() -> None:
    pages = [SearchDoc("categories/crew/", "Crew", "Who does what.")]
    once = shape_index(MATERIAL_INDEX, [GRIP], pages)
    assert shape_index(once, [GRIP], pages) == once


def test_build_indexes_each_term_once_and_leaves_generated_lists_out(build_site) -> None:
    site = build_site(
        docs={"index.md": "# Home\n\nWelcome.\n", "about.md": "# About\n\n## Us\n\nWe.\n"}
    )
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {d["location"]: d for d in index["docs"]}
    terms = [loc for loc in by_location if loc.startswith("terms/")]
    assert sorted(terms) == [
        "terms/focus-puller/",
        "terms/grip/",
        "terms/key-grip/",
        "terms/racking-focus/",
    ]
    assert "terms/" not in by_location and "categories/" not in by_location
    assert by_location["categories/crew-and-roles/"]["title"] == "Crew and Roles"
    assert "about/#us" in by_location  # articles keep Material's sections
    focus = by_location["terms/focus-puller/"]
    assert focus["title"] == "Focus Puller"
    assert re.fullmatch(
        r"<p><span class=\"tb-aka\">Also .*</span> The camera assistant .*</p>", focus["text"]
    )
    assert "1stac_" in focus[NAMES_FIELD]


def test_a_pronunciation_is_shown_in_the_result_and_found(build_site) -> None:
    site = build_site(SAILING_TERMS, categories=SAILING_CATEGORIES)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {d["location"]: d for d in index["docs"]}
    tack = by_location["terms/tack/"]["text"]
    assert tack.startswith('<p><span class="tb-note">/tæk/</span> <span class="tb-aka">')
    assert by_location["terms/port/"]["text"] == (
        "<p>The left-hand side of a boat, for someone on board facing the bow.</p>"
    )


def test_regular_plurals_of_the_last_word_are_indexed() -> None:
    assert "grips" in tokens(names_field("Grip", []))
    assert "dollies" in tokens(names_field("Dolly", ["Camera Dolly"]))
    assert "matches" in tokens(names_field("Match Cut", ["Match"]))
    assert not any(t.startswith("ads") for t in tokens(names_field("AD", [])))


def test_every_definition_word_is_indexed_once_beside_the_summary() -> None:
    doc = term_document(
        SearchDoc(
            "terms/grip/",
            "Grip",
            "A grip rigs.",
            body="A grip rigs. Grips build frames, stands, flags; frames and P&A on/off sets.",
            more="The grip built a frame. Trivia: grips are strong.",
        )
    )
    body = tokens(doc[BODY_FIELD])
    expected = "grips build frames stands flags and p&a on off sets"  # a slash splits words
    assert body == expected.split()
    assert "rigs" not in body and "grip" not in body  # in the summary and the name already
    assert "<" not in doc[BODY_FIELD]
    assert tokens(doc[MORE_FIELD]) == ["the", "built", "frame", "trivia", "are", "strong"]


def test_a_plural_headword_is_found_by_its_singular_as_by_an_alias() -> None:
    """ "container" finds Containers by its name's words and ends, as an alias would: above
    Containerization, whose name merely begins with it. The singular is never shown."""
    doc = term_document(SearchDoc("terms/containers/", "Containers", "Packages."), 5)
    assert {"container", "container_5"} <= set(tokens(doc[NAMES_FIELD]))
    assert tokens(doc[LAST_FIELD]) == ["containers_5", "container_5"]
    assert "ontainer<" not in doc["text"] and "Also" not in doc["text"]
    lens = term_document(SearchDoc("terms/lens/", "Lens", "Glass."), 1)
    assert tokens(lens[LAST_FIELD]) == ["lens_1"]  # no plural, no singular "len"


def test_a_slash_separates_words_in_the_index_and_in_queries() -> None:
    """Material splits names, texts and the reader's query with the index's separator:
    "CI/CD" asks for CI and for CD."""
    shaped = shape_index(MATERIAL_INDEX, [GRIP])
    separator = shaped["config"]["separator"]
    assert separator == r"[\s\-/]+"
    assert re.split(separator, "CI/CD self-healing") == ["CI", "CD", "self", "healing"]
    assert shape_index(shaped, [GRIP])["config"]["separator"] == separator  # once
    custom = {**MATERIAL_INDEX, "config": {**MATERIAL_INDEX["config"], "separator": r"\s+"}}
    assert re.split(shape_index(custom, [GRIP])["config"]["separator"], "a/b c") == ["a", "b", "c"]


def test_definition_fields_weigh_far_less_than_names() -> None:
    fields = shape_index(MATERIAL_INDEX, [GRIP])["config"]["fields"]
    assert fields[BODY_FIELD]["boost"] <= 1 and fields[MORE_FIELD]["boost"] < 1
    assert fields[NAMES_FIELD]["boost"] >= 1000 * fields[BODY_FIELD]["boost"]


def test_bag_of_words_splits_like_the_search_and_drops_what_is_shown() -> None:
    assert bag_of_words("Day-for-night, day for NIGHT!", ["for"]) == "day night"
    assert bag_of_words("a I x") == ""


def test_words_most_definitions_share_are_left_out_of_a_big_glossary() -> None:
    def doc(i: int) -> SearchDoc:
        body = f"Camera work number{i}." + (" Lens care." if i % 3 == 0 else "")
        return SearchDoc(f"terms/t{i}/", f"T{i}", "", body=body)

    big = [doc(i) for i in range(60)]
    bodies = [bag_of_words(d.body) for d in big]
    assert common_words(bodies) == {"camera", "work"}  # in all 60; "lens" in a third only
    document = term_document(big[3], 3, common_words(bodies))
    assert tokens(document[BODY_FIELD]) == ["number3", "lens", "care"]
    assert term_document(big[3], 3, common_words(bodies), bodies[3]) == document
    assert common_words(bodies[:10]) == set()  # a small glossary keeps every word


def test_words_the_search_never_indexes_are_left_out_of_the_definition_fields() -> None:
    doc = SearchDoc(
        "terms/grip/", "Grip", "A grip rigs.", body="He builds the frames.", more="Of steel."
    )
    [document] = search_documents([doc], unindexed=frozenset({"the", "of", "he"}))
    assert tokens(document[BODY_FIELD]) == ["builds", "frames"]
    assert tokens(document[MORE_FIELD]) == ["steel"]


def test_the_unindexed_words_are_lunrs_stop_words_where_the_pipeline_runs_its_filter() -> None:
    import material

    theme = Path(material.__file__).parent / "templates"
    stop_words = unindexed_words([theme], ["stopWordFilter"])
    assert {"the", "of", "and", "which", "would"} <= stop_words and len(stop_words) > 100
    assert not stop_words & {"grip", "frame", "camera", "light"}
    assert unindexed_words([theme], ["stemmer"]) == frozenset()  # indexed there: kept
    assert unindexed_words([], ["stopWordFilter"]) == frozenset()  # no worker found: kept


def test_a_built_index_holds_no_word_its_search_drops(build_site) -> None:
    site = build_site()
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["pipeline"] == ["stopWordFilter"]
    bodies = [d[BODY_FIELD] for d in unpacked_index(index)["docs"] if BODY_FIELD in d]
    assert bodies and not any({"the", "a", "of", "and"} & set(tokens(b)) for b in bodies)
    assert any("reports" in tokens(b) for b in bodies)  # the words, not their numbers


def test_search_worker_takes_materials_place_once(tmp_path: Path) -> None:
    """Material's worker moves aside unchanged and Termbook's, which loads it, takes its name;
    a rebuild that finds Termbook's worker in place changes nothing."""
    workers = tmp_path / WORKERS
    workers.mkdir(parents=True)
    (workers / "search.0123abcd.min.js").write_text("/* material */", encoding="utf-8")
    moved = install_search_worker(tmp_path)
    assert moved == workers / "search-material.0123abcd.min.js"
    assert moved.read_text(encoding="utf-8") == "/* material */"
    ours = (workers / "search.0123abcd.min.js").read_text(encoding="utf-8")
    assert 'importScripts(new URL("search-material.0123abcd.min.js", here).href)' in ours
    assert '["names", "last", "body", "more"]' in ours and "__" not in ours.replace(
        "__termbook", ""
    )
    assert install_search_worker(tmp_path) is None
    assert (workers / "search.0123abcd.min.js").read_text(encoding="utf-8") == ours
    assert moved.read_text(encoding="utf-8") == "/* material */"
