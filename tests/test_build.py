"""Real MkDocs builds into tmp_path: what a reader gets, and how a bad term stops the build."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html
from mkdocs.exceptions import Abort

from projects import (
    BASIC_TERMS,
    GRIP,
    SAILING_CATEGORIES,
    SAILING_TERMS,
    SAMPLE_SVG,
    write_project,
    write_terms,
)


def page(site: Path, path: str):
    return lxml_html.fromstring((site / path / "index.html").read_text(encoding="utf-8"))


def test_term_page_shows_the_whole_entry(build_site):
    site = build_site()
    doc = page(site, "terms/racking-focus")
    entry = doc.xpath('//*[contains(@class, "tb-entry")]')[0]
    assert entry.get("data-term") == "racking-focus"
    assert doc.xpath("//h1")[0].text_content() == "Racking Focus"
    ids = [s.get("id") for s in entry.xpath(".//section")]
    assert ids[:3] == ["definition", "examples", "did-you-know"]
    assert {"categories", "related", "share"} <= set(ids)
    text = entry.text_content()
    assert "1 min read" in text
    assert "Also known as" in text and "Rack Focus" in text
    assert "You can also find Racking Focus and related terms in this category:" in " ".join(
        text.split()
    )
    category_link = entry.xpath('.//section[@id="categories"]//a')[0]
    assert category_link.get("href") == "../../categories/technology-and-equipment/"
    example = entry.xpath('.//section[@id="examples"]//blockquote[@class="tb-example"]')
    assert example and "Rack to the door" in example[0].text_content()
    assert entry.xpath('.//section[@id="did-you-know"]/h2')[0].text == "Did you know?"
    related = entry.xpath('.//section[@id="related"]//a[@class="tb-term"]')
    assert [a.get("data-term") for a in related] == ["focus-puller"]
    like = entry.xpath('.//button[contains(@class, "tb-like")]')[0]
    assert like.get("aria-pressed") == "false" and like.get("data-term") == "racking-focus"
    share = [a.get("href") for a in entry.xpath('.//div[@class="tb-share"]//a')]
    assert any(h.startswith("mailto:") for h in share)
    assert any("example.org%2Fglossary%2Fterms%2Fracking-focus%2F" in h for h in share)
    prev_next = entry.xpath('.//nav[contains(@class, "tb-prevnext")]//a')
    assert [a.get("rel") for a in prev_next] == ["prev"]  # last term alphabetically
    assert prev_next[0].get("href") == "../key-grip/"


def test_pronunciation_and_part_of_speech_show_by_the_headword(build_site):
    site = build_site(SAILING_TERMS, categories=SAILING_CATEGORIES, strict=True)
    header = page(site, "terms/tack").xpath('//header[@class="tb-entry__header"]')[0]
    (line,) = header.xpath('./p[@class="tb-entry__grammar"]')
    assert line.getprevious().tag == "h1"
    (said,) = line.xpath('./span[@class="tb-pronunciation"]')
    assert said.text_content() == "Pronunciation: /tæk/"
    assert said.xpath('./span[@class="tb-visually-hidden"]')[0].text == "Pronunciation: "
    assert line.xpath('./span[@class="tb-part-of-speech"]')[0].text == "verb"
    assert " ".join(line.text_content().split()) == "Pronunciation: /tæk/ verb"
    phrase = page(site, "terms/heave-to").xpath('//p[@class="tb-entry__grammar"]')[0]
    assert phrase.text_content() == "phrase"
    assert page(site, "terms/port").xpath('//p[@class="tb-entry__grammar"]') == []


def test_last_updated_is_a_time_element_from_git(build_site, tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write_project(tmp_path, BASIC_TERMS)
    env = {"GIT_AUTHOR_DATE": "2021-03-04T05:06:07Z", "GIT_COMMITTER_DATE": "2021-03-04T05:06:07Z"}
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run(
        [*git, "commit", "-qm", "terms"], check=True, env={**env, "PATH": "/usr/bin:/bin"}
    )
    site = build_site()
    time = page(site, "terms/grip").xpath('//time[@class="tb-updated"]')[0]
    assert time.get("datetime") == "2021-03-04T05:06:07+00:00"
    assert time.text == "4 March 2021"


def test_outside_git_the_date_falls_back_without_warnings(build_site, caplog):
    site = build_site()
    assert page(site, "terms/grip").xpath('//time[@class="tb-updated"]/@datetime')
    assert not [r for r in caplog.records if r.levelname == "WARNING" and "termbook" in r.name]


def test_structured_data_is_a_defined_term_in_the_set(build_site):
    site = build_site()
    script = page(site, "terms/key-grip").xpath('//script[@type="application/ld+json"]')[0]
    data = json.loads(script.text)
    assert data["@type"] == "DefinedTerm" and data["name"] == "Key Grip"
    assert data["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert data["url"] == "https://example.org/glossary/terms/key-grip/"
    index = page(site, "terms").xpath('//script[@type="application/ld+json"]')[0]
    term_set = json.loads(index.text)
    assert term_set["@type"] == "DefinedTermSet"
    assert "hasDefinedTerm" not in term_set  # the entry page lists no term: it stays small
    letter = page(site, "terms/g").xpath('//script[@type="application/ld+json"]')[0]
    letter_set = json.loads(letter.text)
    assert letter_set["@id"] == term_set["@id"]
    assert [t["name"] for t in letter_set["hasDefinedTerm"]] == ["Grip"]


def test_a_light_glossary_lists_every_term_on_the_index(build_site):
    """While the list stays under its share of the 300 KB bound, /terms/ shows every term
    under its letter (the letter pages stay, for links), and the home page says so."""
    site = build_site(docs={"index.md": "---\ntemplate: termbook/home.html\n---\nHi.\n"})
    doc = page(site, "terms")
    sections = doc.xpath('//div[@id="tb-az-list"]/section[@class="tb-az-letter"]')
    assert [s.get("id") for s in sections] == ["letter-f", "letter-g", "letter-k", "letter-r"]
    items = doc.xpath('//li[@class="tb-az-item"]/a')
    assert [a.text for a in items] == ["Focus Puller", "Grip", "Key Grip", "Racking Focus"]
    assert items[0].get("href") == "focus-puller/"
    letters = doc.xpath('//nav[@class="tb-az-letters"]/a')
    assert [a.get("href") for a in letters] == ["#letter-f", "#letter-g", "#letter-k", "#letter-r"]
    field = doc.xpath('//input[@id="tb-az-filter"]')[0]
    assert field.get("data-names-url") is None  # every name is on the page: nothing to fetch
    assert "All 4 terms on one page." in doc.xpath("string(//article)")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ">All 4 terms on one page</a>" in home
    assert (site / "terms" / "g" / "index.html").is_file()


def test_an_index_at_the_one_page_bound_stays_under_300_kb(build_site, tmp_path):
    """`az_on_one_page`'s measure holds: a glossary filling the one-page budget gives an index
    that lists every term and still weighs under the bound every page keeps."""
    from termbook.glossary.rendered import check_terms
    from termbook.pages.plan import AZ_ONE_PAGE_BYTES, PAGE_BYTES, az_item_bytes

    clause = "and explains in some detail, with plain words, what it does and where it is used"
    terms = {
        f"sample-word-{n:04d}": {
            "term": f"Sample Word {n:04d}",
            "aliases": [f"Sample {n:04d}", f"Word Number {n:04d}"],
            "categories": ["Crew and Roles"],
            "definition": f"Sample word {n} is a made-up entry that stands for a term {clause}.",
        }
        for n in range(700)
    }
    probe = write_terms(tmp_path / "probe", terms)
    checked = check_terms(probe, tmp_path)
    assert len(checked.glossary) == len(terms)
    kept, size = [], 0
    for term in checked.glossary:
        size += az_item_bytes(term, checked.entries[term.slug])
        if size > AZ_ONE_PAGE_BYTES:
            break
        kept.append(term.slug)
    assert len(kept) < len(terms)  # the probe overflows the budget
    site = build_site({slug: terms[slug] for slug in kept})
    index = (site / "terms" / "index.html").read_bytes()
    assert index.count(b'class="tb-az-item"') == len(kept)
    assert len(index) < PAGE_BYTES, len(index)


def test_index_lists_every_letter_and_each_letter_page_its_terms(build_site, monkeypatch):
    monkeypatch.setattr("termbook.pages.plan.AZ_ONE_PAGE_BYTES", 0)  # a glossary too big for one
    terms = {
        **BASIC_TERMS,
        "4k": {
            "term": "4K",
            "categories": ["Technology and Equipment"],
            "definition": "A resolution.",
        },
        "ingenue": {"term": "Ingénue", "categories": ["Crew and Roles"], "definition": "A role."},
    }
    site = build_site(terms, docs={"index.md": "---\ntemplate: termbook/home.html\n---\nHi.\n"})
    doc = page(site, "terms")
    jumps = doc.xpath('//nav[contains(@class, "tb-az-jumps")]//li')
    assert [li.get("id") for li in jumps] == [
        "letter-num",
        "letter-f",
        "letter-g",
        "letter-i",
        "letter-k",
        "letter-r",
    ]
    assert [li.xpath("a/@href")[0] for li in jumps][:2] == ["0-9/", "f/"]
    assert jumps[4].xpath("string(.)").split() == ["K", "1", "term"]
    assert not doc.xpath('//li[@class="tb-az-item"]')  # the entry page lists letters, not terms
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "on one page" not in home
    assert ">The A–Z index</a>: 6 terms under 6 letters" in home
    field = doc.xpath('//input[@id="tb-az-filter"]')[0]
    assert field.get("data-names-url") == "../api/az.json"
    names = json.loads((site / "api" / "az.json").read_text(encoding="utf-8"))
    assert [row[1] for row in names["names"]] == [
        "4K",
        "Focus Puller",
        "Grip",
        "Ingénue",
        "Key Grip",
        "Racking Focus",
    ]
    assert names["names"][-1] == [
        "racking-focus",
        "Racking Focus",
        "rackingfocus|rackfocus|focuspull",
    ]
    assert (names["terms"], names["suffix"]) == ("../terms/", "/")

    letter = page(site, "terms/0-9")
    assert [a.text for a in letter.xpath('//li[@class="tb-az-item"]/a')] == ["4K"]
    letters = letter.xpath('//nav[@class="tb-az-letters"]/a')
    assert [a.get("href") for a in letters] == ["./", "../f/", "../g/", "../i/", "../k/", "../r/"]
    assert letters[0].get("aria-current") == "page"
    racking = page(site, "terms/r")
    item = racking.xpath('//li[@data-names][a="Racking Focus"]')[0]
    assert item.get("data-names") == "rackingfocus|rackfocus|focuspull"  # termbook.names keys
    assert item.xpath("a/@href") == ["../racking-focus/"]


def test_long_letters_and_categories_are_split_into_parts(build_site, monkeypatch):
    """A list page holds at most LIST_PAGE_SIZE terms: the rest go to numbered parts, each named
    by its first and last term, linked from every part."""
    monkeypatch.setattr("termbook.pages.plan.LIST_PAGE_SIZE", 2)
    names = ["Gaffer", "Gate", "Gel", "Genny", "Grip"]
    terms = {
        n.lower(): {"term": n, "categories": ["Crew and Roles"], "definition": f"{n} is a word."}
        for n in names
    }
    site = build_site(terms)
    first, second, third = (page(site, p) for p in ("terms/g", "terms/g/2", "terms/g/3"))
    assert [a.text for a in second.xpath('//li[@class="tb-az-item"]/a')] == ["Gel", "Genny"]
    pager = second.xpath('//nav[contains(@class, "tb-pager")]//a')
    assert [a.text for a in pager] == ["Gaffer to Gate", "Gel to Genny", "Grip"]
    assert [a.get("href") for a in pager] == ["../", "./", "../3/"]
    assert pager[1].get("aria-current") == "page"
    assert second.xpath('//a[@rel="next"]/@href') == ["../3/"]
    assert not third.xpath('//a[@rel="next"]')
    assert first.xpath("//h1")[0].text == "Terms under G: Gaffer to Gate"
    category = page(site, "categories/crew-and-roles/3")
    assert [a.text for a in category.xpath('//ul[contains(@class, "tb-category-terms")]//a')] == [
        "Grip"
    ]
    assert not (site / "categories/crew-and-roles/4").exists()


def test_category_pages_list_their_terms_with_descriptions(build_site):
    site = build_site()
    overview = page(site, "categories")
    assert [a.text for a in overview.xpath("//h2/a")] == [
        "Crew and Roles",
        "Technology and Equipment",
    ]
    crew = page(site, "categories/crew-and-roles")
    assert "Who does what on a production." in crew.text_content()
    assert [a.text for a in crew.xpath('//ul[contains(@class, "tb-category-terms")]//a')] == [
        "Focus Puller",
        "Grip",
        "Key Grip",
    ]


def test_term_pages_stay_out_of_the_navigation(build_site):
    site = build_site()
    nav = page(site, "terms/grip").xpath('//nav[contains(@class, "md-nav--primary")]')[0]
    hrefs = " ".join(nav.xpath(".//a/@href"))
    assert "key-grip" not in hrefs and "racking-focus" not in hrefs


def test_nothing_is_written_into_docs(build_site, tmp_path):
    build_site()
    assert sorted(p.name for p in (tmp_path / "docs").rglob("*")) == ["index.md"]


def test_a_bad_term_stops_the_build_with_the_check_lines(build_site, tmp_path, caplog):
    terms = {**BASIC_TERMS, "grip": {**GRIP, "colour": "red"}, "key-grip": "term: [unclosed\n"}
    with pytest.raises(Abort):
        build_site(terms)
    message = caplog.text
    assert "2 error(s) in term files" in message
    assert re.search(
        r"terms/grip.yaml:\d+:1: error: unknown key 'colour' in a term file \[unknown-key\]",
        message,
    )
    assert "terms/key-grip.yaml:2:1: error: YAML syntax error" in message
    assert not (tmp_path / "site" / "terms" / "grip").exists()


def test_build_failure_prints_no_traceback(tmp_path):
    grip = "term: Grip\ncategories: [Crew and Roles]\ndefinition: A crew member.\nrelated:\n  - Nobody\n"
    write_project(tmp_path, {**BASIC_TERMS, "grip": grip})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "terms/grip.yaml:5:5: error: related term 'Nobody' is not in the glossary [unresolved-related]"
        in done.stderr
    )


def test_warnings_fail_a_strict_build(build_site):
    terms = {
        **BASIC_TERMS,
        "grip": {**GRIP, "definition": "A crew member. <script>alert(1)</script>"},
    }
    site = build_site(terms)
    assert "<script>alert" not in (site / "terms/grip/index.html").read_text()
    with pytest.raises(Abort):
        build_site(terms, strict=True)


def test_generated_pages_can_be_overridden_from_the_custom_dir(build_site, tmp_path):
    override = tmp_path / "overrides" / "termbook" / "fragments"
    override.mkdir(parents=True)
    (override / "entry.html").write_text(
        '<section id="definition">OVERRIDDEN {{ entry.name | e }}</section>'
    )
    site = build_site(extra={"theme": {"name": "material", "custom_dir": "overrides"}})
    assert "OVERRIDDEN Grip" in (site / "terms/grip/index.html").read_text()


def test_home_page_template_shows_letters_categories_and_featured_term(build_site):
    home = "---\ntemplate: termbook/home.html\n---\n\nWelcome to the glossary.\n"
    site = build_site(docs={"index.md": home}, plugin={"featured": "Rack Focus"})
    doc = page(site, "")
    assert "Welcome to the glossary." in doc.text_content()
    assert [a.text for a in doc.xpath('//nav[@class="tb-home-letters"]/a')] == ["F", "G", "K", "R"]
    featured = doc.xpath('//section[@class="tb-home-featured"]//a')[0]
    assert (featured.text, featured.get("href")) == ("Racking Focus", "terms/racking-focus/")
    assert len(doc.xpath('//section[@class="tb-home-categories"]//li')) == 2


def test_edit_link_opens_the_yaml_file(build_site):
    site = build_site(extra={"repo_url": "https://github.com/o/r", "edit_uri": "edit/main/docs/"})
    link = page(site, "terms/grip").xpath('//p[contains(@class, "tb-edit")]/a/@href')
    assert link == ["https://github.com/o/r/edit/main/terms/grip.yaml"]


def test_reader_assets_are_included(build_site):
    """The style sheet is linked; the script is named for theme-scope.js, which fetches it once
    the page is parsed (the browser tests see it run)."""
    site = build_site()
    assert (site / "assets/termbook/site.js").is_file()
    doc = page(site, "terms/grip")
    assert doc.xpath('//link[@rel="stylesheet"]/@href')[-1] == "../../assets/termbook/site.css"
    assert doc.xpath("//script/@data-site-script") == ["../../assets/termbook/site.js"]
    assert not doc.xpath('//script[contains(@src, "site.js")]')


def parser_blocking_scripts(site: Path, path: str) -> list[str]:
    """The file names of the scripts that stop the parser (neither deferred nor async)."""
    scripts = page(site, path).xpath("//script[@src and not(@defer) and not(@async)]/@src")
    return [re.sub(r"\.[0-9a-f]{8}(?=\.min\.js$)", "", src.rsplit("/", 1)[-1]) for src in scripts]


def test_only_the_storage_helpers_and_material_hold_up_the_first_paint(build_site):
    """Every script of ours waits for the page but the one that must come before Material's
    bundle; the saved-palette script only comes with a palette toggle (issue 14: Lighthouse)."""
    site = build_site()
    for path in ("", "terms/", "terms/g/", "terms/grip/", "categories/crew-and-roles/"):
        assert parser_blocking_scripts(site, path) == ["theme-scope.js", "bundle.min.js"], path
    schemes = [
        {"scheme": s, "toggle": {"icon": "material/brightness-4", "name": s}}
        for s in ("default", "slate")
    ]
    site = build_site(extra={"theme": {"name": "material", "palette": schemes}})
    assert parser_blocking_scripts(site, "terms/grip/") == [
        "theme-scope.js",
        "theme-palette.js",
        "bundle.min.js",
    ]


def scope_script_place(site: Path, path: str) -> str:
    """Where the storage helpers' script is: in <head>, in the header or after the content."""
    [script] = page(site, path).xpath('//script[contains(@src, "theme-scope.js")]')
    if script.xpath("ancestor::head"):
        return "head"
    return "header" if script.xpath("ancestor::header") else "after content"


def test_storage_helpers_load_as_late_as_their_first_reader_allows(build_site):
    """Nothing but a banner above the header reads Material's storage helpers before its bundle:
    without one they stay out of <head>, where they would hold up the first paint (issue 14)."""
    site = build_site()
    for path in ("", "terms/grip/"):
        assert scope_script_place(site, path) == "after content", path
        doc = page(site, path)
        assert not doc.xpath("//head//script[@src and not(@defer) and not(@async)]"), path
        assert doc.xpath('//script[contains(@src, "theme-scope.js")]/@data-scope') == [
            "." if path == "" else "../.."
        ]
    schemes = [
        {"scheme": s, "toggle": {"icon": "material/brightness-4", "name": s}}
        for s in ("default", "slate")
    ]
    site = build_site(extra={"theme": {"name": "material", "palette": schemes}})
    assert scope_script_place(site, "terms/grip/") == "header"
    site = build_site(extra={"theme": {"name": "material", "features": ["announce.dismiss"]}})
    assert scope_script_place(site, "terms/grip/") == "head"
    site = build_site(extra={"extra": {"version": {"provider": "mike"}}})
    assert scope_script_place(site, "terms/grip/") == "head"


def test_content_tabs_script_comes_only_with_content_tabs(build_site):
    """Opening a content tab from the URL needs a script; a page without tabs is spared it."""
    tabs = '# Tabs\n\n=== "One"\n\n    First.\n\n=== "Two"\n\n    Second.\n'
    site = build_site(
        docs={"index.md": "# Home\n", "tabs.md": tabs},
        extra={"markdown_extensions": ["pymdownx.tabbed"]},
    )
    scripts = '//script[contains(@src, "theme-content.js")]'
    assert page(site, "tabs").xpath(scripts)
    for path in ("", "terms/grip/"):
        assert not page(site, path).xpath(scripts), path


def test_term_image_is_shown_with_its_alt_text(build_site):
    terms = {
        **BASIC_TERMS,
        "grip": {**GRIP, "image": {"src": "images/grip.svg", "alt": "A grip on a dolly"}},
    }
    site = build_site(terms, docs={"index.md": "# Home\n", "images/grip.svg": SAMPLE_SVG})
    image = page(site, "terms/grip").xpath('//figure[@class="tb-figure"]/img')[0]
    assert (image.get("src"), image.get("alt")) == ("../../images/grip.svg", "A grip on a dolly")
    assert (image.get("width"), image.get("height")) == ("40", "20")  # its place kept: no shift


def test_sources_are_listed_as_links(build_site):
    sources = [{"title": "The Grip Book", "url": "https://example.org/grip"}]
    site = build_site({**BASIC_TERMS, "grip": {**GRIP, "sources": sources}})
    link = page(site, "terms/grip").xpath('//section[@id="sources"]//a')[0]
    assert (link.text, link.get("href")) == ("The Grip Book", "https://example.org/grip")


def test_mentions_link_to_terms_and_are_listed_as_mentioned_in(build_site):
    article = "# Article\n\nThe key grip and the focus puller talk about [[Rack Focus|racks]].\n"
    site = build_site(docs={"index.md": "# Home\n", "article.md": article})
    doc = page(site, "article")
    links = {a.get("data-term"): a.get("href") for a in doc.xpath('//a[@class="tb-term"]')}
    assert links["key-grip"] == "../terms/key-grip/"
    assert links["racking-focus"] == "../terms/racking-focus/"
    study = doc.xpath('//section[contains(@class, "tb-article-terms")]//dt/a/text()')
    assert study == ["Key Grip", "Focus Puller", "Racking Focus"]
    mentioned = page(site, "terms/key-grip").xpath('//section[@id="mentioned-in"]//a/text()')
    assert mentioned == ["Article"]


def test_unresolved_explicit_links_warn_with_file_and_line(build_site, caplog):
    grip = "term: Grip\ncategories: [Crew and Roles]\ndefinition: |\n  A crew member.\n  See [[Nobody Here]].\n"
    article = "# Article\n\nFirst line.\n\nAsk the [[Best Boyy|best boy]].\n"
    site = build_site(
        {**BASIC_TERMS, "grip": grip}, docs={"index.md": "# Home\n", "article.md": article}
    )
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(
        "terms/grip.yaml:5:1: warning: [[Nobody Here]] does not name a term" in w for w in warnings
    ), warnings
    assert any("docs/article.md:5:1: warning: [[Best Boyy|best boy]]" in w for w in warnings), (
        warnings
    )
    assert "best boy" in page(site, "article").text_content()


def term_links(site: Path, path: str) -> list[str]:
    return [a.get("data-term") for a in page(site, path).xpath('//a[@class="tb-term"]')]


def test_symmetric_related_shows_the_reverse_relation(build_site):
    site = build_site(plugin={"symmetric_related": True})
    related = page(site, "terms/grip").xpath('//section[@id="related"]//a/@data-term')
    assert related == ["key-grip"]  # Key Grip lists Grip; Grip lists nothing itself
    plain = build_site()
    assert not page(plain, "terms/grip").xpath('//section[@id="related"]')


def test_link_mode_all_links_every_mention(build_site):
    article = "# A\n\nThe grip met a grip and another grip.\n"
    first = build_site(docs={"index.md": "# Home\n", "a.md": article})
    assert term_links(first, "a") == ["grip"]
    every = build_site(docs={"index.md": "# Home\n", "a.md": article}, plugin={"link_mode": "all"})
    assert term_links(every, "a") == ["grip", "grip", "grip"]


def test_front_matter_turns_autolinking_off_for_a_page(build_site):
    article = "---\nautolink: false\n---\n\n# A\n\nThe key grip and the grip.\n"
    site = build_site(docs={"index.md": "# Home\n", "a.md": article})
    assert term_links(site, "a") == []
    assert not page(site, "a").xpath('//section[contains(@class, "tb-article-terms")]')


def test_a_term_with_autolink_false_is_linked_only_explicitly(build_site):
    terms = {**BASIC_TERMS, "grip": {**GRIP, "autolink": False}}
    article = "# A\n\nA grip, then [[Grip|the grip again]].\n"
    site = build_site(terms, docs={"index.md": "# Home\n", "a.md": article})
    links = page(site, "a").xpath('//a[@class="tb-term"]')
    assert [(a.get("data-term"), a.text) for a in links] == [("grip", "the grip again")]


def test_term_pages_link_other_terms_but_never_themselves(build_site):
    site = build_site()
    # Key Grip's definition: "The head of the grip department. Every grip reports to the key grip."
    assert term_links(site, "terms/key-grip") == ["grip", "grip"]  # first mention + related list
    definition = page(site, "terms/key-grip").xpath('//section[@id="definition"]')[0]
    assert [a.get("data-term") for a in definition.xpath(".//a")] == ["grip"]


def test_reading_time_follows_the_configured_speed(build_site):
    long_grip = {**GRIP, "definition": "word " * 450}
    site = build_site({**BASIC_TERMS, "grip": long_grip})
    assert page(site, "terms/grip").xpath('//span[@class="tb-reading-time"]/text()') == [
        "3 min read"
    ]
    slow = build_site({**BASIC_TERMS, "grip": long_grip}, plugin={"words_per_minute": 100})
    assert page(slow, "terms/grip").xpath('//span[@class="tb-reading-time"]/text()') == [
        "5 min read"
    ]


def test_like_endpoint_and_share_networks_come_from_the_config(build_site):
    site = build_site(
        plugin={"like_endpoint": "https://likes.example.org/count", "share": ["email", "bluesky"]}
    )
    doc = page(site, "terms/grip")
    assert doc.xpath('//button[contains(@class, "tb-like")]/@data-endpoint') == [
        "https://likes.example.org/count"
    ]
    labels = doc.xpath('//div[@class="tb-share"]/a/text()')
    assert labels == ["E-mail", "Bluesky"]
    plain = page(build_site(), "terms/grip")
    assert not plain.xpath('//button[contains(@class, "tb-like")]/@data-endpoint')


def test_without_directory_urls_every_link_names_a_file_that_exists(build_site):
    from urllib.parse import urljoin, urlsplit

    article = "# Article\n\nThe key grip and the focus puller.\n"
    site = build_site(
        docs={"index.md": "# Home\n", "article.md": article}, extra={"use_directory_urls": False}
    )
    assert (site / "terms/grip/index.html").is_file()
    pages = [
        "article.html",
        "terms/index.html",
        "categories/index.html",
        "terms/key-grip/index.html",
    ]
    pages.append("categories/crew-and-roles/index.html")
    checked = 0
    for name in pages:
        doc = lxml_html.fromstring((site / name).read_text(encoding="utf-8"))
        for href in doc.xpath("//a[not(ancestor::nav)]/@href"):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = urlsplit(urljoin(f"file:///{name}", parts.path)).path.lstrip("/")
            assert (site / target).is_file(), f"{name}: {href} → {target}"
            checked += 1
    assert checked > 10
    link = lxml_html.fromstring((site / "article.html").read_text()).xpath(
        '//a[@class="tb-term"]/@href'
    )
    assert link[0] == "terms/key-grip/index.html"
