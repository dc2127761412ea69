"""The embedding kit is written by a worker process beside the build: same bytes, and a failure
there stops the build with a clear message instead of leaving files missing or hanging."""

from __future__ import annotations

import os
import signal

import pytest
from mkdocs.exceptions import Abort, PluginError

from projects import BASIC_TERMS
from termbook import forked as forking
from termbook.publish.files import content_of
from termbook.publish.parallel import BackgroundWriter, PublishError, write_files

FILES = {
    "api/a.json": '{"name":"Grip – ü"}\n',
    "exports/b.csv": b"\xef\xbb\xbfterm\r\n",
    "embed/c/index.html": lambda: "<p>made late</p>",
}


def _contents(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _bytes(value) -> bytes:
    content = content_of(value)
    return content.encode("utf-8") if isinstance(content, str) else content


def test_the_worker_writes_the_same_bytes_as_writing_in_process(tmp_path):
    write_files(FILES, tmp_path / "inline")
    writer = BackgroundWriter(FILES, tmp_path / "worker")
    writer.start()
    writer.wait()
    assert _contents(tmp_path / "worker") == _contents(tmp_path / "inline")
    assert _contents(tmp_path / "worker") == {path: _bytes(v) for path, v in FILES.items()}


def test_the_files_are_written_by_another_process(tmp_path):
    parent = os.getpid()
    files = {"pid.txt": lambda: str(os.getpid())}
    writer = BackgroundWriter(files, tmp_path)
    writer.start()
    writer.wait()
    assert (tmp_path / "pid.txt").read_text() != str(parent)


@pytest.mark.parametrize("fork", [True, False])
def test_wait_returns_what_the_worker_counted(tmp_path, monkeypatch, fork):
    made: list[str] = []

    def card() -> bytes:
        made.append("card")  # in the worker's memory: the build's process never sees it
        return b"png"

    monkeypatch.setattr(forking, "can_fork", lambda: fork)
    writer = BackgroundWriter({"a.png": card, "b.png": card}, tmp_path, lambda: len(made))
    writer.start()
    assert writer.wait() == 2
    assert len(made) == (0 if fork else 2)


def _broken() -> str:
    raise ValueError("the card template names an unknown field")


def test_an_error_in_the_worker_names_the_file_and_the_cause(tmp_path):
    writer = BackgroundWriter({"ok.txt": "fine", "embed/grip/index.html": _broken}, tmp_path)
    writer.start()
    with pytest.raises(PublishError) as raised:
        writer.wait()
    message = str(raised.value)
    assert "embed/grip/index.html" in message
    assert "ValueError: the card template names an unknown field" in message


def test_a_worker_that_dies_is_reported_not_waited_for(tmp_path):
    def die() -> str:
        os.kill(os.getpid(), signal.SIGKILL)
        return "never"

    writer = BackgroundWriter({"a.txt": die}, tmp_path)
    writer.start()
    with pytest.raises(PublishError, match=r"stopped \(exit code -9\)"):
        writer.wait()


def test_cancel_stops_the_worker(tmp_path):
    def slow() -> str:
        signal.pause()  # until the worker is terminated
        return "never"

    writer = BackgroundWriter({"a.txt": slow}, tmp_path)
    writer.start()
    writer.cancel()
    writer.wait()  # nothing left to wait for
    assert not (tmp_path / "a.txt").exists()


def test_a_broken_card_template_stops_the_build_with_the_file_named(build_site, tmp_path, caplog):
    overrides = tmp_path / "overrides" / "termbook" / "embed"
    overrides.mkdir(parents=True)
    (overrides / "card.html").write_text("<p>{{ term.no_such_field }}</p>", encoding="utf-8")
    extra = {"theme": {"name": "material", "custom_dir": "overrides"}}
    with pytest.raises((PluginError, Abort)) as raised:
        build_site(BASIC_TERMS, extra=extra)
    message = str(raised.value) + caplog.text  # MkDocs logs a plugin's error, then aborts
    assert "writing the embedding kit failed" in message
    assert "embed/focus-puller/index.html" in message
    assert "no_such_field" in message


def test_pages_may_link_to_published_files_in_a_strict_build(build_site):
    docs = {
        "index.md": "# Home\n\nWelcome.\n",
        "portal.md": (
            "# For portals\n\n[TBX 2008](exports/glossary.tbx2008.tbx), "
            "[Grip as JSON](api/terms/grip.json) and [its card](embed/grip/index.html).\n"
        ),
    }
    site = build_site(BASIC_TERMS, docs=docs, strict=True)
    page = (site / "portal" / "index.html").read_text(encoding="utf-8")
    assert 'href="../exports/glossary.tbx2008.tbx"' in page
    assert 'href="../api/terms/grip.json"' in page
    for path in ("exports/glossary.tbx2008.tbx", "api/terms/grip.json", "embed/grip/index.html"):
        assert (site / path).is_file()


def test_without_fork_the_files_are_written_in_process_and_errors_wait(tmp_path, monkeypatch):
    monkeypatch.setattr(forking, "can_fork", lambda: False)
    writer = BackgroundWriter(FILES, tmp_path / "site")
    writer.start()
    writer.wait()
    assert _contents(tmp_path / "site") == {path: _bytes(v) for path, v in FILES.items()}
    failing = BackgroundWriter({"embed/grip/index.html": _broken}, tmp_path / "other")
    failing.start()  # the build goes on; the error comes where the worker's would
    with pytest.raises(PublishError, match=r"embed/grip/index\.html"):
        failing.wait()


def test_background_children_yield_to_the_build_and_others_do_not():
    own = os.nice(0)
    behind = forking.Forked(lambda: os.nice(0), "niceness", background=True).outcome()
    beside = forking.Forked(lambda: os.nice(0), "niceness").outcome()
    assert behind.value == min(own + forking.BACKGROUND, 19)
    assert beside.value == own


def test_the_writer_runs_in_the_background(tmp_path):
    writer = BackgroundWriter({"nice.txt": lambda: str(os.nice(0))}, tmp_path)
    writer.start()
    writer.wait()
    assert int((tmp_path / "nice.txt").read_text()) == min(os.nice(0) + forking.BACKGROUND, 19)
