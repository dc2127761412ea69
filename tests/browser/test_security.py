"""Hostile term files in every field, and nothing of them runs anywhere in Chromium.

One glossary is built whose term files carry script, event handlers, `javascript:` links,
`</script>`, `"><img onerror>` and a Jinja expression in every field (name, aliases,
categories, definition, examples, trivia, related, image, sources, category description). Each
payload would set ``window.__pwned`` (or open a dialog) if it ran. The term pages, the A–Z
index, the categories, the home page, an article, the search, the embed cards, an oEmbed
snippet and a portal page running the widget are opened, hovered and typed into; afterwards no
page has ``window.__pwned``, no dialog, no element with an event-handler attribute and no
script element carrying a payload. The strict build of the same files fails, naming each field
by file and line, and the exports carry the payloads as inert text.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from pathlib import Path

import pytest
from lxml import etree
from mkdocs.exceptions import Abort
from playwright.sync_api import Page

from projects import run_build

REPO = Path(__file__).resolve().parents[2]


def payload(tag: str) -> str:
    """Text that runs script (setting ``window.__pwned`` to ``tag``) wherever it becomes markup."""
    return (
        f"<script>window.__pwned='{tag}'</script>"
        f'"><img src=x onerror="window.__pwned=\'{tag}\'">'
        f"</script><script>window.__pwned='{tag}'</script>"
        f"<svg onload=alert('{tag}')></svg>"
        f"' onmouseover='window.__pwned=1' x='"
        f"&lt;/title&gt;&lt;script&gt;window.__pwned='{tag}'&lt;/script&gt;"
        " tpl{{ 7*7 }}tpl"
    )


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(text)


EVIL_NAME = "Evil " + payload("name")
OTHER_NAME = "Other " + payload("other")
CATEGORY = "Category " + payload("category")
LINKS = (
    " [a link](javascript:window.__pwned='md-link') "
    "<a href=\" JaVa&#x09;ScRiPt&colon;window.__pwned='a'\">another</a> "
    "<a href='data:text/html,<script>alert(1)</script>'>data</a>"
)
EVIL_LINES = [
    f"term: {q(EVIL_NAME)}",
    "slug: evil",
    f"aliases: [{q('Alias ' + payload('alias'))}, Villain]",
    f"categories: [{q(CATEGORY)}]",
    f"definition: {q('Definition ' + payload('definition') + LINKS)}",
    f"examples: [{q('Example ' + payload('example'))}]",
    f"trivia: {q('Trivia ' + payload('trivia'))}",
    f"related: [{q(OTHER_NAME)}]",
    f"image: {{src: \"pic.svg?a='onerror='window.__pwned=1\", alt: {q('Alt ' + payload('alt'))}}}",
    "sources: ["
    f"{{title: {q('Source ' + payload('source'))}, "
    "url: \"https://example.org/?q='onmouseover='window.__pwned=1\"}]",
]
"""The hostile term file, one field per line (line numbers are asserted below)."""
OTHER_LINES = [
    f"term: {q(OTHER_NAME)}",
    "slug: other",
    f"categories: [{q(CATEGORY)}]",
    f"definition: {q('The other one, ' + payload('other-definition') + ' next to the Villain.')}",
]
FORMULA_LINES = [
    'term: "=HYPERLINK(\\"https://evil.example/\\",\\"click\\")"',
    "slug: formula",
    'aliases: ["+1+1", "@SUM(A1)", "-2+3"]',
    f"categories: [{q(CATEGORY)}]",
    'definition: "=1+1 starts like a formula."',
]
CATEGORIES = "\n".join(
    [
        f"{q(CATEGORY)}:",
        f"  description: {q('Description ' + payload('category-description') + LINKS)}",
        "  slug: hostile",
    ]
)
HOME = """\
---
template: termbook/home.html
---

Welcome.
"""
ARTICLE = """\
# Q&A with the Villain

On set, the Villain waits for the formula.
"""


def write_hostile_project(root: Path) -> Path:
    terms = root / "terms"
    terms.mkdir(parents=True)
    (terms / "evil.yaml").write_text("\n".join(EVIL_LINES) + "\n", encoding="utf-8")
    (terms / "other.yaml").write_text("\n".join(OTHER_LINES) + "\n", encoding="utf-8")
    (terms / "formula.yaml").write_text("\n".join(FORMULA_LINES) + "\n", encoding="utf-8")
    (terms / "_categories.yaml").write_text(CATEGORIES + "\n", encoding="utf-8")
    docs = root / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    (docs / "articles" / "villain.md").write_text(ARTICLE, encoding="utf-8")
    (docs / "pic.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>', encoding="utf-8"
    )
    config = {
        "site_name": "Hostile Glossary",
        "site_url": "https://glossary.example.org/",
        "theme": {
            "name": "material",
            "custom_dir": str(REPO / "site_templates"),
            "features": ["navigation.instant", "search.suggest", "search.highlight"],
        },
        "plugins": ["search", {"termbook": {"featured": "evil"}}],
    }
    (root / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run_build(write_hostile_project(tmp_path_factory.mktemp("hostile")))


# -- in the browser ---------------------------------------------------------------------------

INERT_SCRIPT_TYPES = ("application/ld+json", "application/json")

DOM_CHECK = """(inert) => {
  const handlers = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) handlers.push(el.tagName + " " + attr.name);
    }
    for (const name of ["href", "src", "action", "formaction"]) {
      const value = el.getAttribute(name);
      if (value && /^\\s*(javascript|data|vbscript):/i.test(value.replace(/[\\t\\n\\r]/g, "")))
        handlers.push(el.tagName + " " + name + "=" + value);
    }
  }
  const scripts = [...document.scripts]
    .filter((s) => !inert.includes(s.type) && s.textContent.includes("__pwned"))
    .map((s) => s.outerHTML);
  return {pwned: window.__pwned === undefined ? null : String(window.__pwned), handlers, scripts};
}"""


def assert_nothing_ran(page: Page, where: str) -> None:
    page.wait_for_timeout(150)  # let failed images fire their error events
    found = page.evaluate(DOM_CHECK, list(INERT_SCRIPT_TYPES))
    assert found == {"pwned": None, "handlers": [], "scripts": []}, where
    assert page.dialogs_seen == [], where
    assert page.errors_seen == [], where


def visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    assert_nothing_ran(page, url)


def hover_preview(page: Page, selector: str, tooltip: str) -> str:
    page.locator(selector).first.hover()
    page.locator(tooltip).wait_for(state="visible")
    return page.locator(tooltip).inner_text()


def test_term_pages_show_every_field_as_text(hostile_site, serve_dir, page):
    base = serve_dir(hostile_site)
    visit(page, base + "terms/evil/")
    entry = page.locator(".tb-entry")
    assert entry.locator("h1").inner_text() == EVIL_NAME
    assert "tpl{{ 7*7 }}tpl" in entry.inner_text()
    assert page.title().startswith("Evil <script>")
    alt = entry.locator("figure img").get_attribute("alt")
    assert alt == "Alt " + payload("alt")
    ld = json.loads(page.locator('script[type="application/ld+json"]').first.text_content())
    assert ld["name"] == EVIL_NAME and ld["alternateName"][0].startswith("Alias <script>")
    preview = hover_preview(page, '#related a.tb-term[data-term="other"]', "#tb-tooltip")
    assert preview.startswith(OTHER_NAME[:20])
    assert_nothing_ran(page, "preview of a hostile term")
    visit(page, base + "terms/other/")
    visit(page, base + "terms/formula/")


def test_lists_home_and_articles_show_names_as_text(hostile_site, serve_dir, page):
    base = serve_dir(hostile_site)
    for path in ("", "terms/", "categories/", "categories/hostile/", "articles/villain/"):
        visit(page, base + path)
    assert "Evil <script>" in page.locator(".tb-article-terms").inner_text()
    hover_preview(page, 'article a.tb-term[data-term="evil"]', "#tb-tooltip")
    assert_nothing_ran(page, "preview in an article")
    visit(page, base + "terms/")
    page.fill("#tb-az-filter", "evil")
    page.wait_for_timeout(200)
    assert_nothing_ran(page, "A–Z filter")


def test_queries_in_the_address_are_not_markup(hostile_site, serve_dir, page):
    """The home page's form searches via ?q=, search results highlight via ?h=."""
    base = serve_dir(hostile_site)
    attack = "%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E%22%3E%3Csvg%20onload%3Dalert(1)%3E"
    visit(page, f"{base}?q={attack}")
    page.wait_for_timeout(300)
    assert_nothing_ran(page, "?q= on the home page")
    visit(page, f"{base}terms/evil/?h={attack}")
    assert_nothing_ran(page, "?h= on a term page")


def test_search_results_show_names_as_text(hostile_site, serve_dir, page):
    base = serve_dir(hostile_site)
    visit(page, base)
    page.locator("input.md-search__input").click()
    page.keyboard.type("evil")
    # two names hold the word (the formula's link names evil.example): either may rank first
    evil = page.locator(".md-search-result__item", has_text="Evil <script>")
    evil.first.wait_for()
    page.locator("input.md-search__input").fill("")
    page.keyboard.type("villain")
    page.wait_for_timeout(300)
    assert_nothing_ran(page, "search results")


def test_embed_cards_and_oembed_snippet_show_names_as_text(hostile_site, serve_dir, page):
    base = serve_dir(hostile_site)
    visit(page, base + "embed/evil/")
    assert page.locator(".tb-card__name").inner_text() == EVIL_NAME
    visit(page, base + "embed/")
    page.fill("#tb-embed-filter", "villain")
    page.wait_for_timeout(200)
    assert_nothing_ran(page, "embed index filter")
    oembed = json.loads((hostile_site / "api" / "oembed" / "evil.json").read_text("utf-8"))
    page.goto("about:blank")
    page.set_content("<!doctype html><title>consumer</title><div id=slot></div>")
    page.evaluate("html => { document.getElementById('slot').innerHTML = html; }", oembed["html"])
    assert page.locator("#slot > *").count() == 1
    assert page.locator("#slot iframe").get_attribute("title").startswith("Evil <script>")
    assert_nothing_ran(page, "oEmbed snippet inserted as HTML")


PORTAL = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Portal</title>
<script src="{glossary}assets/termbook/termbook.js" data-scope="main" defer></script>
</head>
<body>
<main><p id="text">Today the Villain meets Other &lt;b&gt; and the formula.</p></main>
</body>
</html>
"""


def test_widget_in_a_portal_shows_names_as_text(hostile_site, serve_dir, page, tmp_path):
    glossary = serve_dir(hostile_site, headers={"Access-Control-Allow-Origin": "*"})
    portal_dir = tmp_path / "portal"
    portal_dir.mkdir()
    (portal_dir / "index.html").write_text(PORTAL.format(glossary=glossary), encoding="utf-8")
    portal = serve_dir(portal_dir)
    visit(page, portal)
    mark = page.locator('#text a.tb-widget-term[data-term="evil"]')
    mark.wait_for()
    assert mark.inner_text() == "Villain"
    tip = hover_preview(page, '#text a.tb-widget-term[data-term="evil"]', "#tb-widget-tooltip")
    assert EVIL_NAME[:20] in tip
    assert_nothing_ran(page, "widget tooltip in a portal")


# -- in the files -----------------------------------------------------------------------------


def test_no_template_expression_is_evaluated(hostile_site):
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".ttl", ".tbx"):
            assert "tpl49tpl" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_titles_are_escaped_exactly_once(hostile_site):
    """Titles are escaped text in MkDocs: escaping them again would show `&amp;`."""
    from lxml import html

    term = html.fromstring((hostile_site / "terms/evil/index.html").read_bytes())
    mentions = [a.text_content() for a in term.xpath('//*[@id="mentioned-in"]//a')]
    assert "Q&A with the Villain" in mentions
    assert term.findtext(".//title").startswith(EVIL_NAME)
    category = html.fromstring((hostile_site / "categories/hostile/index.html").read_bytes())
    assert category.findtext(".//title").startswith(CATEGORY)
    og_title = category.xpath('//meta[@property="og:title"]/@content')
    assert og_title == [CATEGORY]
    assert term.xpath('//meta[@property="og:title"]/@content') == [EVIL_NAME]


def test_exports_carry_the_payloads_as_inert_text(hostile_site):
    exports = hostile_site / "exports"
    text = (exports / "glossary.csv").read_text("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    formula = next(row for row in table if row["slug"] == "formula")
    assert formula["term"].startswith("'=HYPERLINK(")
    assert formula["aliases"] == "'+1+1; @SUM(A1); -2+3"  # the cell, not each alias, starts one
    assert formula["definition"].startswith("'=1+1")
    for row in table:
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row.values()), row
    for name in ("glossary.tbx", "glossary.moodle.xml"):
        root = etree.parse(str(exports / name))  # well-formed despite the payloads
        text = "".join(root.getroot().itertext())
        assert EVIL_NAME in text, name
        assert not root.xpath("//*[local-name()='script']"), name
    turtle = (exports / "glossary.skos.ttl").read_text("utf-8")
    import rdflib

    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    labels = {str(o) for o in graph.objects(predicate=rdflib.SKOS.prefLabel)}
    assert EVIL_NAME in labels and OTHER_NAME in labels


# -- in the strict build ----------------------------------------------------------------------

EXPECTED_WARNINGS = [
    ("terms/evil.yaml", 1, "'term' holds markup"),
    ("terms/evil.yaml", 3, "'aliases' holds markup"),
    ("terms/evil.yaml", 4, "'categories' holds markup"),
    ("terms/evil.yaml", 5, "<script> element removed from 'definition'"),
    ("terms/evil.yaml", 5, "unsafe URL 'javascript:window.__pwned=' in href of <a>"),
    ("terms/evil.yaml", 5, "unsafe URL ' JaVa\\tScRiPt:window.__pwned='a'' in href of <a>"),
    ("terms/evil.yaml", 5, "unsafe URL 'data:text/html,<script>alert(1)</script>' in href"),
    ("terms/evil.yaml", 5, "event handler attribute 'onerror' on <img>"),
    ("terms/evil.yaml", 6, "<script> element removed from 'examples'"),
    ("terms/evil.yaml", 7, "<script> element removed from 'trivia'"),
    ("terms/evil.yaml", 9, "'image.alt' holds markup"),
    ("terms/evil.yaml", 10, "'sources.title' holds markup"),
    ("terms/other.yaml", 1, "'term' holds markup"),
    ("terms/other.yaml", 4, "event handler attribute 'onerror' on <img>"),
    ("terms/_categories.yaml", 1, "'category name' holds markup"),
    ("terms/_categories.yaml", 2, "<script> element removed from 'description'"),
]


def test_the_strict_build_fails_naming_file_and_line_of_each_attempt(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    config_file = write_hostile_project(tmp_path / "project")
    with pytest.raises(Abort):
        run_build(config_file, strict=True)
    lines = [r.getMessage() for r in caplog.records if "[unsafe-html]" in r.getMessage()]
    for path, line, says in EXPECTED_WARNINGS:
        assert any(f"{path}:{line}:" in m and says in m for m in lines), (path, line, says, lines)
    assert "Traceback" not in caplog.text


def test_unsafe_addresses_are_errors_not_links(tmp_path, caplog):
    """`javascript:` where only an address may go stops the build outright."""
    caplog.set_level(logging.WARNING)
    config_file = write_hostile_project(tmp_path / "project")
    evil = tmp_path / "project" / "terms" / "evil.yaml"
    lines = evil.read_text("utf-8").splitlines()
    lines[8] = 'image: {src: " JaVaScRiPt:window.__pwned=1", alt: A picture}'
    lines[9] = 'sources: [{title: Source, url: "javascript:window.__pwned=1"}]'
    evil.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(Abort):
        run_build(config_file)
    assert "terms/evil.yaml:9:" in caplog.text and "[invalid-url]" in caplog.text
    assert "terms/evil.yaml:10:" in caplog.text


def test_payload_helper_really_runs_when_it_is_markup(serve_dir, page, tmp_path):
    """The oracle: the same payload, put into a page as markup, does set window.__pwned."""
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "index.html").write_text(
        f"<!doctype html><title>raw</title><p>{payload('raw')}</p>", encoding="utf-8"
    )
    page.goto(serve_dir(folder))
    page.wait_for_timeout(150)
    assert page.evaluate("window.__pwned") == "raw"
    assert page.dialogs_seen == ["alert: raw"]
