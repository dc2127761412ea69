"""Which pages mention a term, most useful first, and the full list as data.

A term's page lists only the few mentions most worth a reader's click (`SHOWN`), so a term
that every other term mentions does not carry thousands of links; the rest are in
``api/mentioned-in/<slug>.json``, one click away, which only such a term gets
(`listed_in_full`). Useful, in order:

1. pages of terms related to it (either way round): the glossary's editors tied them together;
2. pages that bring it up early: the position of its first mention among the terms a page
   mentions (0: the first term the page names, usually in its first sentence) — a page that
   mentions a term at the start is about it, one that reaches it after twenty others mentions
   it in passing;
3. then by title, so the order is stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sized
from dataclasses import dataclass

from termbook.pages import urls
from termbook.pages.jsonld import script_json

SHOWN = 12
"""Mentions a term page lists itself."""


def listed_in_full(mentions: Sized) -> bool:
    """Whether a term's page lists every one of its mentions. If not, the full list is a file
    of its own (`mentions_document`): a file per term that no page fetches would only make a
    large site slower to build and to upload."""
    return len(mentions) <= SHOWN


@dataclass(frozen=True)
class Mention:
    url: str
    """The mentioning page's site path ("terms/dolly/")."""
    title: str
    position: int
    """Index of the term among the terms the page mentions, in order of first appearance."""
    source_slug: str | None = None
    """The mentioning term's slug, when the page is a term page."""


def most_useful(
    mentions: Iterable[Mention], related: Iterable[str], limit: int | None = SHOWN
) -> list[Mention]:
    """``mentions`` in order of usefulness (see the module doc), at most ``limit`` of them."""
    close = set(related)
    ranked = sorted(
        mentions,
        key=lambda m: (m.source_slug not in close, m.position, m.title.casefold(), m.url),
    )
    return ranked if limit is None else ranked[:limit]


def mentions_document(slug: str, ranked: list[Mention]) -> str:
    """``api/mentioned-in/<slug>.json``: every mentioning page, most useful first, each URL
    relative to this file (so it resolves wherever the site is hosted)."""
    here = urls.mentions_api(slug)
    pages = [{"title": m.title, "url": urls.relative(m.url, here)} for m in ranked]
    return script_json({"term": slug, "count": len(pages), "pages": pages}) + "\n"
