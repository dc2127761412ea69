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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from termbook.names import (
    exact_form,
    fold_same_length,
    is_acronym,
    is_matchable,
    is_unspaced,
    key_of,
    surface_forms,
)

_END = ""  # trie key marking "a name ends here"; never a folded character
_LEFT = r"(?<!\w)"
_RIGHT = r"(?!\w)"
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=64)
def _ending(suffixes: tuple[str, ...], boundary: bool) -> str:
    """Regex for "the name ends here": optional endings (longest first), then a word boundary."""
    optional = ""
    if suffixes:
        alternatives = sorted(suffixes, key=len, reverse=True)
        optional = "(?:" + "|".join(map(re.escape, alternatives)) + ")?"
    return optional + (_RIGHT if boundary else "")


@dataclass(frozen=True)
class Stem:
    """One stem in the trie: its key, the endings it may take, whose it is and its case rule."""

    key: str
    endings: tuple[str, ...]
    slug: str
    exact: str | None
    """The stem as written, for names in capitals (matched in that case only); else None."""


class Matcher:
    """Finds non-overlapping, leftmost-longest, whole-word mentions of names."""

    def __init__(
        self,
        names: Iterable[tuple[str, str]],
        shared: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """``names``: (name, slug) pairs in priority order; the first claim of a form wins.

        Names that are not :func:`~termbook.names.is_matchable` are left out. ``shared``: the
        keys of names several terms share ("names/cd"), each with the slugs it stands for.
        """
        self.shared_keys: dict[str, tuple[str, ...]] = dict(shared or {})
        self._forms: dict[str, tuple[str, str | None]] = {}
        self.stems: list[Stem] = []
        """Every stem in the order it entered the trie: what the names index publishes."""
        later: list[tuple[str, tuple[str, ...], str, bool]] = []
        for name, slug in names:
            if not is_matchable(name):
                continue
            acronym = is_acronym(name)
            stems = surface_forms(name, acronym)
            stem, suffixes = stems[0]
            self._claim(stem, slug, acronym)
            self._add(stem, suffixes, slug, acronym)
            later.extend((s, x, slug, acronym) for s, x in stems[1:])
            later.extend((stem + suffix, (), slug, acronym) for suffix in suffixes)
        for stem, suffixes, slug, acronym in later:
            self._claim(stem, slug, acronym)
            if suffixes:
                self._add(stem, suffixes, slug, acronym)
                for suffix in suffixes:
                    self._claim(stem + suffix, slug, acronym)
        self.size = len(self._forms)
        trie: dict[str, dict] = {}
        for stem in self.stems:
            self._insert(trie, stem)
        self._pattern = re.compile(_top(trie)) if trie else None

    def _claim(self, form: str, slug: str, acronym: bool) -> None:
        self._forms.setdefault(key_of(form), (slug, exact_form(form) if acronym else None))

    def _add(self, stem: str, suffixes: tuple[str, ...], slug: str, acronym: bool) -> None:
        self.stems.append(Stem(key_of(stem), suffixes, slug, exact_form(stem) if acronym else None))

    @staticmethod
    def _insert(trie: dict, stem: Stem) -> None:
        node = trie
        for ch in stem.key:
            node = node.setdefault(ch, {})
        node.setdefault(_END, _ending(stem.endings, not is_unspaced(stem.key[-1])))

    def owned_forms(self) -> dict[str, list[tuple[Stem, tuple[str, ...]]]]:
        """Slug → (stem, the endings whose form it owns; ``""`` is the bare stem), in order.

        Every form of the trie appears exactly once, under the term that claimed it and with
        its case rule: the lookup table of :meth:`finditer`, grouped as the names index
        publishes it.
        """
        owned: dict[str, list[tuple[Stem, tuple[str, ...]]]] = {}
        done: set[str] = set()
        in_trie: dict[str, tuple[str, ...]] = {}
        for stem in self.stems:  # a key's node ends with the endings of its first stem only
            in_trie.setdefault(stem.key, stem.endings)
        for stem in self.stems:
            endings = []
            for ending in ("", *stem.endings):
                if ending and ending not in in_trie[stem.key]:
                    continue
                key = stem.key + key_of(ending)
                exact = None if stem.exact is None else stem.exact + ending
                if key not in done and self._forms.get(key) == (stem.slug, exact):
                    done.add(key)
                    endings.append(ending)
            if endings:
                owned.setdefault(stem.slug, []).append((stem, tuple(endings)))
        return owned

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
