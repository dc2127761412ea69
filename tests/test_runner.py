"""Work beside the build goes through one runner with one failure policy: a child that raises or
dies is reported as a warning naming the work, then the work is done in the build's process; a
failure there is the build's error. ``TERMBOOK_JOBS=1`` runs everything in the build's process
with the same site, file for file, and the runner never forks while another thread runs."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import signal
import threading
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from projects import BASIC_TERMS, run_build, write_project
from termbook import plugin as plugin_module
from termbook.glossary import entries as entries_module
from termbook.publish.parallel import write_kit
from termbook.runner import (
    JOBS_VARIABLE,
    MadeAhead,
    Runner,
    Work,
    WorkFailed,
    jobs_setting,
    paused_collector,
)

pytestmark = pytest.mark.forks  # children are made only where no other thread runs

PARENT = os.getpid()


def _pid(key: str = "") -> tuple[str, int]:
    return key, os.getpid()


def _fails_in_a_child(how: str, real=lambda value="done": value):
    """``real``, except in a child, where it raises (or is killed)."""

    def work(*args):
        if os.getpid() != PARENT:
            if how == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise RuntimeError("broken only in the child")
        return real(*args)

    return work


@pytest.fixture
def log() -> logging.Logger:
    return logging.getLogger("termbook.tests.runner")


def test_work_runs_in_a_child_and_its_value_comes_back():
    job = Runner().start(Work("telling the pid", _pid, ("a",)))
    assert job.in_child
    assert job.result()[1] != os.getpid()


@pytest.mark.parametrize("jobs", [1, "environment"])
def test_one_job_runs_everything_in_the_build_process(monkeypatch, jobs):
    if jobs == "environment":
        monkeypatch.setenv(JOBS_VARIABLE, "1")
    runner = Runner(jobs_setting(None if jobs == "environment" else jobs))
    job = runner.start(Work("telling the pid", _pid, ("a",)))
    assert not runner.forks() and not job.in_child
    assert job.result() == ("a", os.getpid())


def test_the_variable_overrides_the_option_and_must_be_a_number(monkeypatch):
    assert jobs_setting(3, {}) == 3
    assert jobs_setting(None, {JOBS_VARIABLE: "1"}) == 1
    assert jobs_setting(4, {JOBS_VARIABLE: " 2 "}) == 2
    for wrong in ("0", "many", "-1"):
        with pytest.raises(ValueError, match=JOBS_VARIABLE):
            jobs_setting(None, {JOBS_VARIABLE: wrong})
    with pytest.raises(ValueError, match="jobs: 0"):
        jobs_setting(0, {})


def test_jobs_counts_the_build_process_among_the_processes_at_work():
    runner = Runner(jobs=2)
    first = runner.start(Work("first", _pid))
    second = runner.start(Work("second", _pid))
    assert first.in_child and not second.in_child  # one child at a time beside the build
    first.result()
    assert runner.forks()
    second.result()


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        runner = Runner()
        job = runner.start(Work("telling the pid", _pid, ("a",)))
        assert not runner.forks() and not job.in_child
        assert job.result() == ("a", os.getpid())
    finally:
        stop.set()
        thread.join()
    assert Runner().forks()


@pytest.mark.parametrize(
    ("how", "said"),
    [("raise", "RuntimeError: broken only in the child"), ("kill", "exit code -9")],
)
def test_a_child_that_fails_is_reported_and_its_work_done_here(caplog, log, how, said):
    job = Runner(log=log).start(Work("making the thing", _fails_in_a_child(how), ("made",)))
    assert job.in_child
    with caplog.at_level(logging.WARNING):
        assert job.result() == "made"
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert "making the thing failed in a child process" in record.message
    assert said in record.message
    assert "done again in the build's process" in record.message
    if how == "raise":
        assert "Traceback" in record.message


def _always_broken() -> None:
    raise ValueError("no such field")


@pytest.mark.parametrize("jobs", [None, 1])
def test_a_second_failure_is_the_builds_error(caplog, log, jobs):
    job = Runner(jobs, log).start(Work("making the thing", _always_broken))
    with pytest.raises(WorkFailed, match="making the thing failed: no such field"):
        job.result()
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == (1 if jobs is None else 0)  # the child's failure, once


def test_cancel_stops_the_child():
    job = Runner().start(Work("waiting", signal.pause))
    assert job.in_child
    process = job._process
    job.cancel()
    assert process is not None and not process.is_alive()


def test_made_ahead_makes_its_keys_in_a_child_and_the_others_here():
    ahead = MadeAhead(Runner(), "telling pids", ["b", "c"], _pid)
    assert ahead.get("a") == ("a", os.getpid())
    made_b, made_c = ahead.get("b"), ahead.get("c")
    assert made_b[0] == "b" and made_c[0] == "c"
    assert made_b[1] == made_c[1] != os.getpid()


def test_made_ahead_with_one_job_makes_each_key_when_asked():
    ahead = MadeAhead(Runner(1), "telling pids", ["b"], _pid)
    assert ahead.get("b") == ("b", os.getpid())


@pytest.mark.parametrize("how", ["raise", "kill"])
def test_made_ahead_whose_child_fails_makes_its_keys_here(caplog, log, how):
    ahead = MadeAhead(Runner(log=log), "making letters", ["b", "c"], _fails_in_a_child(how))
    with caplog.at_level(logging.WARNING):
        assert (ahead.get("b"), ahead.get("c")) == ("b", "c")
    assert len(caplog.records) == 1 and "making letters failed" in caplog.records[0].message


# -- in a real build ------------------------------------------------------------------------

ARTICLE = {"index.md": "# Home\n\nThe Key Grip and the Focus Puller.\n"}
CHILDREN = {
    "rendering the last": (entries_module, "rendered_entry"),
    "making the last": (plugin_module, "term_content"),
    "writing the embedding kit": (plugin_module, "write_kit"),
    "deleting the last build's site": (plugin_module, "remove"),
    "writing the 'Mentioned in' lists": (plugin_module, "write_files"),
}
"""Each piece of work a build does beside itself: the words its report starts with, and the
function its child runs."""


def _site(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def projects(tmp_path, monkeypatch):
    """Two copies of one project (file times kept: same dates), every child on, and the site
    the build's process alone makes of it."""
    monkeypatch.setattr(entries_module, "FORK_MIN_TERMS", 1)
    monkeypatch.setattr(plugin_module, "FORK_MIN_TERMS", 1)
    write_project(tmp_path / "alone", BASIC_TERMS, docs=ARTICLE)
    shutil.copytree(tmp_path / "alone", tmp_path / "beside")
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    alone = _site(run_build(tmp_path / "alone" / "mkdocs.yml"))
    monkeypatch.delenv(JOBS_VARIABLE)
    return tmp_path / "beside" / "mkdocs.yml", alone


def _forks(monkeypatch) -> list[int]:
    """Records the number of threads alive at each fork."""
    from termbook.runner import Job

    seen: list[int] = []
    real = Job._fork

    def recorded(job):
        seen.append(threading.active_count())
        return real(job)

    monkeypatch.setattr(Job, "_fork", recorded)
    return seen


def test_the_site_is_the_same_file_for_file_with_one_job_and_by_default(projects, monkeypatch):
    config_file, alone = projects
    forks = _forks(monkeypatch)
    run_build(config_file)
    beside = _site(run_build(config_file))  # a rebuild: the last site deleted beside it
    assert len(forks) == 2 * len(CHILDREN) - 1  # each child twice; no old site the first time
    assert beside.keys() == alone.keys()
    assert [path for path in beside if beside[path] != alone[path]] == []


@pytest.mark.parametrize("how", ["raise", "kill"])
@pytest.mark.parametrize("what", list(CHILDREN))
def test_a_child_that_fails_in_a_build_is_reported_and_the_site_still_whole(
    projects, monkeypatch, caplog, what, how
):
    config_file, alone = projects
    module, name = CHILDREN[what]
    run_build(config_file)
    monkeypatch.setattr(module, name, _fails_in_a_child(how, getattr(module, name)))
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        beside = _site(run_build(config_file))
    warned = [r.message for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warned) == 1, warned
    assert what in warned[0] and "failed in a child process" in warned[0]
    assert ("exit code -9" if how == "kill" else "RuntimeError: broken only") in warned[0]
    assert beside.keys() == alone.keys()
    assert [path for path in beside if beside[path] != alone[path]] == []


def test_a_recovered_child_fails_a_strict_build(projects, monkeypatch):
    config_file, _ = projects
    monkeypatch.setattr(plugin_module, "write_kit", _fails_in_a_child("raise", write_kit))
    with pytest.raises(Abort, match="1 warnings in strict mode"):
        run_build(config_file, strict=True)


def test_a_bad_jobs_variable_stops_the_build_plainly(projects, monkeypatch, caplog):
    config_file, _ = projects
    monkeypatch.setenv(JOBS_VARIABLE, "all")
    with pytest.raises((PluginError, Abort)) as raised:
        run_build(config_file)
    assert "TERMBOOK_JOBS='all': give a whole number" in str(raised.value) + caplog.text


def test_the_jobs_option_runs_the_build_in_one_process(projects, monkeypatch):
    config_file, alone = projects
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"][1]["termbook"]["jobs"] = 1
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    forks = _forks(monkeypatch)
    assert _site(run_build(config_file)) == alone
    assert forks == []


def test_the_collector_pauses_while_a_glossary_loads_and_comes_back_as_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_collector():
        assert not gc.isenabled()
        raise ValueError("a term file failed")
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collector():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
