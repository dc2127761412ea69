"""Name matching for the linker: one trie-shaped regex over every surface form of every name.

A flat alternation of thousands of names makes Python's ``re`` try each name at each position
(text × names). A trie shares prefixes, so each position costs one walk down the tree, and with
each node's continuations ordered before "the name ends here" the regex yields the longest
valid name at the leftmost position. Every trie edge is a character class of the characters
that fold to one key character (case, accents, apostrophe and hyphen variants), so sibling
edges never overlap and backtracking into a shorter name is always correct.

No ``re.IGNORECASE``: ``re`` skips a branch cheaply only when it starts with a literal or a
class, and it keeps whole-pattern case-sensitivity available for acronyms (checked with a
fixed-width lookbehind at the end of the name).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

APOSTROPHES = "'’ʼ"
HYPHENS = "-‐‑"
_END = ""  # trie key marking "a name ends here"; never a folded character
_LEFT = r"(?<!\w)"
_RIGHT = r"(?![\w\u0300-\u036f])"  # nor before a combining accent (NFD text)
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
_FOLD_TABLE_RANGES = ((0x20, 0x250), (0x370, 0x530), (0x1E00, 0x1F00))


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


_SPACES = re.compile(r"\s+")


def fold_text(text: str) -> str:
    """The key of a name or of matched text: folded characters, whitespace runs as one space."""
    return "".join(map(fold_char, _SPACES.sub(" ", text)))


@lru_cache(maxsize=1)
def _fold_table() -> dict[str, frozenset[str]]:
    """Which characters fold to each key character (Latin, Greek, Cyrillic and punctuation)."""
    table: dict[str, set[str]] = {}
    extra = APOSTROPHES + HYPHENS
    chars = [chr(c) for lo, hi in _FOLD_TABLE_RANGES for c in range(lo, hi)] + list(extra)
    for ch in chars:
        table.setdefault(fold_char(ch), set()).add(ch)
    return {key: frozenset(value) for key, value in table.items()}


@lru_cache(maxsize=4096)
def _atom(key: str) -> str:
    """The regex for one trie edge: every character whose fold is ``key``."""
    if key == " ":
        return r"\s+"
    variants = set(_fold_table().get(key, ())) | {key, key.upper(), key.title()}
    chars = sorted(c for c in variants if len(c) == 1 and fold_char(c) == key)
    if len(chars) == 1:
        return re.escape(chars[0])
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def _exact_atom(ch: str) -> str:
    """One character of an acronym, case kept; punctuation still tolerant."""
    key = fold_char(ch)
    if key == " ":
        return r"\s"
    if key in "'-":
        return _atom(key)
    return re.escape(ch)


def is_acronym(name: str) -> bool:
    """Written in capitals (``AD``, ``ADR``, ``O.S.``, ``4K``): matched in that exact case only."""
    alnum = [c for c in name if c.isalnum()]
    return (
        len(alnum) >= 2
        and any(c.isupper() for c in alnum)
        and not any(c.islower() for c in alnum)
    )


def surface_forms(name: str, acronym: bool) -> list[str]:
    """The name and its regular English plural and possessives, inflecting the last word.

    ``Dolly`` → dollies, dolly's, dollies'; ``Box`` → boxes; ``Lens`` → lenses, lens';
    acronyms take a lowercase ``s`` (``ADs``, ``AD's``). Names not ending in a Latin letter
    (``O.S.``, ``花道``, ``Take 2``) are not inflected.
    """
    last = fold_char(name[-1])
    if not ("a" <= last <= "z"):
        return [name]
    if acronym:
        return [name, name + "s", name + "'s", name + "s'"]
    key = fold_text(name)
    if key.endswith("y") and len(key) > 1 and key[-2] not in "aeiouy'- ":
        plural = name[:-1] + "ies"
    elif key.endswith(("s", "x", "z", "ch", "sh")):
        plural = name + "es"
    else:
        plural = name + "s"
    forms = [name, plural, name + "'s", plural + "'"]
    if key.endswith("s"):
        forms.append(name + "'")
    return forms


def _terminal(form: str, acronym: bool) -> str:
    """What must hold where a name ends: a word boundary, and for acronyms the exact case."""
    parts = []
    if not is_unspaced(form[-1]):
        parts.append(_RIGHT)
    if acronym:
        parts.append("(?<=" + "".join(_exact_atom(c) for c in form) + ")")
    return "".join(parts)


class Matcher:
    """Finds non-overlapping, leftmost-longest, whole-word mentions of names in plain text."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """``names``: (name, slug) pairs in priority order; the first claim of a key wins."""
        self._slug_of: dict[str, str] = {}
        trie: dict[str, dict] = {}
        inflected: list[tuple[str, str, bool]] = []
        for name, slug in names:
            acronym = is_acronym(name)
            forms = surface_forms(name, acronym)
            self._insert(trie, forms[0], slug, acronym)
            inflected.extend((form, slug, acronym) for form in forms[1:])
        for form, slug, acronym in inflected:
            self._insert(trie, form, slug, acronym)
        self.size = len(self._slug_of)
        self._pattern = re.compile(_top(trie)) if trie else None

    def _insert(self, trie: dict, form: str, slug: str, acronym: bool) -> None:
        key = fold_text(form)
        if key in self._slug_of:
            return
        self._slug_of[key] = slug
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[_END] = _terminal(form, acronym)

    def finditer(self, text: str, pos: int = 0) -> Iterator[tuple[int, int, str]]:
        """(start, end, slug) for each mention at or after ``pos``; text before is context."""
        if self._pattern is None:
            return
        slug_of = self._slug_of
        for match in self._pattern.finditer(text, pos):
            slug = slug_of.get(fold_text(match.group()))
            if slug is not None:
                yield match.start(), match.end(), slug


def _top(trie: dict) -> str:
    """The whole pattern: a left word boundary, except before letters of unspaced scripts."""
    spaced = [_atom(ch) + _node(trie[ch]) for ch in sorted(trie) if not is_unspaced(ch)]
    unspaced = [_atom(ch) + _node(trie[ch]) for ch in sorted(trie) if is_unspaced(ch)]
    groups = [_LEFT + "(?:" + "|".join(spaced) + ")"] if spaced else []
    groups.extend(unspaced)
    return "|".join(groups)


def _node(node: dict) -> str:
    """A trie node as a regex: continuations first (longest wins), then the end of a name."""
    alternatives = [_atom(ch) + _node(child) for ch, child in sorted(node.items()) if ch != _END]
    if _END in node:
        alternatives.append(node[_END])
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"
