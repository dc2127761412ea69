"""The glossary model: terms, categories and the indexes every other part reads.

Plain data with no knowledge of MkDocs, so the site, the exports and the command line all see
one and the same glossary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from termbook.glossary.yamlload import Document
from termbook.names.folding import fold, letter_of, normalize_name, slugify, sort_key


@dataclass(frozen=True)
class Image:
    src: str
    alt: str
    width: int | None = None
    """Intrinsic size in CSS pixels, read from a local file once it passed its checks."""
    height: int | None = None


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Sense:
    """One numbered meaning of a term that has several (``senses:`` in its file)."""

    definition: str
    examples: tuple[str, ...] = ()
    label: str = ""
    """A usage label, shown before the definition: "slang", "theatre", "informal"."""


@dataclass
class Term:
    """One dictionary entry as written in its YAML file (Markdown fields still Markdown).

    One attribute per field of `glossary.fields.FIELDS` (its `name`, with its default), then
    what the loader adds (`tests/test_fields.py` holds the two together).
    """

    slug: str
    name: str
    categories: tuple[str, ...]
    definition: str = ""
    """The one definition; "" when the term has numbered ``senses`` instead."""
    pronunciation: str = ""
    """How the name is said, in IPA: plain text."""
    part_of_speech: str = ""
    """The name's word class, one of `glossary.fields.PARTS_OF_SPEECH` ("" when not given)."""
    aliases: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    trivia: tuple[str, ...] = ()
    related_refs: tuple[str, ...] = ()
    image: Image | None = None
    sources: tuple[Source, ...] = ()
    autolink: bool = True
    forms: tuple[str, ...] = ()
    """Further forms running text writes the term in ("containerized"): linked, never shown."""
    link: tuple[str, ...] = ()
    """Restrictions of its automatic links (``termbook.names.LINK_RULES``); empty: none."""
    practice: bool = True
    """False: the term makes a poor question, so flashcards, quizzes and study exports skip it."""
    source_path: str = ""
    """The term file's path relative to the project root, as problems and edit links name it."""
    document: Document | None = field(default=None, repr=False, compare=False)
    related: tuple[str, ...] = ()
    """Slugs of the related terms, resolved and ordered as written."""
    updated: datetime | None = None
    senses: tuple[Sense, ...] = ()
    """Numbered meanings, each with its own definition (and examples, label); () for a term
    with one ``definition``."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def letter(self) -> str:
        return letter_of(self.name)


@dataclass(frozen=True)
class SharedName:
    """A name or alias that belongs to several terms ("CD": Continuous Delivery and Continuous
    Deployment). It gets a page of its own listing every meaning (docs/reference/urls.md), and
    mentions of it link there."""

    slug: str
    """The name's URL segment (``names/<slug>/``), unique among the glossary's shared names."""
    name: str
    """As a headword writes it, else as the first of its terms writes it."""
    terms: tuple[str, ...]
    """Slugs of the terms it names, in dictionary order."""

    @property
    def key(self) -> str:
        """How links and the names index tell it from a term: never a term slug (it holds a
        slash), and the site path of its page without the last slash."""
        return f"{SHARED_PREFIX}{self.slug}"


SHARED_PREFIX = "names/"


def shared_names(owners: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, SharedName]:
    """Normalised name → SharedName, for each name or alias held by two or more terms.

    ``owners``: (slug, names with the headword first) per term, in any order: the result does
    not depend on it, so the glossary and a linker made from the same terms agree.
    """
    held: dict[str, list[tuple[str, str, str, bool]]] = {}
    for slug, names in owners:
        seen: set[str] = set()
        for position, name in enumerate(names):
            key = normalize_name(name)
            if key and key not in seen:
                seen.add(key)
                held.setdefault(key, []).append((names[0], slug, name, position == 0))
    shared: dict[str, SharedName] = {}
    taken: set[str] = set()
    found = [
        (key, sorted((sort_key(first), *rest) for first, *rest in each))
        for key, each in held.items()
        if len(each) > 1
    ]
    found.sort(key=lambda item: (sort_key(_shown(item[1])), item[0]))
    for key, each in found:
        shown = _shown(each)
        base = slugify(shown) or "name"
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        shared[key] = SharedName(slug, shown, tuple(item[1] for item in each))
    return shared


def _shown(owners: list[tuple[tuple, str, str, bool]]) -> str:
    return next((name for *_, name, headword in owners if headword), owners[0][2])


@dataclass
class Category:
    name: str
    slug: str
    description: str = ""
    terms: list[str] = field(default_factory=list)


@dataclass
class Glossary:
    """All valid terms in dictionary order, with name, alias and category indexes."""

    terms: dict[str, Term] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    shared: dict[str, SharedName] = field(default_factory=dict)
    """Normalised name → the name shared by several terms (see `shared_names`)."""
    _by_name: dict[str, str] = field(default_factory=dict, repr=False)
    _order: list[str] = field(default_factory=list, repr=False)
    _position: dict[str, int] = field(default_factory=dict, repr=False)
    _category_keys: tuple[dict, int, dict[str, Category]] | None = field(
        default=None, repr=False, compare=False
    )

    @classmethod
    def from_terms(cls, terms: list[Term], categories: dict[str, Category]) -> Glossary:
        ordered = sorted(terms, key=lambda t: sort_key(t.name))
        glossary = cls(terms={t.slug: t for t in ordered})
        glossary.shared = shared_names((t.slug, t.names) for t in ordered)
        glossary._by_name = name_index(ordered, glossary.shared)
        by_name = {fold(c.name): c for c in categories.values()}
        for term in ordered:
            for category_name in term.categories:
                category = by_name.get(fold(category_name))
                if category is not None:
                    category.terms.append(term.slug)
        glossary.categories = dict(
            sorted(categories.items(), key=lambda item: sort_key(item[1].name))
        )
        return glossary

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def lookup(self, ref: str) -> Term | None:
        """The one term ``ref`` names: its slug as written, else a name or an alias (case,
        accents and punctuation ignored). None for a shared name, which names several
        (`meanings` lists them) and for a name nobody holds."""
        if ref in self.terms:
            return self.terms[ref]
        slug = self._by_name.get(normalize_name(ref))
        return self.terms.get(slug) if slug else None

    def shared_name(self, ref: str) -> SharedName | None:
        """The shared name ``ref`` writes (case, accents and punctuation ignored), if it is one."""
        return None if ref in self.terms else self.shared.get(normalize_name(ref))

    def meanings(self, ref: str) -> list[Term]:
        """Every term ``ref`` names: one for a slug, name or alias of one term, each of a
        shared name's terms in dictionary order, none for an unknown name."""
        shared = self.shared_name(ref)
        if shared is not None:
            return [self.terms[slug] for slug in shared.terms if slug in self.terms]
        found = self.lookup(ref)
        return [found] if found is not None else []

    def category_of(self, name: str) -> Category | None:
        """The category a term file names, matched by folded name (the first, if two fold
        alike): looked up in an index made once, as every page and export asks for each term."""
        index = self._category_keys
        if index is None or index[0] is not self.categories or index[1] != len(self.categories):
            by_key: dict[str, Category] = {}
            for category in self.categories.values():
                by_key.setdefault(fold(category.name), category)
            index = self._category_keys = (self.categories, len(self.categories), by_key)
        return index[2].get(fold(name))

    def term_categories(self, term: Term) -> list[Category]:
        return [c for c in map(self.category_of, term.categories) if c is not None]

    def by_letter(self) -> dict[str, list[Term]]:
        """Terms grouped under their A–Z heading, ``#`` first, in dictionary order."""
        groups: dict[str, list[Term]] = {}
        for term in self.terms.values():
            groups.setdefault(term.letter, []).append(term)
        return groups

    def neighbours(self, slug: str) -> tuple[Term | None, Term | None]:
        """The previous and next term in dictionary order."""
        if len(self._order) != len(self.terms):
            self._order = list(self.terms)
            self._position = {s: i for i, s in enumerate(self._order)}
        index = self._position[slug]
        previous = self.terms[self._order[index - 1]] if index > 0 else None
        following = self.terms[self._order[index + 1]] if index + 1 < len(self._order) else None
        return previous, following


def name_index(terms: list[Term], shared: dict[str, SharedName] | None = None) -> dict[str, str]:
    """Normalised name or alias → slug; slugs index themselves too. A shared name is in no
    term's entry: it names several."""
    index: dict[str, str] = {}
    for term in terms:
        index.setdefault(normalize_name(term.slug.replace("-", " ")), term.slug)
        for name in term.names:
            index[normalize_name(name)] = term.slug
    for key in shared or ():
        index.pop(key, None)
    return index
