"""`termbook check`: formats, exit codes and --strict, as docs/reference/cli.md promises."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from projects import BASIC_TERMS, GRIP, SAMPLE_SVG
from termbook.cli import main


@pytest.fixture
def in_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_glossary_exits_zero(make_terms, in_project, capsys):
    make_terms(BASIC_TERMS)
    assert main(["check"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "checked 4 term files: 0 error(s), 0 warning(s)" in captured.err


def test_errors_exit_one_with_one_line_per_problem(make_terms, in_project, capsys):
    make_terms({**BASIC_TERMS, "grip": "term: Grip\ncolour: red\ndefinition: x\n"})
    assert main(["check", "terms"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "terms/grip.yaml:1:1: error: the file has no 'categories'; it is required [missing-key]",
        "terms/grip.yaml:2:1: error: unknown key 'colour' in a term file [unknown-key]",
    ]


def test_warnings_pass_unless_strict(make_terms, in_project, capsys):
    make_terms({**BASIC_TERMS, "grip": {**GRIP, "categories": ["Crew and Role"]}})
    assert main(["check"]) == 0
    assert "warning: the category 'Crew and Role'" in capsys.readouterr().out
    assert main(["check", "--strict"]) == 1


def test_unsafe_markdown_is_a_warning_with_the_field_line(make_terms, in_project, capsys):
    text = "term: Grip\ncategories: [Crew and Roles]\ndefinition: |\n  Hi <script>x()</script>\n"
    make_terms({**BASIC_TERMS, "grip": text})
    assert main(["check", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "terms/grip.yaml:3:13: warning: <script> element removed from 'definition'" in out
    assert "[unsafe-html]" in out


def test_github_format_prints_annotations(make_terms, in_project, capsys):
    make_terms({**BASIC_TERMS, "grip": "term: Grip\ncolour: red\ndefinition: x\n"})
    assert main(["check", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[1] == (
        "::error file=terms/grip.yaml,line=2,col=1,title=termbook unknown-key::"
        "unknown key 'colour' in a term file"
    )


def test_json_format_is_a_list_of_problems(make_terms, in_project, capsys):
    make_terms({**BASIC_TERMS, "grip": "term: Grip\ncolour: red\ndefinition: x\n"})
    assert main(["check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert problems[1] == {
        "path": "terms/grip.yaml",
        "line": 2,
        "column": 1,
        "severity": "error",
        "message": "unknown key 'colour' in a term file",
        "code": "unknown-key",
    }


def test_usage_errors_exit_two(in_project):
    with pytest.raises(SystemExit) as raised:
        main(["check", "--format", "xml"])
    assert raised.value.code == 2
    assert main(["check", "no-such-folder"]) == 2


def test_console_script_runs(make_terms, in_project):
    make_terms(BASIC_TERMS)
    done = subprocess.run(
        [sys.executable, "-m", "termbook", "check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    help_text = subprocess.run(
        [sys.executable, "-m", "termbook", "--help"], capture_output=True, text=True
    ).stdout
    assert "check" in help_text


def test_the_real_glossary_is_clean():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "termbook", "check", "--strict", "terms"],
        capture_output=True,
        text=True,
        cwd=root,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_images_are_looked_up_in_the_docs_folder_or_the_one_given(make_terms, in_project, capsys):
    image = {"src": "images/grip.svg", "alt": "A grip pushing a dolly"}
    make_terms({**BASIC_TERMS, "grip": {**GRIP, "image": image}})
    assert main(["check"]) == 1
    assert "[image-missing]" in capsys.readouterr().out
    site_docs = in_project / "site-docs" / "images"
    site_docs.mkdir(parents=True)
    (site_docs / "grip.svg").write_text(SAMPLE_SVG)
    assert main(["check", "--docs-dir", "site-docs"]) == 0
