"""Property tests for the cross-linker on generated HTML-ish pages.

Whatever the page: the text a reader sees is unchanged (apart from ``[[...]]`` syntax), no
anchor ends up inside another, markup that was balanced stays balanced, linking twice changes
nothing, and every automatic link's text names the term it points to.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_linker import LINKER

from termbook.linking.linker import Linker, LinkTarget
from termbook.names import INLINE_TAGS, is_unspaced, is_word_char
from termbook.text import resolve_links_html, visible_text

# LINKER: the glossary of the table-driven tests (test_linker.py), one fixture for both files.
VOID = {"br", "img", "hr", "wbr"}
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MENTIONS = [
    "grip",
    "Grip",
    "GRIPS",
    "key grip",
    "Key\nGrip",
    "key&nbsp;grip",
    "dolly",
    "dollies",
    "dolly zoom",
    "vertigo effect",
    "gaffer's",
    "gaffers'",
    "gaffer’s",
    "shot",
    "boxes",
    "AD",
    "ADs",
    "ad",
    "4K",
    "B-Roll",
    "O.S.",
    "director's cut",
    "Director&#8217;s Cut",
    "Hair &amp; Makeup",
    "hair &#38; makeup",
    "mise-en-scène",
    "mise-en-scene",
    "花道",
    "grip tape",
]
WORDS = [
    "gripping",
    "shotgun",
    "snapshot",
    "zooming",
    "the",
    "a",
    "x",
    "key",
    "zoom",
    "hair",
    "4Kx",
    "_grip",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
    "&eacute;",
    "&amp",
    "&",
    "<",
    "この",
    "を",
    "é",
    "\u0301",
]
EXPLICIT = ["[[Grip]]", "[[key grip|the grip]]", "[[Nope]]", "[[Nope|a shot]]", "[[Grip Tape]]"]
SEPARATORS = [" ", " ", " ", "\n", "", ", ", ". ", "-", "-", "‑", "'", "’", "&nbsp;"]


def text_strategy(words: list[str]) -> st.SearchStrategy[str]:
    pieces = st.tuples(st.sampled_from(words), st.sampled_from(SEPARATORS))
    return st.lists(pieces, max_size=8).map(lambda ps: "".join(w + s for w, s in ps))


def wrap(tag: str, children: list[str]) -> str:
    inner = "".join(children)
    if tag == "a":
        return f'<a href="/x?a=1&amp;b=grip">{inner}</a>'
    if tag == "nolink":
        return f'<span class="tb-nolink">{inner}</span>'
    if tag == "comment":
        return f"<!-- {inner.replace('-', '')} -->"
    return f"<{tag}>{inner}</{tag}>"


TAGS = ["p", "div", "b", "em", "span", "a", "code", "pre", "kbd", "h2", "li", "button", "nolink"]
LEAVES = ["<br>", '<img alt="grip shot" src="g.png">', "<hr/>", "<wbr>", "<!-- grip -->"]


def page_strategy(words: list[str]) -> st.SearchStrategy[str]:
    leaf = st.one_of(text_strategy(words), st.sampled_from(LEAVES))
    tree = st.recursive(
        leaf,
        lambda children: st.builds(
            wrap, st.sampled_from([*TAGS, "comment"]), st.lists(children, max_size=4)
        ),
        max_leaves=12,
    )
    return st.lists(tree, max_size=4).map("".join)


PAGES = page_strategy(MENTIONS + WORDS)
PAGES_WITH_SYNTAX = page_strategy(MENTIONS + WORDS + EXPLICIT)
OPTIONS = st.fixed_dictionaries(
    {
        "mode": st.sampled_from(["first", "all"]),
        "current_slug": st.sampled_from([None, "key-grip", "grip", "dolly-zoom"]),
    }
)


class _Reader(HTMLParser):
    """What html.parser sees: visible text, anchor nesting, tag balance, term links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[str] = []
        self.balanced = True
        self.anchor_depth = 0
        self.nested_anchors = 0
        self.links: list[tuple[str, list[str]]] = []
        self._open_links: list[list[str] | None] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a":
            self.nested_anchors += self.anchor_depth > 0
            self.anchor_depth += 1
            values = dict(attrs)
            text: list[str] | None = None
            if values.get("class") == "tb-term":
                text = []
                self.links.append((values["data-term"], text))
            self._open_links.append(text)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.anchor_depth:
            self.anchor_depth -= 1
            self._open_links.pop()
        if tag in VOID:
            return
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open_links and self._open_links[-1] is not None:
            self._open_links[-1].append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)

    @property
    def well_formed(self) -> bool:
        return self.balanced and not self.stack


_SYNTAX = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]*))?\]\]")


def without_syntax(text: str) -> str:
    """Visible text with ``[[target|shown]]`` read as the text it shows."""
    while True:
        new = _SYNTAX.sub(lambda m: m.group(2) if (m.group(2) or "").strip() else m.group(1), text)
        if new == text:
            return text
        text = new


def link(html: str, options: dict) -> str:
    return LINKER.link_html(html, url_for=lambda slug: f"/t/{slug}/", **options).html


@SETTINGS
@given(PAGES, OPTIONS)
def test_visible_text_is_unchanged(page: str, options: dict) -> None:
    assert _Reader(link(page, options)).visible == _Reader(page).visible


@SETTINGS
@given(PAGES_WITH_SYNTAX, OPTIONS)
def test_visible_text_is_unchanged_apart_from_syntax(page: str, options: dict) -> None:
    before = without_syntax(_Reader(page).visible)
    assert without_syntax(_Reader(link(page, options)).visible) == before


@SETTINGS
@given(PAGES_WITH_SYNTAX, OPTIONS)
def test_no_nested_anchors_and_balanced_markup_stays_balanced(page: str, options: dict) -> None:
    source, linked = _Reader(page), _Reader(link(page, options))
    assert linked.nested_anchors == source.nested_anchors
    if source.well_formed:
        assert linked.well_formed


@SETTINGS
@given(PAGES_WITH_SYNTAX, OPTIONS)
def test_idempotent(page: str, options: dict) -> None:
    once = link(page, options)
    assert link(once, options) == once


@SETTINGS
@given(PAGES, OPTIONS)
def test_automatic_links_name_their_term(page: str, options: dict) -> None:
    for slug, text in _Reader(link(page, options)).links:
        assert slug != options["current_slug"]
        assert LINKER.resolve("".join(text)) == slug


_OUR_LINK = re.compile(r'<a class="tb-term" data-term="[^"]*" href="[^"]*">(.*?)</a>', re.S)


@SETTINGS
@given(st.text(alphabet="<>/!-&;#[]|'\"= abgrip花道\n", max_size=60), OPTIONS)
def test_arbitrary_markup_never_crashes_and_only_gains_links(page: str, options: dict) -> None:
    result = LINKER.link_html(page, url_for=lambda slug: f"/t/{slug}/", **options)
    if "[[" not in page:
        assert _OUR_LINK.sub(r"\1", result.html) == page


NOTHING_RESOLVES = Linker([LinkTarget("zzz", ("Zzz",))])
_SYNTAX_WORDS = st.text(alphabet="[]| abgrip\n", max_size=8)
_INLINE_RUNS = st.lists(
    st.tuples(st.sampled_from(["", "b", "em", "span"]), _SYNTAX_WORDS), min_size=1, max_size=6
).map(
    lambda runs: "".join(
        html.escape(w) if not t else f"<{t}>{html.escape(w)}</{t}>" for t, w in runs
    )
)


@SETTINGS
@given(_INLINE_RUNS)
def test_the_site_shows_the_words_plain_text_reads(markup: str) -> None:
    """One parser of ``[[...]]`` (termbook.text.wikilinks), also across inline markup: where
    no target resolves, the page shows exactly the words and the HTML that every other output
    reads (plain text, portable HTML)."""
    page = f"<p>{markup}</p>"
    linked = NOTHING_RESOLVES.link_html(page, url_for=lambda slug: slug).html
    assert " ".join(_Reader(linked).visible.split()) == visible_text(page)
    assert linked == resolve_links_html(page)


HYPHENATED = page_strategy([*MENTIONS, *WORDS, "self", "based", "re-grip", "grip-shot"])
"""Pages whose words are often joined by hyphens (a separator of `text_strategy`) and where
markup splits them."""
HYPHEN_CHARS = "-‐‑"


class _Flow(HTMLParser):
    """The text a reader sees, with a line break at the edge of every element that is not
    inline (word boundaries stop there), and where each term link starts and ends in it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.links: list[tuple[int, int]] = []
        self._open: list[int | None] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a":
            term = dict(attrs).get("class") == "tb-term"
            self._open.append(len(self.text) if term else None)
        if tag not in INLINE_TAGS:
            self.text += "\n"

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            start = self._open.pop()
            if start is not None:
                self.links.append((start, len(self.text)))
        if tag not in INLINE_TAGS:
            self.text += "\n"

    def handle_data(self, data: str) -> None:
        self.text += data


def _inside_compound(text: str, start: int, end: int) -> bool:
    """A link that starts after a word and a hyphen, or ends before a hyphen and a word
    (scripts written without spaces have no word boundaries: a name in one has no such edge)."""
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    joined_before = len(before) == 2 and before[1] in HYPHEN_CHARS and is_word_char(before[0])
    joined_after = len(after) == 2 and after[0] in HYPHEN_CHARS and is_word_char(after[1])
    return (joined_before and not is_unspaced(text[start])) or (
        joined_after and not is_unspaced(text[end - 1])
    )


@SETTINGS
@given(HYPHENATED, OPTIONS)
def test_no_link_starts_or_ends_inside_a_hyphenated_word_that_is_no_name(
    page: str, options: dict
) -> None:
    """ "grip-shot", "re-grip", "self-<b>grip</b>": no link to Grip or Shot begins or ends
    inside such a compound, whatever markup splits it; a hyphenated name (B-Roll,
    Mise-en-scène) is linked whole."""
    flow = _Flow(link(page, options))
    for start, end in flow.links:
        assert not _inside_compound(flow.text, start, end), (flow.text, start, end)
