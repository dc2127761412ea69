"""The forms a name takes in running text: inflections, acronym case, word boundaries.

Every rule here is read by the linker (Python) and, through the names index and the generated
rules of :mod:`termbook.names.script`, by the site's and the widget's scripts; the decided cases
are pinned in ``tests/test_names.py``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

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
SINGULAR_MIN = 4
"""A plural headword's singular is matched only when its last word has this many letters at
least: "Lens" is no plural of "Len", "Cuts" links no "cut"."""
_NOT_PLURAL = ("ss", "us", "is", "as", "os", "ics")
"""Endings of words that look like regular plurals and rarely are: Analysis, Canvas, Physics."""
AS_WRITTEN, NAMES_ONLY, ALIASES_ONLY = "as-written", "names-only", "aliases-only"
LINK_RULES = {
    AS_WRITTEN: "its names, aliases and forms are linked only where written with their capitals "
    "as given (a lowercase plural or possessive ending may follow), as names in capitals are",
    NAMES_ONLY: "only its names and aliases (with their plurals and possessives) are linked: "
    "not the singular of a plural headword",
    ALIASES_ONLY: "the headword is not linked by itself, only the aliases and forms are; the "
    "headword still takes its words, so no shorter name inside it is linked instead",
}
"""The values of a term's ``link`` field: how its automatic links are restricted, without
switching them off (``autolink: false``). Documented in docs/reference/term-files.md."""


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
INNER_HYPHEN_JS = f"(?<={WORD_CLASS_JS})-(?={WORD_CLASS_JS})"
"""A hyphen between two words, which keys read as a space (:func:`~termbook.names.key_of`), as
a JavaScript pattern (``u`` flag) of folded text."""


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


@lru_cache(maxsize=1 << 16)
def plural_singular(name: str) -> str | None:
    """The singular of a plural headword, the name with its last word made singular
    ("Containers" → "Container", "Dailies" → "Daily"); None when the name is no regular plural
    (an acronym, "Lens", "Analysis", "Focus", a last word shorter than :data:`SINGULAR_MIN`)."""
    key = key_of(name)
    last = key.rsplit(" ", 1)[-1]
    if not last.isalpha() or not last.endswith("s") or last.endswith(_NOT_PLURAL):
        return None
    if is_acronym(name):
        return None
    for candidate in base_forms(name)[1:]:
        word = key_of(candidate).rsplit(" ", 1)[-1]
        if len(word) >= SINGULAR_MIN and word.isalpha():
            return candidate
        return None
    return None


class RunningName(NamedTuple):
    """A text running text is searched for on a term's behalf, and how it is matched."""

    text: str
    exact: bool
    """Matched only in the capitals written (names in capitals; every name under as-written)."""
    linked: bool = True
    """False: the name takes its words (no shorter name inside it is matched) but links nothing."""
    derived: bool = False
    """Not written as a name (a plural headword's singular, a listed form): it yields to every
    name and alias of the glossary."""


def running_names(
    name: str,
    aliases: tuple[str, ...] = (),
    forms: tuple[str, ...] = (),
    link: tuple[str, ...] = (),
) -> list[RunningName]:
    """Everything running text is searched for on a term's behalf, in priority order: the
    headword, the aliases, then the singular of a plural headword and the forms the term lists
    (``forms``: "containerized"), restricted by its ``link`` values (:data:`LINK_RULES`)."""
    written = AS_WRITTEN in link
    headword = ALIASES_ONLY not in link
    found = [RunningName(name, written or is_acronym(name), headword)]
    found += [RunningName(alias, written or is_acronym(alias)) for alias in aliases]
    singular = None if NAMES_ONLY in link else plural_singular(name)
    if singular is not None:
        found.append(RunningName(singular, written, headword, derived=True))
    found += [RunningName(form, written or is_acronym(form), derived=True) for form in forms]
    return found
