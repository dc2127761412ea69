"""A generated page's table of contents, read from the HTML its template rendered.

The template decides which sections a page has; reading them back (rather than keeping a list
beside the template) means an overridden template can add, drop or rename sections and the
table of contents follows.
"""

from __future__ import annotations

from html.parser import HTMLParser


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
    """(id, heading) of every titled section, in page order."""
    parser = _Sections()
    parser.feed(html)
    parser.close()
    return parser.found
