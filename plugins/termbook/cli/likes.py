"""`termbook likes serve`: the service that counts likes and shares for a site's `like_endpoint`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DATABASE_ENV = "TERMBOOK_LIKES_DATABASE"
"""Where --database defaults from: keeps a PostgreSQL password out of the process list."""


def register(subparsers: argparse._SubParsersAction) -> None:
    from termbook.likes.server import ServeOptions

    defaults = ServeOptions()
    parser = subparsers.add_parser(
        "likes",
        help="run the service that counts likes and shares (for like_endpoint)",
        description="The likes service: like and share counts per term for a Termbook site.",
    )
    actions = parser.add_subparsers(dest="likes_command", metavar="ACTION", required=True)
    serve = actions.add_parser(
        "serve",
        help="serve /likes and /shares over HTTP",
        description=(
            "Serve like and share counts for the terms of a glossary at /likes and /shares "
            "(set the site's like_endpoint to the /likes URL). Only the glossary's slugs are "
            "counted; a browser is known by a random id it keeps, stored as a salted hash. "
            "See docs/likes.md."
        ),
    )
    serve.add_argument(
        "--database",
        default=os.environ.get(DATABASE_ENV, "likes.db"),
        metavar="URL",
        help=(
            "a SQLite file (path or sqlite:///FILE) or a postgresql://USER@HOST/DB URL "
            f"(default: ${DATABASE_ENV}, else likes.db)"
        ),
    )
    serve.add_argument(
        "--terms-dir",
        default="terms",
        type=Path,
        metavar="DIR",
        help="the terms folder, a built site folder or its api/terms.json (default: terms)",
    )
    serve.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        dest="allow_origins",
        metavar="ORIGIN",
        help="a site origin whose pages may call the service, e.g. https://dict.example.org "
        "(repeat for several; none: same origin only)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8001, help="port to listen on (default 8001)")
    limits = serve.add_argument_group("what counts (docs/likes.md: what a count proves)")
    limits.add_argument(
        "--address-limit",
        type=_count,
        default=defaults.address_limit,
        metavar="N",
        help="likes (and shares) of one term counted per network address per day; more from "
        "the same address are answered but not counted (default %(default)s; 0: no limit). A class "
        "behind one NAT address counts as at most N readers a day",
    )
    limits.add_argument(
        "--client-limit",
        type=_count,
        default=defaults.client_limit,
        metavar="N",
        help="likes and shares per minute per browser (default %(default)s; 0: no limit)",
    )
    limits.add_argument(
        "--ip-limit",
        type=_count,
        default=defaults.ip_limit,
        metavar="N",
        help="likes and shares per minute per network address (default %(default)s; 0: no limit)",
    )
    limits.add_argument(
        "--read-limit",
        type=_count,
        default=defaults.read_limit,
        metavar="N",
        help="reads per minute per network address, a budget of their own (default %(default)s; "
        "0: no limit)",
    )
    limits.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="the reverse proxies (addresses or networks, comma-separated) whose "
        "X-Forwarded-For names the reader: its right-most hop that is not one of them; "
        "from anyone else the header is ignored",
    )
    server = serve.add_argument_group("connections and timeouts")
    server.add_argument(
        "--pool-size",
        type=_positive,
        default=defaults.pool_size,
        metavar="N",
        help="database connections this instance holds at most (default %(default)s)",
    )
    server.add_argument(
        "--pool-idle",
        type=_seconds,
        default=defaults.pool_idle,
        metavar="S",
        help="seconds before an unused database connection is closed (default %(default)s)",
    )
    server.add_argument(
        "--header-timeout",
        type=_seconds,
        default=defaults.header_timeout,
        metavar="S",
        help="seconds a request's headers may take to arrive (default %(default)s)",
    )
    server.add_argument(
        "--body-timeout",
        type=_seconds,
        default=defaults.body_timeout,
        metavar="S",
        help="seconds a POST body may take to arrive after its headers (default %(default)s)",
    )
    server.add_argument(
        "--keep-alive",
        type=_seconds,
        default=defaults.keep_alive,
        metavar="S",
        help="seconds an idle connection is kept open (default %(default)s)",
    )
    server.add_argument(
        "--max-requests",
        type=_positive,
        default=defaults.max_requests,
        metavar="N",
        help="requests one connection may send before it is closed (default %(default)s)",
    )
    server.add_argument(
        "--max-connections",
        type=_positive,
        default=defaults.max_connections,
        metavar="N",
        help="connections open at once, kept below the file descriptor limit (default %(default)s)",
    )
    server.add_argument(
        "--shutdown-timeout",
        type=_seconds,
        default=defaults.shutdown_timeout,
        metavar="S",
        help="seconds SIGTERM waits for requests in progress before stopping (default %(default)s)",
    )
    server.add_argument(
        "--access-log",
        action="store_true",
        help="log every request, with the address it came from (the proxy's, behind one)",
    )
    serve.set_defaults(run=run_serve)


def _count(text: str) -> int:
    """A limit: a whole number, 0 or more."""
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (0 or more)")
    return int(text)


def _positive(text: str) -> int:
    value = _count(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600 seconds")
    return value


def run_serve(args: argparse.Namespace) -> int:
    from termbook.likes.addresses import TrustedProxies
    from termbook.likes.catalog import CatalogError
    from termbook.likes.origins import normalise_origin
    from termbook.likes.server import ServeOptions, serve
    from termbook.likes.store import StoreError

    try:
        for origin in args.allow_origins:
            normalise_origin(origin)
    except ValueError as exc:
        print(f"termbook likes serve: error: --allow-origin: {exc}", file=sys.stderr)
        return 2
    try:
        TrustedProxies.parse(args.forwarded_allow_ips)
    except ValueError as exc:
        print(f"termbook likes serve: error: --forwarded-allow-ips: {exc}", file=sys.stderr)
        return 2
    options = ServeOptions(
        database=args.database,
        terms_dir=args.terms_dir,
        allow_origins=args.allow_origins,
        host=args.host,
        port=args.port,
        client_limit=args.client_limit,
        ip_limit=args.ip_limit,
        read_limit=args.read_limit,
        address_limit=args.address_limit,
        forwarded_allow_ips=args.forwarded_allow_ips,
        pool_size=args.pool_size,
        pool_idle=args.pool_idle,
        header_timeout=args.header_timeout,
        body_timeout=args.body_timeout,
        keep_alive=args.keep_alive,
        max_requests=args.max_requests,
        max_connections=args.max_connections,
        shutdown_timeout=args.shutdown_timeout,
        access_log=args.access_log,
    )
    try:
        serve(options)
    except (CatalogError, StoreError) as exc:
        print(f"termbook likes serve: error: {exc}", file=sys.stderr)
        return 1
    except ImportError as exc:
        print(
            f"termbook likes serve: error: {exc.name} is missing: pip install 'termbook[likes]'",
            file=sys.stderr,
        )
        return 1
    return 0
