"""Termbook as a package: `python -m build` makes a wheel and an sdist that `twine check`
accepts, and a fresh environment with only the wheel builds the showbiz dictionary, a glossary
`termbook init` starts and the existing-site example (tests/wheel_env.py makes it once)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import termbook
from projects import EXISTING_SITE
from wheel_env import REPO, WheelEnv, clean_env

TEST_TOOLS = {
    "pytest",
    "hypothesis",
    "playwright",
    "ruff",
    "atheris",
    "anki",
    "jsonschema",
    "lxml",
    "rdflib",
    "pyahocorasick",
    "brotli",
    "build",
    "twine",
}
"""Test and benchmark tools: none may come with a plain install."""


def test_twine_accepts_the_wheel_and_the_sdist(wheel_env: WheelEnv) -> None:
    files = sorted(wheel_env.dist.iterdir())
    assert {p.suffix for p in files} == {".whl", ".gz"}
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, files)],
        capture_output=True,
        text=True,
        env=clean_env(),
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_wheel_ships_every_file_of_the_package(wheel_env: WheelEnv) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "plugins/termbook"], cwd=REPO, capture_output=True, text=True
    ).stdout.split()
    expected = {path.removeprefix("plugins/") for path in tracked}
    with zipfile.ZipFile(wheel_env.wheel) as wheel:
        shipped = set(wheel.namelist())
    assert expected - shipped == set()
    assert "termbook/starter/github/workflows/glossary.yml" in shipped


def test_the_version_is_kept_in_one_place(wheel_env: WheelEnv) -> None:
    with zipfile.ZipFile(wheel_env.wheel) as wheel:
        [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(wheel.read(name).decode())
    assert metadata["Version"] == termbook.__version__
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    project = pyproject.split("\n[project]\n", 1)[1].split("\n[", 1)[0]
    assert not re.search(r"(?m)^version\s*=", project)
    assert 'dynamic = ["version"]' in project
    assert 'version = { attr = "termbook.__version__" }' in pyproject
    printed = wheel_env.run("termbook", "--version").stdout.strip()
    assert printed == f"termbook {termbook.__version__}"
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## {termbook.__version__} " in changelog


def test_a_plain_install_pulls_no_test_or_benchmark_tool(wheel_env: WheelEnv) -> None:
    listed = wheel_env.run("python", "-m", "pip", "list", "--format", "freeze").stdout
    installed = {line.split("==")[0].lower() for line in listed.split()}
    assert installed & TEST_TOOLS == set()
    assert {"mkdocs", "mkdocs-material", "termbook", "genanki"} <= installed


def build(wheel_env: WheelEnv, config: Path, site: Path) -> None:
    built = wheel_env.run("mkdocs", "build", "--strict", "-f", config, "-d", site)
    assert built.returncode == 0, built.stderr
    assert "termbook" in built.stderr  # the plugin ran (its log line)


def test_the_wheel_builds_the_showbiz_dictionary(wheel_env: WheelEnv, tmp_path: Path) -> None:
    build(wheel_env, REPO / "mkdocs.yml", tmp_path / "site")
    assert (tmp_path / "site" / "terms" / "racking-focus" / "index.html").is_file()


def test_the_wheel_builds_a_glossary_termbook_init_starts(
    wheel_env: WheelEnv, tmp_path: Path
) -> None:
    project = tmp_path / "knots"
    made = wheel_env.run("termbook", "init", project, "--name", "Knots and Lines")
    assert made.returncode == 0, made.stderr
    added = wheel_env.run("termbook", "new", "Bowline", "--category", "General", cwd=project)
    assert added.returncode == 0, added.stderr
    assert "4. mkdocs serve, then open" in added.stdout
    (project / "terms" / "bowline.yaml").unlink()  # its placeholders would fail --strict
    build(wheel_env, project / "mkdocs.yml", tmp_path / "site")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Knots and Lines</title>" in home


def test_the_wheel_builds_the_existing_site_example(wheel_env: WheelEnv, tmp_path: Path) -> None:
    build(wheel_env, EXISTING_SITE / "mkdocs.yml", tmp_path / "site")
    script = (tmp_path / "site" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "terms/varroa-mite/index.html" in script
