"""Property tests: generated hostile input never crashes the core and never becomes markup.

- loader and validator: any bytes, YAML-ish text or generated YAML document ends in reported
  problems or a valid Term, never in another exception;
- sanitiser: generated HTML and Markdown full of scripts, event handlers and obfuscated URLs
  come out with none of them, the output is a fixed point, and well-formed attempts are reported;
- linker: term names full of markup characters never add markup beyond its own links.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termbook.glossary.entries import render_entry
from termbook.glossary.validate import TERM_KEYS, validate_term
from termbook.glossary.yamlload import load_bytes, load_text
from termbook.linking.linker import Linker, LinkTarget
from termbook.names.folding import is_valid_slug
from termbook.text.markdown import ALLOWED_TAGS, render_markdown, sanitize

EXAMPLES = int(os.environ.get("TERMBOOK_FUZZ_EXAMPLES", "300"))
"""Examples per property; raise it for a long run (docs/fuzzing.md)."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- what "safe HTML" means ------------------------------------------------------------------

_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


class _Elements(HTMLParser):
    """Start tags with their attributes, and the text, as a browser-like parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def elements(fragment: str) -> _Elements:
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser


def url_scheme(value: str) -> str:
    """The scheme a browser sees (WHATWG URL parsing): entities decoded, C0 controls and
    spaces trimmed at both ends, tabs and newlines removed anywhere."""
    cleaned = html.unescape(value).strip("".join(map(chr, range(0x21))))
    found = _SCHEME.match(re.sub("[\t\n\r]", "", cleaned).lower())
    return found.group(1) if found else ""


def assert_safe(fragment: str, extra_tags: frozenset[str] = frozenset()) -> None:
    for tag, attrs in elements(fragment).tags:
        assert tag in ALLOWED_TAGS | extra_tags, (tag, fragment)
        for name, value in attrs:
            assert not name.startswith("on"), (name, fragment)
            assert name != "style", fragment
            if name in ("href", "src"):
                assert url_scheme(value or "") in {"", *_SAFE_SCHEMES}, (value, fragment)
    lowered = fragment.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<svg" not in lowered


# -- hostile HTML and Markdown ---------------------------------------------------------------

DANGEROUS_TAGS = [
    "script", "svg", "math", "iframe", "object", "embed", "style", "form", "input", "button",
    "base", "meta", "link", "template", "noscript", "textarea", "title", "xmp", "video",
    "audio", "source", "details", "select", "frameset", "isindex", "image",
]  # fmt: skip
SAFE_TAGS = sorted(ALLOWED_TAGS)
HANDLERS = ["onerror", "onclick", "ONLOAD", "onMouseOver", "onfocus", "ontoggle", "onbegin"]
BAD_URLS = [
    "javascript:window.__pwned=1",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#10;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "javascript&colon;alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "DaTa:text/html;base64,PHNjcmlwdD4=",
]
GOOD_URLS = ["https://example.org/a?b=1&c=2", "http://x.test/", "mailto:a@b.test", "/r", "#f"]
JUNK = ["<", ">", "</", '"', "'", "<!--", "-->", "--!>", "<![CDATA[", "]]>", "&", "&#", "=", "`"]
UNQUOTED_STOP = re.compile("[\\s\"'=<>`]")
"""What ends or breaks an unquoted attribute value."""
TEXT = st.text(alphabet="abc xyz<>&\"'=/;:#", max_size=12)


URL_ATTRIBUTES = ["href", "src", "formaction", "xlink:href", "srcset"]


def _attribute(text: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[str, bool]]:
    """`` name=value`` and whether it is an attempt (a handler, a style, an unsafe URL)."""
    name = st.sampled_from([*HANDLERS, *URL_ATTRIBUTES, "style", "title", "alt"])
    value = st.one_of(st.sampled_from(BAD_URLS + GOOD_URLS), text)
    quote = st.sampled_from(['"', "'", ""])

    def build(name: str, value: str, quote: str) -> tuple[str, bool]:
        written = value if quote else re.sub(UNQUOTED_STOP, "", value) or "x"
        attempt = (
            name in HANDLERS or name == "style" or (name in URL_ATTRIBUTES and value in BAD_URLS)
        )
        return f" {name}={quote}{written}{quote}", attempt

    return st.builds(build, name, value, quote)


def _element(
    children: st.SearchStrategy[tuple[str, bool]], text: st.SearchStrategy[str]
) -> st.SearchStrategy[tuple[str, bool]]:
    tag = st.sampled_from(DANGEROUS_TAGS + SAFE_TAGS)
    case = st.sampled_from([str.lower, str.upper, str.title])
    attrs = st.lists(_attribute(text), max_size=3)

    def build(tag, case, attrs, inner) -> tuple[str, bool]:
        markup = f"<{case(tag)}{''.join(a for a, _ in attrs)}>{inner[0]}</{case(tag)}>"
        attempt = tag in DANGEROUS_TAGS or any(bad for _, bad in attrs) or inner[1]
        return markup, attempt

    return st.builds(build, tag, case, attrs, children)


def _joined(parts: list[tuple[str, bool]]) -> tuple[str, bool]:
    return "".join(p for p, _ in parts), any(bad for _, bad in parts)


def _markup(leaves: st.SearchStrategy[str], text: st.SearchStrategy[str], size: int):
    return st.recursive(
        leaves.map(lambda leaf: (leaf, False)),
        lambda inner: st.one_of(_element(inner, text), st.lists(inner, max_size=4).map(_joined)),
        max_leaves=size,
    )


WELL_FORMED = _markup(TEXT.map(html.escape), TEXT.map(html.escape), 12)
"""Markup a contributor could write on purpose: (html, whether it holds an attempt)."""
HOSTILE = _markup(st.one_of(TEXT, st.sampled_from(JUNK)), TEXT, 16).map(lambda m: m[0])
"""Anything, broken markup included."""
MARKDOWN = st.lists(
    st.one_of(
        HOSTILE,
        st.builds("[{}]({})".format, TEXT, st.sampled_from(BAD_URLS + GOOD_URLS)),
        st.builds("![{}]({})".format, TEXT, st.sampled_from(BAD_URLS + GOOD_URLS)),
        st.builds("<{}>".format, st.sampled_from(BAD_URLS + GOOD_URLS)),
        st.builds("[{0}][r]\n\n[r]: {1}\n".format, TEXT, st.sampled_from(BAD_URLS)),
        st.sampled_from(["\n\n", "    code\n", "```\n<script>\n```\n", "| a |\n|--:|\n| b |\n"]),
    ),
    max_size=6,
).map("".join)


@FUZZ
@given(HOSTILE)
def test_sanitised_html_has_no_script_handler_or_unsafe_url(fragment):
    clean = sanitize(fragment).html
    assert_safe(clean)
    assert sanitize(clean).html == clean
    assert sanitize(clean).removed == []


@FUZZ
@given(WELL_FORMED)
def test_every_well_formed_attempt_is_reported(markup):
    fragment, attempt = markup
    result = sanitize(fragment)
    assert_safe(result.html)
    if attempt:
        assert result.removed, fragment


@FUZZ
@given(MARKDOWN)
def test_rendered_markdown_is_safe_and_stable(text):
    rendered = render_markdown(text)
    assert_safe(rendered.html)
    assert sanitize(rendered.html).html == rendered.html


# -- the loader and the validator ------------------------------------------------------------


def assert_problems_or_term(raw: bytes | str) -> None:
    if isinstance(raw, bytes):
        doc, problems = load_bytes(raw, "t.yaml")
    else:
        doc, problems = load_text(raw, "t.yaml")
    assert all(p.path == "t.yaml" and p.line >= 1 and p.column >= 1 for p in problems)
    if problems:
        assert all(p.is_error for p in problems)
        return
    term, problems = validate_term(doc)
    assert (term is None) == bool(problems), problems
    if term is not None:
        assert term.name.strip() and term.categories and term.definition
        assert is_valid_slug(term.slug)
        assert all(isinstance(a, str) for a in (*term.aliases, *term.categories, *term.examples))
        entry, _ = render_entry(term)
        for part in (entry.definition, *entry.examples, *entry.trivia):
            assert_safe(part)


YAMLISH = st.text(
    alphabet=st.sampled_from(
        [*list("term:definitoncaegrs-[]{},&*!|>'\"#%@`?\n\t \\x0"), "\r", "\x00", "é", "\u2028"]
    ),
    max_size=200,
)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_give_problems_or_a_term(raw):
    assert_problems_or_term(raw)


@FUZZ
@given(YAMLISH)
def test_any_yaml_like_text_gives_problems_or_a_term(text):
    assert_problems_or_term(text)


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(["", " ", "<script>alert(1)</script>", "[x](javascript:alert(1))"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["src", "alt", "title", "url", "x"]), inner, max_size=3),
    ),
    max_leaves=10,
)
TERM_LIKE = st.dictionaries(
    st.sampled_from([*TERM_KEYS, "Term", "definiton", "x"]), VALUES, max_size=8
) | st.fixed_dictionaries(
    {
        "term": st.text(min_size=1, max_size=20),
        "categories": st.lists(st.text(min_size=1, max_size=10), min_size=1, max_size=3),
        "definition": MARKDOWN,
    },
    optional={"aliases": st.lists(st.text(max_size=10), max_size=3), "trivia": MARKDOWN},
)


@FUZZ
@given(TERM_LIKE, st.booleans(), st.sampled_from([None, False, True]))
def test_generated_term_documents_give_problems_or_a_valid_term(data, unicode, flow):
    text = yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=flow)
    assert_problems_or_term(text)
    assert_problems_or_term(text.encode("utf-8"))


# -- the linker ------------------------------------------------------------------------------

NAMES = st.text(alphabet="ab <>&\"';#x", min_size=2, max_size=8).filter(lambda n: n.strip())


def _url_for(slug: str) -> str:
    return f"../{slug}/?q=<&>"


@FUZZ
@given(
    st.lists(NAMES, min_size=1, max_size=4, unique=True),
    st.lists(
        st.one_of(NAMES, TEXT, st.sampled_from(["<b>", "</b>", " ", "[[", "]]", "|"])), max_size=10
    ),
    st.sampled_from(["first", "all"]),
)
def test_linked_html_adds_only_its_own_links(names, pieces, mode):
    linker = Linker(LinkTarget(f"t{i}", (name,)) for i, name in enumerate(names))
    page = render_markdown("".join(pieces)).html
    linked = linker.link_html(page, url_for=_url_for, mode=mode).html
    before, after = elements(page), elements(linked)
    links = [attrs for tag, attrs in after.tags if tag == "a" and ("class", "tb-term") in attrs]
    for attrs in links:
        slug = dict(attrs)["data-term"]
        assert attrs == [("class", "tb-term"), ("data-term", slug), ("href", _url_for(slug))]
    kept = [t for t in after.tags if not (t[0] == "a" and ("class", "tb-term") in t[1])]
    assert kept == before.tags
    if "[[" not in page:
        assert "".join(after.text) == "".join(before.text)
    assert_safe(linked)
