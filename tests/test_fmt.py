"""`termbook fmt`: one layout for every term file, comments kept, data never changed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from termbook.cli import main
from termbook.glossary.fmt import FormatError, format_text
from termbook.glossary.loader import term_files
from termbook.glossary.validate import TERM_KEYS

REPO = Path(__file__).resolve().parents[1]
REAL_TERMS = term_files(REPO / "terms")[0]

SCRAMBLED = """\
# yaml-language-server: $schema=../schemas/term.schema.json
# Header: stays at the top.

definition: Pulling focus while rolling.   # said on set
# About the name: stays above `term`.
term: Rack Focus
related:
- Focus Puller   # the person who does it
- Depth of Field
# Categories come from terms/_categories.yaml.
categories:
  - Camera and Shots
aliases: [Rack]
examples: ["Rack to the door.", 'Rack back.']
sources: [{url: "https://example.org/rack", title: Rack}]
image: {alt: A focus wheel, src: images/rack.svg}
"""


def fmt(text: str) -> str:
    return format_text(textwrap.dedent(text))


def top_level_keys(text: str) -> list[str]:
    return [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]


def comments(text: str) -> list[str]:
    return sorted(line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line)


def test_keys_follow_the_schema_order() -> None:
    out = fmt(SCRAMBLED)
    keys = top_level_keys(out)
    assert keys == sorted(keys, key=TERM_KEYS.index)
    assert keys == [
        "term", "aliases", "categories", "definition", "examples", "related", "image", "sources"
    ]  # fmt: skip


def test_round_trip_keeps_every_comment_next_to_what_it_describes() -> None:
    out = fmt(SCRAMBLED)
    assert comments(out) == comments(SCRAMBLED)
    lines = out.splitlines()
    assert lines[:3] == [
        "# yaml-language-server: $schema=../schemas/term.schema.json",
        "# Header: stays at the top.",
        "",
    ]
    assert lines[lines.index("term: Rack Focus") - 1] == "# About the name: stays above `term`."
    categories = next(i for i, line in enumerate(lines) if line.startswith("categories:"))
    assert lines[categories - 1].startswith("# Categories come from")
    assert "definition: Pulling focus while rolling.   # said on set" in lines
    assert any(
        line.strip().startswith("- Focus Puller") and "# the person" in line for line in lines
    )


def test_data_is_unchanged() -> None:
    assert yaml.safe_load(fmt(SCRAMBLED)) == yaml.safe_load(SCRAMBLED)


def test_layout_of_lists_and_mappings() -> None:
    out = fmt(SCRAMBLED)
    assert "aliases: [Rack]\n" in out
    assert "categories: [Camera and Shots]\n" in out
    assert "examples:\n  - \"Rack to the door.\"\n  - 'Rack back.'\n" in out
    assert "image:\n  src: images/rack.svg\n  alt: A focus wheel\n" in out
    assert 'sources:\n  - title: Rack\n    url: "https://example.org/rack"\n' in out
    # A commented list stays a block list: a flow list cannot hold comments.
    assert "related:\n  - Focus Puller" in out


def test_long_or_multiline_text_becomes_a_literal_block() -> None:
    long = "word " * 20
    out = fmt(
        f"""\
        term: Grip
        categories: [Crew and Roles]
        definition: "{long.strip()}"
        trivia: "Line one.\\nLine two.   \\n\\n"
        examples:
          - "{long.strip()}"
          - Short example.
        """
    )
    assert f"definition: |\n  {long.strip()}\n" in out
    assert out.endswith("trivia: |\n  Line one.\n  Line two.\n")
    assert f"examples:\n  - |\n    {long.strip()}\n  - Short example.\n" in out


def test_short_text_keeps_its_style() -> None:
    text = "term: Grip\ncategories: [Crew and Roles]\ndefinition: 'A crew member.'\n"
    assert format_text(text) == text


def test_a_list_too_wide_for_one_line_becomes_a_block_list() -> None:
    names = [f"Related Term Number {n}" for n in range(5)]
    out = format_text(
        f"term: Grip\ncategories: [Crew]\ndefinition: x\nrelated: [{', '.join(names)}]\n"
    )
    assert "related:\n" + "".join(f"  - {n}\n" for n in names) in out
    back = "term: Grip\ncategories: [Crew]\ndefinition: x\nrelated:\n  - A\n  - B\n"
    assert format_text(back).endswith("related: [A, B]\n")


def test_items_that_need_quotes_in_a_flow_list_are_measured_and_kept() -> None:
    out = format_text(
        'term: Grip\ncategories: [Crew]\ndefinition: x\naliases:\n  - "A: b"\n  - C, D\n'
    )
    assert yaml.safe_load(out)["aliases"] == ["A: b", "C, D"]


def test_whitespace_indentation_and_final_newline() -> None:
    out = format_text("term: Grip   \ncategories:\n    - Crew\ndefinition: x  \n\n\n")
    assert out == "term: Grip\ncategories: [Crew]\ndefinition: x\n"


@pytest.mark.parametrize("path", REAL_TERMS, ids=lambda p: p.name)
def test_formatting_is_idempotent_on_every_real_term(path: Path) -> None:
    once = format_text(path.read_text(encoding="utf-8"), path.name)
    assert format_text(once, path.name) == once


def test_formatting_is_idempotent_on_a_scrambled_file() -> None:
    once = fmt(SCRAMBLED)
    assert format_text(once) == once


def test_a_broken_file_is_refused_with_its_position() -> None:
    with pytest.raises(FormatError, match=r"x\.yaml:3:1: error: YAML syntax error"):
        format_text("term: Grip\ndefinition: [unclosed\n", "x.yaml")
    with pytest.raises(FormatError, match="mapping"):
        format_text("- Grip\n", "x.yaml")


# -- the command ---------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "tidy.yaml").write_text(
        "term: Tidy\ncategories: [Crew]\ndefinition: x\n", encoding="utf-8"
    )
    (terms / "rack-focus.yaml").write_text(SCRAMBLED, encoding="utf-8")
    (terms / "_categories.yaml").write_text("Crew: {description: Who does what}\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return terms


def test_check_lists_the_files_that_would_change_and_exits_1(folder: Path, capsys) -> None:
    before = (folder / "rack-focus.yaml").read_text(encoding="utf-8")
    assert main(["fmt", "--check"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "terms/rack-focus.yaml:4:1: not in the canonical layout; run `termbook fmt`"
    ]
    assert "would reformat 1 file(s), 1 already formatted" in err
    assert (folder / "rack-focus.yaml").read_text(encoding="utf-8") == before


def test_fmt_rewrites_then_check_passes(folder: Path, capsys) -> None:
    assert main(["fmt"]) == 0
    assert capsys.readouterr().out == "formatted terms/rack-focus.yaml\n"
    assert (folder / "rack-focus.yaml").read_text(encoding="utf-8") == fmt(SCRAMBLED)
    assert main(["fmt", "--check"]) == 0
    assert main(["fmt"]) == 0
    assert capsys.readouterr().out == ""


def test_named_files_only_and_underscore_files_skipped(folder: Path, capsys) -> None:
    categories = (folder / "_categories.yaml").read_text(encoding="utf-8")
    assert main(["fmt", "--check", "terms/tidy.yaml", "terms/_categories.yaml"]) == 0
    assert main(["fmt", "terms/_categories.yaml"]) == 0
    assert (folder / "_categories.yaml").read_text(encoding="utf-8") == categories


def test_a_file_with_errors_is_left_alone_and_fails(folder: Path, capsys) -> None:
    broken = folder / "broken.yaml"
    broken.write_text("term: Broken\ndefinition: [\n", encoding="utf-8")
    assert main(["fmt"]) == 1
    err = capsys.readouterr().err
    assert "terms/broken.yaml:" in err and "not formatted" in err
    assert broken.read_text(encoding="utf-8") == "term: Broken\ndefinition: [\n"


def test_a_missing_target_is_a_usage_error(folder: Path, capsys) -> None:
    assert main(["fmt", "nowhere"]) == 2
    assert "'nowhere' does not exist" in capsys.readouterr().err


def test_the_repository_terms_are_in_the_canonical_layout(monkeypatch, capsys) -> None:
    monkeypatch.chdir(REPO)
    assert main(["fmt", "--check"]) == 0, capsys.readouterr().out
