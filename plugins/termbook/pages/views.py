"""What each generated page shows, as plain dictionaries for the templates.

Engine-free: a view gets the glossary and a function that turns a site path into a link from
the page being built, so templates never compute URLs or touch the model's internals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from termbook.glossary.entries import Entry
from termbook.glossary.fields import FIELDS, Choice, Text
from termbook.glossary.model import Glossary, Term
from termbook.names.folding import filter_attribute
from termbook.pages import urls
from termbook.pages.jsonld import defined_term, defined_term_set, script_json, term_set_page
from termbook.pages.plan import az_on_one_page, chunks
from termbook.pages.share import share_links
from termbook.pages.site_info import SiteInfo
from termbook.text.markdown import markdown_html

Link = Callable[[str], str]
HEADER_FIELDS = tuple(
    f
    for f in FIELDS
    if f.section == "header" and f.key != "term" and isinstance(f.shape, Text | Choice)
)
"""Single values the term page shows by the headword (pronunciation, part of speech), each
under its key in the view; the name and the aliases have their own places."""


def human_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def asset_link(src: str, link: Link) -> str:
    """An image path from a term file is relative to the site root (docs/); full URLs stay."""
    if "://" in src or src.startswith(("/", "//")):
        return src
    return link(src.removeprefix("./"))


CARD_SIZE = (1200, 630)


def card_meta(term: Term | None, site: SiteInfo, link: Link) -> dict[str, Any]:
    """The share card of a page (a term's, or the site's): its address, size and description.

    Absolute with a site_url, as link previews need; relative without one.
    """
    path = urls.term_card(term.slug) if term else urls.SITE_CARD
    alt = f"{term.name}, from {site.name}" if term else site.name
    width, height = CARD_SIZE
    return {
        "url": urls.absolute(site.site_url, path) or link(path),
        "width": width,
        "height": height,
        "alt": alt,
    }


def term_ref(term: Term, entry: Entry | None, link: Link) -> dict[str, str]:
    return {
        "slug": term.slug,
        "name": term.name,
        "url": link(urls.term_page(term.slug)),
        "summary": entry.summary if entry else "",
    }


def term_view(
    glossary: Glossary,
    entries: dict[str, Entry],
    term: Term,
    related: list[str],
    link: Link,
    site: SiteInfo,
) -> dict[str, Any]:
    """Everything a term page shows besides its rendered body."""
    entry = entries[term.slug]
    page_url = urls.absolute(site.site_url, urls.term_page(term.slug))
    previous, following = glossary.neighbours(term.slug)
    set_data = defined_term_set(site.name, urls.absolute(site.site_url, urls.TERMS))
    return {
        "slug": term.slug,
        "name": term.name,
        "aliases": list(term.aliases),
        **{f.key: getattr(term, f.name) for f in HEADER_FIELDS},
        "summary": entry.summary,
        "reading_minutes": entry.reading_minutes(site.words_per_minute),
        "updated_iso": term.updated.isoformat() if term.updated else "",
        "updated_human": human_date(term.updated) if term.updated else "",
        "canonical": page_url,
        "share_url": page_url,
        "share": [vars(s) for s in share_links(page_url or term.name, term.name, site.share)],
        "likes": site.likes,
        "like_endpoint": site.like_endpoint or "",
        "shares_endpoint": urls.shares_endpoint(site.like_endpoint or ""),
        "edit_url": site.edit_url(term) or "",
        "previous": term_ref(previous, entries.get(previous.slug), link) if previous else None,
        "next": term_ref(following, entries.get(following.slug), link) if following else None,
        "jsonld": script_json(defined_term(entry, page_url, set_data)),
        "oembed_url": (
            urls.absolute(site.site_url, urls.oembed(term.slug)) or link(urls.oembed(term.slug))
        )
        if site.api
        else "",
        "related": [
            term_ref(glossary.terms[s], entries.get(s), link)
            for s in related
            if s in glossary.terms
        ],
    }


def entry_view(glossary: Glossary, entry: Entry, related: list[str], link: Link) -> dict[str, Any]:
    """The body of a term page: definition, examples, trivia, categories, related, sources."""
    term = entry.term
    categories = [
        {"name": c.name, "url": link(urls.category_page(c.slug))}
        for c in glossary.term_categories(term)
    ]
    return {
        "slug": term.slug,
        "name": term.name,
        "aliases": list(term.aliases),
        "definition": entry.definition,
        "examples": entry.examples,
        "trivia": entry.trivia,
        "categories": categories,
        "related": [
            term_ref(glossary.terms[s], None, link) for s in related if s in glossary.terms
        ],
        "image": {
            "src": asset_link(term.image.src, link),
            "alt": term.image.alt,
            "width": term.image.width,
            "height": term.image.height,
        }
        if term.image
        else None,
        "sources": [{"title": s.title, "url": s.url} for s in term.sources],
    }


def az_view(
    glossary: Glossary, entries: dict[str, Entry], link: Link, site: SiteInfo
) -> dict[str, Any]:
    """The A–Z entry page: every term under its letter while the list stays light
    (`plan.az_on_one_page`); otherwise each letter with its count and page, and where the
    filter finds the names, so it weighs the same at 5,000 terms and at 50,000.
    """
    groups = glossary.by_letter()
    set_url = urls.absolute(site.site_url, urls.TERMS)
    one_page = az_on_one_page(glossary, entries)
    return {
        "count": len(glossary),
        "all_letters": _alphabet(groups, link),
        "names_url": "" if one_page else link(urls.AZ_NAMES_API),
        "groups": [
            {
                "letter": letter,
                "id": urls.letter_anchor(letter),
                "terms": [_az_item(t, entries, link) for t in terms],
            }
            for letter, terms in groups.items()
        ]
        if one_page
        else [],
        "like_endpoint": site.like_endpoint or "",
        "jsonld": script_json(term_set_page(site.name, set_url, [])),
    }


def _az_item(term: Term, entries: dict[str, Entry], link: Link) -> dict[str, Any]:
    """One term in an A–Z list (fragments/az-item.html)."""
    return {
        **term_ref(term, entries.get(term.slug), link),
        "aliases": list(term.aliases),
        "names": filter_attribute(term.names),
    }


def az_names(glossary: Glossary, directory_urls: bool = True) -> str:
    """``api/az.json``: each term's slug, name and filter keys (the ``data-names`` of the A–Z
    lists), compact, so the filter finds a term under any letter. Page URLs are
    ``terms`` + slug + ``suffix``, relative to this file."""
    data = {
        "terms": urls.relative(urls.TERMS, urls.AZ_NAMES_API),
        "suffix": "/" if directory_urls else "/index.html",
        "names": [[t.slug, t.name, filter_attribute(t.names)] for t in glossary],
    }
    return script_json(data) + "\n"


def letter_view(
    glossary: Glossary,
    entries: dict[str, Entry],
    letter: str,
    part: int,
    link: Link,
    site: SiteInfo,
) -> dict[str, Any]:
    """One letter's page (or one part of it): its terms with names, aliases and summaries."""
    groups = glossary.by_letter()
    runs = chunks(groups.get(letter, []))
    terms = runs[part - 1] if part <= len(runs) else []
    set_url = urls.absolute(site.site_url, urls.TERMS)
    pairs = [(entries[t.slug], urls.absolute(site.site_url, urls.term_page(t.slug))) for t in terms]
    return {
        "letter": letter,
        "count": len(groups.get(letter, [])),
        "total": len(glossary),
        "index_url": link(urls.TERMS),
        "all_letters": _alphabet(groups, link, current=letter),
        "names_url": link(urls.AZ_NAMES_API),
        "terms": [_az_item(t, entries, link) for t in terms],
        "pager": pager(
            urls.letter_page(letter), part, [(r[0].name, r[-1].name) for r in runs], link
        ),
        "jsonld": script_json(term_set_page(site.name, set_url, pairs)),
        "like_endpoint": site.like_endpoint or "",
    }


def pager(
    first_page: str, part: int, ranges: list[tuple[str, str]], link: Link
) -> list[dict[str, Any]]:
    """Links to every part of a list split over pages, each labelled by its first and last name
    ("Dolly to Dutch Angle"), the current one marked; empty for a list on one page."""
    if len(ranges) <= 1:
        return []
    return [
        {
            "label": f"{start} to {end}" if start != end else start,
            "number": number,
            "url": link(urls.part_page(first_page, number)),
            "current": number == part,
        }
        for number, (start, end) in enumerate(ranges, start=1)
    ]


def _alphabet(
    groups: dict[str, list[Term]], link: Link, current: str | None = None
) -> list[dict[str, Any]]:
    """#, A … Z, each with its page, its count and the id it had on the one-page index."""
    letters = ["#", *(chr(c) for c in range(ord("A"), ord("Z") + 1))]
    return [
        {
            "letter": letter,
            "id": urls.letter_anchor(letter),
            "url": link(urls.letter_page(letter)) if letter in groups else "",
            "count": len(groups.get(letter, [])),
            "present": letter in groups,
            "current": letter == current,
        }
        for letter in letters
        if letter != "#" or "#" in groups
    ]


def categories_view(glossary: Glossary, link: Link) -> dict[str, Any]:
    return {
        "categories": [
            {
                "name": c.name,
                "slug": c.slug,
                "url": link(urls.category_page(c.slug)),
                "description": markdown_html(c.description),
                "count": len(c.terms),
            }
            for c in glossary.categories.values()
        ]
    }


def category_view(
    glossary: Glossary,
    entries: dict[str, Entry],
    slug: str,
    link: Link,
    part: int = 1,
) -> dict[str, Any]:
    """A category's page, or one part of it when it has more terms than a page holds."""
    category = glossary.categories[slug]
    runs = chunks([glossary.terms[s] for s in category.terms])
    names = [(r[0].name, r[-1].name) for r in runs if r]
    return {
        "name": category.name,
        "count": len(category.terms),
        "description": markdown_html(category.description) if part == 1 else "",
        "terms": [term_ref(t, entries.get(t.slug), link) for t in runs[part - 1]],
        "pager": pager(urls.category_page(slug), part, names, link),
        "all_url": link(urls.CATEGORIES),
    }


def home_view(
    glossary: Glossary,
    entries: dict[str, Entry],
    featured: Term | None,
    link: Link,
    like_endpoint: str | None = None,
) -> dict[str, Any]:
    """Data for the home page template: counts, letters, categories, the featured term, and
    where the "Most liked" list asks for counts (with a term page's URL pattern for it)."""
    groups = glossary.by_letter()
    feature = None
    if featured is not None:
        entry = entries[featured.slug]
        feature = {
            **term_ref(featured, entry, link),
            "trivia": entry.trivia[0] if entry.trivia else "",
        }
    return {
        "count": len(glossary),
        "index_url": link(urls.TERMS),
        "az_one_page": az_on_one_page(glossary, entries),
        "categories_url": link(urls.CATEGORIES),
        "practice_url": link(urls.PRACTICE) if any(t.practice for t in glossary) else "",
        "letters": [
            {
                "letter": letter,
                "url": link(urls.letter_page(letter)),
            }
            for letter in groups
        ],
        "categories": [
            {"name": c.name, "url": link(urls.category_page(c.slug)), "count": len(c.terms)}
            for c in glossary.categories.values()
        ],
        "featured": feature,
        "like_endpoint": like_endpoint or "",
        "term_url_pattern": link(urls.term_page(urls.SLUG_PLACEHOLDER)),
    }
