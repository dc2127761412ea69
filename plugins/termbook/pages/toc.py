"""A generated page's table of contents, read from the HTML its template rendered.

The template decides which sections a page has; reading them back (rather than keeping a list
beside the template) means an overridden template can add, drop or rename sections and the
table of contents follows.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from itertools import pairwise

_SECTION = re.compile(r"<section\b", re.IGNORECASE)
_H2_END = re.compile(r"</h2\s*>", re.IGNORECASE)


class _Sections(HTMLParser):
    """Each ``<section id=...>`` with the text of its first ``<h2>``, at any depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._pending: str | None = None
        self._title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self._pending = dict(attrs).get("id") or None
        elif tag == "h2" and self._pending is not None:
            self._title = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._title is not None and self._pending is not None:
            title = " ".join("".join(self._title).split())
            if title:
                self.found.append((self._pending, title))
            self._pending = self._title = None

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)


def sections(html: str) -> list[tuple[str, str]]:
    """(id, heading) of every titled section, in page order.

    Only what lies between a ``<section`` and the end of the first ``</h2>`` after it can give
    a heading, so only that is parsed: a term page's body (definition, examples, trivia) is
    skipped, which is most of the page and, for every page of a large glossary, most of the
    time this takes."""
    parser = _Sections()
    starts = [found.start() for found in _SECTION.finditer(html)]
    for start, stop in pairwise([*starts, len(html)]):
        heading_end = _H2_END.search(html, start, stop)
        parser.feed(html[start : heading_end.end() if heading_end else stop])
    parser.close()
    return parser.found
