"""Table-driven tests for the cross-linker: one row per rule, each with the case that breaks it."""

from __future__ import annotations

import pytest

from termbook.linking.linker import Linker, LinkResult, LinkTarget

TARGETS = [
    LinkTarget("grip", ("Grip",)),
    LinkTarget("key-grip", ("Key Grip",)),
    LinkTarget("dolly", ("Dolly",)),
    LinkTarget("dolly-zoom", ("Dolly Zoom", "Vertigo Effect")),
    LinkTarget("gaffer", ("Gaffer",)),
    LinkTarget("shot", ("Shot",)),
    LinkTarget("box", ("Apple Box", "Box")),
    LinkTarget("match-cut", ("Match",)),
    LinkTarget("lens", ("Lens",)),
    LinkTarget("assistant-director", ("AD", "Assistant Director")),
    LinkTarget("mos", ("MOS",)),
    LinkTarget("adr", ("ADR",)),
    LinkTarget("dp", ("DP", "Director of Photography")),
    LinkTarget("4k", ("4K",)),
    LinkTarget("b-roll", ("B-Roll",)),
    LinkTarget("off-screen", ("O.S.", "Off Screen")),
    LinkTarget("directors-cut", ("Director's Cut",)),
    LinkTarget("hair-and-makeup", ("Hair & Makeup",)),
    LinkTarget("mise-en-scene", ("Mise-en-scène",)),
    LinkTarget("hanamichi", ("花道",)),
    LinkTarget("grip-tape", ("Grip Tape",), autolink=False),
    LinkTarget("stub", ("Stub Term",), autolink=False),
]
LINKER = Linker(TARGETS)


def url_for(slug: str) -> str:
    return f"/t/{slug}/"


def a(slug: str, text: str) -> str:
    """The exact markup of a term link."""
    return f'<a class="tb-term" data-term="{slug}" href="/t/{slug}/">{text}</a>'


def link(html: str, **options) -> LinkResult:
    return LINKER.link_html(html, url_for=url_for, **options)


def check(html: str, expected: str, **options) -> LinkResult:
    result = link(html, **options)
    assert result.html == expected
    assert link(result.html, **options).html == expected, "linking twice changed the page"
    return result


def rows(*cases: tuple) -> list:
    return [pytest.param(*case[1:], id=case[0]) for case in cases]


LONGEST_MATCH = rows(
    ("longest-key-grip", "<p>the key grip</p>", f"<p>the {a('key-grip', 'key grip')}</p>"),
    ("longest-dolly-zoom", "<p>a dolly zoom</p>", f"<p>a {a('dolly-zoom', 'dolly zoom')}</p>"),
    ("longest-plural", "<p>key grips</p>", f"<p>{a('key-grip', 'key grips')}</p>"),
    (
        "longest-falls-back-when-longer-is-not-a-word",
        "<p>dolly zooming</p>",
        f"<p>{a('dolly', 'dolly')} zooming</p>",
    ),
    (
        "longest-alias",
        "<p>the Vertigo Effect</p>",
        f"<p>the {a('dolly-zoom', 'Vertigo Effect')}</p>",
    ),
    (
        "longest-line-wrapped-name",
        "<p>the key\ngrip</p>",
        f"<p>the {a('key-grip', 'key' + chr(10) + 'grip')}</p>",
    ),
    (
        "longest-nbsp-entity-in-name",
        "<p>the key&nbsp;grip</p>",
        f"<p>the {a('key-grip', 'key&nbsp;grip')}</p>",
    ),
)

WHOLE_WORDS = rows(
    ("word-not-inside-gripping", "<p>gripping</p>", "<p>gripping</p>"),
    ("word-not-inside-shotgun", "<p>shotgun snapshot</p>", "<p>shotgun snapshot</p>"),
    ("word-not-after-underscore", "<p>big_grip</p>", "<p>big_grip</p>"),
    ("word-not-across-inline-tag", "<p><b>grip</b>ping</p>", "<p><b>grip</b>ping</p>"),
    (
        "word-block-tag-separates",
        "<p>snap</p><p>shot</p>",
        f"<p>snap</p><p>{a('shot', 'shot')}</p>",
    ),
    ("word-hyphen", "<p>b-roll</p>", f"<p>{a('b-roll', 'b-roll')}</p>"),
    ("word-hyphen-not-inside", "<p>b-rolling</p>", "<p>b-rolling</p>"),
    ("word-periods", "<p>V.O. or O.S. here</p>", f"<p>V.O. or {a('off-screen', 'O.S.')} here</p>"),
    (
        "word-apostrophe",
        "<p>the director's cut</p>",
        f"<p>the {a('directors-cut', 'director' + chr(39) + 's cut')}</p>",
    ),
    (
        "word-typographic-apostrophe",
        "<p>the Director’s Cut</p>",
        f"<p>the {a('directors-cut', 'Director’s Cut')}</p>",
    ),
    (
        "word-apostrophe-entity",
        "<p>Director&#8217;s Cut</p>",
        f"<p>{a('directors-cut', 'Director&#8217;s Cut')}</p>",
    ),
    (
        "word-ampersand-entity",
        "<p>Hair &amp; Makeup</p>",
        f"<p>{a('hair-and-makeup', 'Hair &amp; Makeup')}</p>",
    ),
    (
        "word-ampersand-numeric-entity",
        "<p>hair &#38; makeup</p>",
        f"<p>{a('hair-and-makeup', 'hair &#38; makeup')}</p>",
    ),
    ("word-entities-around", "<p>&lt;grip&gt;</p>", f"<p>&lt;{a('grip', 'grip')}&gt;</p>"),
    ("word-digits", "<p>filmed in 4K.</p>", f"<p>filmed in {a('4k', '4K')}.</p>"),
    ("word-digits-not-inside", "<p>14K 4Kx</p>", "<p>14K 4Kx</p>"),
    (
        "word-accents",
        "<p>Mise-en-scène</p>",
        f"<p>{a('mise-en-scene', 'Mise-en-scène')}</p>",
    ),
    (
        "word-accent-tolerant",
        "<p>mise-en-scene</p>",
        f"<p>{a('mise-en-scene', 'mise-en-scene')}</p>",
    ),
    ("word-nfd-accent-ends-no-name", "<p>gripe\u0301</p>", "<p>gripe\u0301</p>"),
    ("word-cjk-alone", "<p>花道</p>", f"<p>{a('hanamichi', '花道')}</p>"),
    ("word-cjk-between-cjk", "<p>この花道を</p>", f"<p>この{a('hanamichi', '花道')}を</p>"),
)

CASE = rows(
    ("case-insensitive", "<p>GRIP</p>", f"<p>{a('grip', 'GRIP')}</p>"),
    ("case-acronym-lowercase-is-a-word", "<p>an ad, mos, adr</p>", "<p>an ad, mos, adr</p>"),
    ("case-acronym-titlecase-is-a-word", "<p>Ad hoc</p>", "<p>Ad hoc</p>"),
    ("case-acronym-exact", "<p>the AD</p>", f"<p>the {a('assistant-director', 'AD')}</p>"),
    ("case-acronym-mos", "<p>shot MOS</p>", f"<p>{a('shot', 'shot')} {a('mos', 'MOS')}</p>"),
    ("case-acronym-digits", "<p>4k</p>", "<p>4k</p>"),
    (
        "case-acronym-alias-of-normal-name",
        "<p>director of photography</p>",
        f"<p>{a('dp', 'director of photography')}</p>",
    ),
)

INFLECTIONS = rows(
    ("plural-s", "<p>gaffers</p>", f"<p>{a('gaffer', 'gaffers')}</p>"),
    ("plural-ies", "<p>dollies</p>", f"<p>{a('dolly', 'dollies')}</p>"),
    ("plural-es-x", "<p>apple boxes</p>", f"<p>{a('box', 'apple boxes')}</p>"),
    ("plural-es-ch", "<p>matches</p>", f"<p>{a('match-cut', 'matches')}</p>"),
    ("plural-es-s", "<p>lenses</p>", f"<p>{a('lens', 'lenses')}</p>"),
    ("possessive", "<p>the gaffer's</p>", f"<p>the {a('gaffer', 'gaffer' + chr(39) + 's')}</p>"),
    ("possessive-typographic", "<p>the gaffer’s</p>", f"<p>the {a('gaffer', 'gaffer’s')}</p>"),
    ("possessive-plural", "<p>the gaffers'</p>", f"<p>the {a('gaffer', 'gaffers' + chr(39))}</p>"),
    ("possessive-ies", "<p>the dolly's</p>", f"<p>the {a('dolly', 'dolly' + chr(39) + 's')}</p>"),
    (
        "possessive-s-name",
        "<p>the lens' edge</p>",
        f"<p>the {a('lens', 'lens' + chr(39))} edge</p>",
    ),
    ("plural-acronym", "<p>two DPs</p>", f"<p>two {a('dp', 'DPs')}</p>"),
    (
        "possessive-acronym",
        "<p>the AD's call</p>",
        f"<p>the {a('assistant-director', 'AD' + chr(39) + 's')} call</p>",
    ),
    ("plural-acronym-wrong-case", "<p>ads</p>", "<p>ads</p>"),
    ("plural-not-irregular", "<p>gripss dollys</p>", "<p>gripss dollys</p>"),
    ("plural-of-last-word-only", "<p>grips tape</p>", f"<p>{a('grip', 'grips')} tape</p>"),
)

PROTECTED = rows(
    ("never-in-link", '<a href="/x?a=1&amp;b">grip</a>', '<a href="/x?a=1&amp;b">grip</a>'),
    ("never-in-code", "<code>grip</code>", "<code>grip</code>"),
    ("never-in-pre", "<pre>grip\n</pre>", "<pre>grip\n</pre>"),
    ("never-in-pre-code", "<pre><code>grip</code> grip</pre>", "<pre><code>grip</code> grip</pre>"),
    ("never-in-kbd", "<kbd>grip</kbd>", "<kbd>grip</kbd>"),
    ("never-in-script", "<script>if (a<b) grip()</script>", "<script>if (a<b) grip()</script>"),
    ("never-in-style", "<style>.grip{}</style>", "<style>.grip{}</style>"),
    ("never-in-textarea", "<textarea><b>grip</textarea>", "<textarea><b>grip</textarea>"),
    ("never-in-button", "<button>grip</button>", "<button>grip</button>"),
    ("never-in-h1", "<h1>grip</h1>", "<h1>grip</h1>"),
    ("never-in-h6", '<h6 id="g">Grip</h6>', '<h6 id="g">Grip</h6>'),
    ("never-in-svg", "<svg><text>grip</text></svg>", "<svg><text>grip</text></svg>"),
    ("never-in-math", "<math><mi>grip</mi></math>", "<math><mi>grip</mi></math>"),
    ("never-in-label", '<label for="t1">grip</label>', '<label for="t1">grip</label>'),
    (
        "never-in-summary",
        "<details><summary>grip</summary>grip</details>",
        f"<details><summary>grip</summary>{a('grip', 'grip')}</details>",
    ),
    ("never-in-comment", "<!-- grip -->", "<!-- grip -->"),
    ("never-in-cdata", "<![CDATA[grip]]>", "<![CDATA[grip]]>"),
    ("never-in-attribute", '<p title="grip">x</p>', '<p title="grip">x</p>'),
    (
        "never-in-alt-then-text",
        '<img alt="grip" src="g.png"> grip',
        f'<img alt="grip" src="g.png"> {a("grip", "grip")}',
    ),
    (
        "never-in-attribute-with-gt",
        '<p title="a > grip">x</p>',
        '<p title="a > grip">x</p>',
    ),
    (
        "never-in-tb-nolink",
        '<div class="note tb-nolink"><div>grip</div> grip</div> grip',
        f'<div class="note tb-nolink"><div>grip</div> grip</div> {a("grip", "grip")}',
    ),
    (
        "never-class-substring",
        '<p class="tb-nolinkish">grip</p>',
        f'<p class="tb-nolinkish">{a("grip", "grip")}</p>',
    ),
    (
        "never-uppercase-tags",
        "<CODE>grip</CODE> <P>grip</P>",
        f"<CODE>grip</CODE> <P>{a('grip', 'grip')}</P>",
    ),
    (
        "never-nested-skip-elements",
        "<h2><code>x</code> grip <a>y</a> grip</h2> grip",
        f"<h2><code>x</code> grip <a>y</a> grip</h2> {a('grip', 'grip')}",
    ),
    ("void-br", "grip<br>shot", f"{a('grip', 'grip')}<br>{a('shot', 'shot')}"),
    ("void-self-closing", "grip<br/>shot", f"{a('grip', 'grip')}<br/>{a('shot', 'shot')}"),
    ("svg-self-closing", '<svg class="i"/> grip', f'<svg class="i"/> {a("grip", "grip")}'),
    ("unclosed-code-protects-rest", "<code>x</p> grip", "<code>x</p> grip"),
    ("unclosed-link-protects-rest", '<a href="x">y grip', '<a href="x">y grip'),
    ("stray-end-tag", "</code></a>grip", f"</code></a>{a('grip', 'grip')}"),
    ("unterminated-tag", "grip <p class='x", f"{a('grip', 'grip')} <p class='x"),
    ("unterminated-comment", "<!-- grip", "<!-- grip"),
    ("lone-less-than", "a < grip", f"a < {a('grip', 'grip')}"),
    (
        "bytes-kept",
        "<P CLASS=x  data-y='1'>grip &AMP; shot</P >\r\n",
        f"<P CLASS=x  data-y='1'>{a('grip', 'grip')} &AMP; {a('shot', 'shot')}</P >\r\n",
    ),
)

CURRENT_PAGE = rows(
    ("self-not-linked", "<p>a key grip</p>", "<p>a key grip</p>"),
    ("self-not-split", "<p>the Key Grips</p>", "<p>the Key Grips</p>"),
    (
        "self-separate-shorter-term-links",
        "<p>key grip and grip</p>",
        f"<p>key grip and {a('grip', 'grip')}</p>",
    ),
    ("self-explicit-is-plain", "<p>[[Key Grip|this]]</p>", "<p>this</p>"),
)

MODES = [
    pytest.param(
        "first",
        "<p>grip grip</p><p>grip</p>",
        f"<p>{a('grip', 'grip')} grip</p><p>grip</p>",
        id="mode-first",
    ),
    pytest.param(
        "all",
        "<p>grip grip</p><p>grips</p>",
        f"<p>{a('grip', 'grip')} {a('grip', 'grip')}</p><p>{a('grip', 'grips')}</p>",
        id="mode-all",
    ),
    pytest.param(
        "first",
        '<p><a class="tb-term" data-term="grip" href="/t/grip/">Grip</a> grip</p>',
        '<p><a class="tb-term" data-term="grip" href="/t/grip/">Grip</a> grip</p>',
        id="mode-first-existing-term-link-counts",
    ),
    pytest.param("all", "<p>stub term</p>", "<p>stub term</p>", id="autolink-false"),
    pytest.param(
        "all", "<p>grip tape</p>", "<p>grip tape</p>", id="autolink-false-still-shadows-shorter"
    ),
]

EXPLICIT = rows(
    ("explicit-name", "<p>[[Grip]]</p>", f"<p>{a('grip', 'Grip')}</p>", [], ["grip"]),
    (
        "explicit-case",
        "<p>[[key GRIP]]</p>",
        f"<p>{a('key-grip', 'key GRIP')}</p>",
        [],
        ["key-grip"],
    ),
    (
        "explicit-alias",
        "<p>[[Vertigo Effect]]</p>",
        f"<p>{a('dolly-zoom', 'Vertigo Effect')}</p>",
        [],
        ["dolly-zoom"],
    ),
    (
        "explicit-slug",
        "<p>[[dolly-zoom|this]]</p>",
        f"<p>{a('dolly-zoom', 'this')}</p>",
        [],
        ["dolly-zoom"],
    ),
    (
        "explicit-shown",
        "<p>[[Dolly|the cart]]</p>",
        f"<p>{a('dolly', 'the cart')}</p>",
        [],
        ["dolly"],
    ),
    ("explicit-plural", "<p>[[gaffers]]</p>", f"<p>{a('gaffer', 'gaffers')}</p>", [], ["gaffer"]),
    (
        "explicit-entity",
        "<p>[[Hair &amp; Makeup]]</p>",
        f"<p>{a('hair-and-makeup', 'Hair &amp; Makeup')}</p>",
        [],
        ["hair-and-makeup"],
    ),
    (
        "explicit-punctuation-tolerant",
        "<p>[[directors cut]]</p>",
        f"<p>{a('directors-cut', 'directors cut')}</p>",
        [],
        ["directors-cut"],
    ),
    (
        "explicit-autolink-false",
        "<p>[[Stub Term]]</p>",
        f"<p>{a('stub', 'Stub Term')}</p>",
        [],
        ["stub"],
    ),
    (
        "explicit-after-automatic",
        "<p>grip then [[Grip]]</p>",
        f"<p>{a('grip', 'grip')} then {a('grip', 'Grip')}</p>",
        [],
        ["grip"],
    ),
    (
        "explicit-counts-as-first",
        "<p>[[Grip|a]] then grip</p>",
        f"<p>{a('grip', 'a')} then grip</p>",
        [],
        ["grip"],
    ),
    (
        "explicit-mixed-with-automatic",
        "<p>shot [[Grip]]s and key grip</p>",
        f"<p>{a('shot', 'shot')} {a('grip', 'Grip')}s and {a('key-grip', 'key grip')}</p>",
        [],
        ["shot", "grip", "key-grip"],
    ),
    ("explicit-unresolved", "<p>[[Nope]] x</p>", "<p>Nope x</p>", ["Nope"], []),
    ("explicit-unresolved-shown", "<p>[[Nope|shown]]</p>", "<p>shown</p>", ["Nope|shown"], []),
    (
        "explicit-unresolved-text-is-linkable",
        "<p>[[Nope|a grip]]</p>",
        f"<p>a {a('grip', 'grip')}</p>",
        ["Nope|a grip"],
        ["grip"],
    ),
    (
        "explicit-unresolved-in-order",
        "<p>[[X]] [[Grip]] [[Y|y]]</p>",
        f"<p>X {a('grip', 'Grip')} y</p>",
        ["X", "Y|y"],
        ["grip"],
    ),
    ("explicit-not-in-code", "<code>[[Grip]]</code>", "<code>[[Grip]]</code>", [], []),
    ("explicit-not-in-pre", "<pre>[[Nope]]</pre>", "<pre>[[Nope]]</pre>", [], []),
    ("explicit-not-in-link", '<a href="x">[[Grip]]</a>', '<a href="x">[[Grip]]</a>', [], []),
    (
        "explicit-in-heading",
        "<h2>[[Grip]] grip</h2>",
        f"<h2>{a('grip', 'Grip')} grip</h2>",
        [],
        ["grip"],
    ),
    (
        "explicit-nested-brackets",
        "<p>[[a [[Nope]] b]]</p>",
        "<p>a Nope b</p>",
        ["Nope", "a Nope b"],
        [],
    ),
    (
        "explicit-removal-makes-no-tag",
        "<p><[[Nope]] <[[X|/p]]></p>",
        "<p>&lt;Nope &lt;/p></p>",
        ["Nope", "X|/p"],
        [],
    ),
    (
        "explicit-removal-makes-no-entity",
        "<p>&[[Nope|amp;]]</p>",
        "<p>&amp;amp;</p>",
        ["Nope|amp;"],
        [],
    ),
    ("explicit-empty-is-text", "<p>[[]] [[|x]]</p>", "<p>[[]] [[|x]]</p>", [], []),
    # Explicit links read across inline markup, as plain text reads them (they once stayed raw
    # brackets on the site while the API showed the words).
    (
        "explicit-across-markup",
        "<p>[[<em>Key</em> Grip]] and [[Dolly|the <b>cart</b>]]</p>",
        f"<p>{a('key-grip', '<em>Key</em> Grip')} and {a('dolly', 'the <b>cart</b>')}</p>",
        [],
        ["key-grip", "dolly"],
    ),
    (
        "explicit-across-markup-target-tags-kept",
        "<p>[[<em>Dolly</em>|the cart]] grip</p>",
        f"<p><em></em>{a('dolly', 'the cart')} {a('grip', 'grip')}</p>",
        [],
        ["dolly", "grip"],
    ),
    (
        "explicit-across-markup-unresolved",
        "<p>[[<b>Nope</b>|a grip]]</p>",
        f"<p><b></b>a {a('grip', 'grip')}</p>",
        ["Nope|a grip"],
        ["grip"],
    ),
    (
        "explicit-cutting-an-element-stays-as-written",
        "<p><b>[[Dolly|the</b> cart]]</p>",
        f"<p><b>[[{a('dolly', 'Dolly')}|the</b> cart]]</p>",
        [],
        ["dolly"],
    ),
    (
        "explicit-with-code",
        "<p>[[<code>Grip</code>|the crew]] and [[Dolly|the <code>[[x]]</code>]]</p>",
        f"<p>{a('grip', 'the crew')} and {a('dolly', 'the <code>[[x]]</code>')}</p>",
        [],
        ["grip", "dolly"],
    ),
    # Lone brackets pair with the words an inner link leaves, as a second pass would read them;
    # termbook.text.wikilinks reads the syntax for the linker and for plain text alike.
    (
        "explicit-bracket-run",
        "<p>[[[[Nope]] x]] [[[[Grip]] x]]</p>",
        f"<p>Nope x [[{a('grip', 'Grip')} x]]</p>",
        ["Nope", "Nope x"],
        ["grip"],
    ),
)


@pytest.mark.parametrize(("html", "expected"), LONGEST_MATCH)
def test_longest_match_wins(html: str, expected: str) -> None:
    check(html, expected)


@pytest.mark.parametrize(("html", "expected"), WHOLE_WORDS)
def test_whole_words_only(html: str, expected: str) -> None:
    check(html, expected)


@pytest.mark.parametrize(("html", "expected"), CASE)
def test_case(html: str, expected: str) -> None:
    check(html, expected, mode="all")


@pytest.mark.parametrize(("html", "expected"), INFLECTIONS)
def test_plurals_and_possessives(html: str, expected: str) -> None:
    check(html, expected)


@pytest.mark.parametrize(("html", "expected"), PROTECTED)
def test_protected_regions_and_malformed_markup(html: str, expected: str) -> None:
    check(html, expected)


@pytest.mark.parametrize(("html", "expected"), CURRENT_PAGE)
def test_current_page(html: str, expected: str) -> None:
    check(html, expected, current_slug="key-grip")


@pytest.mark.parametrize(("mode", "html", "expected"), MODES)
def test_modes_and_autolink(mode: str, html: str, expected: str) -> None:
    check(html, expected, mode=mode)


@pytest.mark.parametrize(("html", "expected", "unresolved", "mentions"), EXPLICIT)
def test_explicit_links(html: str, expected: str, unresolved: list, mentions: list) -> None:
    result = check(html, expected)
    assert result.unresolved == unresolved
    assert result.mentions == mentions


def test_mentions_in_first_appearance_order_unique() -> None:
    result = link("<p>shot grip dolly zoom</p><p>grip shot [[Gaffer]] grip</p>", mode="all")
    assert result.mentions == ["shot", "grip", "dolly-zoom", "gaffer"]


def test_attribute_values_are_escaped() -> None:
    linker = Linker([LinkTarget('a"b&c', ("Grip",))])
    result = linker.link_html("grip", url_for=lambda slug: f"/?q={slug}&x=<1>")
    assert result.html == (
        '<a class="tb-term" data-term="a&quot;b&amp;c" href="/?q=a&quot;b&amp;c&amp;x=&lt;1&gt;">'
        "grip</a>"
    )


def test_url_for_called_once_per_term() -> None:
    calls: list[str] = []
    LINKER.link_html("grip grip shot", url_for=lambda s: calls.append(s) or s, mode="all")
    assert calls == ["grip", "shot"]


def test_unknown_mode_is_an_error() -> None:
    with pytest.raises(ValueError, match="mode"):
        link("grip", mode="some")  # type: ignore[arg-type]


def test_no_targets_and_empty_page() -> None:
    assert Linker([]).link_html("grip", url_for=url_for).html == "grip"
    assert link("") == LinkResult("", [], [])


def test_a_name_two_terms_hold_links_its_shared_page_and_mentions_neither() -> None:
    linker = Linker(
        [
            LinkTarget("continuous-delivery", ("Continuous Delivery", "CD")),
            LinkTarget("continuous-deployment", ("Continuous Deployment", "CD")),
        ]
    )
    result = linker.link_html(
        "Ship with CD, then more CDs. [[CD|Both]] and Continuous Delivery.",
        url_for=url_for,
        mode="all",
    )
    shared = '<a class="tb-term" data-name="cd" href="/t/names/cd/">'
    assert result.html == (
        f"Ship with {shared}CD</a>, then more {shared}CDs</a>. {shared}Both</a> and "
        f"{a('continuous-delivery', 'Continuous Delivery')}."
    )
    assert result.mentions == ["continuous-delivery"]  # the shared page is no one term's
    assert linker.resolve("cd") == "names/cd"
    assert linker.matcher.shared_keys == {
        "names/cd": ("continuous-delivery", "continuous-deployment")
    }


def test_an_alias_equal_to_another_terms_headword_is_shared_too() -> None:
    linker = Linker([LinkTarget("service", ("Service",)), LinkTarget("svc", ("Svc", "service"))])
    assert 'data-name="service"' in linker.link_html("a service", url_for=url_for).html
    assert linker.resolve("service") == "service"  # a slug as written is that term
    assert linker.resolve("Service") == "names/service"


def test_single_character_names_are_not_linked_automatically() -> None:
    linker = Linker([LinkTarget("x", ("X",))])
    result = linker.link_html("an x and [[X]]", url_for=url_for)
    assert result.html == f"an x and {a('x', 'X')}"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        pytest.param("Key Grip", "key-grip", id="resolve-name"),
        pytest.param("key-grip", "key-grip", id="resolve-slug"),
        pytest.param("VERTIGO effect", "dolly-zoom", id="resolve-alias-any-case"),
        pytest.param("mise en scene", "mise-en-scene", id="resolve-accents-punctuation"),
        pytest.param("Hair and Makeup", "hair-and-makeup", id="resolve-ampersand-as-and"),
        pytest.param("directors cut", "directors-cut", id="resolve-no-apostrophe"),
        pytest.param("O.S.", "off-screen", id="resolve-periods"),
        pytest.param("os", "off-screen", id="resolve-without-periods"),
        pytest.param("dollies", "dolly", id="resolve-plural"),
        pytest.param("gaffer's", "gaffer", id="resolve-possessive"),
        pytest.param("  key \n grip ", "key-grip", id="resolve-whitespace"),
        pytest.param("花道", "hanamichi", id="resolve-cjk"),
        pytest.param("nothing", None, id="resolve-unknown"),
        pytest.param("", None, id="resolve-empty"),
    ],
)
def test_resolve(text: str, slug: str | None) -> None:
    assert LINKER.resolve(text) == slug


def test_resolve_never_guesses_between_names_equal_without_punctuation() -> None:
    linker = Linker([LinkTarget("x1", ("A-B",)), LinkTarget("x2", ("A.B.",))])
    assert linker.resolve("a b") == "names/a-b"  # one name as the glossary compares names
    assert linker.resolve("ab") == "names/a-b"
    linker = Linker([LinkTarget("x1", ("A-B",)), LinkTarget("x2", ("A B C",))])
    assert linker.resolve("a b") == "x1"


def test_very_long_names_are_only_linked_explicitly() -> None:
    name = "very " * 60 + "long"
    linker = Linker([LinkTarget("long", (name,))])
    assert linker.link_html(name, url_for=url_for).html == name
    assert linker.resolve(name) == "long"


class _CountingPattern:
    """The matcher's compiled pattern, counting the searches it is asked for."""

    def __init__(self, pattern) -> None:
        self.pattern = pattern
        self.searches = 0

    def search(self, *args):
        self.searches += 1
        return self.pattern.search(*args)


def _searches(linker: Linker, page: str) -> tuple[int, str]:
    counting = linker.matcher._pattern = _CountingPattern(linker.matcher._pattern)
    html = linker.link_html(page, url_for=url_for, mode="all").html
    return counting.searches, html


def test_the_work_per_page_does_not_grow_with_the_number_of_terms() -> None:
    """One search of one pattern per mention, whether the glossary has 10 terms or 2,000: the
    names are one trie, never one search per name. (How fast is for the benchmark to say:
    benchmarks/bench_linker.py.)"""
    words = [f"{a}{b}{c}" for a in "bcdfg" for b in "aeiou" for c in "klmnprstvz"]
    names = [f"{w} {v}" for w in words[:40] for v in words[40:90]]
    small = Linker(LinkTarget(f"t{i}", (n,)) for i, n in enumerate(names[:10]))
    large = Linker(LinkTarget(f"t{i}", (n,)) for i, n in enumerate(names))
    page = "<p>" + " ".join(names[i % 10] + " filler text" for i in range(400)) + "</p>"
    (few, small_html), (many, large_html) = _searches(small, page), _searches(large, page)
    assert small_html == large_html and small_html.count("<a ") == 400
    assert few == many <= 401
