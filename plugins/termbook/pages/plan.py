"""The page plan: which pages the glossary adds to a site, as plain data.

The engine adapter turns each planned page into whatever its engine calls a virtual file; the
plan itself (paths, titles, templates, what is in the navigation) is engine-free.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from termbook.glossary.entries import Entry
from termbook.glossary.model import Glossary, Term
from termbook.names.folding import filter_attribute
from termbook.pages import urls
from termbook.study import practice_terms
from termbook.text.markdown import plain_text


class PageKind(str, Enum):
    """What a generated page is; its value names it in page metadata and URLs of the API."""

    TERM = "term"
    INDEX = "index"
    """The A–Z index's entry page: letters, counts and a filter across all terms."""
    LETTER = "letter"
    """The terms filed under one letter (key: the letter's URL segment, "a" or "0-9")."""
    CATEGORIES = "categories"
    """The overview of all categories."""
    CATEGORY = "category"
    PRACTICE = "practice"
    """Flashcards and a quiz: of the whole glossary (key "") or of one category."""


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str
    kind: PageKind
    key: str
    """The term's or category's slug; "" for the index pages."""
    title: str
    description: str
    in_nav: bool
    template: str
    part: int = 1
    """Which page of a list split over pages (letters and categories, `LIST_PAGE_SIZE` each)."""
    parts: int = 1


LIST_PAGE_SIZE = 100
"""Most terms one list page holds (a letter, a category): what bounds every list page's weight
(about 450 bytes and four elements per item) whatever the glossary's shape: 100 keeps a letter
page near 50 KB and 450 elements, light on a slow phone."""


PAGE_BYTES = 300_000
"""The weight no page may exceed, at any size of glossary (tests/test_scale.py)."""
AZ_ONE_PAGE_BYTES = 200_000
"""What the A–Z list may weigh for `/terms/` to show every term: the page's frame (Material's
header, navigation and scripts, a few tens of KB) takes the rest of `PAGE_BYTES`, with room."""
AZ_ITEM_FRAME_BYTES = 160
"""An A–Z item's markup besides its texts: the element, its attributes, the link's path."""


def az_item_bytes(term: Term, entry: Entry) -> int:
    """About what one term weighs in an A–Z list (its name, aliases, summary, filter keys)."""
    texts = (term.name, term.slug, term.slug, *term.aliases, entry.summary)
    size = sum(len(t.encode()) for t in texts) + len(filter_attribute(term.names).encode())
    return size + AZ_ITEM_FRAME_BYTES + 2 * len(term.aliases)


def az_on_one_page(glossary: Glossary, entries: dict[str, Entry]) -> bool:
    """Whether `/terms/` lists every term (a glossary whose list stays light) or only the
    letters, each with its page. Stops counting at the bound, so a big glossary costs little."""
    size = 0
    for term in glossary:
        size += az_item_bytes(term, entries[term.slug])
        if size > AZ_ONE_PAGE_BYTES:
            return False
    return True


def chunks(items: list, size: int | None = None) -> list[list]:
    """``items`` in consecutive runs of at most ``size`` (`LIST_PAGE_SIZE` unless given; one
    run, empty, when there are none)."""
    size = size or LIST_PAGE_SIZE
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def plan_pages(glossary: Glossary, entries: dict[str, Entry]) -> list[PlannedPage]:
    """Index, categories, letter and category pages (split in parts) and one page per term,
    in a stable order."""
    pages = [
        PlannedPage(
            "terms/index.md",
            PageKind.INDEX,
            "",
            "A–Z index",
            f"All {len(glossary)} terms of the glossary from A to Z.",
            True,
            "termbook/page.html",
        ),
        *_letter_pages(glossary),
        PlannedPage(
            "categories/index.md",
            PageKind.CATEGORIES,
            "",
            "Categories",
            f"The glossary's {len(glossary.categories)} categories.",
            True,
            "termbook/page.html",
        ),
    ]
    for category in glossary.categories.values():
        description = plain_text(category.description) or f"Terms in the category {category.name}."
        parts = len(chunks(category.terms))
        for part in range(1, parts + 1):
            pages.append(
                PlannedPage(
                    urls.source_of(urls.part_page(urls.category_page(category.slug), part)),
                    PageKind.CATEGORY,
                    category.slug,
                    category.name + (f" ({part} of {parts})" if part > 1 else ""),
                    description,
                    False,
                    "termbook/page.html",
                    part,
                    parts,
                )
            )
    pages += practice_pages(glossary)
    for term in glossary:
        pages.append(
            PlannedPage(
                urls.term_source(term.slug),
                PageKind.TERM,
                term.slug,
                term.name,
                entries[term.slug].summary,
                False,
                "termbook/term.html",
            )
        )
    return pages


def practice_pages(glossary: Glossary) -> list[PlannedPage]:
    """The Practice section: one page for the whole glossary (in the navigation), one per
    category with terms to practise. None when no term takes part."""
    if not practice_terms(glossary):
        return []
    pages = [
        PlannedPage(
            urls.practice_source(),
            PageKind.PRACTICE,
            "",
            "Practice",
            "Flashcards and a quiz on the glossary's terms.",
            True,
            "termbook/page.html",
        )
    ]
    for category in glossary.categories.values():
        if practice_terms(glossary, category.slug):
            pages.append(
                PlannedPage(
                    urls.practice_source(category.slug),
                    PageKind.PRACTICE,
                    category.slug,
                    f"Practice: {category.name}",
                    f"Flashcards and a quiz on the terms of the category {category.name}.",
                    False,
                    "termbook/page.html",
                )
            )
    return pages


def _letter_pages(glossary: Glossary) -> list[PlannedPage]:
    pages = []
    for letter, terms in glossary.by_letter().items():
        parts = chunks(terms)
        for part, run in enumerate(parts, start=1):
            title = f"Terms under {letter}"
            if len(parts) > 1:
                title += f": {run[0].name} to {run[-1].name}"
            pages.append(
                PlannedPage(
                    urls.source_of(urls.letter_page(letter, part)),
                    PageKind.LETTER,
                    letter,
                    title,
                    f"{len(terms)} terms of the glossary filed under {letter}.",
                    False,
                    "termbook/page.html",
                    part,
                    len(parts),
                )
            )
    return pages


def featured_term(glossary: Glossary, choice: str | None = None) -> Term | None:
    """The home page's featured term: the configured one, else a stable pick among rich entries.

    A stable pick (not "random at build time") keeps two builds of one commit identical.
    """
    if choice:
        found = glossary.lookup(choice)
        if found is not None:
            return found
    rich = [t for t in glossary if t.trivia and t.examples] or list(glossary)
    if not rich:
        return None
    digest = hashlib.sha256("|".join(t.slug for t in glossary).encode()).digest()
    return rich[int.from_bytes(digest[:4], "big") % len(rich)]


def related_with_reverse(glossary: Glossary) -> dict[str, list[str]]:
    """Related slugs per term, made symmetric: B lists A when A lists B."""
    related = {t.slug: list(t.related) for t in glossary}
    for term in glossary:
        for other in term.related:
            if term.slug not in related[other]:
                related[other].append(term.slug)
    return related


def nav_paths(nav: object) -> set[str]:
    """Every page path an explicit `nav` names, at any depth (titles and URLs aside)."""
    found: set[str] = set()
    if isinstance(nav, str):
        if "://" not in nav:
            found.add(posixpath.normpath(nav.strip().lstrip("./") or "."))
    elif isinstance(nav, dict):
        for value in nav.values():
            found |= nav_paths(value)
    elif isinstance(nav, list):
        for item in nav:
            found |= nav_paths(item)
    return found


def missing_from_nav(nav: list | None, pages: Iterable[PlannedPage]) -> list[PlannedPage]:
    """The glossary's navigation pages an explicit `nav` leaves out (none without a `nav`:
    MkDocs then lists every page by itself)."""
    if nav is None:
        return []
    named = nav_paths(nav)
    return [p for p in pages if p.in_nav and posixpath.normpath(p.src_uri) not in named]


def nav_lines(pages: Iterable[PlannedPage], section: str = "Glossary") -> str:
    """The lines to paste under `nav:` in mkdocs.yml for ``pages``, in a section of their own."""
    lines = [f"  - {section}:"]
    lines += [f"      - {page.title}: {page.src_uri}" for page in pages]
    return "\n".join(lines)
