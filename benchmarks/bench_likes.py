"""Load test of the likes service (not a timed test): reads and writes at 2,000 and at
1,000,000 stored likes, side by side, and what one address can add to the counts in a day.

For each database, the real `termbook likes serve` process (one uvicorn worker) reads a
glossary of `--terms` terms. 2,000 likes are seeded directly in the database, then
`--clients` concurrent readers send `--requests` GETs each (a term's count, a batch of 50, the
top 5, the full list, in turn), then as many browsers each send `--actions` likes or unlikes,
each from an address of its own (X-Forwarded-For from a trusted 127.0.0.1). The database is
then seeded up to 1,000,000 likes and both loads run again. Every count must be exact at the
end, or the script exits 1. Each load runs `--repeat` times (the best run is printed: other
work on the machine only ever slows a run down). Printed per database and size: requests per
second, p50 and p99 latency; then the ratio of reads at a million to reads at 2,000.

Last, the red team's inflation attack against the default limits: `--attack` likes of one
term with made-up browser ids from one address; printed: what was answered, what counted,
and the most one address can add per day.

The load generator runs on the same machine as the service (and PostgreSQL), so the figures
are a floor for a host where the service has the cores to itself.

    python benchmarks/bench_likes.py --clients 32 --requests 200 --actions 100 --terms 500
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from likesharness import (
    LoadResult,
    ServiceProcess,
    catalog_file,
    postgres_server,
    request,
    run_load,
    run_reads,
    seed_likes,
)
from termbook.likes.store import open_store

SIZES = (2_000, 1_000_000)
OPEN = ("--address-limit", "0", "--client-limit", "0", "--ip-limit", "0", "--read-limit", "0")
ADDRESS_LIMIT = 10
"""`termbook likes serve`'s default --address-limit."""


def read_paths(slugs: list[str]) -> list[str]:
    batch = ",".join(slugs[:50])
    singles = [f"/likes?term={slug}" for slug in slugs[:100]]
    return [*singles[:25], f"/likes?terms={batch}", "/likes?top=5", "/likes", "/shares?top=5"]


def figures(result: LoadResult) -> tuple[float, float, float]:
    rate = len(result.latencies) / result.seconds if result.seconds else 0.0
    return rate, result.percentile(50) * 1000, result.percentile(99) * 1000


def bench(database: str, terms: Path, slugs: list[str], args: argparse.Namespace) -> dict:
    open_store(database).close()
    service = ServiceProcess(database, *OPEN, "--forwarded-allow-ips", "127.0.0.1", terms=terms)
    service.start()
    run_reads(service.url, read_paths(slugs), clients=4, requests=50)  # warm up
    results: dict[str, dict[int, LoadResult]] = {"reads": {}, "writes": {}}
    seeded = 0
    try:
        for size in SIZES:
            started = time.perf_counter()
            seed_likes(database, size - seeded, len(slugs), start=seeded)
            print(f"    seeded {size:,} likes in {time.perf_counter() - started:.1f} s", flush=True)
            seeded = size
            before = request("GET", service.url + "/likes")[1]["counts"]
            rounds = [
                run_reads(
                    service.url, read_paths(slugs), clients=args.clients, requests=args.requests
                )
                for _ in range(args.repeat)
            ]
            reads = max(rounds, key=lambda r: figures(r)[0])
            rounds = [
                run_load(
                    service.url,
                    slugs,
                    clients=args.clients,
                    actions=args.actions,
                    seed=size * 10 + n,
                    forwarded=True,
                )
                for n in range(args.repeat)
            ]
            writes = max(rounds, key=lambda r: figures(r)[0])
            after = request("GET", service.url + "/likes")[1]["counts"]
            left = sum((r.expected for r in rounds), Counter())
            expected = {s: before.get(s, 0) + left.get(s, 0) for s in slugs}
            wrong = {s: (after.get(s, 0), n) for s, n in expected.items() if after.get(s, 0) != n}
            if wrong or reads.errors or writes.errors:
                print(f"  counts wrong (got, expected): {dict(list(wrong.items())[:5])}")
                print(f"  errors: {dict(reads.errors)} {dict(writes.errors)}")
                raise SystemExit(1)
            results["reads"][size] = reads
            results["writes"][size] = writes
    finally:
        service.stop()
    return results


def attack(database: str, terms: Path, slugs: list[str], count: int) -> None:
    """The red team's attack on the default limits: made-up ids, one address, one term."""
    service = ServiceProcess(database, "--forwarded-allow-ips", "127.0.0.1", terms=terms).start()
    answered = counted = limited = 0
    started = time.perf_counter()
    try:
        for _ in range(count):
            body = {"term": slugs[0], "liked": True, "client": uuid.uuid4().hex}
            status, answer = request(
                "POST", service.url + "/likes", body, {"X-Forwarded-For": "203.0.113.7"}
            )
            answered += status == 200
            counted += bool(answer.get("counted"))
            limited += status == 429
        seconds = time.perf_counter() - started
        final = request("GET", service.url + f"/likes?term={slugs[0]}")[1]["count"]
    finally:
        service.stop()
    print(
        f"  {count:,} likes of one term, made-up browser ids, one address, in {seconds:.1f} s: "
        f"{answered:,} answered 200, {limited:,} refused 429, {counted} counted "
        f"(the term's count: {final})"
    )
    print(
        f"  most one address can add in a day: {ADDRESS_LIMIT} likes and {ADDRESS_LIMIT} shares "
        f"per term (--address-limit), {ADDRESS_LIMIT * len(slugs):,} likes over all "
        f"{len(slugs):,} terms; an IPv6 /64 counts as one address"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent readers/browsers")
    parser.add_argument("--requests", type=int, default=200, help="reads each")
    parser.add_argument("--actions", type=int, default=100, help="likes or unlikes each")
    parser.add_argument("--terms", type=int, default=500, help="terms in the glossary")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each load; the best is shown"
    )
    parser.add_argument("--attack", type=int, default=1000, help="likes of the inflation attack")
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql"), nargs="+", default=["sqlite", "postgresql"]
    )
    args = parser.parse_args()
    print(
        f"likes service load: {args.clients} readers x {args.requests} reads, then "
        f"{args.clients} browsers x {args.actions} likes/unlikes, over {args.terms} terms, "
        f"at {SIZES[0]:,} and {SIZES[1]:,} stored likes, on loopback"
    )
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-likes-")))
        terms = catalog_file(folder / "site", args.terms)
        slugs = [f"term-{n:05d}" for n in range(args.terms)]
        for name in args.database:
            if name == "sqlite":
                database = str(folder / "likes.db")
                attacked = str(folder / "attack.db")
            else:
                server = stack.enter_context(postgres_server())
                database = server.empty_database()
                attacked = None
            print(f"  {name}", flush=True)
            results = bench(database, terms, slugs, args)
            head = "".join(f"{f'{size:,} likes':>34}" for size in SIZES)
            print(f"    {'':<8}{head}")
            for what in ("reads", "writes"):
                cells = ""
                for size in SIZES:
                    rate, p50, p99 = figures(results[what][size])
                    cells += f"   {rate:6.0f} req/s p50 {p50:5.1f} p99 {p99:6.1f} ms"
                print(f"    {what:<8}{cells}")
            small, large = (figures(results["reads"][size])[0] for size in SIZES)
            print(
                f"    reads at {SIZES[1]:,} / at {SIZES[0]:,}: {large / small:.2f} of the "
                "throughput; counts exact"
            )
            if attacked:
                print("  inflation (SQLite, default limits)")
                attack(attacked, terms, slugs, args.attack)
    return 0


if __name__ == "__main__":
    sys.exit(main())
