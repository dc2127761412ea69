"""The glossary model: terms, categories and the indexes every other part reads.

Plain data with no knowledge of MkDocs, so the site, the exports and the command line all see
one and the same glossary.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from termbook.glossary.yamlload import Document
from termbook.names.folding import fold, letter_of, normalize_name, sort_key


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


@dataclass
class Term:
    """One dictionary entry as written in its YAML file (Markdown fields still Markdown).

    One attribute per field of `glossary.fields.FIELDS` (its `name`, with its default), then
    what the loader adds (`tests/test_fields.py` holds the two together).
    """

    slug: str
    name: str
    categories: tuple[str, ...]
    definition: str
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

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def letter(self) -> str:
        return letter_of(self.name)


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
        glossary._by_name = name_index(ordered)
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
        """A term by its name, an alias or its slug; case, accents and punctuation ignored."""
        slug = self._by_name.get(normalize_name(ref))
        if slug is None and ref in self.terms:
            slug = ref
        return self.terms.get(slug) if slug else None

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


def name_index(terms: list[Term]) -> dict[str, str]:
    """Normalised name or alias → slug; slugs index themselves too."""
    index: dict[str, str] = {}
    for term in terms:
        index.setdefault(normalize_name(term.slug.replace("-", " ")), term.slug)
        for name in term.names:
            index[normalize_name(name)] = term.slug
    return index
