"""The YAML loader: positions for every value, and refusal of what a data file never needs."""

from __future__ import annotations

import time

import pytest

from termbook.glossary.yamlload import MAX_FILE_BYTES, load_bytes, load_text


def codes(problems):
    return [p.code for p in problems]


def test_positions_of_keys_and_values_are_one_based():
    doc, problems = load_text("term: Grip\nrelated:\n  - Key Grip\n  - Dolly\n", "t.yaml")
    assert problems == []
    assert doc.data == {"term": "Grip", "related": ["Key Grip", "Dolly"]}
    assert doc.where_key(("related",)) == (2, 1)
    assert doc.where(("term",)) == (1, 7)
    assert doc.where(("related", 1)) == (4, 5)


def test_where_falls_back_to_the_nearest_parent():
    doc, _ = load_text("image:\n  src: a.svg\n", "t.yaml")
    assert doc.where(("image", "alt")) == doc.where(("image",))


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        pytest.param("term: !!python/object:os.system x\n", "yaml-tag", 1, id="python-tag"),
        pytest.param("term: Grip\nx: !custom 1\n", "yaml-tag", 2, id="local-tag"),
        pytest.param("a: !!set {x, y}\n", "yaml-tag", 1, id="set-tag"),
        pytest.param("term: a\nterm: b\n", "duplicate-key", 2, id="duplicate-key"),
        pytest.param("base: &b {x: 1}\nother:\n  <<: *b\n", "yaml-merge", 3, id="merge-key"),
        pytest.param("term: [unclosed\n", "yaml-syntax", 2, id="syntax"),
        pytest.param("term: Grip\n\tdefinition: x\n", "tab", 2, id="tab-indent"),
        pytest.param("", "empty-file", 1, id="empty"),
        pytest.param("# only a comment\n", "empty-file", 1, id="only-comment"),
        pytest.param("? [a, b]\n: c\n", "yaml-key", 1, id="complex-key"),
    ],
)
def test_refused_input_is_a_problem_with_a_line(text, code, line):
    _, problems = load_text(text, "t.yaml")
    assert codes(problems) == [code]
    assert problems[0].line == line
    assert problems[0].path == "t.yaml"


def test_billion_laughs_fails_fast():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    start = time.perf_counter()
    _, problems = load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert time.perf_counter() - start < 0.5
    assert codes(problems) == ["yaml-too-large"]


def test_recursive_alias_is_refused_not_a_crash():
    _, problems = load_text("a: &x [*x]\n", "t.yaml")
    assert codes(problems) and problems[0].code in {"yaml-too-large", "yaml-depth", "yaml-syntax"}


def test_small_aliases_are_allowed():
    doc, problems = load_text("a: &x Grip\nb: *x\n", "t.yaml")
    assert problems == [] and doc.data == {"a": "Grip", "b": "Grip"}


def test_bom_and_crlf_are_accepted():
    doc, problems = load_bytes(b"\xef\xbb\xbfterm: Grip\r\ndefinition: x\r\n", "t.yaml")
    assert problems == []
    assert doc.data == {"term": "Grip", "definition": "x"}
    assert doc.where(("definition",)) == (2, 13)


def test_non_utf8_bytes_are_reported_with_their_place():
    _, problems = load_bytes(b"term: Grip\ndefinition: caf\xe9\n", "t.yaml")
    assert codes(problems) == ["encoding"]
    assert (problems[0].line, problems[0].column) == (2, 16)
    assert "UTF-8" in problems[0].message and "0xe9" in problems[0].message


def test_huge_files_are_refused_before_parsing():
    _, problems = load_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1), "big.yaml")
    assert codes(problems) == ["file-too-large"]


def test_dates_and_numbers_keep_sensible_types():
    doc, problems = load_text("term: 2001-01-01\nn: 4\nflag: true\nnothing: null\n", "t.yaml")
    assert problems == []
    assert doc.data == {"term": "2001-01-01", "n": 4, "flag": True, "nothing": None}
