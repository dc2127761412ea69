"""`termbook init`: a new glossary project of any field that builds at once, strictly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import termbook
from projects import run_build
from termbook.cli import main
from termbook.cli.init import starter_files
from termbook.glossary.rendered import check_terms
from test_repo_files import github_schema, load_yaml

REPO = Path(__file__).resolve().parents[1]
FILM_WORDS = ("film", "director", "on set", "crew", "camera", "showbiz", "cinemat", "theatre")


def init(*args: str) -> int:
    return main(["init", *args])


def test_init_writes_a_project_that_builds_strictly_at_once(tmp_path: Path, capsys) -> None:
    project = tmp_path / "bees"
    assert init(str(project), "--name", "The Beekeeping Glossary") == 0
    written = {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}
    assert written == {
        "mkdocs.yml",
        "README.md",
        "CONTRIBUTING.md",
        "requirements.txt",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/glossary.yml",
        "docs/index.md",
        "terms/_categories.yaml",
        "terms/glossary.yaml",
    }
    out = capsys.readouterr().out
    assert "cd " in out and "mkdocs serve" in out and "make" not in out
    site = run_build(project / "mkdocs.yml", strict=True)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>The Beekeeping Glossary</title>" in home
    assert "Look up a term" in home  # the home page template, with search and letters
    assert (site / "terms" / "glossary" / "index.html").is_file()
    assert (site / "terms" / "index.html").is_file()


def test_the_starter_speaks_no_one_field() -> None:
    for path, text in starter_files("X").items():
        text = re.sub(r"https://\S+", "", text)  # Termbook's own repository may keep its name
        for word in FILM_WORDS:
            assert word not in text.casefold(), f"{path} says {word!r}"


def test_the_name_is_written_safely_into_the_configuration(tmp_path: Path) -> None:
    name = 'Glossar der "Imkerei": Bienen & Waben #1'
    assert init(str(tmp_path), "--name", name) == 0
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_name"] == name
    assert (tmp_path / "README.md").read_text(encoding="utf-8").startswith(f"# {name}\n")


def test_the_example_entry_is_a_clean_term_file(tmp_path: Path) -> None:
    init(str(tmp_path), "--name", "G")
    checked = check_terms(tmp_path / "terms", tmp_path, docs_dir=tmp_path / "docs")
    assert checked.problems == []
    assert main(["fmt", "--check", str(tmp_path / "terms")]) == 0


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    assert init(str(tmp_path), "--name", "G") == 1
    err = capsys.readouterr().err
    assert "already has mkdocs.yml; nothing was written" in err
    assert "existing-site.md" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml"]
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"


def test_init_usage_errors_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert init(str(tmp_path / "file"), "--name", "G") == 2
    assert init(str(tmp_path / "new"), "--name", "  ") == 2
    with pytest.raises(SystemExit) as exited:
        init(str(tmp_path / "new"))
    assert exited.value.code == 2


def test_the_workflow_is_valid_and_runs_the_checks(tmp_path: Path) -> None:
    init(str(tmp_path), "--name", "G")
    path = tmp_path / ".github" / "workflows" / "glossary.yml"
    workflow = load_yaml(path)
    assert [e.message for e in github_schema("github-workflows").iter_errors(workflow)] == []
    commands = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "termbook check --strict --format github" in commands
    assert "termbook fmt --check" in commands
    assert any(c.startswith("mkdocs build --strict") for c in commands)


def test_the_pre_commit_config_uses_the_hooks_termbook_offers(tmp_path: Path) -> None:
    init(str(tmp_path), "--name", "G")
    [repo] = load_yaml(tmp_path / ".pre-commit-config.yaml")["repos"]
    offered = {hook["id"] for hook in load_yaml(REPO / ".pre-commit-hooks.yaml")}
    assert {hook["id"] for hook in repo["hooks"]} == offered
    version = termbook.__version__
    assert repo["rev"] == f"v{version}"
    assert f"termbook=={version}" in (tmp_path / "requirements.txt").read_text(encoding="utf-8")


def test_new_in_an_initd_project_fits_it(tmp_path: Path, monkeypatch, capsys) -> None:
    init(str(tmp_path), "--name", "G")
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["new", "Swarm", "--category", "General"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"4\. mkdocs serve, then open http://127\.0\.0\.1:8000/terms/swarm/", out)
    text = (tmp_path / "terms" / "swarm.yaml").read_text(encoding="utf-8").casefold()
    assert not [word for word in FILM_WORDS if word in text]
