"""Every page stays bounded whatever the glossary's size and shape (issue 14).

Built on a pathological glossary (tests/scale_glossary.py): one term mentioned by all others,
nearly all terms under one letter, one category holding them all. Why a few hundred terms and
not 5,000: no page lists more than a fixed number of things — a letter or category page at most
`LIST_PAGE_SIZE` terms, an embed list `EMBED_PAGE_SIZE` cards, "Mentioned in" `SHOWN` links,
the A–Z entry page one link per letter — and this glossary overflows each of those limits (the
tests below check that it does, and that the overflow went to further parts), so its largest
pages are as large as any glossary's: more terms only add more pages of the same size. The
same build at 5,000 terms (benchmarks/bench_lighthouse.py --keep) gives the same largest page.
"""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from termbook.pages.mentions import SHOWN
from termbook.pages.plan import LIST_PAGE_SIZE
from termbook.publish.embed import EMBED_PAGE_SIZE

MAX_PAGE_BYTES = 300_000
MAX_ENTRY_ELEMENTS = 3_000


def parse(path: Path):
    return lxml_html.fromstring(path.read_bytes())


def test_the_glossary_overflows_every_bounded_list(scale_site: Path) -> None:
    """Otherwise the size checks below would prove nothing."""
    names = json.loads((scale_site / "api/az.json").read_text(encoding="utf-8"))["names"]
    under_s = sum(1 for _, name, _ in names if name.startswith("S"))
    assert under_s > LIST_PAGE_SIZE and under_s > 2 * EMBED_PAGE_SIZE
    hub = json.loads((scale_site / "api/mentioned-in/hub.json").read_text(encoding="utf-8"))
    assert hub["count"] >= len(names) - 1 > SHOWN


def test_no_page_is_heavier_than_300_kb(scale_site: Path) -> None:
    sizes = {
        p.relative_to(scale_site).as_posix(): p.stat().st_size for p in scale_site.rglob("*.html")
    }
    heaviest = max(sizes, key=sizes.__getitem__)
    assert sizes[heaviest] <= MAX_PAGE_BYTES, (heaviest, sizes[heaviest])


def test_a_to_z_entry_page_is_small_and_reaches_every_letter(scale_site: Path) -> None:
    doc = parse(scale_site / "terms/index.html")
    assert len(list(doc.iter())) <= MAX_ENTRY_ELEMENTS
    jumps = {li.get("id"): li.xpath("a/@href")[0] for li in doc.xpath('//li[@class="tb-az-jump"]')}
    assert jumps["letter-s"] == "s/" and jumps["letter-h"] == "h/"


def test_long_letter_is_split_and_every_term_is_listed_once(scale_site: Path) -> None:
    listed = []
    part = scale_site / "terms/s"
    parts = [p for p in part.glob("*/index.html") if p.parent.name.isdigit()]
    pages = [part / "index.html", *sorted(parts, key=lambda p: int(p.parent.name))]
    assert len(pages) >= 2
    for page in pages:
        items = parse(page).xpath('//li[@class="tb-az-item"]/a/text()')
        assert 0 < len(items) <= LIST_PAGE_SIZE
        listed += items
    names = json.loads((scale_site / "api/az.json").read_text(encoding="utf-8"))["names"]
    assert listed == [name for _, name, _ in names if name.startswith("S")]


def test_mentioned_in_shows_the_related_first_and_links_the_rest(scale_site: Path) -> None:
    doc = parse(scale_site / "terms/hub/index.html")
    section = doc.xpath('//section[@id="mentioned-in"]')[0]
    shown = section.xpath(".//li/a/text()")
    assert len(shown) == SHOWN
    assert set(shown[:2]) == {"Apple Box", "Zebra Stripes"}  # related to Hub
    more = section.xpath(".//a[@data-tb-mentions]")[0]
    assert more.get("href") == "../../api/mentioned-in/hub.json"
    full = json.loads((scale_site / "api/mentioned-in/hub.json").read_text(encoding="utf-8"))
    titles = [p["title"] for p in full["pages"]]
    assert titles[:SHOWN] == shown  # the page shows the head of the same ranking
    assert more.text == f"All {full['count']} pages that mention Hub"
    assert full["pages"][0]["url"].startswith("../../terms/")


def test_a_term_whose_page_lists_every_mention_gets_no_full_list(scale_site: Path) -> None:
    """The full list is a file only where the page links to it: not a file per term."""
    published = {p.stem for p in (scale_site / "api/mentioned-in").glob("*.json")}
    assert published == {"hub"}
    listed = [
        section.xpath(".//li/a")
        for page in (scale_site / "terms").glob("*/index.html")
        for section in parse(page).xpath('//section[@id="mentioned-in"]')
    ]
    assert any(0 < len(links) <= SHOWN for links in listed)  # such terms are there
    more = [
        p
        for p in (scale_site / "terms").glob("*/index.html")
        if "data-tb-mentions" in p.read_text()
    ]
    assert [p.parent.name for p in more] == ["hub"]


def test_category_and_embed_lists_come_in_parts(scale_site: Path) -> None:
    everything = parse(scale_site / "categories/everything/index.html")
    assert len(everything.xpath('//ul[contains(@class, "tb-category-terms")]/li')) == LIST_PAGE_SIZE
    assert everything.xpath('//nav[contains(@class, "tb-pager")]//a[@href="2/"]')
    embed = parse(scale_site / "embed/index.html")
    assert not embed.xpath('//ul[@id="tb-embed-list"]')  # the letters only
    assert embed.xpath('//nav[@class="tb-embed-index__letters"]/a[@href="s/"]')
    letter = parse(scale_site / "embed/s/index.html")
    assert len(letter.xpath('//ul[@id="tb-embed-list"]/li')) == EMBED_PAGE_SIZE
    assert letter.xpath('//nav[@class="tb-embed-index__parts"]/a[@href="2/"]')
