"""Every decided case of what a name is, in tables: the one place edge cases are decided.

`termbook.names` owns the rules (folding, slugs, order, keys, inflections, acronym case, word
boundaries); the linker, search, hints, exports and the scripts read them. `MENTIONS` (texts)
and `MARKUP_MENTIONS` (HTML, where inline elements split the words) are also run through the
widget in Chromium by `tests/browser/test_names_parity.py`, which requires the same marks,
mention by mention.
"""

from __future__ import annotations

import html
import re

import pytest

from termbook.linking import Linker, LinkTarget
from termbook.names import (
    base_forms,
    filter_keys,
    fold,
    is_acronym,
    is_matchable,
    key_of,
    letter_of,
    normalize_name,
    plural,
    search_key,
    slugify,
    sort_key,
    surface_forms,
)
from termbook.names.script import rules_js
from termbook.resources import ASSETS

# -- folding ---------------------------------------------------------------------------------

FOLDING = [
    # text, fold (slugs, order, lookups), key_of (the matcher's: same length, a hyphen between
    # two words read as a space)
    ("Key Grip", "key grip", "key grip"),
    ("Mise-en-scène", "mise-en-scene", "mise en scene"),
    ("INGÉNUE", "ingenue", "ingenue"),
    ("Straße", "strasse", "straße"),  # expansions only where the length may change
    ("STRASSE", "strasse", "strasse"),
    ("Œuvre", "oeuvre", "œuvre"),
    ("Ærial", "aerial", "ærial"),
    ("Smørrebrød", "smorrebrod", "smorrebrod"),
    ("Łódź", "lodz", "lodz"),
    ("İstanbul", "istanbul", "istanbul"),  # dotted capital I: lowercase without the dot
    ("Director’s Cut", "director's cut", "director's cut"),
    ("Director‘s", "director's", "director's"),
    ("Dayʼs", "day's", "day's"),
    ("Day‐for‑Night", "day-for-night", "day for night"),
    ("Self-Healing", "self-healing", "self healing"),
    ("-30-", "-30-", "-30-"),  # a hyphen that joins no two words stays
    ("Day–for–Night", "day–for–night", "day–for–night"),  # a dash is not a hyphen
    ("Key  \n Grip", "key  \n grip", "key grip"),
    ("Cafe\u0301", "cafe", "cafe_"),  # a combining accent: dropped, or a word character
    ("Дубль", "дубль", "дубль"),
    ("Ёлка", "елка", "елка"),  # accents are removed in Cyrillic too
    ("ΟΔΟΣ", "οδοσ", "οδοσ"),  # final sigma is sigma
    ("花道", "花道", "花道"),
    ("4K", "4k", "4k"),
]


@pytest.mark.parametrize(("text", "folded", "key"), FOLDING)
def test_folding(text: str, folded: str, key: str) -> None:
    assert fold(text) == folded
    assert key_of(text) == key
    assert len(key_of(text.replace("\n", " ").replace("  ", " "))) <= len(text)


SLUGS = [
    ("Racking Focus", "racking-focus"),
    ("Ingénue", "ingenue"),
    ("Hair & Makeup", "hair-and-makeup"),
    ("Mise-en-scène", "mise-en-scene"),
    ("Director's Cut", "director-s-cut"),
    ("O.S.", "o-s"),
    ("4K", "4k"),
    ("C++", "c-plus-plus"),
    ("  Day-for-Night  ", "day-for-night"),
    ("Straße", "strasse"),
    ("花道", ""),
]


@pytest.mark.parametrize(("name", "slug"), SLUGS)
def test_derived_slugs(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_dictionary_order_folds_accents_and_case_and_files_digits_under_hash() -> None:
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


LOOKUP_KEYS = [
    # name, normalize_name (lookups, [[links]], duplicates), filter_keys (A–Z filter, search)
    ("Mise-en-scène", "mise en scene", ["miseenscene"]),
    ("mise en scene", "mise en scene", ["miseenscene"]),
    ("P&A", "p and a", ["panda", "pa"]),
    ("Hair & Makeup", "hair and makeup", ["hairandmakeup", "hairmakeup"]),
    ("Director’s Cut", "director s cut", ["directorscut"]),
    ("Straße", "strasse", ["strasse"]),
    ("花道", "花道", ["花道"]),
    ("C++", "c++", ["c"]),  # "+" and "#" make another name: C, C++ and C# differ
    ("C#", "c#", ["c"]),
    ("A/B Roll", "a b roll", ["abroll"]),
]


@pytest.mark.parametrize(("name", "normal", "keys"), LOOKUP_KEYS)
def test_lookup_and_search_keys(name: str, normal: str, keys: list[str]) -> None:
    assert normalize_name(name) == normal
    assert filter_keys(name) == keys
    assert search_key(name) == keys[-1]


# -- forms in running text -------------------------------------------------------------------

NAMES = [
    # name, acronym, searched for in running text, its surface forms there
    ("Grip", False, True, {"Grip", "Grips", "Grip's", "Grips'"}),
    ("Apple Box", False, True, {"Apple Box", "Apple Boxes", "Apple Box's", "Apple Boxes'"}),
    ("Lens", False, True, {"Lens", "Lenses", "Lens's", "Lenses'", "Lens'"}),
    ("Dolly", False, True, {"Dolly", "Dolly's", "Dollies", "Dollies'"}),
    ("Day", False, True, {"Day", "Days", "Day's", "Days'"}),
    ("Torch", False, True, {"Torch", "Torches", "Torch's", "Torches'"}),
    ("AD", True, True, {"AD", "ADs", "AD's", "ADs'"}),
    ("4K", True, True, {"4K", "4Ks", "4K's", "4Ks'"}),
    ("O.S.", True, True, {"O.S."}),
    ("V.O.", True, True, {"V.O."}),
    ("A&R", True, True, {"A&R", "A&Rs", "A&R's", "A&Rs'"}),
    ("Q&A", True, True, {"Q&A", "Q&As", "Q&A's", "Q&As'"}),
    ("C++", False, True, {"C++"}),
    ("C#", False, True, {"C#"}),
    ("Action!", False, True, {"Action!"}),
    ("Test (2)", False, True, {"Test (2)"}),
    ("Take 2", False, True, {"Take 2"}),
    ("花道", False, True, {"花道"}),
    ("Ad", False, True, {"Ad", "Ads", "Ad's", "Ads'"}),
    ("X", False, False, set()),  # not searched for in running text: only [[X]] links it
    ("A.", False, False, set()),
    ("I!", False, False, set()),
    ("a" * 201, False, False, set()),
]


@pytest.mark.parametrize(("name", "acronym", "matchable", "forms"), NAMES)
def test_name_forms(name: str, acronym: bool, matchable: bool, forms: set[str]) -> None:
    assert is_acronym(name) is acronym
    assert is_matchable(name) is matchable
    made = {stem + ending for stem, endings in surface_forms(name) for ending in ("", *endings)}
    assert (made if matchable else set()) == forms


PLURALS = [
    ("grip", "grips"),
    ("box", "boxes"),
    ("lens", "lenses"),
    ("torch", "torches"),
    ("dolly", "dollies"),
    ("day", "days"),
    ("key", "keys"),
    ("buzz", "buzzes"),
]


@pytest.mark.parametrize(("word", "many"), PLURALS)
def test_plural_and_back(word: str, many: str) -> None:
    assert plural(word) == many
    assert word in base_forms(many)
    assert word in base_forms(many + "'")
    assert word in base_forms(word + "’s")


BASE_FORMS = [
    # written, what it may be a form of ([[...]] links and look-alike hints read this)
    ("grips", ["grips", "grip"]),
    ("Grip's", ["Grip's", "Grip"]),
    ("gripsʼ", ["grips'", "grips", "grip"]),
    ("Dollies", ["Dollies", "Dolly", "Dollie"]),
    ("boxes", ["boxes", "box", "boxe"]),
    ("days", ["days", "day"]),
    ("AD‘s", ["AD's", "AD"]),
    ("O.S.", ["O.S."]),
]


@pytest.mark.parametrize(("written", "bases"), BASE_FORMS)
def test_base_forms(written: str, bases: list[str]) -> None:
    assert base_forms(written) == bases


# -- mentions: the linker's marks (and, in Chromium, the widget's) ----------------------------

GLOSSARY = [
    # slug, names (display name first), autolinked[, further fields: forms, link]
    ("key-grip", ("Key Grip",), True),
    ("grip", ("Grip",), True),
    ("dolly", ("Dolly",), True),
    ("lens", ("Lens",), True),
    ("apple-box", ("Apple Box",), True),
    ("mise-en-scene", ("Mise-en-scène",), True),
    ("ingenue", ("Ingénue",), True),
    ("oeuvre", ("Œuvre",), True),
    ("ad", ("AD", "Assistant Director"), True),
    ("adr", ("ADR",), True),
    ("4k", ("4K",), True),
    ("os", ("O.S.",), True),
    ("c-plus-plus", ("C++",), True),
    ("c-sharp", ("C#",), True),
    ("a-and-r", ("A&R",), True),
    ("vo", ("V.O.",), True),
    ("q-and-a", ("Q&A",), True),
    ("action", ("Action!",), True),
    ("test-2", ("Test (2)",), True),
    ("hanamichi", ("花道",), True),
    ("directors-cut", ("Director's Cut",), True),
    ("day-for-night", ("Day-for-Night",), True),
    ("crane", ("Crane",), True),
    ("crane-shot", ("Crane Shot",), True),
    ("crane-arm", ("Crane Arm",), False),
    ("cue", ("Cue",), True),
    ("take", ("Дубль",), True),
    # a one-letter name: its slug cannot be "x", the A–Z page of the letter X has that URL
    ("x-mark", ("X",), True),
    # names as people write them: hyphen or space, compounds, plural headwords, listed forms
    ("self-healing", ("Self Healing",), True),
    ("iaas", ("Infrastructure as a Service", "IaaS"), True),
    ("service", ("Service",), True),
    ("host", ("Host",), True),
    ("production", ("Production",), True),
    ("containers", ("Containers",), True, {"forms": ["containerized"]}),
    ("nodes", ("Nodes",), True),
    # link restrictions (termbook.names.LINK_RULES)
    ("sides", ("Sides",), True, {"link": ["names-only"]}),
    ("dolly-shot", ("Dolly Shot", "Tracking Shot"), True, {"link": "aliases-only"}),
    ("wrap", ("Wrap",), True, {"link": "as-written"}),
]

MENTIONS = [
    # id, text, mode, marks as (slug, text shown); the text is what a reader sees
    (
        "longest",
        "The key grip talks to a grip.",
        "all",
        [("key-grip", "key grip"), ("grip", "grip")],
    ),
    ("plural", "Two grips came.", "all", [("grip", "grips")]),
    ("possessive", "The grip's truck.", "all", [("grip", "grip's")]),
    ("plural-possessive", "The grips' lunch.", "all", [("grip", "grips'")]),
    ("typographic-possessive", "The grip’s truck.", "all", [("grip", "grip’s")]),
    ("longest-plural", "Two key grips.", "all", [("key-grip", "key grips")]),
    ("ies-plural", "Dollies roll.", "all", [("dolly", "Dollies")]),
    ("y-possessive", "The dolly's wheels.", "all", [("dolly", "dolly's")]),
    ("no-irregular-y", "Two dollys.", "all", []),
    ("sibilant-plural", "Stack the apple boxes.", "all", [("apple-box", "apple boxes")]),
    (
        "s-possessive",
        "The lens' cap and the lens's case.",
        "all",
        [("lens", "lens'"), ("lens", "lens's")],
    ),
    ("s-plural", "Lenses.", "all", [("lens", "Lenses")]),
    ("capitals", "DOLLY and Grip.", "all", [("dolly", "DOLLY"), ("grip", "Grip")]),
    ("accent-dropped", "The mise-en-scene works.", "all", [("mise-en-scene", "mise-en-scene")]),
    ("accent-capitals", "MISE-EN-SCÈNE.", "all", [("mise-en-scene", "MISE-EN-SCÈNE")]),
    (
        "accent-added",
        "An ingenue, an ingénue.",
        "all",
        [("ingenue", "ingenue"), ("ingenue", "ingénue")],
    ),
    ("space-for-hyphen", "The mise en scene.", "all", [("mise-en-scene", "mise en scene")]),
    ("hyphen-variants", "Shot day‑for‑night.", "all", [("day-for-night", "day‑for‑night")]),
    ("dash-not-hyphen", "Shot day–for–night.", "all", []),
    ("expansion-kept", "An œuvre, not an oeuvre.", "all", [("oeuvre", "œuvre")]),
    ("decomposed-accent", "An inge\u0301nue.", "all", []),
    ("acronym-case", "The ad was placed by the AD.", "all", [("ad", "AD")]),
    ("acronym-mixed-case", "Ad and aD.", "all", []),
    ("acronym-plural", "Two ADs and the AD's chair.", "all", [("ad", "ADs"), ("ad", "AD's")]),
    ("acronym-wrong-plural", "Two ADS.", "all", []),
    ("acronym-longest", "ADR session.", "all", [("adr", "ADR")]),
    ("acronym-alias", "The assistant directors.", "all", [("ad", "assistant directors")]),
    ("acronym-digit", "4K and 4k.", "all", [("4k", "4K")]),
    ("dotted-acronym", "Heard O.S. and o.s.", "all", [("os", "O.S.")]),
    ("dotted-possessive", "The O.S.'s line.", "all", [("os", "O.S.")]),
    ("symbol-end", "Write C++ code.", "all", [("c-plus-plus", "C++")]),
    ("symbol-then-word", "C++11 and C+.", "all", []),
    ("symbol-sharp", "C# or F#.", "all", [("c-sharp", "C#")]),
    ("ampersand", "The A&R team, not a&r.", "all", [("a-and-r", "A&R")]),
    ("dots", "V.O. then v.o.", "all", [("vo", "V.O.")]),
    ("q-and-a", "A Q&A session.", "all", [("q-and-a", "Q&A")]),
    ("bang", "Action! Cut.", "all", [("action", "Action!")]),
    ("bang-missing", "More action.", "all", []),
    ("parentheses", "Test (2) and Test (3).", "all", [("test-2", "Test (2)")]),
    ("unspaced", "花道の上で", "all", [("hanamichi", "花道")]),
    ("apostrophe-name", "The director’s cut.", "all", [("directors-cut", "director’s cut")]),
    ("cyrillic", "Ещё один дубль.", "all", [("take", "дубль")]),
    ("whole-words", "Gripping regrip grip2 grip_", "all", []),
    ("punctuation-around", "(grip) “grip” grip.", "all", [("grip", "grip")] * 3),
    ("compound-not-a-name", "A grip-truck, a re-grip.", "all", []),
    ("spacing", "The key \n  grip.", "all", [("key-grip", "key \n  grip")]),
    ("backtrack", "Key gripping.", "all", []),
    ("not-autolinked", "The crane arm moved the crane.", "all", [("crane", "crane")]),
    ("longest-shot", "A crane shot.", "all", [("crane-shot", "crane shot")]),
    ("one-letter", "X marks the spot.", "all", []),
    ("capital-text", "CUES and Cue.", "all", [("cue", "CUES"), ("cue", "Cue")]),
    ("first-mode", "Grip, grips, a grip's truck.", "first", [("grip", "Grip")]),
    (
        "first-mode-longest",
        "The grip met the key grip and a grip.",
        "first",
        [("grip", "grip"), ("key-grip", "key grip")],
    ),
    ("first-mode-acronym", "The ad, the AD, the ADs.", "first", [("ad", "AD")]),
    # names as people write them
    ("hyphen-for-space", "A self-healing cluster.", "all", [("self-healing", "self-healing")]),
    (
        "hyphenated-as-written-or-spaced",
        "Infrastructure-as-a-Service, infrastructure as a service.",
        "all",
        [("iaas", "Infrastructure-as-a-Service"), ("iaas", "infrastructure as a service")],
    ),
    ("hyphen-variant-for-space", "Self‑healing, then.", "all", [("self-healing", "Self‑healing")]),
    ("compound-as-a-service", "Database-as-a-Service is sold.", "all", []),
    ("compound-self", "Self-service portals.", "all", []),
    ("compound-based", "Host-based limits.", "all", []),
    ("compound-post", "In post-production.", "all", []),
    ("compound-acronym", "IaaS-based offers.", "all", []),
    ("compound-then-name", "A self-service host.", "all", [("host", "host")]),
    ("compound-longer-than-name", "A self-healing-ready host.", "all", [("host", "host")]),
    ("hyphen-at-edges", "-service- and service-", "all", [("service", "service")] * 2),
    (
        "plural-headword-singular",
        "Each node runs a container.",
        "all",
        [("nodes", "node"), ("containers", "container")],
    ),
    (
        "plural-headword-forms",
        "The container's image, the containers' images.",
        "all",
        [("containers", "container's"), ("containers", "containers'")],
    ),
    (
        "listed-form",
        "A containerized service.",
        "all",
        [("containers", "containerized"), ("service", "service")],
    ),
    ("first-mode-singular", "The node, the nodes.", "first", [("nodes", "node")]),
    # link restrictions
    ("names-only", "Both sides, one side.", "all", [("sides", "sides")]),
    (
        "aliases-only",
        "A dolly shot, a tracking shot.",  # the headword takes its words: no Dolly inside
        "all",
        [("dolly-shot", "tracking shot")],
    ),
    (
        "as-written",
        "Wrap! That's a wrap. Two Wraps, a WRAP.",
        "all",
        [("wrap", "Wrap"), ("wrap", "Wraps")],
    ),
    (
        "all-mode-repeats",
        "Grip grip GRIP.",
        "all",
        [("grip", "Grip"), ("grip", "grip"), ("grip", "GRIP")],
    ),
]

MARKUP_MENTIONS = [
    # id, HTML, mode, marks: whole-word boundaries look through the edges of inline elements
    # (termbook.names.INLINE_TAGS) at the neighbouring text, and stop at any other element
    ("tag-then-word", "<b>grip</b>ping", "all", []),
    ("word-then-tag", "re<i>grip</i>", "all", []),
    ("split-by-tag", "<b>Key</b> Grip", "all", [("grip", "Grip")]),
    ("nested-inline", "<b><i>key</i></b><span>grip</span>", "all", []),
    ("symbol-then-word-in-tag", "C++<i>x</i>", "all", []),
    ("symbol-in-tag-then-word", "<i>C++</i>x code", "all", []),
    ("symbol-split-by-tag", "C+<b>+</b> code", "all", []),
    ("name-with-symbol-in-tag", "<b>Action!</b> Cut.", "all", [("action", "Action!")]),
    ("punctuation-in-tags", "<b>grip</b>, <em>grip</em>.", "all", [("grip", "grip")] * 2),
    ("comment-between", "grip<!-- note -->ping", "all", []),
    ("break-between", "grip<br>ping", "all", [("grip", "grip")]),
    ("image-between", 'grip<img src="a.png" alt="">ping', "all", [("grip", "grip")]),
    ("code-neighbour", "<code>x</code>grip", "all", []),
    ("link-neighbour", '<a href="#here">re</a>grip', "all", []),
    ("acronym-plural-in-tag", "<b>AD</b>s", "all", []),
    ("possessive-after-tag", "<b>grip</b>'s truck", "all", [("grip", "grip")]),
    ("unspaced-in-tag", "<b>花道</b>の上", "all", [("hanamichi", "花道")]),
    ("plural-in-tag", "Two <b>grips</b>.", "all", [("grip", "grips")]),
    ("acronym-split", "<b>ADR</b> and <b>AD</b>R", "all", [("adr", "ADR")]),
    ("first-mode-in-tags", "<b>grip</b>ping <em>grip</em> grip", "first", [("grip", "grip")]),
    ("compound-split-by-tag", "self-<b>service</b>, <i>host</i>-based", "all", []),
    ("compound-hyphen-in-tag", "self<b>-</b>service, host<i>-based</i>", "all", []),
    (
        "hyphen-then-tag-edge",
        "<b>service-</b> <i>-host</i>",
        "all",
        [("service", "service"), ("host", "host")],
    ),
    (
        "hyphenated-name-in-tag",
        "A <em>self-healing</em> cluster.",
        "all",
        [("self-healing", "self-healing")],
    ),
]

_MARK = re.compile(r'<a class="tb-term" data-term="([^"]+)" href="[^"]*">(.*?)</a>', re.S)


def further(row: tuple) -> dict:
    """A GLOSSARY row's further fields, as a term file writes them."""
    return row[3] if len(row) > 3 else {}


def _listed(value: str | list[str] | None) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value or ())


def linker() -> Linker:
    return Linker(
        LinkTarget(
            row[0],
            row[1],
            row[2],
            _listed(further(row).get("forms")),
            _listed(further(row).get("link")),
        )
        for row in GLOSSARY
    )


def python_marks(text: str, mode: str, linked: Linker | None = None) -> list[tuple[str, str]]:
    """The linker's marks in a text: (slug, text shown), in order."""
    return markup_marks(html.escape(text), mode, linked)


def markup_marks(markup: str, mode: str, linked: Linker | None = None) -> list[tuple[str, str]]:
    """The linker's marks in HTML: (slug, text shown), in order."""
    result = (linked or linker()).link_html(markup, url_for=lambda s: s, mode=mode)
    return [(slug, html.unescape(shown)) for slug, shown in _MARK.findall(result.html)]


@pytest.fixture(scope="module")
def shared_linker() -> Linker:
    return linker()


@pytest.mark.parametrize(
    ("text", "mode", "marks"), [c[1:] for c in MENTIONS], ids=[c[0] for c in MENTIONS]
)
def test_mentions(shared_linker: Linker, text: str, mode: str, marks: list) -> None:
    assert python_marks(text, mode, shared_linker) == marks


@pytest.mark.parametrize(
    ("markup", "mode", "marks"),
    [c[1:] for c in MARKUP_MENTIONS],
    ids=[c[0] for c in MARKUP_MENTIONS],
)
def test_mentions_in_markup(shared_linker: Linker, markup: str, mode: str, marks: list) -> None:
    assert markup_marks(markup, mode, shared_linker) == marks


def test_the_mention_table_covers_what_the_parity_test_needs() -> None:
    assert len(MENTIONS) >= 40
    every = MENTIONS + MARKUP_MENTIONS
    assert len({case[0] for case in every}) == len(every)
    assert {"first", "all"} == {case[2] for case in MENTIONS}


def test_the_scripts_hold_no_name_rule_of_their_own() -> None:
    """Folding lives in termbook.names; the scripts apply the tables the build generates."""
    sources = ASSETS / "src"
    for path in [*sources.rglob("*.js"), *ASSETS.glob("*.js")]:  # parts and shipped scripts
        code = path.read_text(encoding="utf-8")
        assert "normalize(" not in code, path
        assert not re.search("[ßæœøđłþ]", code), path
        if path != sources / "shared" / "names.js":
            assert "toLowerCase" not in code, path
    rules = rules_js()
    assert '"fold":' in rules and "\\u00e9" in rules  # é, generated from fold_table()
