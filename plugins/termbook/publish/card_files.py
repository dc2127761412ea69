"""Share card files for a site: one per term and one for every other page, kept in a cache.

The cache is a folder of PNGs named by `card_key`, the hash of everything a card draws: a
rebuild with nothing changed reads every card back and draws none; a changed definition,
picture, colour, font or renderer version draws that card again.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from termbook.glossary.entries import Entry
from termbook.glossary.images import image_path
from termbook.glossary.rendered import RenderedGlossary
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.cards import Card, CardFonts, card_key, draw_card, find_fonts
from termbook.publish.palette import CardStyle

DEFAULT_CACHE = ".cache/termbook/cards"
"""Below the project root, beside mkdocs.yml (git-ignored)."""


@dataclass
class CardCache:
    """PNG cards by content hash in ``folder`` (None: no cache, every card is drawn)."""

    folder: Path | None
    drawn: int = 0
    reused: int = 0

    def counts(self) -> tuple[int, int]:
        """Cards drawn and cards read back, as the process that made them counted."""
        return self.drawn, self.reused

    def png(self, card: Card, style: CardStyle, fonts: CardFonts) -> bytes:
        """The card's PNG bytes."""
        made = self.file(card, style, fonts)
        return made.read_bytes() if isinstance(made, Path) else made

    def file(self, card: Card, style: CardStyle, fonts: CardFonts) -> Path | bytes:
        """The card's file in the cache, drawn and stored first if it is new; its bytes when
        there is no cache. A site links the cached file in rather than writing its bytes
        again (`publish.files.Content`): 2,000 cards are 55 MB a build would otherwise write."""
        key = card_key(card, style, fonts)
        path = self.folder / key[:2] / f"{key}.png" if self.folder else None
        if path is not None and path.is_file():
            self.reused += 1
            return path
        data = draw_card(card, style, fonts)
        self.drawn += 1
        if path is None:
            return data
        _write_atomically(path, data)
        return path


def _write_atomically(path: Path, data: bytes) -> None:
    """Two builds sharing a cache never read half a card, and a site that links a card keeps
    the card it linked: a new card is a new file, never the old one written over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def site_host(site: SiteInfo) -> str:
    """The footer of every card: the site's host and path, or nothing without a site_url."""
    if not site.site_url:
        return ""
    parts = urlsplit(site.site_url)
    return (parts.netloc + parts.path).rstrip("/")


def read_image(docs_dir: Path | None, src: str) -> bytes | None:
    """A term's picture for its card: only a local file below the docs folder (never fetched)."""
    if docs_dir is None:
        return None
    path = image_path(docs_dir, src)
    try:
        return path.read_bytes() if path is not None and path.is_file() else None
    except OSError:
        return None


def term_card(entry: Entry, site: SiteInfo, docs_dir: Path | None) -> Card:
    """A term's card: its name, the start of its definition and its picture."""
    term = entry.term
    image = read_image(docs_dir, term.image.src) if term.image else None
    return Card(term.name, entry.definition_text, site.name, site_host(site), image)


def site_card(site: SiteInfo, description: str, count: int) -> Card:
    """The card of the home page, the A–Z index, categories and articles."""
    text = description or f"A dictionary of {count:,} terms."
    return Card(site.name, text, f"{count:,} terms", site_host(site))


def card_files(
    checked: RenderedGlossary,
    site: SiteInfo,
    style: CardStyle,
    cache: CardCache,
    *,
    docs_dir: Path | None,
    description: str = "",
    fonts: CardFonts | None = None,
) -> dict[str, Callable[[], Path | bytes]]:
    """Site path → a function that makes that card (called when the file is written): its file
    in the cache, or its bytes without a cache."""
    fonts = fonts or find_fonts()
    files: dict[str, Callable[[], Path | bytes]] = {
        urls.term_card(slug): partial(_term_png, entry, site, docs_dir, style, fonts, cache)
        for slug, entry in checked.entries.items()
    }
    card = site_card(site, description, len(checked.glossary))
    files[urls.SITE_CARD] = partial(cache.file, card, style, fonts)
    return files


def _term_png(
    entry: Entry,
    site: SiteInfo,
    docs_dir: Path | None,
    style: CardStyle,
    fonts: CardFonts,
    cache: CardCache,
) -> Path | bytes:
    return cache.file(term_card(entry, site, docs_dir), style, fonts)
