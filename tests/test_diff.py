"""`termbook diff` on real git repositories: terms added, changed, renamed and removed, names,
links and problems, in Markdown and JSON (docs/reference/cli.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from projects import SAILS_CATEGORIES, SAILS_TERMS, commit_all, git, write_project
from termbook.cli import main


@pytest.fixture
def sailing_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A sailing glossary with two commits: the base, and a change that adds, changes, renames
    and removes terms, adds a name, moves links and brings in a problem."""
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write_project(
        root,
        SAILS_TERMS,
        docs={
            "index.md": "# Home\n\nHoist the mainsail.\n",
            "crew.md": "# Crew notes\n\nCheck the jib.\n",
        },
        categories=SAILS_CATEGORIES,
    )
    base = commit_all(root, "Sailing glossary")
    terms = root / "terms"
    # added: Gybe, whose definition links Tack; its category is unknown (a new warning)
    (terms / "gybe.yaml").write_text(
        "term: Gybe\ncategories: [Manouvres]\n"
        "definition: Turning the stern through the wind, the other way round from a [[Tack]].\n",
        encoding="utf-8",
    )
    # changed: Mainsail gains an example and an alias
    (terms / "mainsail.yaml").write_text(
        "term: Mainsail\naliases: [Main, Mains'l]\ncategories: [Rigging]\n"
        "definition: The large sail set behind the mast, raised with its halyard.\n"
        "examples:\n  - Shake out the reef in the main.\nrelated: [Halyard]\n",
        encoding="utf-8",
    )
    # renamed: Tack's file and slug become coming-about, same content otherwise
    text = (terms / "tack.yaml").read_text(encoding="utf-8")
    (terms / "tack.yaml").unlink()
    (terms / "coming-about.yaml").write_text(
        text.replace("term: Tack", "term: Coming About\naliases: [Tack]"), encoding="utf-8"
    )
    # removed: Jib, which the article crew.md linked
    (terms / "jib.yaml").unlink()
    head = commit_all(root, "Sailing: gybe, main, coming about, no jib")
    monkeypatch.chdir(root)
    return {"base": base, "head": head, "root": str(root)}


def run_diff(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_json_lists_added_changed_renamed_and_removed_terms(sailing_repo, capsys):
    code, out, _ = run_diff(capsys, sailing_repo["base"], sailing_repo["head"], "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["base"]["commit"] == sailing_repo["base"]
    assert report["head"]["commit"] == sailing_repo["head"]
    assert [t["slug"] for t in report["added"]] == ["gybe"]
    assert report["added"][0]["path"] == "terms/gybe.yaml"
    assert report["changed"] == [
        {
            "slug": "mainsail",
            "term": "Mainsail",
            "path": "terms/mainsail.yaml",
            "url": "terms/mainsail/",
            "fields": ["aliases", "examples"],
            "values": {
                "aliases": {"before": ["Main"], "after": ["Main", "Mains'l"]},
                "examples": {"before": None, "after": ["Shake out the reef in the main."]},
            },
        }
    ]
    assert [(t["from"]["slug"], t["slug"], t["fields"]) for t in report["renamed"]] == [
        ("tack", "coming-about", ["term", "aliases"])
    ]
    assert report["removed"] == [
        {
            "slug": "jib",
            "term": "Jib",
            "path": "terms/jib.yaml",
            "url": "terms/jib/",
            "reason": "deleted",
        }
    ]


def test_diff_json_names_links_and_problems(sailing_repo, capsys):
    _, out, _ = run_diff(capsys, sailing_repo["base"], "--format", "json")
    report = json.loads(out)
    gained = {(n["name"], n["slug"]) for n in report["names"]["gained"]}
    assert gained == {("Gybe", "gybe"), ("Mains'l", "mainsail"), ("Coming About", "coming-about")}
    # Tack moved to coming-about as an alias: the rename carries it, so it is not lost
    assert report["names"]["lost"] == [{"name": "Jib", "slug": "jib"}]
    links_gained = {c["slug"]: [p["url"] for p in c["pages"]] for c in report["links"]["gained"]}
    assert links_gained == {"coming-about": ["terms/gybe/"]}
    links_lost = {
        c["slug"]: [(p["url"], p["title"]) for p in c["pages"]] for c in report["links"]["lost"]
    }
    assert links_lost == {"jib": [("crew/", "Crew notes")]}
    introduced = report["problems"]["introduced"]
    assert [(p["path"], p["code"], p["severity"]) for p in introduced] == [
        ("terms/gybe.yaml", "unknown-category", "warning")
    ]
    pages = [p["url"] for p in report["pages"]]
    assert pages[:3] == ["terms/gybe/", "terms/mainsail/", "terms/coming-about/"]
    assert "crew/" in pages


def test_diff_markdown_summarises_the_change_for_a_reviewer(sailing_repo, capsys):
    code, out, _ = run_diff(
        capsys,
        sailing_repo["base"],
        sailing_repo["head"],
        "--site-url",
        "https://preview.example.org/pr-7/",
    )
    assert code == 0
    assert out.startswith(
        f"### Glossary changes: `{sailing_repo['base'][:10]}` → `{sailing_repo['head'][:10]}`"
    )
    assert "**Terms:** 1 added, 1 changed, 1 renamed, 1 removed." in out
    assert "- [Gybe](https://preview.example.org/pr-7/terms/gybe/)" in out
    assert (
        "- [Mainsail](https://preview.example.org/pr-7/terms/mainsail/): "
        "`aliases` (+Mains'l), `examples`"
    ) in out
    assert (
        "- Tack (`tack`) → [Coming About](https://preview.example.org/pr-7/terms/coming-about/): "
        "`term`, `aliases` (+Tack)" in out
    )
    assert "- Jib (`terms/jib.yaml`)" in out
    assert "#### Problems introduced" in out and "[unknown-category]" in out
    assert "- Jib ← [Crew notes](https://preview.example.org/pr-7/crew/)" in out


def test_diff_markdown_escapes_what_contributors_wrote(tmp_path, monkeypatch, capsys):
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write_project(root, SAILS_TERMS, categories=SAILS_CATEGORIES)
    base = commit_all(root, "base")
    (root / "terms" / "boom.yaml").write_text(
        'term: "Boom [x](https://evil.example) <img src=x> @someone"\nslug: boom\n'
        "categories: [Rigging]\ndefinition: The spar along the foot of the mainsail.\n",
        encoding="utf-8",
    )
    commit_all(root, "head")
    monkeypatch.chdir(root)
    _, out, _ = run_diff(capsys, base)
    line = next(line for line in out.splitlines() if "Boom" in line)
    assert "](https://evil" not in line and "<img" not in line and "@someone" not in line
    assert "\\[x\\]\\(https://evil.example\\) &lt;img src=x&gt; @\u200bsomeone" in line


def test_diff_reads_git_not_the_working_tree(sailing_repo, capsys):
    root = Path(sailing_repo["root"])
    shutil.rmtree(root / "terms")  # uncommitted: neither side sees it
    _, out, _ = run_diff(capsys, sailing_repo["base"], "--format", "json")
    assert [t["slug"] for t in json.loads(out)["added"]] == ["gybe"]
    assert git(root, "status", "--porcelain").strip()  # the deletion is still there, untouched


def test_diff_of_identical_revisions_says_so(sailing_repo, capsys):
    code, out, _ = run_diff(capsys, "HEAD", "HEAD")
    assert code == 0
    assert "No term, name, link or problem changes." in out


@pytest.mark.parametrize("revision", ["no-such-branch", "--output=/tmp/x"])
def test_diff_refuses_an_unknown_revision(sailing_repo, capsys, revision):
    code, out, err = (
        run_diff(capsys, "--", revision) if revision.startswith("-") else run_diff(capsys, revision)
    )
    assert code == 2
    assert out == ""
    assert f"'{revision}'" in err


def test_diff_in_a_project_below_the_repository_top(tmp_path, monkeypatch, capsys):
    top = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(top))
    write_project(top / "glossary", SAILS_TERMS, categories=SAILS_CATEGORIES)
    base = commit_all(top, "base")
    (top / "glossary" / "terms" / "jib.yaml").unlink()
    commit_all(top, "no jib")
    monkeypatch.chdir(top / "glossary")
    _, out, _ = run_diff(capsys, base, "--format", "json")
    assert [t["path"] for t in json.loads(out)["removed"]] == ["terms/jib.yaml"]


def test_a_term_whose_file_now_has_errors_is_removed_for_that_reason(tmp_path, monkeypatch, capsys):
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write_project(root, SAILS_TERMS, categories=SAILS_CATEGORIES)
    base = commit_all(root, "base")
    (root / "terms" / "jib.yaml").write_text("term: Jib\ncategories: Rigging\n", encoding="utf-8")
    commit_all(root, "a broken jib")
    monkeypatch.chdir(root)
    _, out, _ = run_diff(capsys, base, "--format", "json")
    report = json.loads(out)
    assert [(t["slug"], t["reason"]) for t in report["removed"]] == [("jib", "has errors")]
    codes = {p["code"] for p in report["problems"]["introduced"]}
    assert {"missing-key", "wrong-type"} <= codes
    _, markdown, _ = run_diff(capsys, base)
    assert "- Jib (`terms/jib.yaml`) — its file now has errors" in markdown
