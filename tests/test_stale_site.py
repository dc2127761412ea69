"""A rebuild deletes the last build's site beside the new build, not before it: the site that
comes out holds exactly what the new build made, nothing stale, hidden or not."""

from __future__ import annotations

import os

from mkdocs.commands.build import build
from mkdocs.config import load_config

from projects import BASIC_TERMS, run_build, write_project
from termbook import plugin as plugin_module
from termbook.publish.stale import STALE, remove, set_aside


def _tree(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_set_aside_moves_every_visible_entry_into_one_hidden_folder(tmp_path):
    site = tmp_path / "site"
    (site / "terms" / "grip").mkdir(parents=True)
    (site / "terms" / "grip" / "index.html").write_text("old page")
    (site / "index.html").write_text("old home")
    (site / ".git").write_text("kept")
    folders = set_aside(site)
    assert len(folders) == 1 and folders[0].name.startswith(STALE)
    assert sorted(os.listdir(site)) == sorted([".git", folders[0].name])
    assert (folders[0] / "terms" / "grip" / "index.html").read_text() == "old page"


def test_set_aside_also_returns_what_a_killed_build_left(tmp_path):
    site = tmp_path / "site"
    left = site / f"{STALE}-1"
    left.mkdir(parents=True)
    (left / "old.html").write_text("from a killed build")
    assert set_aside(site) == [left]  # nothing visible to move; the leftover is still deleted
    (site / "new.html").write_text("new")
    folders = set_aside(site)
    assert left in folders and len(folders) == 2


def test_set_aside_of_a_missing_site_is_nothing(tmp_path):
    assert set_aside(tmp_path / "no-site") == []


def test_remove_deletes_the_folders_set_aside(tmp_path):
    site = tmp_path / "site"
    (site / "api" / "terms").mkdir(parents=True)
    for n in range(50):
        (site / "api" / "terms" / f"t{n}.json").write_text("{}")
    remove(set_aside(site))
    assert os.listdir(site) == []


def test_a_rebuild_leaves_no_file_of_a_deleted_term_and_no_hidden_folder(tmp_path):
    config_file = write_project(tmp_path, BASIC_TERMS)
    site = run_build(config_file)
    (site / ".nojekyll").write_text("")  # hidden entries are the owner's, as MkDocs keeps them
    first = _tree(site)
    assert "api/terms/grip.json" in first and "terms/grip/index.html" in first
    (tmp_path / "terms" / "grip.yaml").unlink()
    (tmp_path / "terms" / "key-grip.yaml").write_text(
        "term: Key Grip\ncategories: [Crew and Roles]\ndefinition: The head of the department.\n"
    )
    site = run_build(config_file)
    second = _tree(site)
    assert not [p for p in second if "grip/" in p and "key-grip" not in p]
    assert not [p for p in second if p.endswith("/grip.json") or "/grip.png" in p]
    assert not [p for p in second if p.startswith(STALE)]
    assert ".nojekyll" in second
    assert "head of the department" in (site / "terms" / "key-grip" / "index.html").read_text()


def test_a_dirty_build_sets_nothing_aside(tmp_path):
    config_file = write_project(tmp_path, BASIC_TERMS)
    site = run_build(config_file)
    (site / "kept-by-dirty.txt").write_text("a dirty build keeps what it does not rebuild")
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()
    assert (site / "kept-by-dirty.txt").is_file()
    assert not [p for p in os.listdir(site) if p.startswith(STALE)]


def test_a_rebuild_sets_the_last_site_aside_before_the_engine_cleans(tmp_path, monkeypatch):
    config_file = write_project(tmp_path, BASIC_TERMS)
    site = run_build(config_file)
    seen: list[tuple[set[str], frozenset[str]]] = []

    def recorded(folders, keep=frozenset()):
        seen.append(({p.relative_to(f).as_posix() for f in folders for p in f.rglob("*")}, keep))
        remove(folders, keep)

    monkeypatch.setattr(plugin_module, "remove", recorded)
    monkeypatch.setenv("TERMBOOK_JOBS", "1")  # recorded in the build's process
    run_build(config_file)
    (left, keep), (swept, _) = seen[0], seen[-1]
    assert {"terms/grip/index.html", "index.html"} <= left  # the engine's pages: deleted
    assert "api/terms/grip.json" in keep and "api/terms/grip.json" not in swept  # taken back
    assert not [p for p in os.listdir(site) if p.startswith(STALE)]


def test_remove_leaves_the_files_kept_and_the_folders_that_hold_them(tmp_path):
    old = tmp_path / "old"
    for path in ("api/terms/grip.json", "api/terms/gone.json", "embed/grip/index.html", "a.html"):
        (old / path).parent.mkdir(parents=True, exist_ok=True)
        (old / path).write_text(path)
    (old / "embed" / "empty").mkdir()
    remove([old], frozenset({"api/terms/grip.json", "embed/grip/index.html"}))
    assert _tree(old) == {
        "api",
        "api/terms",
        "api/terms/grip.json",
        "embed",
        "embed/grip",
        "embed/grip/index.html",
    }
    remove([old])
    assert not old.exists()


def _inodes(site, paths):
    return {path: (site / path).stat().st_ino for path in paths}


def test_a_rebuild_writes_its_own_files_over_the_last_builds(tmp_path, monkeypatch):
    """The embedding kit's files keep their file numbers from build to build (no file made
    anew: publish/stale.py says why), and hold the new build's content."""
    config_file = write_project(tmp_path, BASIC_TERMS)
    site = run_build(config_file)
    kit = ["api/terms/grip.json", "embed/grip/index.html", "api/oembed/grip.json"]
    before = _inodes(site, kit)
    grip = tmp_path / "terms" / "grip.yaml"
    grip.write_text(grip.read_text().replace("definition:", "definition: Newly worded."))
    site = run_build(config_file)
    assert _inodes(site, kit) == before
    assert "Newly worded" in (site / "api" / "terms" / "grip.json").read_text()
    assert "Newly worded" in (site / "embed" / "grip" / "index.html").read_text()
    monkeypatch.setenv("TERMBOOK_JOBS", "1")  # the same in the build's own process
    grip.write_text(grip.read_text().replace("Newly worded.", "Worded again."))
    site = run_build(config_file)
    assert _inodes(site, kit) == before
    assert "Worded again" in (site / "api" / "terms" / "grip.json").read_text()
    assert not [p for p in os.listdir(site) if p.startswith(STALE)]
