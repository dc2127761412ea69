"""What a reader sees of a rendered Markdown field, as plain text; ``[[...]]`` as its words.

Every output that needs text (API, exports, JSON-LD, meta descriptions, search, previews) reads
it from here, so they agree: inline markup leaves no space behind ("*ad libitum*," is
"ad libitum,"), blocks are separated, character references are decoded exactly once, and an
explicit link ``[[Target|shown words]]`` is its shown words, as on the site (one parser of the
syntax, ``termbook.text.wikilinks``). Code keeps its brackets: the site shows `[[x]]` in code as
written, and so does the text.

Works on sanitised HTML (``termbook.text.markdown``), never on Markdown source: what is code,
what is a block and what is an entity has then been decided once, by the Markdown renderer.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from termbook.text.wikilinks import Opaque, Piece, resolve_links

BLOCK_TAGS = {
    "address", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "table", "tbody", "tfoot", "thead",
    "tr", "ul",
}  # fmt: skip
"""Elements a reader sees as separate lines: their edges are line breaks."""
CELL_TAGS = frozenset(("td", "th"))
"""Table cells: side by side, so their edges are spaces."""
CODE_TAGS = frozenset(("code", "pre", "kbd"))
"""Text shown as written: ``[[x]]`` inside stays brackets."""
_HTML_PIECE = re.compile(
    r"(?P<code><(?P<name>pre|code|kbd)\b[^>]*>.*?</(?P=name)>)|(?P<tag><(?P<tname>/?[a-zA-Z0-9]*)[^>]*>)",
    re.S,
)


def resolve_links_html(fragment: str) -> str:
    """Sanitised HTML with every explicit link replaced by its shown words (markup kept).

    For HTML that leaves the site (API, embed cards, Moodle): there is no page linker there to
    turn ``[[...]]`` into a link, and raw brackets are no reader's text.
    """
    if "[[" not in fragment:
        return fragment
    return "".join(
        p.text if isinstance(p, Opaque) else p for p in resolve_links(_html_pieces(fragment))
    )


def _html_pieces(fragment: str) -> list[Piece]:
    """Sanitised HTML as text pieces and opaque ones (tags; code with its tags, whole)."""
    pieces: list[Piece] = []
    last = 0
    for match in _HTML_PIECE.finditer(fragment):
        if match.start() > last:
            pieces.append(fragment[last : match.start()])
        last = match.end()
        name = (match.group("tname") or "").lstrip("/").lower()
        code = match.group("code") is not None
        edge = not code and name in BLOCK_TAGS | CELL_TAGS
        pieces.append(Opaque(match.group(), breaks=edge, whole=code))
    pieces.append(fragment[last:])
    return pieces


def stray_link_syntax(fragment: str) -> str | None:
    """The first ``[[`` of sanitised HTML that forms no link (outside code), with what follows:
    the site, the API and every export would show it as raw brackets."""
    if "[[" not in fragment:
        return None
    pieces = [p for p in resolve_links(_html_pieces(fragment)) if isinstance(p, str)]
    text = "".join(pieces)
    found = text.find("[[")
    return None if found < 0 else text[found : found + 30]


def visible_text(fragment: str, *, lines: bool = False) -> str:
    """The text a reader sees in sanitised HTML, explicit links as their shown words.

    One line by default (previews, meta tags, JSON-LD, export fields); with ``lines`` each
    block (paragraph, list item, row) on its own line.
    """
    reader = _TextReader()
    reader.feed(fragment)
    reader.close()
    parts = [p.text if isinstance(p, Opaque) else p for p in resolve_links(reader.pieces)]
    text = "".join(parts)
    if not lines:
        return " ".join(text.split())
    found = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in found if line)


class _TextReader(HTMLParser):
    """Text of sanitised HTML in pieces: plain text, code (opaque) and block edges."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # every reference decoded once, here
        self.pieces: list[Piece] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in CODE_TAGS:
            self._code += 1
        self._edge(tag)
        if tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.pieces.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in CODE_TAGS and self._code:
            self._code -= 1
        self._edge(tag)

    def _edge(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.pieces.append(Opaque("\n", breaks=True))
        elif tag in CELL_TAGS:
            self.pieces.append(Opaque(" ", breaks=True))
        else:  # an inline edge: a link may span it, the two brackets of "[[" may not
            self.pieces.append(Opaque(""))

    def handle_data(self, data: str) -> None:
        self.pieces.append(Opaque(data, whole=True) if self._code else data)
