"""Markdown from term files to safe HTML, and to plain text for exports and previews.

Term files come from strangers' pull requests and end up inside other organisations' portals,
so their Markdown goes through an allow-list sanitiser (nh3) and whatever it strips is reported,
with the field's place, so that `--strict` can stop a pull request that tries.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

import markdown
import nh3

from termbook.text.complexity import too_complex
from termbook.text.plain import visible_text

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
GENERIC_ATTRIBUTES = {"title", "lang"}
"""Allowed on every element (nh3's default, stated so that the report agrees with nh3)."""
URL_SCHEMES = {"http", "https", "mailto"}
_REMOVE_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript"}
_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
"""No "smarty": curly quotes would double the cost of rendering every definition."""
_EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}
"""Table alignment as `align`, not `style`: a `style` attribute is then always the author's."""
_QUIET_ATTRIBUTES = {"class", "id", "rel"}
"""Stripped without a report: Markdown writes them (code languages), nh3 sets `rel` itself."""
_local = threading.local()


@dataclass
class Rendered:
    html: str
    removed: list[str] = field(default_factory=list)
    """What the sanitiser took out, described for a contributor ("<script> element")."""

    @cached_property
    def text(self) -> str:
        """What a reader sees, as one line of plain text (see ``termbook.text.plain``)."""
        return visible_text(self.html)


def _converter() -> markdown.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = markdown.Markdown(
            extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html"
        )
    return converter.reset()


def sanitize(fragment: str) -> Rendered:
    """Keep only the allow-listed markup of an HTML fragment and say what went."""
    finder = _UnsafeFinder()
    finder.feed(fragment)
    finder.close()
    clean = _clean(fragment)
    for _ in range(3):
        # nh3 can serialise a tree that parses back differently (`<h3><h3></h3></h3>`): clean
        # until stable, so the markup we publish is the DOM a browser builds from it.
        again = _clean(clean)
        if again == clean:
            break
        clean = again
    return Rendered(clean, finder.found)


def _clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        clean_content_tags=_REMOVE_WITH_CONTENT,
        attributes={**ALLOWED_ATTRIBUTES, "*": GENERIC_ATTRIBUTES},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def markdown_html(text: str) -> str:
    """Safe HTML for an optional Markdown text (a category description): "" when there is none."""
    return render_markdown(text).html if text else ""


def render_markdown(text: str) -> Rendered:
    """Markdown → sanitised HTML; refused Markdown is shown as escaped text (and reported)."""
    reason = too_complex(text)
    if reason is None:
        try:
            return sanitize(_converter().convert(text))
        except RecursionError:
            reason = "is nested too deeply to render"
    return Rendered(f"<p>{html.escape(text)}</p>", [f"Markdown that {reason}"])


def render_inline(text: str) -> Rendered:
    """Markdown for a one-line place (an example's lead-in): no wrapping ``<p>``."""
    rendered = render_markdown(text)
    stripped = rendered.html.strip()
    if stripped.startswith("<p>") and stripped.endswith("</p>") and stripped.count("<p>") == 1:
        rendered.html = stripped[3:-4]
    return rendered


def plain_text(text: str) -> str:
    """Markdown → the plain text a reader would see: the one rule for every text output.

    Outputs that have the field's :class:`Rendered` (an ``Entry``) read its ``text`` instead
    of rendering again.
    """
    return render_markdown(text).text if text else ""


_TAG_START = re.compile(r"<[A-Za-z/!?]")


class _UnsafeFinder(HTMLParser):
    """Lists what the allow-list will remove, so the removal can be reported, not silent."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # raw text: `&lt;b` is text, `<b` is not
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        # A tag this parser could not read (`<script x=":=">`) reaches us as text, while a
        # browser (and nh3) may well read it as a tag: report it, so it is not removed silently.
        tag = _TAG_START.search(data)
        if tag and self.cdata_elem is None:
            self.found.append(f"malformed markup '{data[tag.start() :][:30]}'")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}> element")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | GENERIC_ATTRIBUTES
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event handler attribute '{name}' on <{tag}>")
            elif tag in ALLOWED_TAGS and name not in allowed | _QUIET_ATTRIBUTES:
                self.found.append(f"attribute '{name}' on <{tag}>")
            elif name in ("href", "src") and value and not _safe_url(value):
                self.found.append(f"unsafe URL '{value[:40]}' in {name} of <{tag}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        # Browsers and nh3 end comments where Python's parser does not (`--!>`): a comment
        # could hide markup from this report, so comments are reported themselves.
        self.found.append("an HTML comment")

    def handle_decl(self, decl: str) -> None:
        self.found.append(f"a <!{decl.split(' ')[0][:20]}> declaration")

    def handle_pi(self, data: str) -> None:
        self.found.append("a <?...> processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.found.append("a <![...]> section")


_URL_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _safe_url(url: str) -> bool:
    """The scheme as a browser reads it (WHATWG URL: outer controls and spaces trimmed, tabs
    and newlines removed anywhere) is allowed: ``" java\tscript:"`` is `javascript:`."""
    cleaned = url.strip("".join(map(chr, range(0x21)))).translate({9: None, 10: None, 13: None})
    found = _URL_SCHEME.match(cleaned)
    return not found or found.group(1).lower() in URL_SCHEMES
