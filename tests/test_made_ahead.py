"""Work made ahead by a forked child (the term pages a large build reaches last) gives what
making it in the build's own process gives, and a child that fails or cannot start loses
nothing: the work is made in the build, where a failure shows with its traceback."""

from __future__ import annotations

import os
import shutil

import pytest

from projects import BASIC_TERMS, run_build, write_project
from termbook import forked as forking
from termbook import plugin as plugin_module
from termbook.forked import MadeAhead


def _pid(key: str) -> tuple[str, int]:
    return key, os.getpid()


def test_the_child_makes_the_keys_it_was_given_and_the_build_the_others():
    ahead = MadeAhead(["b", "c"], _pid, "test-ahead")
    assert ahead.get("a") == ("a", os.getpid())
    made_b, made_c = ahead.get("b"), ahead.get("c")
    assert made_b[0] == "b" and made_c[0] == "c"
    assert made_b[1] == made_c[1] != os.getpid()


def test_without_fork_everything_is_made_in_the_build(monkeypatch):
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    ahead = MadeAhead(["b"], _pid, "test-ahead")
    assert ahead.get("b") == ("b", os.getpid())


def test_a_failing_child_leaves_the_work_to_the_build_where_the_error_shows():
    def make(key: str) -> str:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        if key == "bad":
            raise ValueError("bad term")
        return key.upper()

    parent = os.getpid()
    ahead = MadeAhead(["ok", "bad"], make, "test-ahead")
    assert ahead.get("ok") == "OK"
    with pytest.raises(ValueError, match="bad term"):
        ahead.get("bad")


def test_a_child_that_dies_leaves_the_work_to_the_build(monkeypatch):
    monkeypatch.setattr(forking, "_run", lambda *args: os._exit(9))
    ahead = MadeAhead(["b"], _pid, "test-ahead")
    assert ahead.get("b") == ("b", os.getpid())


def _site(site) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".json", ".xml")
    }


def test_term_pages_made_ahead_are_the_pages_made_in_the_build(tmp_path, monkeypatch):
    article = {"index.md": "# Home\n\nThe Key Grip and the Focus Puller.\n"}
    real = plugin_module.TermbookPlugin._term_content

    def recorded(self, src_uri):
        made = real(self, src_uri)
        (tmp_path / f"made-{os.getpid()}-{src_uri.replace('/', '_')}").write_text("")
        return made

    monkeypatch.setattr(plugin_module.TermbookPlugin, "_term_content", recorded)
    monkeypatch.setattr(plugin_module, "FORK_MIN_TERMS", 1)  # half the term pages made ahead
    write_project(tmp_path / "ahead", BASIC_TERMS, docs=article)
    shutil.copytree(tmp_path / "ahead", tmp_path / "here")  # file times kept: same dates
    ahead = _site(run_build(tmp_path / "ahead" / "mkdocs.yml"))
    makers = {p.name.split("-")[1] for p in tmp_path.glob("made-*")}
    assert len(makers) == 2 and str(os.getpid()) in makers  # the build and one child made pages
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    here = _site(run_build(tmp_path / "here" / "mkdocs.yml"))
    assert ahead.keys() == here.keys()
    assert [path for path in ahead if ahead[path] != here[path]] == []
