"""Every kind of broken input ends in one clear problem with file and line, never a traceback.

Each case puts one bad entry into a terms folder next to a good term and a term with an
unrelated error: the bad entry is reported where it is, the other error is still reported, the
good term still loads, and `termbook check` exits 1 (0 when the case is only a warning).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from projects import GRIP, run_build, write_project, write_terms
from termbook.cli import main
from termbook.glossary.rendered import check_terms
from termbook.glossary.yamlload import MAX_FILE_BYTES

VALID = "term: Bad\ncategories: [Crew and Roles]\ndefinition: A term.\n"
OTHER = "term: Other\ncategories: [Crew and Roles]\ndefinition: x\ncolour: red\n"
OTHER_LINE = "terms/other.yaml:4:1: error: unknown key 'colour' in a term file [unknown-key]"

Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    """The entry's name inside terms/."""
    content: bytes | Setup
    """The file's bytes, or a function that creates the entry at the given path."""
    code: str
    line: int = 1
    severity: str = "error"
    says: str = ""
    """Words the message must contain, so that it tells the contributor what to do."""


def _link_to(target: str) -> Setup:
    def link(path: Path) -> None:
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    return link


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inner.yaml").write_text(VALID, encoding="utf-8")


def _nested(levels: int) -> bytes:
    return ("term: Bad\nx: " + "[" * levels + "]" * levels + "\n").encode()


_BOMB = b"""a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]
"""

CASES = [
    Case("syntax-error", "bad.yaml", b"term: Bad\ncategories: [Crew\n", "yaml-syntax", 3),
    Case("unclosed-quote", "bad.yaml", b'term: "Bad\ndefinition: x\n', "yaml-syntax", 3),
    Case("wrong-type", "bad.yaml", b"term: [a, b]\n", "wrong-type", 1, says="must be text"),
    Case("list-not-mapping", "bad.yaml", b"- term: Bad\n", "not-a-mapping", says="mapping"),
    Case("plain-scalar", "bad.yaml", b"just some words\n", "not-a-mapping"),
    Case("latin-1", "bad.yaml", "term: Café\n".encode("latin-1"), "encoding", 1, says="UTF-8"),
    Case("latin-1-later-line", "bad.yaml", b"term: Bad\n\ndefinition: caf\xe9\n", "encoding", 3),
    Case("utf-16-with-bom", "bad.yaml", VALID.encode("utf-16"), "encoding", says="UTF-16"),
    Case("utf-16-without-bom", "bad.yaml", VALID.encode("utf-16-le"), "encoding"),
    Case("utf-32", "bad.yaml", VALID.encode("utf-32"), "encoding", says="UTF-32"),
    Case("nul-byte", "bad.yaml", b"term: Bad\ndefinition: a\x00b\n", "encoding", 2, says="NUL"),
    Case("control-character", "bad.yaml", b"term: Bad\x1b[31m\n", "yaml-character", 1),
    Case("escaped-control", "bad.yaml", b'term: Bad\ndefinition: "a\\x07b"\n', "yaml-character", 2),
    Case("escaped-nul", "bad.yaml", b'term: "Bad\\0"\n', "yaml-character", 1),
    Case("lone-surrogate", "bad.yaml", b"term: \xed\xa0\x80\n", "encoding", 1),
    Case("tab-indentation", "bad.yaml", b"term: Bad\nimage:\n\tsrc: x.svg\n", "tab", 3),
    Case("empty-file", "bad.yaml", b"", "empty-file", says="empty"),
    Case("only-whitespace", "bad.yaml", b"\n   \n\n", "empty-file"),
    Case("only-a-comment", "bad.yaml", b"# nothing yet\n", "empty-file"),
    Case(
        "huge-file",
        "bad.yaml",
        b"term: Bad\ndefinition: " + b"x" * MAX_FILE_BYTES,
        "file-too-large",
        says="at most",
    ),
    Case("nested-too-deep", "bad.yaml", _nested(40), "yaml-depth", 2),
    Case("nested-beyond-the-parser", "bad.yaml", _nested(5_000), "yaml-syntax", 2),
    Case("python-tag", "bad.yaml", b"term: !!python/object/apply:os.system [id]\n", "yaml-tag"),
    Case("custom-tag", "bad.yaml", b"term: Bad\ndefinition: !include x.md\n", "yaml-tag", 2),
    Case("set-tag", "bad.yaml", b"term: Bad\naliases: !!set {a, b}\n", "yaml-tag", 2),
    Case("alias-bomb", "bad.yaml", _BOMB, "yaml-too-large", says="aliases"),
    Case(
        "duplicate-key", "bad.yaml", b"term: Bad\ndefinition: a\nterm: Worse\n", "duplicate-key", 3
    ),
    Case("merge-key", "bad.yaml", b"x: &x {term: Bad}\n<<: *x\n", "yaml-merge", 2),
    Case("mapping-as-key", "bad.yaml", b"? {a: 1}\n: x\n", "yaml-key"),
    Case("two-documents", "bad.yaml", VALID.encode() + b"---\nterm: Two\n", "yaml-syntax", 4),
    Case(
        "huge-integer",
        "bad.yaml",
        b"term: " + b"9" * 5_000 + VALID[9:].encode(),
        "slug-mismatch",
        says="…",
    ),
    Case(
        "unmatched-link-brackets",
        "bad.yaml",
        VALID.encode() + b"examples: ['" + b"[" * 100 + b" word" * 3_000 + b"']\n",
        "markdown-too-complex",
        4,
        says="'['",
    ),
    Case(
        "unclosed-tags",
        "bad.yaml",
        VALID.encode() + b"trivia: '" + b"<a " * 200 + b" word" * 3_000 + b"'\n",
        "markdown-too-complex",
        4,
        says="'<'",
    ),
    Case(
        "paragraph-dense-with-markup",
        "bad.yaml",
        VALID.encode() + b"trivia: '" + b"*a* " * 7_000 + b"'\n",
        "markdown-too-complex",
        4,
        says="split it with blank lines",
    ),
    Case(
        "field-dense-with-markup",
        "bad.yaml",
        VALID.encode() + b"trivia: |\n" + b"  *a* _b_ word\n\n" * 7_000,
        "markdown-too-complex",
        4,
        says="24,000",
    ),
    Case(
        "deep-nesting",
        "bad.yaml",
        VALID.encode() + b"trivia: '" + b">" * 150 + b" a'\n",
        "markdown-too-complex",
        4,
        says="nests",
    ),
    Case(
        "category-description-too-intricate",
        "_categories.yaml",
        b"Crew and Roles:\n  description: '" + b"[" * 100 + b" x" * 8_000 + b"'\n",
        "markdown-too-complex",
        2,
    ),
    Case(
        "slug-of-an-index-page", "bad.yaml", VALID.replace("Bad", "Index").encode(), "reserved-slug"
    ),
    Case("slug-of-a-letter-page", "bad.yaml", VALID.replace("Bad", "X").encode(), "reserved-slug"),
    Case(
        "category-slug-of-an-index-page",
        "_categories.yaml",
        b"Index: {slug: index}\n",
        "reserved-slug",
    ),
    Case(
        "url-that-does-not-parse",
        "bad.yaml",
        VALID.encode() + b"sources: [{title: T, url: 'http://[not an ip]/'}]\n",
        "invalid-url",
        4,
    ),
    Case(
        "url-breaking-out-of-an-attribute",
        "bad.yaml",
        VALID.encode() + b"image: {src: 'x\" onerror=\"alert(1)', alt: A picture}\n",
        "invalid-url",
        4,
    ),
    Case("folder-named-like-a-term", "bad.yaml", _folder, "not-a-file", severity="warning"),
    Case("pipe-named-like-a-term", "bad.yaml", os.mkfifo, "not-a-file", severity="warning"),
    Case("link-outside-the-folder", "bad.yaml", _link_to("/etc/hostname"), "outside-link"),
    Case("link-outside-relative", "bad.yaml", _link_to("../mkdocs.yml"), "outside-link"),
    Case("broken-link", "bad.yaml", _link_to("missing.yaml"), "broken-link", severity="warning"),
    Case("stray-file", "notes.txt", b"remember the milk\n", "stray-file", severity="warning"),
    Case("stray-markdown", "README.md", b"# Terms\n", "stray-file", severity="warning"),
    Case("broken-categories-file", "_categories.yaml", b"Crew: [\n", "yaml-syntax", 2),
    Case("categories-not-a-mapping", "_categories.yaml", b"- Crew\n", "not-a-mapping"),
    Case("categories-link-outside", "_categories.yaml", _link_to("/etc/hostname"), "outside-link"),
    Case(
        "huge-categories-file",
        "_categories.yaml",
        b"Crew:\n  description: " + b"x" * MAX_FILE_BYTES,
        "file-too-large",
    ),
    Case(
        "intended-pairs-link-outside", "_intended.yaml", _link_to("/etc/hostname"), "outside-link"
    ),
]


def _write_entry(path: Path, case: Case) -> None:
    if callable(case.content):
        case.content(path)
    else:
        path.write_bytes(case.content)


def _write_case(folder: Path, case: Case) -> None:
    write_terms(folder, {"grip": GRIP, "other": OTHER})
    _write_entry(folder / case.name, case)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_entry_is_one_clear_problem_and_the_others_are_still_checked(project, case):
    _write_case(project / "terms", case)
    checked = check_terms(project / "terms", project, dates=False)
    found = [
        p
        for p in checked.problems
        if (p.path, p.code, p.severity.value, p.line)
        == (f"terms/{case.name}", case.code, case.severity, case.line)
    ]
    assert found, [p.format() for p in checked.problems]
    assert case.says in found[0].message
    assert OTHER_LINE in [p.format() for p in checked.problems]
    assert "grip" in checked.glossary.terms


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_termbook_check_prints_the_problem_and_exits_non_zero(project, case, capsys):
    _write_case(project / "terms", case)
    assert main(["check", "terms"]) == 1  # the other file's error, whatever the case
    out = capsys.readouterr().out
    assert f"terms/{case.name}:{case.line}:" in out
    assert f"[{case.code}]" in out
    assert OTHER_LINE in out


def test_warning_cases_alone_pass_check_but_fail_strict(project, capsys):
    folder = write_terms(project / "terms", {"grip": GRIP})
    warned = [c for c in CASES if c.severity == "warning"]
    for index, case in enumerate(warned):
        _write_entry(folder / f"{index}-{case.name}", case)
    assert main(["check", "terms"]) == 0
    assert main(["check", "terms", "--strict"]) == 1
    out = capsys.readouterr().out
    assert {f"[{c.code}]" for c in warned} <= set(out.replace("\n", " ").split())


def test_a_build_reports_every_bad_file_at_once_without_a_traceback(tmp_path, caplog):
    """All cases in one project: `mkdocs build` stops with every error, in check's format."""
    caplog.set_level(logging.INFO)
    config = write_project(tmp_path, {"grip": GRIP, "other": OTHER})
    folder = tmp_path / "terms"
    cases = [c for c in CASES if c.name == "bad.yaml"]
    for index, case in enumerate(cases):
        _write_entry(folder / f"bad-{index}.yaml", case)
    with pytest.raises(Abort):
        run_build(config)
    log = caplog.text
    assert "Traceback" not in log
    assert OTHER_LINE in log
    lines = log.splitlines()
    for index, case in enumerate(cases):
        where = f"terms/bad-{index}.yaml:{case.line}:"
        assert any(where in line and f"[{case.code}]" in line for line in lines), case.id


def test_strange_file_names_are_shown_escaped_one_problem_per_line(project, capsys):
    folder = write_terms(project / "terms", {"grip": GRIP})
    for index, name in enumerate((b"\xff.yaml", b"new\nline.yaml", b"\x1b[31mred.yaml")):
        (folder / os.fsdecode(name)).write_bytes(VALID.replace("Bad", f"Bad {index}").encode())
    assert main(["check", "terms"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "terms/\\udcff.yaml",
        "terms/\\x1b[31mred.yaml",
        "terms/new\\nline.yaml",
    ]
    assert all("[slug-mismatch]" in line for line in lines)


def _without_file_permission_override() -> list[str]:
    """As root, files cannot be made unreadable; drop the capability that reads them anyway."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: no file can be made unreadable")
    caps = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]


def test_an_unreadable_file_is_reported_and_the_rest_checked(project):
    folder = write_terms(project / "terms", {"grip": GRIP, "other": OTHER})
    locked = folder / "locked.yaml"
    locked.write_text(VALID, encoding="utf-8")
    locked.chmod(0)
    command = [*_without_file_permission_override(), sys.executable, "-m", "termbook"]
    result = subprocess.run(
        [*command, "check", "terms"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert (
        "terms/locked.yaml:1:1: error: cannot read the file: Permission denied [unreadable]"
        in result.stdout
    )
    assert OTHER_LINE in result.stdout
    assert "Traceback" not in result.stderr
