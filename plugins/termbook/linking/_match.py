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

Inside a name a space and a hyphen between two words are one ("self-healing" is Self Healing:
keys spell it with a space, :func:`~termbook.names.key_of`), and no name is matched as a part
of a hyphenated compound that is not itself a name ("self-service", "host-based"): a match
neither starts after a word and a hyphen nor ends before a hyphen and a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from termbook.names import (
    RunningName,
    exact_form,
    fold_same_length,
    is_acronym,
    is_matchable,
    is_unspaced,
    key_of,
    surface_forms,
)

_END = ""  # trie key marking "a name ends here"; never a folded character
_INNER_KEPT = 50_000
"""Spans whose inner names a matcher keeps (`Matcher.inner`); past that it starts afresh."""
_LEFT = r"(?<!\w)(?<!\w-)"
_RIGHT = r"(?!\w)(?!-\w)"
_WORD = re.compile(r"[^\s\-‐‑]+")
"""A word of a name: what stands between its spaces and hyphens."""
_BETWEEN_WORDS = r"(?:\s+|-(?=\w))"
"""A space of a key: any run of whitespace, or a hyphen before a word. (Where the key has no
word before its space, the text matched is no key, as :func:`~termbook.names.key_of` keeps such
a hyphen, and no shorter name ends there either: not before a hyphen and a word.)"""


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
    linked: bool = True
    """False: its forms take their words but link nothing (``link: aliases-only``)."""


Mention = tuple[int, int, str, bool]
"""A mention found in text: start, end, slug, and whether it may become a link (plain tuples:
the linker reads thousands per build)."""


_Rule = tuple[str, bool]
"""How a form is matched: its exact form (or None) and whether it links."""


class Matcher:
    """Finds non-overlapping, leftmost-longest, whole-word mentions of names."""

    def __init__(
        self,
        names: Iterable[tuple[str | RunningName, str]],
        shared: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        """``names``: (name, slug) pairs in priority order; the first claim of a form wins. A
        name may be a :class:`~termbook.names.RunningName` (how a term's names are matched:
        ``running_names``); derived ones yield to every other name, whatever their order.

        Names that are not :func:`~termbook.names.is_matchable` are left out. ``shared``: the
        keys of names several terms share ("names/cd"), each with the slugs it stands for.
        """
        self.shared_keys: dict[str, tuple[str, ...]] = dict(shared or {})
        self._forms: dict[str, tuple[str, str | None, bool]] = {}
        self._inner: dict[str, tuple[Mention, ...]] = {}
        self.stems: list[Stem] = []
        """Every stem in the order it entered the trie: what the names index publishes."""
        later: list[tuple[str, tuple[str, ...], str, bool, bool]] = []
        derived: list[tuple[RunningName, str]] = []
        for item, slug in names:
            name = item if isinstance(item, RunningName) else RunningName(item, is_acronym(item))
            if not is_matchable(name.text):
                continue
            if name.derived:
                derived.append((name, slug))
                continue
            later.extend(self._first(name, slug))
        for name, slug in derived:
            later.extend(self._first(name, slug))
        for stem, suffixes, slug, exact, linked in later:
            self._claim(stem, slug, exact, linked)
            if suffixes:
                self._add(stem, suffixes, slug, exact, linked)
                for suffix in suffixes:
                    self._claim(stem + suffix, slug, exact, linked)
        self.size = len(self._forms)
        trie: dict[str, dict] = {}
        for stem in self.stems:
            self._insert(trie, stem)
        self._pattern = re.compile(_top(trie)) if trie else None

    def _first(
        self, name: RunningName, slug: str
    ) -> list[tuple[str, tuple[str, ...], str, bool, bool]]:
        """Claim a name's own stem now; its other stems and forms, to be claimed later."""
        exact, linked = name.exact, name.linked
        stems = surface_forms(name.text, is_acronym(name.text))
        stem, suffixes = stems[0]
        self._claim(stem, slug, exact, linked)
        self._add(stem, suffixes, slug, exact, linked)
        later = [(s, x, slug, exact, linked) for s, x in stems[1:]]
        return later + [(stem + suffix, (), slug, exact, linked) for suffix in suffixes]

    def _claim(self, form: str, slug: str, exact: bool, linked: bool) -> None:
        self._forms.setdefault(key_of(form), (slug, exact_form(form) if exact else None, linked))

    def _add(
        self, stem: str, suffixes: tuple[str, ...], slug: str, exact: bool, linked: bool
    ) -> None:
        written = exact_form(stem) if exact else None
        self.stems.append(Stem(key_of(stem), suffixes, slug, written, linked))

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
                if key not in done and self._forms.get(key) == (stem.slug, exact, stem.linked):
                    done.add(key)
                    endings.append(ending)
            if endings:
                owned.setdefault(stem.slug, []).append((stem, tuple(endings)))
        return owned

    def finditer(self, text: str, pos: int = 0) -> Iterator[Mention]:
        """Each mention at or after ``pos`` (text before is context), leftmost-longest.

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
            form = forms.get(key) or forms.get(key_of(key))
            if form is None or (form[1] is not None and exact_form(text[start:end]) != form[1]):
                pos = start + 1
                continue
            yield start, end, form[0], form[2]
            pos = end

    def _form(
        self, text: str, start: int, end: int, key: str
    ) -> tuple[str, str | None, bool] | None:
        """What matched text is: its form's (slug, exact, linked), or None (wrong case)."""
        form = self._forms.get(key) or self._forms.get(key_of(key))
        if form is None or (form[1] is not None and exact_form(text[start:end]) != form[1]):
            return None
        return form

    def inner(self, text: str, start: int, end: int) -> Iterator[Mention]:
        """The names a longer name's words hold ("grip" in "key grip", "gaffer" in "gaffer
        tape"): each run of whole words of ``text[start:end]``, other than the whole, that is
        a form of the glossary, the longest at each word, left to right."""
        if _WORD.fullmatch(text, start, end):
            return  # one word holds no other run of words
        span = text[start:end]
        found = self._inner.get(span)
        if found is None:
            if len(self._inner) >= _INNER_KEPT:
                self._inner.clear()
            found = self._inner[span] = tuple(self._inner_of(span))
        for begin, finish, slug, linked in found:
            yield start + begin, start + finish, slug, linked

    def _inner_of(self, span: str) -> Iterator[Mention]:
        """`inner` of the whole of ``span``, by position in it: it depends on the span's text
        alone, and a glossary's definitions mention the same names again and again (study
        masking asks for every mention: 54,000 at 2,000 terms, of a few thousand names)."""
        words = [(m.start(), m.end()) for m in _WORD.finditer(span)]
        forms = self._forms
        index = 0
        while index < len(words):
            found = None
            for last in range(len(words) - 1, index - 1, -1):
                begin, finish = words[index][0], words[last][1]
                if (begin, finish) == (0, len(span)):
                    continue
                form = forms.get(key_of(span[begin:finish]))
                if form is not None and (
                    form[1] is None or exact_form(span[begin:finish]) == form[1]
                ):
                    found = (begin, finish, form[0], form[2])
                    index = last
                    break
            if found is not None:
                yield found
            index += 1


def _top(trie: dict) -> str:
    """The whole pattern: a left word boundary, except before letters of unspaced scripts."""
    spaced = [_edge(ch) + _node(trie[ch]) for ch in sorted(trie) if not is_unspaced(ch)]
    unspaced = [_edge(ch) + _node(trie[ch]) for ch in sorted(trie) if is_unspaced(ch)]
    groups = [_LEFT + "(?:" + "|".join(spaced) + ")"] if spaced else []
    groups.extend(unspaced)
    return "|".join(groups)


def _edge(ch: str) -> str:
    return _BETWEEN_WORDS if ch == " " else re.escape(ch)


def _node(node: dict) -> str:
    """A trie node as a regex: continuations first (longest wins), then the end of a name."""
    alternatives = [_edge(ch) + _node(child) for ch, child in sorted(node.items()) if ch != _END]
    if _END in node:
        alternatives.append(node[_END])
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"
