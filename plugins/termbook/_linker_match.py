"""Name matching for the linker: one trie-shaped regex over every name and alias.

A flat alternation of thousands of names makes Python's ``re`` try each name at each position
(text × names). A trie shares prefixes, so each position costs one walk down the tree, and with
each node's continuations ordered before "the name ends here" the regex yields the longest
valid name at the leftmost position.

The regex runs on a folded copy of the text of the same length (lowercase, accents removed,
typographic apostrophes and hyphens unified), so every trie edge is one literal character:
``re`` skips a non-matching literal branch without entering it, which an ``IGNORECASE`` or
character-class trie does not get. Acronyms, matched in their exact case only, are checked
against the original text after the match.
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
_RIGHT = r"(?!\w)"
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


@lru_cache(maxsize=64)
def _ending(suffixes: tuple[str, ...], boundary: bool) -> str:
    """Regex for "the name ends here": optional endings (longest first), then a word boundary."""
    optional = ""
    if suffixes:
        alternatives = sorted(suffixes, key=len, reverse=True)
        optional = "(?:" + "|".join(map(re.escape, alternatives)) + ")?"
    return optional + (_RIGHT if boundary else "")


_PUNCTUATION = str.maketrans(dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(HYPHENS, "-"))


def exact_form(text: str) -> str:
    """How an acronym is compared: case and accents kept; apostrophes, hyphens, spacing not."""
    return _SPACES.sub(" ", text.translate(_PUNCTUATION))


class Matcher:
    """Finds non-overlapping, leftmost-longest, whole-word mentions of names."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """``names``: (name, slug) pairs in priority order; the first claim of a form wins."""
        self._forms: dict[str, tuple[str, str | None]] = {}
        trie: dict[str, dict] = {}
        later: list[tuple[str, tuple[str, ...], str, bool]] = []
        for name, slug in names:
            if len(name) > MAX_NAME:
                continue
            acronym = is_acronym(name)
            stems = surface_forms(name, acronym)
            stem, suffixes = stems[0]
            self._claim(stem, slug, acronym)
            self._insert(trie, stem, suffixes)
            later.extend((s, x, slug, acronym) for s, x in stems[1:])
            later.extend((stem + suffix, (), slug, acronym) for suffix in suffixes)
        for stem, suffixes, slug, acronym in later:
            self._claim(stem, slug, acronym)
            if suffixes:
                self._insert(trie, stem, suffixes)
                for suffix in suffixes:
                    self._claim(stem + suffix, slug, acronym)
        self.size = len(self._forms)
        self._pattern = re.compile(_top(trie)) if trie else None

    def _claim(self, form: str, slug: str, acronym: bool) -> None:
        self._forms.setdefault(key_of(form), (slug, exact_form(form) if acronym else None))

    @staticmethod
    def _insert(trie: dict, stem: str, suffixes: tuple[str, ...]) -> None:
        node = trie
        for ch in key_of(stem):
            node = node.setdefault(ch, {})
        node.setdefault(_END, _ending(suffixes, not is_unspaced(stem[-1])))

    def finditer(self, text: str, pos: int = 0) -> Iterator[tuple[int, int, str]]:
        """(start, end, slug) of each mention at or after ``pos``; text before is context.

        An acronym seen in the wrong case ("ad" for AD) is no mention; the search goes on
        from the next character.
        """
        if self._pattern is None:
            return
        folded = fold_same_length(text)
        search = self._pattern.search
        forms = self._forms
        while True:
            match = search(folded, pos)
            if match is None:
                return
            start, end = match.span()
            key = match.group()
            form = forms.get(key) or forms.get(_SPACES.sub(" ", key))
            if form is None or (form[1] is not None and exact_form(text[start:end]) != form[1]):
                pos = start + 1
                continue
            yield start, end, form[0]
            pos = end


def _top(trie: dict) -> str:
    """The whole pattern: a left word boundary, except before letters of unspaced scripts."""
    spaced = [_edge(ch) + _node(trie[ch]) for ch in sorted(trie) if not is_unspaced(ch)]
    unspaced = [_edge(ch) + _node(trie[ch]) for ch in sorted(trie) if is_unspaced(ch)]
    groups = [_LEFT + "(?:" + "|".join(spaced) + ")"] if spaced else []
    groups.extend(unspaced)
    return "|".join(groups)


def _edge(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)


def _node(node: dict) -> str:
    """A trie node as a regex: continuations first (longest wins), then the end of a name."""
    alternatives = [_edge(ch) + _node(child) for ch, child in sorted(node.items()) if ch != _END]
    if _END in node:
        alternatives.append(node[_END])
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"
