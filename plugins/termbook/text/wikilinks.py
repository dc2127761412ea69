"""The explicit link syntax ``[[Target]]`` and ``[[Target|shown words]]``, parsed in one place.

The site's linker (``termbook.linking``) turns a link into an ``<a>``; plain text
(``termbook.text.plain``) keeps its shown words. Both read the syntax through
:func:`resolve_links`, so what forms a link, what its target and its words are, and how links
nest are decided once (``docs/reference/term-files.md``):

- ``[[`` opens (the last of a run: ``[[[x]]]`` is ``[`` and ``[[x]]``), ``]]`` closes, and a lone
  bracket inside spoils the link around it;
- the target is what stands before the first ``|``, the shown words what follows; no shown
  words (or only spaces) show the target; a target without words is no link;
- links resolve innermost first, and again and again while the words they leave form new
  links (``[[a [[b]] c]]`` is "a b c", ``[[[[b]] c]]`` too), so resolving twice changes nothing
  (up to :data:`MAX_PASSES` deep: deeper nesting keeps its outer brackets, never takes long).

The parser works on pieces: text, and :class:`Opaque` pieces it keeps as they are (tags, code).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Opaque", "Piece", "WikiLink", "resolve_links", "shown_words"]

_BRACKET = re.compile(r"\[\[(?!\[)|\]\]|[\[\]]")
MAX_PASSES = 8
"""Passes over a text at the most: links nested deeper than this many runs of lone brackets
(``[[[[[[x]]…``) keep their outer brackets, so hostile input costs at most this many scans."""


@dataclass
class Opaque:
    """A piece kept as it is (a tag, code, a made link); ``breaks`` if no link can span it."""

    text: str
    breaks: bool = False
    whole: bool = False
    """Self-contained (code with its tags): words of a target, dropped with it."""
    words: str | None = None
    """The words a reader sees in a whole piece, when they are not its text (its tags)."""


Piece = str | Opaque


@dataclass(frozen=True)
class WikiLink:
    """One explicit link as written: its target's pieces and the pieces it shows."""

    target: list[Piece]
    shown: list[Piece]
    """The shown words' pieces, or the target's when none are given."""
    given: bool
    """Whether shown words were given (``[[Target|words]]``)."""
    written: str
    """What stood between the brackets, as text (``Target|words``), for reports."""
    pieces: list[Piece]
    """What stood between the brackets, as pieces: the link as written is ``[[`` these ``]]``."""

    @property
    def target_text(self) -> str:
        """The target as text (tags left out, code kept): what the link's target names."""
        return _words(self.target)


Replace = Callable[[WikiLink], list[Piece]]
"""What a link becomes: the pieces put in its place. A piece that ``breaks`` spoils the links
around it (a link inside a link cannot be); text is read again by the links around it."""


def shown_words(link: WikiLink) -> list[Piece]:
    """A link as the words it shows, its target's tags kept so that HTML stays balanced."""
    if not link.given:
        return link.target
    return [p for p in link.target if isinstance(p, Opaque) and not p.whole] + link.shown


def resolve_links(pieces: list[Piece], replace: Replace = shown_words) -> list[Piece]:
    """Every explicit link in ``pieces`` → ``replace(link)``, innermost first, then again on
    the result while links were replaced (lone brackets may pair with the words left).

    Opaque pieces inside a link are kept in its target or words; one that ``breaks`` (a block
    edge) spoils the links open around it. What does not form a link is left as written.
    """
    for _ in range(MAX_PASSES):
        pieces, replaced = _one_pass(pieces, replace)
        if not replaced:
            break
        pieces = _joined_text(pieces)
    return pieces


def _joined_text(pieces: list[Piece]) -> list[Piece]:
    """Adjacent text pieces as one, so that brackets a pass left apart are read together."""
    out: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str) and out and isinstance(out[-1], str):
            out[-1] += piece
        elif piece != "":
            out.append(piece)
    return out


def _one_pass(pieces: list[Piece], replace: Replace) -> tuple[list[Piece], bool]:
    replaced = False
    out: list[Piece] = []
    opened: list[list] = []  # [index in out of the "[[" marker, spoiled]
    for piece in pieces:
        if isinstance(piece, Opaque):
            _spoil(opened, piece)
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
                link = None if spoiled else _parse(out[start + 1 :])
                if link is None:
                    out.append(token)
                    if opened:
                        opened[-1][1] = True
                else:
                    replaced = True
                    del out[start:]
                    for made in replace(link):
                        if isinstance(made, Opaque):
                            _spoil(opened, made)
                        out.append(made)
            else:
                out.append(token)
                if opened:
                    opened[-1][1] = True
        if last < len(piece):
            out.append(piece[last:])
    return out, replaced and "[[" in "".join(p for p in out if isinstance(p, str))


def _spoil(opened: list[list], piece: Opaque) -> None:
    if piece.breaks:
        for frame in opened:
            frame[1] = True


def _parse(content: list[Piece]) -> WikiLink | None:
    """The link ``content`` (what stood between ``[[`` and ``]]``) makes, or None."""
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
    written = _words(content)
    if shown is None or not _words(shown).strip():
        return WikiLink(target, target, given=False, written=written, pieces=content)
    return WikiLink(target, shown, given=True, written=written, pieces=content)


def _words(pieces: list[Piece]) -> str:
    """The text of pieces that a reader sees as words (text and code, not tags or edges)."""
    return "".join(p if isinstance(p, str) else _whole_words(p) for p in pieces)


def _whole_words(piece: Opaque) -> str:
    if not piece.whole:
        return ""
    return piece.text if piece.words is None else piece.words
