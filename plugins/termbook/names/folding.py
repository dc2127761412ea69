"""Text helpers every part of Termbook shares: slugs, folding, ordering, first sentences.

One definition of each, so the URL a term gets, the letter it is filed under and the way
search and linking compare names never disagree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "TH",
        "’": "'",
        "‘": "'",
    }
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, accents removed (``Mise-en-scène`` → ``mise-en-scene``); non-Latin kept.

    Cached: the same names are folded for sorting, indexing and lookups many times a build.
    """
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def slugify(name: str) -> str:
    """The URL slug derived from a name: ASCII, lowercase, hyphens; ``&`` reads as ``and``.

    Empty when a name has no Latin letters or digits at all (``花道``): such a term needs an
    explicit ``slug``.
    """
    folded = fold(name).replace("&", " and ").replace("+", " plus ")
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


def letter_of(name: str) -> str:
    """The A–Z heading a name is filed under: its folded first letter, or ``#``."""
    for ch in fold(name):
        if ch.isalnum():
            return ch.upper() if "a" <= ch <= "z" else "#"
    return "#"


@lru_cache(maxsize=1 << 16)
def normalize_name(name: str) -> str:
    """The key names and aliases are compared by: folded, punctuation and spacing ignored."""
    return _words(fold(name).replace("&", " and "))


def filter_keys(name: str) -> list[str]:
    """Forms a reader may type for a name: "hair & makeup" and "hair and makeup" both count."""
    keys = [normalize_name(name), _words(fold(name))]
    return list(dict.fromkeys(k for k in keys if k))


def _words(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())
