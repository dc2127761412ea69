"""The forms a name takes in running text: inflections, acronym case, word boundaries.

Every rule here is read by the linker (Python) and, through the names index and the generated
rules of :mod:`termbook.names.script`, by the site's and the widget's scripts; the decided cases
are pinned in ``tests/test_names.py``.
"""

from __future__ import annotations

from functools import lru_cache

from termbook.names.folding import APOSTROPHES, NAME_SYMBOLS, key_of

UNSPACED = (
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
"""Scripts written without spaces between words: no word boundary is required there."""
MAX_NAME = 200
"""Longer names are only linked explicitly: the matcher nests one group per trie branch."""
ACRONYM_ENDINGS = ("s", "'s", "s'")
"""An acronym's plural and possessives keep the acronym's case and add a lowercase ``s``."""
_PLURAL_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""))
_SIBILANTS = ("s", "x", "z", "ch", "sh")
_NOT_CONSONANT = "aeiouy'- "


INLINE_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "nobr",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)
"""HTML elements whose edges do not separate words: "<b>grip</b>ping" is one word, so a whole-
word match looks through them at the neighbouring text (the linker and the widget alike)."""
WORD_CLASS_JS = r"[\p{L}\p{N}_]"
"""The characters of :func:`is_word_char` as a JavaScript character class (``u`` flag)."""


def is_word_char(ch: str) -> bool:
    """Letters, digits and ``_``: what a whole-word match may not touch (Python's ``\\w``)."""
    return ch.isalnum() or ch == "_"


def is_unspaced(ch: str) -> bool:
    """Scripts written without spaces between words: no word boundary is required there."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in UNSPACED)


@lru_cache(maxsize=1 << 16)
def is_acronym(name: str) -> bool:
    """Written in capitals (``AD``, ``ADR``, ``O.S.``, ``4K``): matched in that exact case only."""
    alnum = [c for c in name if c.isalnum()]
    return (
        len(alnum) >= 2 and any(c.isupper() for c in alnum) and not any(c.islower() for c in alnum)
    )


def is_matchable(name: str) -> bool:
    """Whether running text is searched for this name, or it is only linked explicitly.

    Two letters or digits at least (so "A" and "I" stay words), or one with a name symbol
    (``NAME_SYMBOLS``: "C++", "C#"; not "A." or "I!"); at most :data:`MAX_NAME` characters.
    """
    if len(name) > MAX_NAME:
        return False
    alnum = sum(c.isalnum() for c in name)
    return alnum >= 2 or (alnum == 1 and any(c in NAME_SYMBOLS for c in name))


@lru_cache(maxsize=1 << 16)
def plural(word: str) -> str:
    """The regular English plural: grip → grips, box → boxes, dolly → dollies, day → days."""
    key = key_of(word)
    if key.endswith("y") and len(key) > 1 and key[-2] not in _NOT_CONSONANT:
        return word[:-1] + "ies"
    if key.endswith(_SIBILANTS):
        return word + "es"
    return word + "s"


def surface_forms(name: str, acronym: bool | None = None) -> list[tuple[str, tuple[str, ...]]]:
    """Stems and the endings each may take: the name's regular English plural and possessives.

    ``Grip`` → grips, grip's, grips'; ``Box`` → boxes; ``Lens`` → lenses, lens';
    ``Dolly`` → dolly's and the stem ``Dollies`` (+ '); acronyms take a lowercase ``s``
    (``ADs``, ``AD's``). Names not ending in a Latin letter (``O.S.``, ``花道``, ``Take 2``,
    ``C++``) are not inflected.
    """
    if acronym is None:
        acronym = is_acronym(name)
    if not _inflected(name):
        return [(name, ())]
    key = key_of(name)
    if acronym:
        return [(name, ACRONYM_ENDINGS)]
    many = plural(name)
    if many.endswith("ies"):
        return [(name, ("'s",)), (many, ("'",))]
    ending = many[len(name) :]
    possessive = ("'",) if key.endswith("s") else ()
    return [(name, (ending, "'s", ending + "'", *possessive))]


def _inflected(name: str) -> bool:
    """Only names ending in a Latin letter take English endings."""
    return "a" <= key_of(name)[-1:] <= "z"


def base_forms(text: str) -> list[str]:
    """What a written form may be a form of: itself, without a possessive, without a plural.

    The inverse of :func:`surface_forms`, for ``[[grips]]`` and ``[[Dolly's]]``: candidates to
    look up, the text itself first.
    """
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, "'")
    stems = [text]
    if text.endswith("'s") or text.endswith("'"):
        stems.append(text[: -2 if text.endswith("'s") else -1])
    candidates = list(stems)
    for stem in stems:
        lower = stem.lower()
        for suffix, replacement in _PLURAL_ENDINGS:
            if lower.endswith(suffix) and len(stem) > len(suffix) + 1:
                candidate = stem[: -len(suffix)] + replacement
                if _inflected(candidate) and plural(candidate).lower() == lower:
                    candidates.append(candidate)
    return candidates


def singular(word: str) -> str:
    """A word without its possessive or regular plural ending (dollies → dolly, grip's → grip);
    else the word itself."""
    for candidate in base_forms(word)[1:]:
        return candidate
    return word
