"""Text, once: every text output reads one plain-text rule, with [[links]] as their words.

Checked on the real `terms/` folder and on a hostile corpus, through every output that carries
text: the JSON API, every export format, JSON-LD, meta descriptions and search documents.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from termbook.glossary.rendered import RenderedGlossary, check_terms
from termbook.pages.jsonld import defined_term
from termbook.pages.plan import plan_pages
from termbook.pages.searchindex import glossary_docs
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import api_files
from termbook.publish.exports import FORMATS
from termbook.text import (
    plain_text,
    render_markdown,
    resolve_links_html,
    too_complex,
    visible_text,
)
from termbook.text.markdown import sanitize

ROOT = Path(__file__).resolve().parent.parent
SITE = SiteInfo(name="Test Glossary", site_url="https://example.org/glossary/")
ARTEFACT = re.compile(r"\w [,.;:!?)](?=\s|$)")
"""A space before punctuation after a word: what tags replaced by spaces used to leave."""


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("They played it *ad libitum*, twice.", "They played it ad libitum, twice."),
        ("A **bold** move; a _quiet_ one.", "A bold move; a quiet one."),
        ("Use a [[Practical|practical lamp]].", "Use a practical lamp."),
        ("Ask the [[Key Grip]]!", "Ask the Key Grip!"),
        ("[[Key Grip|  ]] stays the target.", "Key Grip stays the target."),
        ("[[a [[b]] c]] nests.", "a b c nests."),
        ("[[[x]]] keeps the outer pair.", "[x] keeps the outer pair."),
        ("[[[[x]] y]] pairs lone brackets.", "x y pairs lone brackets."),
        ("[[Key Grip|the *grip* crew]], all.", "the grip crew, all."),
        ("Code keeps `[[x]]` as written.", "Code keeps [[x]] as written."),
        ("[[`x`|words]] and [[a|`b`]].", "words and b."),
        ("A&amp;R, &lt;b&gt; and &amp;amp; once.", "A&R, <b> and &amp; once."),
        ("<b>Bold</b>, then <em>em</em>.", "Bold, then em."),
        ("See [the site](https://example.org).", "See the site."),
        ("- one\n- two\n\nAfter.", "one two After."),
        ("| a | b |\n|---|---|\n| c | d |", "a b c d"),
        ("First.\n\nSecond.", "First. Second."),
    ],
)
def test_plain_text_is_what_a_reader_sees(markdown, text):
    assert plain_text(markdown) == text


def test_blocks_can_be_kept_as_lines():
    html = render_markdown("First *one*.\n\n- two\n- three").html
    assert visible_text(html, lines=True) == "First one.\ntwo\nthree"


def test_malformed_link_syntax_stays_as_the_site_shows_it():
    assert plain_text("[[|x]] and [[open") == "[[|x]] and [[open"


_WORD = st.text("abcdefghij", min_size=1, max_size=6)
_MARKUP = st.sampled_from(
    ["{}", "*{}*", "**{}**", "_{}_", "[[Target|{}]]", "[[{}]]", "[{}](https://x.org)",
     "<b>{}</b>", "<em>{}</em>"]
)  # fmt: skip
_AFTER = st.sampled_from([" ", ", ", ". ", "; ", ": ", "! ", "? "])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_MARKUP, _WORD, _AFTER), min_size=1, max_size=12))
def test_markup_next_to_punctuation_leaves_no_space_and_no_brackets(parts):
    markdown = "".join(shape.format(word) + after for shape, word, after in parts)
    expected = " ".join("".join(word + after for _, word, after in parts).split())
    assert plain_text(markdown) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="[]|ab *_<>&;#\n", max_size=80))
def test_any_input_gives_one_line_and_no_link_left_unresolved(markdown):
    text = plain_text(markdown)
    assert "\n" not in text and text == " ".join(text.split())
    assert not re.search(r"\[\[[^\[\]|]+(\|[^\[\]]*)?\]\]", text), text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="[]|ab *_`<>/&;#\n", max_size=80))
def test_portable_html_stays_clean_markup_and_reads_as_the_plain_text(markdown):
    rendered = render_markdown(markdown)
    portable = resolve_links_html(rendered.html)
    assert sanitize(portable).html == portable  # tags kept whole and balanced
    assert visible_text(portable) == rendered.text


# ------------------------------------------------------------------- every output of a glossary

HOSTILE = {
    "brackets": "A [[Practical|practical lamp]], [[a [[b]] c]] and [[Key Grip|the *grip*]].",
    "html": 'An <abbr title="x">AD</abbr>, <b>bold</b>; <span>span</span>.',
    "entities": "A&amp;R &amp;amp; &lt;b&gt; &#91;&#91;x]] &quot;q&quot;.",
    "emphasis": "*ad libitum*, **forte**; _piano_: `code`.",
    "links": "[site](https://example.org), <https://example.org>.",
    "lists": "- one, *two*\n- [[Key Grip]]\n\n1. first\n2. second",
    "long": "The key grip sets a *flag*, then a [[Key Grip|grip]]. " * 2_000,
}


def _term(name: str, markdown: str) -> str:
    return json.dumps(
        {
            "term": name,
            "definition": markdown,
            "examples": [markdown[:2_000]],
            "trivia": [markdown[:2_000]],
            "categories": ["Crew"],
        }
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> RenderedGlossary:
    folder = tmp_path_factory.mktemp("hostile")
    terms = folder / "terms"
    terms.mkdir()
    (terms / "key-grip.yaml").write_text(_term("Key Grip", "Runs the grips."), encoding="utf-8")
    for slug, markdown in HOSTILE.items():
        (terms / f"{slug}.yaml").write_text(_term(slug.title(), markdown), encoding="utf-8")
    return check_terms(terms, folder, dates=False)


@pytest.fixture(scope="module")
def real() -> RenderedGlossary:
    return check_terms(ROOT / "terms", ROOT, dates=False)


def _texts_of_json(data, html: bool = False) -> list[str]:
    """Every string in JSON; HTML ones (keys ending ``_html``) as the text a reader sees."""
    if isinstance(data, str):
        return [visible_text(data) if html else data]
    if isinstance(data, dict):
        return [
            t for key, value in data.items() for t in _texts_of_json(value, key.endswith("_html"))
        ]
    if isinstance(data, list):
        return [text for item in data for text in _texts_of_json(item, html)]
    return []


def _texts_of_xml(content: bytes) -> list[str]:
    root = etree.fromstring(content)
    texts = []
    for node in root.iter():
        for text in (node.text, *node.attrib.values()):
            if text and text.strip():
                texts.append(visible_text(text) if "<" in text else text)
    return texts


def _texts_of_file(name: str, content: str | bytes) -> list[str]:
    raw = content.encode() if isinstance(content, str) else content
    if name.endswith((".zip", ".apkg")) or raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return [
                text
                for member in archive.namelist()
                if member.endswith((".json", ".xml", ".csv", ".html"))
                for text in _texts_of_file(member, archive.read(member))
            ]
    if name.endswith(".ttl"):
        graph = rdflib.Graph().parse(data=raw.decode(), format="turtle")
        return [str(o) for o in graph.objects() if isinstance(o, rdflib.Literal)]
    if name.endswith(".json"):
        return _texts_of_json(json.loads(raw))
    if name.endswith(".csv"):
        return [cell for row in csv.reader(io.StringIO(raw.decode())) for cell in row]
    if name.endswith(".html"):
        return [visible_text(raw.decode())]
    if name.endswith((".xml", ".tbx", ".rdf")) or raw.lstrip().startswith(b"<"):
        return _texts_of_xml(raw)
    return [raw.decode()]


def _outputs(checked: RenderedGlossary) -> dict[str, list[str]]:
    """Every text each output gives, by output."""
    found = {path: _texts_of_json(json.loads(text)) for path, text in api_files(checked, SITE).items()
             if path.endswith(".json") and "schema" not in path}  # fmt: skip
    for fmt in FORMATS.values():
        found[fmt.filename] = _texts_of_file(fmt.filename, fmt.render(checked, SITE))
    set_data = {"name": SITE.name}
    found["json-ld"] = [
        text
        for entry in checked.entries.values()
        for text in _texts_of_json(defined_term(entry, "", set_data))
    ]
    found["meta descriptions"] = [
        p.description for p in plan_pages(checked.glossary, checked.entries)
    ]
    terms, pages = glossary_docs(checked.glossary, checked.entries, lambda s: s, lambda s: s)
    found["search"] = [doc.summary for doc in [*terms, *pages]]
    return found


@pytest.mark.parametrize("corpus", ["real", "hostile"])
def test_no_output_carries_link_brackets_or_stray_spaces(corpus, request):
    checked = request.getfixturevalue(corpus)
    outputs = _outputs(checked)
    assert len(outputs) > 5
    for output, texts in outputs.items():
        for text in texts:
            assert "[[" not in text, (output, text[:200])
            assert not ARTEFACT.search(text), (output, ARTEFACT.search(text), text[:200])


def test_the_real_terms_have_no_stray_link_syntax(real):
    assert not [p for p in real.problems if p.code == "unclosed-link"]


@pytest.mark.parametrize(
    "markdown", ["open [[Key Grip", "[[|x]] empty", "[[a [[b]] c", "[[a]b]] inside"]
)
def test_brackets_that_form_no_link_are_reported_with_file_and_line(markdown, tmp_path):
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "broken.yaml").write_text(
        "term: Broken\ncategories: [Crew]\ndefinition: Fine, `[[code]]` too.\nexamples:\n"
        f"  - {json.dumps(markdown)}\n",
        encoding="utf-8",
    )
    checked = check_terms(terms, tmp_path, dates=False)
    found = [
        (p.path, p.line, p.severity.value) for p in checked.problems if p.code == "unclosed-link"
    ]
    assert found == [("terms/broken.yaml", 5, "warning")]


def test_the_real_practical_lamp_reads_as_its_words(real):
    entry = real.entries["three-point-lighting"]
    assert any("practical lamp" in text for text in entry.examples_text)
    assert any("practical lamp" in html for html in entry.portable_examples)
    assert not any("[[" in html for html in entry.portable_examples)
    assert any("[[Practical|practical lamp]]" in html for html in entry.examples)  # the site's


# ------------------------------------------------------------------------- render time by shape

PROSE = (
    "The key grip shapes light with flags, nets and silks; the *gaffer* lights the set and "
    "the best boy keeps the cable tidy. A **dolly** moves on [[Track|track]]. "
)


def _yaml_block(text: str) -> str:
    return "".join(f"  {line}\n" if line else "\n" for line in text.split("\n"))


def test_two_hundred_kilobytes_of_ordinary_prose_build(tmp_path):
    paragraph = PROSE * 8
    prose = "\n\n".join([paragraph] * (200_000 // len(paragraph) + 1))
    assert len(prose) > 200_000 and too_complex(prose) is None
    assert too_complex(PROSE * 1_200) is None  # even as one paragraph of 190 KB
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "long.yaml").write_text(
        "term: Long\ncategories: [Crew]\ndefinition: |\n" + _yaml_block(prose), encoding="utf-8"
    )
    checked = check_terms(terms, tmp_path, dates=False)
    assert not [p for p in checked.problems if p.severity.value == "error"]
    assert checked.entries["long"].definition_text.startswith("The key grip shapes")
    assert checked.entries["long"].words > 30_000


SLOW_SHAPES = {
    "unmatched [": "[" * 100 + PROSE * 100,
    "unclosed <tag": "<a b=" * 200 + PROSE * 100,
    "dense paragraph": "*a* " * 7_000,
    "dense field": "\n\n".join(["*a* _b_ `c`"] * 5_000),
    "deep quotes": ">" * 150 + " a",
    "deep lists": "\n".join("    " * level + "- a" for level in range(40)),
    "far-closing brackets": "[a " * 1_000 + "] " * 1_000,
}


@pytest.mark.parametrize("shape", SLOW_SHAPES)
def test_each_slow_shape_is_refused_quickly_with_file_and_line(shape, tmp_path):
    markdown = SLOW_SHAPES[shape]
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "slow.yaml").write_text(
        "term: Slow\ncategories: [Crew]\ndefinition: Fine.\ntrivia: |\n" + _yaml_block(markdown),
        encoding="utf-8",
    )
    started = time.perf_counter()
    checked = check_terms(terms, tmp_path, dates=False)
    elapsed = time.perf_counter() - started
    refused = [p for p in checked.problems if p.code == "markdown-too-complex"]
    assert [(p.path, p.line) for p in refused] == [("terms/slow.yaml", 4)], checked.problems
    assert elapsed < 10, "rendered instead of refused: the unrefused shape takes minutes"
