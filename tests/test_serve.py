"""`mkdocs serve` rebuilds when a term file changes (terms/ lives outside docs_dir), and its
rebuilds, which run beside the server's threads, never fork (termbook.runner)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from projects import BASIC_TERMS, GRIP, write_project, write_terms


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


SERVE_RECORDING_FORKS = """
import json, sys, threading
from mkdocs.__main__ import cli
from termbook.runner import Runner

decisions = open(sys.argv[1], "a", encoding="utf-8")
real = Runner.forks

def forks(self):
    decided = real(self)
    decisions.write(json.dumps([threading.active_count(), decided]) + "\\n")
    decisions.flush()
    return decided

Runner.forks = forks
cli(sys.argv[2:])
"""


def test_serve_rebuilds_when_a_term_changes_and_never_forks_beside_its_threads(tmp_path):
    """Two rebuilds, under ``-W error::DeprecationWarning`` (Python 3.12 warns when a process
    with threads forks); each of the runner's decisions is recorded with the threads alive."""
    config = write_project(tmp_path, BASIC_TERMS)
    port = free_port()
    decisions = tmp_path / "forks.jsonl"
    log = (tmp_path / "serve.log").open("wb")
    command = [sys.executable, "-W", "error::DeprecationWarning", "-c", SERVE_RECORDING_FORKS]
    arguments = [str(decisions), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, *arguments],
        stdout=subprocess.DEVNULL,
        stderr=log,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/glossary/terms/grip/"
    try:
        started = wait_for(lambda: "A crew member" in (fetch(url) or ""), 60)
        assert started, (tmp_path / "serve.log").read_text()
        for words in ("Rigging wizardry.", "Rigging, again."):
            write_terms(tmp_path / "terms", {"grip": {**GRIP, "definition": words}})
            assert wait_for(lambda w=words: w in (fetch(url) or ""), 30), "no rebuild"
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    errors = (tmp_path / "serve.log").read_text()
    assert "DeprecationWarning" not in errors and "fork" not in errors.lower()
    asked = [json.loads(line) for line in decisions.read_text().splitlines()]
    assert any(forked for threads, forked in asked if threads == 1)  # the first build forks
    beside_threads = [forked for threads, forked in asked if threads > 1]
    assert len(beside_threads) >= 2 and not any(beside_threads)  # the rebuilds never do
