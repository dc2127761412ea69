"""What each generated page shows, as plain dictionaries for the templates.

Engine-free: a view gets the glossary and a function that turns a site path into a link from
the page being built, so templates never compute URLs or touch the model's internals.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from termbook.glossary.entries import Entry
from termbook.glossary.model import Glossary, Term
from termbook.names.folding import filter_keys
from termbook.pages import urls
from termbook.pages.jsonld import defined_term, defined_term_set, script_json, term_set_page
from termbook.pages.share import share_links
from termbook.pages.site_info import SiteInfo
from termbook.text.markdown import markdown_html

Link = Callable[[str], str]


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
        "summary": entry.summary,
        "reading_minutes": entry.reading_minutes(site.words_per_minute),
        "updated_iso": term.updated.isoformat() if term.updated else "",
        "updated_human": human_date(term.updated) if term.updated else "",
        "canonical": page_url,
        "share_url": page_url,
        "share": [vars(s) for s in share_links(page_url or term.name, term.name, site.share)],
        "like_endpoint": site.like_endpoint or "",
        "shares_endpoint": urls.shares_endpoint(site.like_endpoint or ""),
        "edit_url": site.edit_url(term) or "",
        "previous": term_ref(previous, entries.get(previous.slug), link) if previous else None,
        "next": term_ref(following, entries.get(following.slug), link) if following else None,
        "jsonld": script_json(defined_term(entry, page_url, set_data)),
        "oembed_url": urls.absolute(site.site_url, urls.oembed(term.slug))
        or link(urls.oembed(term.slug)),
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
        "image": {"src": asset_link(term.image.src, link), "alt": term.image.alt}
        if term.image
        else None,
        "sources": [{"title": s.title, "url": s.url} for s in term.sources],
    }


def az_view(
    glossary: Glossary, entries: dict[str, Entry], link: Link, site: SiteInfo
) -> dict[str, Any]:
    """The A–Z index: letters with their terms, and data for the instant filter."""
    groups = []
    for letter, terms in glossary.by_letter().items():
        groups.append(
            {
                "letter": letter,
                "id": "letter-num" if letter == "#" else f"letter-{letter.lower()}",
                "terms": [
                    {
                        **term_ref(t, entries.get(t.slug), link),
                        "aliases": list(t.aliases),
                        "names": "|".join(k for n in t.names for k in filter_keys(n)),
                    }
                    for t in terms
                ],
            }
        )
    set_url = urls.absolute(site.site_url, urls.TERMS)
    pairs = [
        (entries[t.slug], urls.absolute(site.site_url, urls.term_page(t.slug))) for t in glossary
    ]
    return {
        "count": len(glossary),
        "letters": [g["letter"] for g in groups],
        "all_letters": _alphabet(groups),
        "groups": groups,
        "jsonld": script_json(term_set_page(site.name, set_url, pairs)),
        "like_endpoint": site.like_endpoint or "",
    }


def _alphabet(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """#, A … Z, each with its anchor and whether any term is filed under it."""
    present = {g["letter"]: g["id"] for g in groups}
    letters = ["#", *(chr(c) for c in range(ord("A"), ord("Z") + 1))]
    return [
        {"letter": letter, "id": present.get(letter, ""), "present": letter in present}
        for letter in letters
        if letter != "#" or "#" in present
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
) -> dict[str, Any]:
    category = glossary.categories[slug]
    return {
        "name": category.name,
        "description": markdown_html(category.description),
        "terms": [term_ref(glossary.terms[s], entries.get(s), link) for s in category.terms],
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
        "categories_url": link(urls.CATEGORIES),
        "letters": [
            {
                "letter": letter,
                "url": link(urls.TERMS)
                + ("#letter-num" if letter == "#" else f"#letter-{letter.lower()}"),
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
