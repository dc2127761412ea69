"""The HTML side of the linker: tokens, protected regions and character references.

One compiled regex splits the page into tags, comments and text; nothing is re-serialised, so
everything the linker does not touch stays byte-identical. Malformed markup never raises: an
unterminated tag or comment swallows the rest of the page as opaque markup, which at worst
means fewer links.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

from termbook.names import HYPHENS, INLINE_TAGS
from termbook.text import Piece

TEXT, START, END, OPAQUE = range(4)


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


# Regions where nothing is linked (LITERAL) or only explicit [[...]] links are (NOAUTO).
NONE, NOAUTO, LITERAL = range(3)
# <label> and <summary> are clickable: a link inside would steal the click (tabs, details).
LITERAL_TAGS = _tags(
    "a button code kbd pre samp svg math select option label summary textarea script style title "
    "iframe noembed noframes noscript xmp plaintext"
)
NOAUTO_TAGS = _tags("h1 h2 h3 h4 h5 h6")
NOLINK_CLASS = "tb-nolink"
RAWTEXT_TAGS = _tags("script style textarea title iframe noembed noframes noscript xmp plaintext")
FOREIGN_TAGS = frozenset(("svg", "math"))
VOID_TAGS = _tags("area base br col embed hr img input keygen link meta param source track wbr")

_MARKUP = re.compile(
    r"""
    <!--(?:-?>|.*?(?:--!?>|\Z))                      # comment (<!--> and <!---> are empty)
  | <[!?][^>]*(?:>|\Z)                               # doctype, CDATA, processing instruction
  | </(?:>|[^A-Za-z>][^>]*(?:>|\Z))                  # bogus end tag
  | <(?P<close>/?)(?P<name>[A-Za-z][^\t\n\f\r />]*)  # tag
      (?P<attrs>(?:"[^"]*"|'[^']*'|[^>"'])*>|[^>]*(?:>|\Z))
    """,
    re.S | re.X,
)
_CLASS = re.compile(r"""(?:^|[\s"'/])class\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_DATA_TERM = re.compile(r"""(?:^|[\s"'/])data-term\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_RAW_END: dict[str, re.Pattern[str]] = {}


class Token(NamedTuple):
    kind: int
    start: int
    end: int
    name: str = ""
    attrs: str = ""


def tokenize(page: str) -> list[Token]:
    """Text, start/end tags and opaque runs (comments, raw text of script/style/...)."""
    tokens: list[Token] = []
    pos, size = 0, len(page)
    search = _MARKUP.search
    while pos < size:
        match = search(page, pos)
        if match is None:
            tokens.append(Token(TEXT, pos, size))
            break
        start, end = match.span()
        if start > pos:
            tokens.append(Token(TEXT, pos, start))
        pos = end
        name = match.group("name")
        if name is None or not page.endswith(">", 0, end):
            tokens.append(Token(OPAQUE, start, end))
            continue
        name = name.lower()
        if match.group("close"):
            tokens.append(Token(END, start, end, name))
            continue
        tokens.append(Token(START, start, end, name, match.group("attrs")))
        if name in RAWTEXT_TAGS:
            pos = _raw_text_end(page, name, end)
            if pos > end:
                tokens.append(Token(OPAQUE, end, pos))
    return tokens


def _raw_text_end(page: str, name: str, pos: int) -> int:
    """Where the raw text of ``<script>`` and the like ends: at its end tag, or the page's end."""
    if name == "plaintext":
        return len(page)
    pattern = _RAW_END.get(name)
    if pattern is None:
        pattern = _RAW_END[name] = re.compile(rf"</{name}[\t\n\f\r />]", re.I)
    match = pattern.search(page, pos)
    return match.start() if match else len(page)


def attr_value(pattern: re.Pattern[str], attrs: str) -> str | None:
    match = pattern.search(attrs)
    if match is None:
        return None
    return html.unescape(next(g for g in match.groups() if g is not None))


def has_class(attrs: str, name: str) -> bool:
    if name not in attrs:
        return False
    value = attr_value(_CLASS, attrs)
    return value is not None and name in value.split()


def existing_term(token: Token) -> str | None:
    """The slug of an ``<a class="tb-term" data-term=...>`` already on the page."""
    if token.name != "a" or "tb-term" not in token.attrs or not has_class(token.attrs, "tb-term"):
        return None
    return attr_value(_DATA_TERM, token.attrs)


class Regions:
    """Which protected elements enclose the current position.

    A stack of [tag, kind, depth]: depth counts nested same-name tags so that
    ``<div class="tb-nolink"><div></div>grip</div>`` stays protected to its real end. An end
    tag closes the innermost open element of its name and anything opened inside it, the way
    a browser recovers from misnested markup; an element that is never closed protects the
    rest of the page.
    """

    def __init__(self) -> None:
        self._stack: list[list] = []
        self.level = NONE

    def start(self, token: Token) -> None:
        name = token.name
        if name in VOID_TAGS or (name in FOREIGN_TAGS and token.attrs.endswith("/>")):
            return
        if name in LITERAL_TAGS or has_class(token.attrs, NOLINK_CLASS):
            self._push(name, LITERAL)
        elif name in NOAUTO_TAGS:
            self._push(name, NOAUTO)
        else:
            for entry in reversed(self._stack):
                if entry[0] == name:
                    entry[2] += 1
                    break

    def end(self, token: Token) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            entry = self._stack[index]
            if entry[0] == token.name:
                entry[2] -= 1
                if entry[2] == 0:
                    del self._stack[index:]
                    self.level = max((e[1] for e in self._stack), default=NONE)
                return

    def _push(self, name: str, kind: int) -> None:
        self._stack.append([name, kind, 1])
        self.level = max(self.level, kind)


def unescape_map(raw: str) -> tuple[str, list[int]]:
    """The text a reader sees, and for each of its positions the position in ``raw``.

    Names are matched on the unescaped text (so ``Hair &amp; Makeup`` is "Hair & Makeup" and
    no name can match inside ``&amp;``); links are inserted at the mapped positions, which
    always fall between whole character references.
    """
    parts: list[str] = []
    where: list[int] = []
    last = 0
    for match in _CHARREF.finditer(raw):
        start, end = match.span()
        parts.append(raw[last:start])
        where.extend(range(last, start))
        ref = match.group()
        text = html.unescape(ref)
        keep = _common_suffix(ref, text)
        head = text[: len(text) - keep]
        parts.append(head)
        where.extend([start] * len(head))
        parts.append(ref[len(ref) - keep :])
        where.extend(range(end - keep, end))
        last = end
    parts.append(raw[last:])
    where.extend(range(last, len(raw) + 1))
    return "".join(parts), where


def _common_suffix(ref: str, text: str) -> int:
    """How much of a reference was kept literally (``&ampx`` reads ``&x``: ``x`` is kept)."""
    if ref == text:
        return len(ref)
    keep = 0
    limit = min(len(ref), len(text)) - 1
    while keep < limit and ref[-1 - keep] == text[-1 - keep]:
        keep += 1
    return keep


CONTEXT = 2
"""How many characters next to a run of text word boundaries read at most: a hyphen and the
word beyond it ("self-<b>service</b>" is one compound); one, when it is not a hyphen."""


def context(chars: str, forward: bool) -> str:
    """What of the characters next to a run of text its word boundaries read: the nearest one,
    and the one beyond it when the nearest is a hyphen (a match must not run on into more)."""
    near = chars[:1] if forward else chars[-1:]
    if near and near in HYPHENS:
        return chars[:CONTEXT] if forward else chars[-CONTEXT:]
    return near


def first_chars(raw: str) -> str:
    """The characters a reader sees first in a run of HTML text, as :func:`context` reads them."""
    first = raw[:1]
    if first == "&":
        first = html.unescape(raw[:40])[:1]
    if first not in HYPHENS or not first:
        return first
    return context(html.unescape(raw[: 40 * CONTEXT]) if "&" in raw[:CONTEXT] else raw, True)


def last_chars(raw: str) -> str:
    """The characters a reader sees last in a run of HTML text, as :func:`context` reads them."""
    amp = raw.rfind("&", max(0, len(raw) - 40))
    last = raw[-1:] if amp < 0 else html.unescape(raw[amp:])[-1:]
    if last not in HYPHENS or not last:
        return last
    window = raw[-40 * CONTEXT :]
    return context(html.unescape(window) if "&" in window else window, False)


def tail(before: str, raw: str) -> str:
    """What a reader sees last once ``raw`` follows text that ended in ``before``."""
    last = last_chars(raw)
    return last if len(last) == CONTEXT or last not in HYPHENS else context(before + last, False)


WHOLE_TAGS = frozenset(("code", "kbd", "samp"))
"""Inline code: inside a run of words as a whole (its text is a target's or link's words)."""


def closing_tag(tokens: list[Token], start: int) -> int | None:
    """The index of the end tag closing ``tokens[start]`` when only text stands between."""
    name = tokens[start].name
    for position in range(start + 1, min(len(tokens), start + 3)):
        token = tokens[position]
        if token.kind == END and token.name == name:
            return position
        if token.kind != TEXT:
            return None
    return None


def joins_words(token: Token) -> bool:
    """An inline tag that neither protects what it holds nor ends a run of words."""
    return (
        token.name in INLINE_TAGS
        and token.name not in LITERAL_TAGS
        and not has_class(token.attrs, NOLINK_CLASS)
    )


_TAG_NAME = re.compile(r"<(/?)([A-Za-z][^\t\n\f\r />]*)")


def balanced(pieces: list[Piece]) -> bool:
    """Whether the tags among ``pieces`` close what they open, in order (void tags aside)."""
    stack: list[str] = []
    for piece in pieces:
        if isinstance(piece, str) or not piece.text or piece.whole:
            continue
        match = _TAG_NAME.match(piece.text)
        if match is None:
            continue  # a comment
        name = match.group(2).lower()
        if name in VOID_TAGS or piece.text.endswith("/>"):
            continue
        if not match.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack
