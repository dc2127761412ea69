"""What a reader sees of a rendered Markdown field, as plain text; ``[[...]]`` as its words.

Every output that needs text (API, exports, JSON-LD, meta descriptions, search, previews) reads
it from here, so they agree: inline markup leaves no space behind ("*ad libitum*," is
"ad libitum,"), blocks are separated, character references are decoded exactly once, and an
explicit link ``[[Target|shown words]]`` is its shown words, as on the site. Code keeps its
brackets: the site shows `[[x]]` in code as written, and so does the text.

Works on sanitised HTML (``termbook.text.markdown``), never on Markdown source: what is code,
what is a block and what is an entity has then been decided once, by the Markdown renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

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
_BRACKET = re.compile(r"\[\[(?!\[)|\]\]|[\[\]]")
"""``[[`` opens (the last of a run: ``[[[x]]]`` is ``[`` and ``[[x]]``), ``]]`` closes; a lone
bracket spoils the link around it, as in the linker's ``[[target|shown]]`` syntax."""
_HTML_PIECE = re.compile(
    r"(?P<code><(?P<name>pre|code|kbd)\b[^>]*>.*?</(?P=name)>)|(?P<tag><(?P<tname>/?[a-zA-Z0-9]*)[^>]*>)",
    re.S,
)


@dataclass
class _Opaque:
    """A piece kept as it is (a tag, code); ``breaks`` if no link can span it (a block edge)."""

    text: str
    breaks: bool = False
    whole: bool = False
    """Self-contained (code with its tags): dropped with a link's target, not kept."""


Piece = str | _Opaque


def resolve_links(pieces: list[Piece]) -> list[Piece]:
    """Explicit links ``[[Target]]``/``[[Target|shown]]`` in text pieces → their shown words.

    Innermost first, as if resolved again and again (``[[a [[b]] c]]`` is "a b c"), in one
    pass. Opaque pieces inside a link are kept (so HTML stays balanced); only the brackets,
    the target and its ``|`` go. What does not form a link is left as written.
    """
    out: list[Piece] = []
    opened: list[list] = []  # [index in out of the "[[" marker, spoiled]
    for piece in pieces:
        if isinstance(piece, _Opaque):
            if piece.breaks:
                for frame in opened:
                    frame[1] = True
            out.append(piece)
            continue
        last = 0
        for match in _BRACKET.finditer(piece):
            if match.start() > last:
                out.append(piece[last : match.start()])
            last = match.end()
            token = match.group()
            if token == "[[":
                opened.append([len(out), False])
                out.append(token)
            elif token == "]]" and opened:
                start, spoiled = opened.pop()
                shown = None if spoiled else _shown(out[start + 1 :])
                if shown is None:
                    out.append(token)
                    if opened:
                        opened[-1][1] = True
                else:
                    del out[start:]
                    out.extend(shown)
            else:
                out.append(token)
                if opened:
                    opened[-1][1] = True
        if last < len(piece):
            out.append(piece[last:])
    return out


def _shown(content: list[Piece]) -> list[Piece] | None:
    """The pieces a resolved link shows, or None when ``content`` is no link target."""
    target: list[Piece] = []
    shown: list[Piece] | None = None
    for index, piece in enumerate(content):
        if shown is None and isinstance(piece, str) and "|" in piece:
            before, after = piece.split("|", 1)
            target.append(before)
            shown = [after, *content[index + 1 :]]
            break
        target.append(piece)
    if not _words(target):
        return None
    if shown is None or not _words(shown).strip():
        return target
    return [p for p in target if isinstance(p, _Opaque) and not p.whole] + shown


def _words(pieces: list[Piece]) -> str:
    """The text of pieces that a reader sees as words (text and code, not tags or edges)."""
    return "".join(p if isinstance(p, str) else p.text if p.whole else "" for p in pieces)


def resolve_links_html(fragment: str) -> str:
    """Sanitised HTML with every explicit link replaced by its shown words (markup kept).

    For HTML that leaves the site (API, embed cards, Moodle): there is no page linker there to
    turn ``[[...]]`` into a link, and raw brackets are no reader's text.
    """
    if "[[" not in fragment:
        return fragment
    return "".join(
        p.text if isinstance(p, _Opaque) else p for p in resolve_links(_html_pieces(fragment))
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
        pieces.append(_Opaque(match.group(), breaks=edge, whole=code))
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
    parts = [p.text if isinstance(p, _Opaque) else p for p in resolve_links(reader.pieces)]
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
            self.pieces.append(_Opaque("\n", breaks=True))
        elif tag in CELL_TAGS:
            self.pieces.append(_Opaque(" ", breaks=True))

    def handle_data(self, data: str) -> None:
        self.pieces.append(_Opaque(data, whole=True) if self._code else data)
