"""Run the likes service with uvicorn: what `termbook likes serve` starts."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from termbook.likes.catalog import load_catalog
from termbook.likes.store import DEFAULT_DATABASE, open_store

DEFAULT_PORT = 8001


@dataclass
class ServeOptions:
    """Everything `termbook likes serve` takes; the defaults are the command's."""

    database: str = DEFAULT_DATABASE
    terms_dir: Path = Path("terms")
    allow_origins: Sequence[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    client_limit: int = 30
    ip_limit: int = 600
    forwarded_allow_ips: str | None = None
    access_log: bool = False


def check_origin(origin: str) -> str:
    """An origin as browsers send it (scheme://host[:port], no path), or ValueError."""
    if origin == "*":
        return origin
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path or parts.query:
        raise ValueError(f"{origin!r} is not an origin like https://example.org")
    return f"{parts.scheme}://{parts.netloc}".lower()


def serve(options: ServeOptions) -> None:
    """Read the glossary, open the database and serve until interrupted.

    Raises `CatalogError` or `StoreError` before listening when either cannot be used.
    """
    import uvicorn

    from termbook.likes.app import create_app

    catalog = load_catalog(options.terms_dir)
    for warning in catalog.warnings:
        print(f"termbook likes: warning: {warning}", file=sys.stderr)
    store = open_store(options.database)
    app = create_app(
        store,
        catalog,
        allow_origins=[check_origin(o) for o in options.allow_origins],
        client_limit=options.client_limit,
        ip_limit=options.ip_limit,
    )
    print(
        f"termbook likes: {len(catalog)} terms from the {catalog.source}, "
        f"stored in the {store!r}; listening on http://{options.host}:{options.port}/likes",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(
        app,
        host=options.host,
        port=options.port,
        access_log=options.access_log,
        proxy_headers=options.forwarded_allow_ips is not None,
        forwarded_allow_ips=options.forwarded_allow_ips,
        server_header=False,
        log_level="info",
    )
