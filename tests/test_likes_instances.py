"""Several instances of the service on one PostgreSQL database (issue 21, problem 3).

The red team's three instances held about 41 connections each, idle or not, and with 50
clients each reached `max_connections`, locking everyone else out. Here three real
`termbook likes serve` processes share a PostgreSQL server allowed 20 connections, each with
its default pool of 4, under 16 browsers each: nothing fails, the counts are exact, another
client can still connect during the load, and once idle the instances let go of every
connection.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from likesharness import (
    POSTGRES_URL_ENV,
    PostgresServer,
    ServiceProcess,
    catalog_file,
    request,
    run_load,
)

OPEN = ("--address-limit", "0", "--ip-limit", "0", "--client-limit", "0", "--read-limit", "0")


@pytest.fixture
def small_server() -> Iterator[PostgresServer]:
    import os

    if os.environ.get(POSTGRES_URL_ENV):
        pytest.skip("sets max_connections of its own server; an external one is not ours")
    server = PostgresServer(max_connections=20).start()
    try:
        yield server
    finally:
        server.stop()


def held(connection) -> int:
    row = connection.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'termbook-likes'"
    ).fetchone()
    return int(row[0])


def test_three_instances_share_a_small_server(small_server: PostgresServer, tmp_path: Path) -> None:
    import psycopg

    database = small_server.empty_database()
    terms = catalog_file(tmp_path / "site", 40)
    slugs = [f"term-{n:05d}" for n in range(40)]
    instances = [
        ServiceProcess(database, *OPEN, "--pool-idle", "1", terms=terms).start() for _ in range(3)
    ]
    watcher = psycopg.connect(small_server.url(), autocommit=True)
    most = [0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            most[0] = max(most[0], held(watcher))
            time.sleep(0.05)

    results = {}
    try:
        threading.Thread(target=watch, daemon=True).start()
        loads = [
            threading.Thread(
                target=lambda i=i: results.update(
                    {i: run_load(instances[i].url, slugs, clients=16, actions=25, seed=i + 1)}
                )
            )
            for i in range(3)
        ]
        for load in loads:
            load.start()
        time.sleep(0.5)
        with psycopg.connect(small_server.url(), connect_timeout=5) as other:  # not locked out
            assert other.execute("SELECT 1").fetchone() == (1,)
        for load in loads:
            load.join(timeout=120)
        stop.set()
        assert all(not r.errors for r in results.values()), [r.errors for r in results.values()]
        assert most[0] <= 3 * 4
        expected = Counter()
        for result in results.values():
            expected.update(result.expected)
        counts = request("GET", instances[0].url + "/likes")[1]["counts"]
        assert counts == {slug: n for slug, n in expected.items() if n}

        deadline = time.monotonic() + 10
        while held(watcher) and time.monotonic() < deadline:  # idle: the pools empty
            time.sleep(0.2)
        assert held(watcher) == 0
        # and an idle instance still answers, opening a connection again
        assert request("GET", instances[1].url + "/likes?term=term-00001")[0] == 200
    finally:
        stop.set()
        watcher.close()
        for instance in instances:
            instance.stop()
