"""What the site ships of its style sheet and scripts: the sources without what only their
editors read (tests/browser/test_compact_assets.py checks that the browser sees the same)."""

from __future__ import annotations

import pytest

from termbook.resources import compact_css, compact_script


def test_script_loses_comment_lines_and_indentation_but_keeps_every_line_of_code():
    source = (
        "  /* a block\n     comment */\n"
        "  // a line comment\n"
        '  const url = "https://example.org/a"; // kept: after code\n'
        "\n"
        "  /** one-line doc */\n"
        "  function f() {\n"
        "    return url\n"
        "  }\n"
    )
    assert compact_script(source) == (
        'const url = "https://example.org/a"; // kept: after code\nfunction f() {\nreturn url\n}\n'
    )


def test_script_with_code_after_a_block_comment_on_its_line_is_refused():
    with pytest.raises(ValueError, match="line 2: code after a block comment"):
        compact_script("/* one\n two */ run();\n")


def test_style_sheet_keeps_strings_and_the_spaces_that_mean_descendant():
    source = (
        "/* heading */\n"
        ".md-typeset :is(p, dd) > a:not([class]) {\n"
        '  content: " <" attr(href) ">";  /* the target */\n'
        "  margin: 0 auto;\n"
        "}\n"
        "@media screen and (max-width: 30em) {\n  .a .b { color: red; }\n}\n"
    )
    assert compact_css(source) == (
        '.md-typeset :is(p, dd) > a:not([class]){content: " <" attr(href) ">";margin: 0 auto;}'
        "@media screen and (max-width: 30em){.a .b{color: red;}}\n"
    )
