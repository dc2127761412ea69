"""Load test of the likes service (not a timed test): many browsers liking and unliking at once.

For each database, the real `termbook likes serve` process (one uvicorn worker, rate limits
off) gets `--clients` concurrent browsers on loopback, each with its own random id and
keep-alive connection, each sending `--actions` likes or unlikes of random terms. At the end
every term's count must equal what the browsers left liked: exact, or the script exits 1.
Printed per database: requests per second, p50 and p99 latency, and PostgreSQL / SQLite.
The load generator runs on the same machine as the service (and PostgreSQL), so the figures
are a floor for a host where the service has the cores to itself.

    python benchmarks/bench_likes.py --clients 32 --actions 200 --terms 500
"""

from __future__ import annotations

import argparse
import sys
import tempfile
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
)


def bench(database: str, terms: Path, slugs: list[str], args: argparse.Namespace) -> LoadResult:
    service = ServiceProcess(database, "--client-limit", "0", "--ip-limit", "0", terms=terms)
    service.start()
    try:
        run_load(service.url, slugs, clients=4, actions=20, seed=99)  # warm up the connections
        warm = request("GET", service.url + "/likes")[1]["counts"]
        result = run_load(service.url, slugs, clients=args.clients, actions=args.actions)
        counts = request("GET", service.url + "/likes")[1]["counts"]
    finally:
        service.stop()
    expected = {slug: warm.get(slug, 0) + result.expected.get(slug, 0) for slug in slugs}
    got = {slug: counts.get(slug, 0) for slug in slugs}
    wrong = {slug: (got[slug], n) for slug, n in expected.items() if got[slug] != n}
    if wrong or result.errors:
        print(f"  counts wrong (got, expected): {dict(list(wrong.items())[:5])}")
        print(f"  errors: {dict(result.errors)}")
        raise SystemExit(1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent browsers")
    parser.add_argument("--actions", type=int, default=200, help="likes or unlikes each")
    parser.add_argument("--terms", type=int, default=500, help="terms in the glossary")
    parser.add_argument(
        "--database", choices=("sqlite", "postgresql"), nargs="+", default=["sqlite", "postgresql"]
    )
    args = parser.parse_args()
    total = args.clients * args.actions
    print(
        f"likes service load: {args.clients} browsers x {args.actions} likes/unlikes "
        f"= {total} requests over {args.terms} terms, on loopback"
    )
    figures = {}
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-likes-")))
        terms = catalog_file(folder / "site", args.terms)
        slugs = [f"term-{n:05d}" for n in range(args.terms)]
        for name in args.database:
            if name == "sqlite":
                database = str(folder / "likes.db")
            else:
                database = stack.enter_context(postgres_server()).empty_database()
            result = bench(database, terms, slugs, args)
            rate = len(result.latencies) / result.seconds
            figures[name] = rate
            print(
                f"  {name:<10}  {rate:8.0f} requests/s   p50 {result.percentile(50) * 1000:6.1f} ms"
                f"   p99 {result.percentile(99) * 1000:6.1f} ms   counts exact"
            )
    if len(figures) == 2:
        print(f"  PostgreSQL / SQLite throughput: {figures['postgresql'] / figures['sqlite']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
