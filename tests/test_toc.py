"""A generated page's table of contents is read back from the sections its template rendered."""

from __future__ import annotations

from termbook.pages.toc import sections

PAGE = """<article><p>A definition with <b>bold</b> words and a <a href="#x">link</a>.</p>
<section id="examples"><h2 class="tb">Examples &amp; <em>uses</em></h2><p>Body</p></section>
<section><h2>No id: not listed</h2></section>
<section id="empty"><p>no heading here</p></section>
<SECTION ID="trivia"><div><H2>Did   you
know?</H2></div><h2>second heading ignored</h2></SECTION>
</article>"""


def test_each_titled_section_gives_its_id_and_first_heading_in_order():
    assert sections(PAGE) == [("examples", "Examples & uses"), ("trivia", "Did you know?")]


def test_a_page_without_sections_has_no_entries():
    assert sections("<p>Just a <h2>heading</h2> outside any section.</p>") == []


def test_a_section_whose_heading_comes_after_the_next_section_is_not_given_it():
    html = '<section id="a"><p>x</p></section><section id="b"><h2>B</h2></section>'
    assert sections(html) == [("b", "B")]
