"""Reads cost the same at a million stored likes as at two thousand (issue 21, problem 2).

The red team's reads read every stored like: 1,576 req/s at 1,800 likes, 35 at 1,000,000.
Here a million likes are seeded directly in each database (as the service would have stored
them, counts included) and the work each read statement does is counted, not timed: SQLite's
virtual-machine steps, PostgreSQL's buffer accesses. Timings are benchmarks/bench_likes.py's.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

import httpx
import pytest

from likesharness import catalog_file, running_app, seed_likes
from termbook.likes.app import create_app
from termbook.likes.catalog import load_catalog
from termbook.likes.store import READ_COUNT, READ_COUNTS, READ_TOP, open_store

TERMS = 500
SAMPLES = {READ_COUNT: ("likes", "term-00007"), READ_COUNTS: ("likes",), READ_TOP: ("likes", 5)}


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "likes.db")
    return request.getfixturevalue("postgres").empty_database()


def read_work(database: str) -> dict[str, int]:
    """Per read statement, the work the database does for it."""
    if database.startswith("postgresql://"):
        import psycopg

        work = {}
        with psycopg.connect(database, autocommit=True) as connection:
            for sql, params in SAMPLES.items():
                explain = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql.replace("?", "%s")
                plan = connection.execute(explain, params).fetchone()[0][0]["Plan"]
                assert "termbook_marks" not in json.dumps(plan)
                work[sql] = plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]
        return work
    steps = [0]

    def step() -> int:
        steps[0] += 1
        return 0

    connection = sqlite3.connect(database)
    try:
        connection.set_progress_handler(step, 1)
        work = {}
        for sql, params in SAMPLES.items():
            plan = connection.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            assert "termbook_marks" not in str(plan)
            steps[0] = 0
            connection.execute(sql, params).fetchall()
            work[sql] = steps[0]
        return work
    finally:
        connection.close()


def relation_blocks(database: str) -> tuple[int, int]:
    """PostgreSQL blocks of the counts and of the marks, with their indexes."""
    import psycopg

    with psycopg.connect(database) as connection:
        sizes = connection.execute(
            "SELECT pg_total_relation_size('termbook_counts') / 8192, "
            "pg_total_relation_size('termbook_marks') / 8192"
        ).fetchone()
    return int(sizes[0]), int(sizes[1])


def test_reads_do_the_same_work_at_a_million_likes(database: str, tmp_path: Path) -> None:
    open_store(database).close()
    seed_likes(database, 2_000, TERMS)
    small = read_work(database)
    seed_likes(database, 998_000, TERMS, start=2_000)
    large = read_work(database)
    if database.startswith("postgresql://"):
        # A handful of blocks either way, as the planner picks an index or the table: each
        # read stays within the per-term counts, a few blocks against the marks' thousands.
        counts, marks = relation_blocks(database)
        assert marks > 100 * counts
        assert all(0 < work <= counts for work in large.values()), (counts, large)
    else:
        for sql, work in large.items():
            assert 0 < work <= 1.5 * small[sql], (sql, small[sql], work)

    catalog = load_catalog(catalog_file(tmp_path / "site", TERMS))
    store = open_store(database)
    try:
        with (
            running_app(create_app(store, catalog, read_limit=0)) as url,
            httpx.Client(base_url=url, timeout=30) as http,
        ):
            assert http.get("/likes", params={"term": "term-00007"}).json()["count"] == 2_000
            assert sum(http.get("/likes").json()["counts"].values()) == 1_000_000
            top = http.get("/likes", params={"top": "3"}).json()["top"]
            assert [t["count"] for t in top] == [2_000] * 3
            body = {"term": "term-00007", "liked": True, "client": uuid.uuid4().hex}
            assert http.post("/likes", json=body).json()["count"] == 2_001
    finally:
        store.close()
