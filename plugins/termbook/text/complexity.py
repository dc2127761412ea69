"""Markdown refused before rendering because of its shape, not its length.

Python-Markdown renders 200 KB of ordinary prose in a fraction of a second, but a few shapes
make it slow far beyond their size: an unmatched ``[`` rescans the rest of its paragraph, an
unclosed ``<tag`` the rest of the text, and every inline construct costs about a thousand
times a plain character, more still when thousands share one paragraph. Each limit below
bounds one of these costs, measured by ``benchmarks/bench_markdown_shapes.py``: the worst
accepted field of each shape renders within a few times 200 KB of ordinary prose (1 to 5 times,
about a second at most), where unlimited it would take minutes; the checks run in linear time.
"""

from __future__ import annotations

import re

MAX_MARKDOWN_CHARS = 1_000_000
"""An absolute cap, four times a whole term file: beyond the shapes, size alone costs time."""
MAX_LINK_SCAN = 1_000_000
"""Characters the link parser may rescan: each ``[`` costs the distance to its matching ``]``,
or to its paragraph's end when nothing closes it (500 unmatched ``[`` before 200 KB took a
minute)."""
MAX_TAG_SCAN = 2_000_000
"""Characters the HTML parser may rescan: each ``<`` that could open a tag costs the distance
to the next ``>``, or to the end of the text (200 ``<a`` before 200 KB took seven seconds)."""
MAX_MARKUP = 24_000
"""Weighted markup in one field: a link's ``](`` counts 4 (5 with its ``[``), a list item or
quote mark 3 (plus a quarter of its nesting depth), a ``<`` or a hard line break 2, each ``[``,
``*``, ``_``, `````, ``&`` and ``\\`` 1: each weight is a mark's measured cost."""
MAX_PARAGRAPH_MARKUP = 12_000
"""Inline constructs in one paragraph cost more the more of them it holds (their square)."""
MAX_PARAGRAPH_COST = 2_000_000_000
"""Marks times characters in one paragraph: each construct also rescans its paragraph, so
190 KB of prose in one paragraph (about 10,000 marks) renders, 1 MB of it does not."""
MAX_NESTING = 100
"""Characters of nesting before a line (``>``, spaces, list markers): deeper nesting
recurses once per level and overflows Python's stack near a thousand."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_LINK_BRACKET = re.compile(r"[\[\]]")
_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")
_MARKUP = re.compile(r"\][(\[]|[*_`&\\\[]|<| {2,}\n")
_NESTING = re.compile(r"^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])+", re.M)
_WEIGHT = {"](": 4, "][": 4, "<": 2}
_BLOCK_MARK = re.compile(r">|[-*+][ \t]|\d{1,9}[.)][ \t]")


def too_complex(text: str) -> str | None:
    """Why Markdown is refused before rendering (it would take too long), or None."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return f"is {len(text):,} characters long; at most {MAX_MARKDOWN_CHARS:,} are rendered"
    for check in (_nesting, _markup, _link_scan, _tag_scan):
        reason = check(text)
        if reason is not None:
            return reason
    return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Start and end of each run of lines without a blank line between them."""
    bounds, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _line(text: str, index: int) -> str:
    """Where in the field a shape starts, for the contributor to find it."""
    return f" (line {text.count(chr(10), 0, index) + 1} of the field)"


def _nesting(text: str) -> str | None:
    for match in _NESTING.finditer(text):
        if len(match.group()) > MAX_NESTING:
            return (
                f"nests {len(match.group())} characters of quotes, lists or indentation before "
                f"a line{_line(text, match.start())}; at most {MAX_NESTING} are rendered"
            )
    return None


def _markup(text: str) -> str | None:
    total = 0
    for start, end in _paragraphs(text):
        weight = sum(
            _WEIGHT.get(mark.group(), 2 if mark.group()[0] == " " else 1)
            for mark in _MARKUP.finditer(text, start, end)
        ) + sum(_block_weight(prefix.group()) for prefix in _NESTING.finditer(text, start, end))
        if weight > MAX_PARAGRAPH_MARKUP or weight * (end - start) > MAX_PARAGRAPH_COST:
            return (
                f"holds a paragraph too dense to render quickly{_line(text, start)}: "
                f"{weight:,} weighted marks of markup in {end - start:,} characters "
                f"(at most {MAX_PARAGRAPH_MARKUP:,}, and at most "
                f"{MAX_PARAGRAPH_COST:,} marks times characters); split it with blank lines"
            )
        total += weight
    if total > MAX_MARKUP:
        return (
            f"holds {total:,} weighted marks of markup; at most {MAX_MARKUP:,} are "
            "rendered (a Markdown link counts 5, a list item or quote mark 3, a tag "
            "or hard line break 2, `*`, `_`, `` ` ``, `&`, `\\` and any other `[` 1)"
        )
    return None


def _block_weight(prefix: str) -> int:
    """A list item or quoted line: 3 for each of its quote and list marks, plus its depth (a
    list item is parsed again at each level it is nested in); plain indentation is free."""
    marks = len(_BLOCK_MARK.findall(prefix))
    return 3 * marks + len(prefix) // 4 if marks else 0


def _link_scan(text: str) -> str | None:
    cost = 0
    for start, end in _paragraphs(text):
        opened: list[int] = []
        for match in _LINK_BRACKET.finditer(text, start, end):
            if match.group() == "[":
                opened.append(match.start())
            elif opened:
                cost += match.start() - opened.pop()
        cost += sum(end - position for position in opened)
        if cost > MAX_LINK_SCAN:
            first = opened[0] if opened else start
            return (
                f"holds '[' that nothing closes or that close far away{_line(text, first)}: "
                f"rendering would rescan {cost:,} characters, at most {MAX_LINK_SCAN:,} are "
                "allowed (write a lone bracket as \\[)"
            )
    return None


def _tag_scan(text: str) -> str | None:
    cost = 0
    closes = [index for index, char in enumerate(text) if char == ">"] if "<" in text else []
    following = 0
    for match in _TAG_OPEN.finditer(text):
        while following < len(closes) and closes[following] < match.start():
            following += 1
        end = closes[following] if following < len(closes) else len(text)
        cost += end - match.start()
        if cost > MAX_TAG_SCAN:
            return (
                f"holds '<' that no '>' closes{_line(text, match.start())}: rendering would "
                f"rescan {cost:,} characters, at most {MAX_TAG_SCAN:,} are allowed "
                "(write a lone '<' as &lt;)"
            )
    return None
