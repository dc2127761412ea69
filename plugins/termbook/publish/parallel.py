"""Writing the published files, which need nothing from the pages: beside the build.

The embedding kit (API, oEmbed, embed cards, exports) and the share cards are a few files per
term, and each term's full "Mentioned in" list one more. ``write_kit`` and ``write_files`` are
what a child of the build's ``termbook.runner.Runner`` runs while the site engine renders the
pages (or what the build's process runs, when the runner does not fork): same files, same
order, same bytes. A file that cannot be made is a ``PublishError`` naming it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from termbook.glossary.entries import Entry
from termbook.glossary.model import Glossary
from termbook.pages.searchindex import glossary_docs, search_documents
from termbook.publish.card_files import CardCache
from termbook.publish.files import Published, content_of


class PublishError(Exception):
    """The published files could not be written; the message says which and why."""


def write_files(
    files: Mapping[str, Published], site_dir: str | Path, reuse: Path | None = None
) -> None:
    """Make each file's content and write it under ``site_dir``, creating each folder once.

    ``reuse``: the last build's site, set aside (``publish.stale``): a file it holds at the same
    path is moved into place and written over, and so is a folder that holds nothing else,
    rather than made anew (why: ``publish.stale``).
    """
    root = Path(site_dir)
    made: set[Path] = set()
    names = _names_by_folder(files) if reuse is not None else {}
    for path, value in files.items():
        target = root / path
        folder = target.parent
        if folder not in made:
            where = folder.relative_to(root).as_posix()
            old = None if reuse is None or where == "." else reuse / where
            _make_folder(folder, old, names.get(where, set()))
            made.add(folder)
        try:
            content = content_of(value)
            if isinstance(content, Path):
                place(content, target)
                continue
            if reuse is not None:
                _take_back(reuse / path, target)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        except Exception as error:
            raise PublishError(f"{path}: {error}") from error


def _names_by_folder(files: Mapping[str, Published]) -> dict[str, set[str]]:
    """Site folder ("." for the top) → the names of the files written in it."""
    names: dict[str, set[str]] = {}
    for path in files:
        folder, _, name = path.rpartition("/")
        names.setdefault(folder or ".", set()).add(name)
    return names


def _make_folder(folder: Path, old: Path | None, names: set[str]) -> None:
    """``folder`` and its parents; the last build's ``old`` folder moved into its place when
    it holds only files about to be written over (never a stale file, never a subfolder)."""
    if old is not None:
        with contextlib.suppress(OSError):  # gone, not a folder, or the place is taken
            if set(os.listdir(old)) <= names:
                folder.parent.mkdir(parents=True, exist_ok=True)
                os.rename(old, folder)
                return
    folder.mkdir(parents=True, exist_ok=True)


def _take_back(old: Path, target: Path) -> None:
    """Make ``target`` a file of its own, to be written over: the last build's file at
    ``old`` moved here if it is one, and never a file linked elsewhere (a cached card)."""
    with contextlib.suppress(OSError):
        if _own(os.lstat(old)):
            os.rename(old, target)
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(found.st_mode):
        shutil.rmtree(target)
    elif not _own(found):
        target.unlink()


def _own(found: os.stat_result) -> bool:
    """A regular file with no other name: writing over it changes nothing else."""
    return stat.S_ISREG(found.st_mode) and found.st_nlink == 1


def place(source: Path, target: Path) -> None:
    """``source`` (a cached file, never written over: `CardCache`) at ``target``: a hard link
    where the file system allows one, which writes no data; else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: the bytes, then
        shutil.copyfile(source, target)


@dataclass(frozen=True)
class SearchInputs:
    """What the search index's documents for the terms and categories are made from."""

    glossary: Glossary
    entries: Mapping[str, Entry]
    term_urls: Mapping[str, str]
    """Slug → the term page's URL, for the terms that have one."""
    category_urls: Mapping[str, str]
    unindexed: frozenset[str] = frozenset()
    """Words the search never indexes (``pages.searchworker.unindexed_words``)."""


def glossary_search_documents(search: SearchInputs) -> list[dict]:
    """The index documents of the terms and the category pages."""
    terms, pages = glossary_docs(
        search.glossary, search.entries, search.term_urls.get, search.category_urls.get
    )
    return search_documents(terms, pages, search.unindexed)


Kit = tuple[tuple[int, int], list[dict] | None]
"""What ``write_kit`` hands back: the share cards drawn and reused, and the search documents."""


def write_kit(
    files: Mapping[str, Published],
    site_dir: str,
    cards: CardCache,
    search: SearchInputs | None,
    reuse: Path | None = None,
) -> Kit:
    """Write ``files`` (the share cards among them, drawn or read through ``cards``; ``reuse``:
    see `write_files`), then make the search documents (None without ``search``): the costly
    parts that need no page. The card counts come back, as the process that drew the cards
    counted them."""
    write_files(files, site_dir, reuse)
    return cards.counts(), glossary_search_documents(search) if search is not None else None
