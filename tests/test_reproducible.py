"""Two builds of one commit are byte-identical: pages, JSON, exports, search index, sitemap.

The second build runs from a fresh clone (new paths, new file times), in another process with
another hash seed (set iteration order), another build "day" (SOURCE_DATE_EPOCH) and another
time zone, so that whatever leaks a build-time fact into the site makes the files differ.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from projects import BASIC_TERMS, write_project

COMMIT_DATE = "2021-03-04T05:06:07Z"
ARTICLE = """\
# A day on set

The Key Grip talks to the Focus Puller before the first Racking Focus of the day.
"""


def _git(project: Path, *args: str) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "GIT_AUTHOR_DATE": COMMIT_DATE,
        "GIT_COMMITTER_DATE": COMMIT_DATE,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(project),
    }
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", *identity, *args], cwd=project, env=env, check=True, timeout=60)


def _build(project: Path, site: Path, *, seed: str, epoch: str, tz: str) -> None:
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "SOURCE_DATE_EPOCH": epoch,
        "TZ": tz,
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    result = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(one: Path, other: Path) -> str | None:
    """The first file (in path order) that is missing from one side or differs, else None."""
    a, b = _files(one), _files(other)
    for name in sorted(a.keys() | b.keys()):
        if name not in a or name not in b:
            return f"{name} exists in only one build"
        if a[name].read_bytes() != b[name].read_bytes():
            return f"{name} differs"
    return None


def test_two_builds_of_one_commit_are_byte_identical(tmp_path):
    project = tmp_path / "project"
    write_project(
        project,
        BASIC_TERMS,
        docs={"index.md": "# Home\n\nWelcome.\n", "articles/a-day-on-set.md": ARTICLE},
    )
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "commit", "-qm", "glossary")
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", str(project), str(clone))

    first, second = tmp_path / "site-1", tmp_path / "site-2"
    _build(project, first, seed="1", epoch="1700000000", tz="UTC")
    _build(clone, second, seed="2", epoch="1800000000", tz="Asia/Kathmandu")

    assert first_difference(first, second) is None
    names = _files(first)
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= names.keys()
    sitemap = names["sitemap.xml"].read_text(encoding="utf-8")
    assert "<lastmod>2021-03-04</lastmod>" in sitemap
    assert "2023-11-14" not in sitemap  # the day SOURCE_DATE_EPOCH=1700000000 names


def test_the_real_site_builds_byte_identical_twice(tmp_path):
    """The project's own site: 135 terms, articles, every export; many orders to get wrong."""
    repo = Path(__file__).resolve().parents[1]
    first, second = tmp_path / "site-1", tmp_path / "site-2"
    _build(repo, first, seed="3", epoch="1700000000", tz="UTC")
    _build(repo, second, seed="4", epoch="1800000000", tz="America/St_Johns")
    assert first_difference(first, second) is None
