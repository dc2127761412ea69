"""The forms a name takes in running text: folded keys, inflections, acronym case, word boundaries.

Length-preserving folding lets a matcher run on a folded copy of a text and map every match back
to the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = "'’ʼ"
HYPHENS = "-‐‑"
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),  # CJK ideographs
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0x20000, 0x2FFFF),
)
_FOLD_RANGES = ((0xC0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00), (0x2010, 0x2012))
_SPACES = re.compile(r"\s+")
MAX_NAME = 200  # longer names are not matched: the regex nests one group per trie branch


def is_unspaced(ch: str) -> bool:
    """Scripts written without spaces between words: no word boundary is required there."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _UNSPACED)


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character → one key character: lowercase, accent removed, apostrophes/hyphens unified.

    Length-preserving on purpose: a trie edge is "any character that folds to this one", and
    the matched text folds back to exactly the key that was inserted.
    """
    if ch.isspace():
        return " "
    if ch in APOSTROPHES:
        return "'"
    if ch in HYPHENS:
        return "-"
    low = ch.casefold()
    if len(low) != 1:
        low = ch.lower() if len(ch.lower()) == 1 else ch
    decomposed = unicodedata.normalize("NFD", low)
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        return decomposed[0]
    return low


def fold_text(text: str) -> str:
    """The key of a name or of matched text: folded characters, whitespace runs as one space."""
    return "".join(map(fold_char, _SPACES.sub(" ", text)))


def is_acronym(name: str) -> bool:
    """Written in capitals (``AD``, ``ADR``, ``O.S.``, ``4K``): matched in that exact case only."""
    alnum = [c for c in name if c.isalnum()]
    return (
        len(alnum) >= 2 and any(c.isupper() for c in alnum) and not any(c.islower() for c in alnum)
    )


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    """Accented letters → base letter, apostrophe/hyphen variants → ASCII, combining accents →
    ``_`` (a word character, so a name never ends in the middle of an NFD letter)."""
    table = {ord(ch): fold_char(ch) for ch in APOSTROPHES + HYPHENS}
    for lo, hi in _FOLD_RANGES:
        for code in range(lo, hi):
            ch = chr(code)
            folded = fold_char(ch)
            if folded != ch and not ch.isspace():
                table[code] = folded
    table.update(dict.fromkeys(range(0x300, 0x370), "_"))
    return table


def fold_same_length(text: str) -> str:
    """The text the regex runs on: folded, with every character at its original position."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low if low.isascii() else low.translate(_translation())


def key_of(text: str) -> str:
    """The lookup key of a name, a form of it, or matched text."""
    return _SPACES.sub(" ", fold_same_length(text))


def surface_forms(name: str, acronym: bool) -> list[tuple[str, tuple[str, ...]]]:
    """Stems and the endings each may take: the name's regular English plural and possessives.

    ``Grip`` → grips, grip's, grips'; ``Box`` → boxes; ``Lens`` → lenses, lens';
    ``Dolly`` → dolly's and the stem ``Dollies`` (+ '); acronyms take a lowercase ``s``
    (``ADs``, ``AD's``). Names not ending in a Latin letter (``O.S.``, ``花道``, ``Take 2``)
    are not inflected.
    """
    key = key_of(name)
    if not ("a" <= key[-1] <= "z"):
        return [(name, ())]
    if acronym:
        return [(name, ("s", "'s", "s'"))]
    if key.endswith("y") and len(key) > 1 and key[-2] not in "aeiouy'- ":
        return [(name, ("'s",)), (name[:-1] + "ies", ("'",))]
    if key.endswith(("s", "x", "z", "ch", "sh")):
        return [(name, ("es", "'s", "es'", *(("'",) if key.endswith("s") else ())))]
    return [(name, ("s", "'s", "s'"))]


_PUNCTUATION = str.maketrans(dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(HYPHENS, "-"))


def exact_form(text: str) -> str:
    """How an acronym is compared: case and accents kept; apostrophes, hyphens, spacing not."""
    return _SPACES.sub(" ", text.translate(_PUNCTUATION))
