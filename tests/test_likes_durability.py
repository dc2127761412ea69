"""Every acknowledged like survives a SIGKILL of the service mid-load, on both databases.

The real `termbook likes serve` process runs while many browsers like terms; it is killed with
SIGKILL (no shutdown of any kind), restarted on the same database, and every like it had
answered with 200 must be there.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from likesharness import ServiceProcess, catalog_file, request, run_load


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "likes.db")
    return request.getfixturevalue("postgres").empty_database()


def test_acknowledged_likes_survive_a_sigkill_mid_load(database: str, tmp_path: Path) -> None:
    terms = catalog_file(tmp_path / "site", 60)
    slugs = [t["slug"] for t in json.loads(terms.read_text())["terms"]]
    limits = ("--client-limit", "0", "--ip-limit", "0", "--address-limit", "0")
    service = ServiceProcess(database, *limits, terms=terms).start()
    stop = threading.Event()
    outcome = {}
    load = threading.Thread(
        target=lambda: outcome.update(
            result=run_load(
                service.url, slugs, clients=12, actions=len(slugs), stop=stop, unlikes=False
            )
        )
    )
    try:
        load.start()
        deadline = time.monotonic() + 30
        while sum(request("GET", service.url + "/likes")[1]["counts"].values()) < 150:
            assert time.monotonic() < deadline, "the load did not get going"
            time.sleep(0.02)
        service.kill()  # mid-load: requests are in flight
        stop.set()
        load.join(timeout=60)
    finally:
        stop.set()
        service.stop()
    result = outcome["result"]
    acknowledged = Counter(term for term, _, liked in result.acknowledged if liked)
    assert sum(acknowledged.values()) >= 150
    assert result.errors, "the kill did not interrupt the load"

    restarted = ServiceProcess(database, *limits, terms=terms).start()
    try:
        counts = request("GET", restarted.url + "/likes")[1]["counts"]
        # A request in flight at the kill may have been stored without its answer: at most
        # one per browser. Nothing acknowledged may be missing.
        for term, n in acknowledged.items():
            assert counts.get(term, 0) >= n, term
        assert sum(counts.values()) <= sum(acknowledged.values()) + 12
        # Exact check: liking again is idempotent, so if every acknowledged like is stored,
        # sending them all again changes no count.
        for term, client, _ in result.acknowledged:
            status, _ = request(
                "POST", restarted.url + "/likes", {"term": term, "liked": True, "client": client}
            )
            assert status == 200
        assert request("GET", restarted.url + "/likes")[1]["counts"] == counts
    finally:
        restarted.stop()
