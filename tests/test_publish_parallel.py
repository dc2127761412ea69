"""The embedding kit is written beside the build (by a child of the runner, or in the build's
process): same bytes either way, and a file that cannot be made stops the build with a clear
message naming it instead of leaving files missing or hanging."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from projects import BASIC_TERMS
from termbook.publish.card_files import CardCache
from termbook.publish.files import content_of
from termbook.publish.parallel import PublishError, write_files, write_kit
from termbook.runner import Runner, Work, WorkFailed

pytestmark = pytest.mark.forks  # children are made only where no other thread runs

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


def test_a_child_writes_the_same_bytes_as_the_build_process(tmp_path):
    write_files(FILES, tmp_path / "inline")
    job = Runner().start(Work("writing", write_files, (FILES, tmp_path / "child")))
    assert job.in_child
    job.result()
    assert _contents(tmp_path / "child") == _contents(tmp_path / "inline")
    assert _contents(tmp_path / "child") == {path: _bytes(v) for path, v in FILES.items()}


def _old_site(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    return root


def test_files_taken_back_from_the_last_site_hold_the_new_bytes_and_nothing_stale(tmp_path):
    old = _old_site(
        tmp_path / "old",
        {
            "api/a.json": "old a",
            "embed/c/index.html": "old card",
            "embed/d/index.html": "old card d",
            "embed/d/stale.txt": "from a build long ago",
            "top.txt": "old top",
        },
    )
    numbers = {p: (old / p).stat().st_ino for p in ("api/a.json", "embed/c/index.html", "top.txt")}
    files = {**FILES, "embed/d/index.html": "new card d", "top.txt": "new top"}
    write_files(files, tmp_path / "new", old)
    new = tmp_path / "new"
    assert _contents(new) == {path: _bytes(v) for path, v in files.items()}  # no stale.txt
    assert {p: (new / p).stat().st_ino for p in numbers} == numbers
    assert (old / "embed" / "d" / "stale.txt").is_file()  # left for the deleter


def test_a_file_linked_elsewhere_is_never_written_over(tmp_path):
    cache = tmp_path / "cache.png"
    cache.write_bytes(b"cached card")
    old = tmp_path / "old"
    (old / "api").mkdir(parents=True)
    os.link(cache, old / "api" / "a.json")  # a card's link, where a text file goes now
    write_files({"api/a.json": "new text"}, tmp_path / "new", old)
    assert (tmp_path / "new" / "api" / "a.json").read_text() == "new text"
    assert cache.read_bytes() == b"cached card"


@pytest.mark.parametrize("jobs", [None, 1])
def test_the_kit_hands_back_the_cards_counted_where_they_were_drawn(tmp_path, jobs):
    cards = CardCache(None)

    def card() -> bytes:
        cards.drawn += 1  # in a child's memory, the build's process never sees it change
        return b"png"

    files = {"a.png": card, "b.png": card}
    job = Runner(jobs).start(Work("kit", write_kit, (files, str(tmp_path), cards, None)))
    assert job.in_child is (jobs is None)
    assert job.result() == ((2, 0), None)
    assert cards.drawn == (0 if jobs is None else 2)


def _broken() -> str:
    raise ValueError("the card template names an unknown field")


def test_a_file_that_cannot_be_made_is_named_with_its_cause(tmp_path):
    with pytest.raises(PublishError) as raised:
        write_files({"ok.txt": "fine", "embed/grip/index.html": _broken}, tmp_path)
    message = str(raised.value)
    assert "embed/grip/index.html" in message
    assert "the card template names an unknown field" in message


@pytest.mark.parametrize("jobs", [None, 1])
def test_a_failure_in_the_child_and_in_the_build_is_the_builds_error(tmp_path, jobs):
    files = {"embed/grip/index.html": _broken}
    job = Runner(jobs).start(Work("writing the embedding kit", write_files, (files, tmp_path)))
    with pytest.raises(WorkFailed, match=r"writing the embedding kit failed: embed/grip/index"):
        job.result()


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


def test_a_build_leaves_no_object_out_of_garbage_collection(build_site, tmp_path):
    """The build's objects are frozen out of the collector's rounds while it runs
    (runner.settle_heap) and let back in at its end, failed or not: `mkdocs serve` builds again
    in the same process, and a frozen object is never collected."""
    build_site(BASIC_TERMS)
    assert gc.get_freeze_count() == 0
    overrides = tmp_path / "overrides" / "termbook" / "embed"
    overrides.mkdir(parents=True)
    (overrides / "card.html").write_text("<p>{{ term.no_such_field }}</p>", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        build_site(BASIC_TERMS, extra={"theme": {"name": "material", "custom_dir": "overrides"}})
    assert gc.get_freeze_count() == 0


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


def test_the_kit_is_written_by_a_child_in_a_build(build_site, monkeypatch):
    from termbook import plugin as plugin_module

    real = plugin_module.write_kit

    def recorded(files, site_dir, cards, search, reuse):
        result = real(files, site_dir, cards, search, reuse)
        Path(site_dir, "pid.txt").write_text(str(os.getpid()))
        return result

    monkeypatch.setattr(plugin_module, "write_kit", recorded)
    site = build_site(BASIC_TERMS)
    assert (site / "pid.txt").read_text() != str(os.getpid())
