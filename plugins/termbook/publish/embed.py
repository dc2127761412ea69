"""Embed cards: chrome-free pages made to sit in an iframe of a training portal.

One card per term (``embed/<slug>/``) and the whole glossary with a filter (``embed/``). They are
rendered without the site engine, by a small Jinja environment with autoescape on, because a
card must look the same whatever theme the site uses and must never carry a term's text as
markup. A site can override the templates by passing its own template folder first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from termbook.glossary.entries import Entry
from termbook.glossary.rendered import RenderedGlossary
from termbook.names.folding import normalize_name
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.pages.views import asset_link
from termbook.resources import TEMPLATES
from termbook.study import StudySet, study_sets

CARD_TEMPLATE = "termbook/embed/card.html"
INDEX_TEMPLATE = "termbook/embed/index.html"
INDEX_FILE = f"{urls.EMBED}index.html"
PRACTICE_TEMPLATE = "termbook/embed/practice.html"


def embed_environment(template_dirs: Sequence[str | Path] = ()) -> jinja2.Environment:
    """Jinja with autoescape always on; ``template_dirs`` come before the package's templates."""
    folders = [str(d) for d in template_dirs if d] + [str(TEMPLATES)]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def card_file(slug: str) -> str:
    return f"{urls.embed_page(slug)}index.html"


def _linker(site: SiteInfo, page: str) -> Callable[[str], str]:
    """Links out of an embed page: absolute with a site_url (the card lives in someone else's
    page), else relative to the embed page on the same host."""

    def link(target: str) -> str:
        return urls.absolute(site.site_url, target) or urls.relative(target, page)

    return link


def _page(site: SiteInfo, page: str, title: str) -> dict[str, Any]:
    """What every embed page needs: its title, the site's name and its assets."""
    return {
        "title": title,
        "site_name": site.name,
        "assets": urls.relative(urls.ASSETS, page),
        "home_url": _linker(site, page)(""),
    }


def _term_view(entry: Entry, link: Callable[[str], str], page: str) -> dict[str, Any]:
    """A term for a card; its picture is the card's own resource, on the card's host."""
    term = entry.term
    return {
        "slug": term.slug,
        "name": term.name,
        "aliases": list(term.aliases),
        "definition": entry.portable_definition,
        "summary": entry.summary,
        "image": {
            "src": asset_link(term.image.src, lambda path: urls.relative(path, page)),
            "alt": term.image.alt,
        }
        if term.image
        else None,
        "url": link(urls.term_page(term.slug)),
        "names": "|".join(normalize_name(n) for n in term.names),
    }


def render_card(env: jinja2.Environment, entry: Entry, site: SiteInfo) -> str:
    page = urls.embed_page(entry.term.slug)
    link = _linker(site, page)
    view = _term_view(entry, link, page)
    return env.get_template(CARD_TEMPLATE).render(
        page=_page(site, page, f"{entry.term.name} · {site.name}"),
        canonical=view["url"],
        term=view,
    )


def render_index(env: jinja2.Environment, checked: RenderedGlossary, site: SiteInfo) -> str:
    page = urls.EMBED
    link = _linker(site, page)
    terms = [_term_view(checked.entries[t.slug], link, page) for t in checked.glossary]
    return env.get_template(INDEX_TEMPLATE).render(
        page=_page(site, page, site.name),
        canonical=link(urls.TERMS),
        terms=terms,
    )


def render_practice(env: jinja2.Environment, study: StudySet, site: SiteInfo) -> str:
    """A set's flashcards and quiz as a card; its questions come from the site's data file."""
    page = urls.embed_practice(study.key)
    title = f"Practice: {study.title}" if study.key else "Practice"
    return env.get_template(PRACTICE_TEMPLATE).render(
        page=_page(site, page, f"{title} · {site.name}"),
        canonical=_linker(site, page)(urls.practice_page(study.key)),
        practice={
            "title": title,
            "key": study.key,
            "mode": "",
            "data_url": urls.relative(urls.practice_data(study.key), page),
            "page_url": _linker(site, page)(urls.practice_page(study.key)),
        },
    )


def embed_files(
    checked: RenderedGlossary,
    site: SiteInfo,
    template_dirs: Sequence[str | Path] = (),
    study: list[StudySet] | None = None,
) -> dict[str, Callable[[], str]]:
    """Site path → a function that renders that embed page (called when the file is written).

    ``study``: the build's practice sets, when already made (else made here)."""
    env = embed_environment(template_dirs)
    files: dict[str, Callable[[], str]] = {
        card_file(slug): partial(render_card, env, entry, site)
        for slug, entry in checked.entries.items()
    }
    files[INDEX_FILE] = partial(render_index, env, checked, site)
    if study is None:
        study = study_sets(checked.glossary, checked.entries)
    for practice in study:
        path = urls.embed_practice(practice.key) + "index.html"
        files.setdefault(path, partial(render_practice, env, practice, site))
    return files
