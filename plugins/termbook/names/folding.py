"""Folding, slugs, dictionary order and lookup keys: how names are compared.

One folding rule (:func:`fold_rule`, one character at a time) and one table made from it
(:data:`FOLDS`). Everything that compares names reads that table: :func:`fold` (slugs, order,
lookup keys; may lengthen a text: ``ß`` → ``ss``), :func:`fold_same_length` (the linker's
matcher, which needs every character at its original position, so expansions are left out),
and the site's and the widget's scripts, which get the table generated into them
(:mod:`termbook.names.script`). The decided cases are pinned in ``tests/test_names.py``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

APOSTROPHES = "'‘’ʼ"
"""Read as one apostrophe: typed, typographic (both quotes) and the modifier letter."""
HYPHENS = "-‐‑"
"""Read as one hyphen: ASCII, Unicode hyphen, non-breaking hyphen. A dash is not a hyphen."""
_SPECIAL = {
    "ß": "ss",
    "ẞ": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
}
"""Letters without a decomposition that still read as Latin letters."""
FOLD_RANGES = ((0x00C0, 0x0250), (0x0370, 0x0530), (0x1E00, 0x1F00), (0x2010, 0x2012))
"""Where folding does more than lowercase: Latin, Greek, Cyrillic, hyphens; other scripts
(CJK, Arabic...) are only lowercased."""
COMBINING = (0x0300, 0x0370)
"""Combining accents: dropped by :func:`fold`, ``_`` (a word character) at the same length, so a
name never ends in the middle of a decomposed letter."""
NAME_SYMBOLS = "+#"
"""Symbols that change what a name means ("C", "C++", "C#" are three names): kept in lookup
keys, and they make a one-letter name one that running text is searched for. Other symbols
separate words, and ``&`` reads "and"."""
AND_WORD = ("&", " and ")
PLUS_WORD = ("+", " plus ")
"""How ``+`` reads in a slug (``C++`` → ``c-plus-plus``)."""
"""``&`` reads as "and" in lookup keys and slugs: "Hair & Makeup" is "hair and makeup"."""

_NON_SLUG = re.compile(r"[^a-z0-9]+")
NON_SLUG_PATTERN = _NON_SLUG.pattern
"""What a slug replaces with a hyphen (the web editor's script slugs names by it too)."""
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SPACES = re.compile(r"\s+")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
"""A hyphen between two word characters: inside a name it reads as a space ("self-healing" is
Self Healing); the matcher and the scripts (``names-rules.js``, ``innerHyphen``) read it so."""


def lower(ch: str) -> str:
    """Lowercase that never changes the length (``İ`` lowercases to two characters: kept)."""
    low = ch.lower()
    return low if len(low) == len(ch) else ch


def fold_rule(ch: str) -> str:
    """The folding rule for one character: lowercase, accents removed, punctuation unified.

    ``É`` → ``e``, ``ß`` → ``ss``, ``’`` → ``'``, ``‑`` → ``-``, a combining accent → nothing.
    """
    if ch in APOSTROPHES:
        return "'"
    if ch in HYPHENS:
        return "-"
    low = lower(ch)
    if low in _SPECIAL:
        return _SPECIAL[low]
    if COMBINING[0] <= ord(ch) < COMBINING[1]:
        return ""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base.casefold() if base else low


def _domain() -> list[str]:
    chars = set(APOSTROPHES + HYPHENS) | set(_SPECIAL) | {s.upper() for s in _SPECIAL}
    for lo, hi in (*FOLD_RANGES, COMBINING):
        chars.update(map(chr, range(lo, hi)))
    return sorted(chars)


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Lowercase (or caseless) character → its fold, where that is not the character itself.

    Keys are lowercase because every user lowercases first; values may be longer (``ß``:
    ``ss``) or empty (a combining accent). This is the table the scripts receive.
    """
    return {ch: fold_rule(ch) for ch in _domain() if lower(ch) == ch and fold_rule(ch) != ch}


@lru_cache(maxsize=1)
def same_length_table() -> dict[str, str]:
    """:func:`fold_table` without expansions; a combining accent becomes ``_``."""
    table = {ch: value or "_" for ch, value in fold_table().items() if len(value) <= 1}
    return {ch: value for ch, value in table.items() if value != ch}


@lru_cache(maxsize=1)
def _full() -> dict[int, str]:
    return {ord(ch): value for ch, value in fold_table().items()}


@lru_cache(maxsize=1)
def _same() -> dict[int, str]:
    return {ord(ch): value for ch, value in same_length_table().items()}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, accents removed (``Mise-en-scène`` → ``mise-en-scene``); non-Latin kept.

    Cached: the same names are folded for sorting, indexing and lookups many times a build.
    """
    if text.isascii():
        return text.lower()
    return "".join(map(lower, text)).translate(_full())


def fold_same_length(text: str) -> str:
    """The text the linker's matcher runs on: folded, every character at its original position."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(map(lower, text))
    return low if low.isascii() else low.translate(_same())


def fold_char(ch: str) -> str:
    """One character as :func:`fold_same_length` folds it."""
    return fold_same_length(ch)


def key_of(text: str) -> str:
    """The lookup key of a name, one of its forms, or matched text: same-length fold, single
    spaces, and a hyphen between two words read as a space ("Self-Healing" → "self healing")."""
    key = _SPACES.sub(" ", fold_same_length(text))
    return _INNER_HYPHEN.sub(" ", key) if "-" in key else key


_PUNCTUATION = str.maketrans(dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(HYPHENS, "-"))


def exact_form(text: str) -> str:
    """How an acronym is compared: case and accents kept; apostrophes, hyphens, spacing not
    (a hyphen between two words reads as a space, as in :func:`key_of`)."""
    return _INNER_HYPHEN.sub(" ", _SPACES.sub(" ", text.translate(_PUNCTUATION)))


def slugify(name: str) -> str:
    """The URL slug derived from a name: ASCII, lowercase, hyphens; ``&`` reads as ``and``.

    Empty when a name has no Latin letters or digits at all (``花道``): such a term needs an
    explicit ``slug``.
    """
    folded = fold(name).replace(*AND_WORD).replace(*PLUS_WORD)
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", ascii_only).strip("-")


def is_valid_slug(slug: str) -> bool:
    return bool(_SLUG.match(slug))


def sort_key(name: str) -> tuple[int, str, str]:
    """Dictionary order: digits and symbols first (filed under ``#``), accents folded, case ignored."""
    folded = fold(name)
    letters = "".join(ch for ch in folded if ch.isalnum() or ch == " ")
    first = letter_of(name)
    return (0 if first == "#" else 1, letters, name)


@lru_cache(maxsize=1 << 16)
def letter_of(name: str) -> str:
    """The A–Z heading a name is filed under: its folded first letter, or ``#``."""
    for ch in fold(name):
        if ch.isalnum():
            return ch.upper() if "a" <= ch <= "z" else "#"
    return "#"


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The key names and aliases are compared by: folded, punctuation and spacing ignored."""
    return _words(fold(name).replace(*AND_WORD))


def search_key(text: str) -> str:
    """A name or a query as the A–Z filter and search ranking compare them: folded letters and
    digits only ("Mise-en-scène", "mise en scene" and "miseenscene" are one key)."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def filter_keys(name: str) -> list[str]:
    """The search keys of a name: "Hair & Makeup" is found as "hair and makeup" and "hair makeup"."""
    keys = [search_key(name.replace(*AND_WORD)), search_key(name)]
    return list(dict.fromkeys(k for k in keys if k))


def filter_attribute(names: Iterable[str]) -> str:
    """Every search key of a term's names, ``|``-separated: the ``data-names`` a filter (A–Z,
    embed index) matches a typed query against, after folding it with the same rules. Each key
    once, in the order the names give them (two names often fold to the same key)."""
    return "|".join(dict.fromkeys(k for name in names for k in filter_keys(name)))


def _words(text: str) -> str:
    kept = (ch if ch.isalnum() or ch in NAME_SYMBOLS else " " for ch in text)
    return " ".join("".join(kept).split())
