"""`termbook likes serve`: the service that counts likes and shares for a site's `like_endpoint`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DATABASE_ENV = "TERMBOOK_LIKES_DATABASE"
"""Where --database defaults from: keeps a PostgreSQL password out of the process list."""


def register(subparsers: argparse._SubParsersAction) -> None:
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
    serve.add_argument(
        "--client-limit",
        type=int,
        default=30,
        metavar="N",
        help="likes and shares per minute per browser (default 30; 0: no limit)",
    )
    serve.add_argument(
        "--ip-limit",
        type=int,
        default=600,
        metavar="N",
        help="requests per minute per IP address (default 600; 0: no limit)",
    )
    serve.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="trust X-Forwarded-For from these proxy addresses (comma-separated), "
        "so that the IP limit applies to readers, not to the reverse proxy",
    )
    serve.add_argument(
        "--access-log", action="store_true", help="log every request (with its IP address)"
    )
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from termbook.likes.catalog import CatalogError
    from termbook.likes.server import ServeOptions, check_origin, serve
    from termbook.likes.store import StoreError

    try:
        for origin in args.allow_origins:
            check_origin(origin)
    except ValueError as exc:
        print(f"termbook likes serve: error: --allow-origin: {exc}", file=sys.stderr)
        return 2
    if args.client_limit < 0 or args.ip_limit < 0:
        print("termbook likes serve: error: a limit cannot be negative", file=sys.stderr)
        return 2
    options = ServeOptions(
        database=args.database,
        terms_dir=args.terms_dir,
        allow_origins=args.allow_origins,
        host=args.host,
        port=args.port,
        client_limit=args.client_limit,
        ip_limit=args.ip_limit,
        forwarded_allow_ips=args.forwarded_allow_ips,
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
