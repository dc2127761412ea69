"""Embed cards: chrome-free pages made to sit in an iframe of a training portal.

One card per term (``embed/<slug>/``) and the whole glossary with a filter (``embed/``). A
glossary of more than `EMBED_PAGE_SIZE` terms is split by letter (``embed/a/``, long letters in
parts ``embed/a/2/``), and ``embed/`` lists the letters, so no embed page grows with the glossary. They are
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
from termbook.glossary.validate import letter_slug
from termbook.names import filter_attribute
from termbook.pages import urls
from termbook.pages.plan import chunks
from termbook.pages.site_info import SiteInfo
from termbook.pages.views import asset_link
from termbook.resources import TEMPLATES
from termbook.study import StudySet, study_sets

CARD_TEMPLATE = "termbook/embed/card.html"
INDEX_TEMPLATE = "termbook/embed/index.html"
INDEX_FILE = f"{urls.EMBED}index.html"
PRACTICE_TEMPLATE = "termbook/embed/practice.html"
EMBED_PAGE_SIZE = 100
"""Terms one embed list page holds: each shows its whole definition (about 1 KB)."""


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
        "names": filter_attribute(term.names),
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


def letter_page(letter: str, part: int = 1) -> str:
    """``embed/a/``, ``embed/a/2/``: the slugs of letter pages are reserved for them."""
    return urls.part_page(f"{urls.EMBED}{letter_slug(letter)}/", part)


def render_index(
    env: jinja2.Environment,
    checked: RenderedGlossary,
    site: SiteInfo,
    letter: str | None = None,
    part: int = 1,
) -> str:
    """The whole glossary; split (see the module doc): the letters, or one letter's part."""
    glossary = checked.glossary
    split = len(glossary) > EMBED_PAGE_SIZE
    groups = glossary.by_letter()
    page = letter_page(letter, part) if letter else urls.EMBED
    link = _linker(site, page)
    terms = list(glossary) if not split else []
    runs = []
    if letter is not None:
        runs = chunks(groups[letter], EMBED_PAGE_SIZE)
        terms = runs[part - 1]
    letters = [
        {
            "letter": each,
            "count": len(group),
            "url": urls.relative(letter_page(each), page),
            "current": each == letter,
        }
        for each, group in groups.items()
    ]
    parts = [
        {
            "label": f"{run[0].name} to {run[-1].name}",
            "url": urls.relative(letter_page(letter, number), page),
            "current": number == part,
        }
        for number, run in enumerate(runs, start=1)
        if letter is not None and len(runs) > 1
    ]
    title = site.name if letter is None else f"{site.name}: {letter}"
    return env.get_template(INDEX_TEMPLATE).render(
        page=_page(site, page, title),
        canonical=link(urls.letter_page(letter, part) if letter else urls.TERMS),
        terms=[_term_view(checked.entries[t.slug], link, page) for t in terms],
        letters=letters if split else [],
        parts=parts,
        count=len(groups.get(letter, [])) if letter else len(glossary),
        entry=split and letter is None,
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
    if len(checked.glossary) > EMBED_PAGE_SIZE:
        for letter, terms in checked.glossary.by_letter().items():
            for part in range(1, len(chunks(terms, EMBED_PAGE_SIZE)) + 1):
                path = f"{letter_page(letter, part)}index.html"
                files[path] = partial(render_index, env, checked, site, letter, part)
    return files
