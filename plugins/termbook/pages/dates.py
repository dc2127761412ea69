"""The date each page last changed, from its sources: what the sitemap shows as `lastmod`.

MkDocs stamps every page with the day of the build, so two builds of one commit on different
days differ (the sitemap, and the gzip header of sitemap.xml.gz). A page's content changes only
when its sources change: a term page with its term file, a category page or the A–Z index with
the newest of their terms, an article with its Markdown file (all from git, see `gitdates`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from termbook.glossary.gitdates import last_updated
from termbook.glossary.model import Glossary
from termbook.pages.plan import PageKind, PlannedPage


def planned_page_dates(pages: Iterable[PlannedPage], glossary: Glossary) -> dict[str, datetime]:
    """Source path of each generated page → the newest date of the terms it shows."""

    def newest(slugs: Iterable[str]) -> datetime | None:
        stamps = [glossary.terms[s].updated for s in slugs if s in glossary.terms]
        return max((s for s in stamps if s is not None), default=None)

    every_term = newest(glossary.terms)
    dates: dict[str, datetime | None] = {}
    for page in pages:
        if page.kind is PageKind.TERM:
            dates[page.src_uri] = newest([page.key])
        elif page.kind is PageKind.CATEGORY and page.key in glossary.categories:
            dates[page.src_uri] = newest(glossary.categories[page.key].terms)
        else:
            dates[page.src_uri] = every_term
    return {uri: stamp for uri, stamp in dates.items() if stamp is not None}


def source_file_dates(sources: dict[str, Path], folder: Path) -> dict[str, datetime]:
    """Source path → last commit date of the file (its mtime outside git), in one git call."""
    stamps = last_updated(sources.values(), folder)
    return {
        uri: stamps[path.resolve()] for uri, path in sources.items() if path.resolve() in stamps
    }
