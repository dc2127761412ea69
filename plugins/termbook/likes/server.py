"""Run the likes service with uvicorn: what `termbook likes serve` starts.

uvicorn alone never closes a connection that sends half its headers, accepts connections
until the process runs out of file descriptors and then logs every failed accept. Here the
HTTP protocol is uvicorn's h11 one with a guard (`GuardedProtocol`): a request's headers must
arrive within `header_timeout` of the connection opening (or of the previous answer), a
connection serves at most `max_requests` requests, and at most `max_connections` are open at
once (the cap is kept below the file descriptor limit; a new connection over it displaces the
one that has waited longest for its headers). The body's own timeout is the app's. Every log
line is cut to `LOG_LINE` characters, and the event loop's errors (an accept failing for want
of descriptors) are logged once per `LOG_REPEAT` seconds with a count, not once per event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from termbook.likes.catalog import load_catalog
from termbook.likes.limits import BODY_TIMEOUT, CLIENT_LIMIT, IP_LIMIT, READ_LIMIT
from termbook.likes.origins import normalise_origin
from termbook.likes.store import (
    ADDRESS_LIMIT,
    DEFAULT_DATABASE,
    DEFAULT_POOL_IDLE,
    DEFAULT_POOL_SIZE,
    open_store,
)

DEFAULT_PORT = 8001
LOG_LINE = 500
"""Characters a log line has at most (tracebacks included)."""
LOG_REPEAT = 10.0
"""Seconds between two log lines about the same event-loop error."""
RESERVED_FDS = 32
"""File descriptors kept for everything but client connections (plus 3 per pooled one)."""


@dataclass
class ServeOptions:
    """Everything `termbook likes serve` takes; its defaults are the command's."""

    database: str = DEFAULT_DATABASE
    terms_dir: Path = Path("terms")
    allow_origins: Sequence[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    client_limit: int = CLIENT_LIMIT
    ip_limit: int = IP_LIMIT
    read_limit: int = READ_LIMIT
    address_limit: int = ADDRESS_LIMIT
    forwarded_allow_ips: str | None = None
    pool_size: int = DEFAULT_POOL_SIZE
    pool_idle: float = DEFAULT_POOL_IDLE
    header_timeout: float = 10
    body_timeout: float = BODY_TIMEOUT
    keep_alive: float = 5
    max_requests: int = 1000
    max_connections: int = 1000
    shutdown_timeout: float = 10
    access_log: bool = False


def connection_cap(wanted: int, pool_size: int) -> int:
    """`wanted`, lowered so that client connections never take the descriptors the database
    and the listening socket need."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - RESERVED_FDS - 3 * pool_size))


def serve(options: ServeOptions) -> None:
    """Read the glossary, open the database and serve until SIGTERM or SIGINT.

    Raises `CatalogError` or `StoreError` before listening when either cannot be used,
    ValueError on a malformed option.
    """
    import uvicorn

    from termbook.likes.addresses import TrustedProxies
    from termbook.likes.app import create_app

    proxies = TrustedProxies.parse(options.forwarded_allow_ips)
    origins = [normalise_origin(o) for o in options.allow_origins]
    catalog = load_catalog(options.terms_dir)
    for warning in catalog.warnings:
        print(f"termbook likes: warning: {warning}", file=sys.stderr)
    store = open_store(
        options.database,
        pool_size=options.pool_size,
        pool_idle=options.pool_idle,
        address_limit=options.address_limit,
    )
    app = create_app(
        store,
        catalog,
        allow_origins=origins,
        client_limit=options.client_limit,
        ip_limit=options.ip_limit,
        read_limit=options.read_limit,
        trusted_proxies=proxies,
        body_timeout=options.body_timeout,
    )
    cap = connection_cap(options.max_connections, options.pool_size)
    configure_logging(options.access_log)
    print(
        f"termbook likes: {len(catalog)} terms from the {catalog.source}, "
        f"stored in the {store!r}; listening on http://{options.host}:{options.port}/likes "
        f"(at most {cap} connections)",
        file=sys.stderr,
        flush=True,
    )
    protocol = guarded_protocol(options.header_timeout, options.max_requests, cap)
    config = uvicorn.Config(
        app,
        host=options.host,
        port=options.port,
        http=protocol,
        access_log=options.access_log,
        log_config=None,
        proxy_headers=False,  # the app reads X-Forwarded-For itself, from trusted proxies only
        server_header=False,
        timeout_keep_alive=options.keep_alive,  # type: ignore[arg-type]
        timeout_graceful_shutdown=options.shutdown_timeout,  # type: ignore[arg-type]
        h11_max_incomplete_event_size=8192,
        lifespan="on",
    )
    _BoundedServer(config).run()


def guarded_protocol(header_timeout: float, max_requests: int, max_connections: int) -> type:
    """uvicorn's h11 protocol with the guard's settings."""
    return type(
        "GuardedProtocol",
        (_guard_base(),),
        {
            "header_timeout": header_timeout,
            "max_requests": max_requests,
            "max_connections": max_connections,
        },
    )


def _guard_base() -> type:
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedProtocol(H11Protocol):
        header_timeout = 10.0
        max_requests = 1000
        max_connections = 1000

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            self._header_timer: asyncio.TimerHandle | None = None
            self._waiting_since = time.monotonic()
            self._cycles = 0
            self._last_cycle: object = None
            super().connection_made(transport)
            self._arm()
            if len(self.connections) > self.max_connections:
                self._shed()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._follow()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if self._waiting() and not self.transport.is_closing():
                self._waiting_since = time.monotonic()
                self._disarm()
                self._arm()
            self._follow()

        def _follow(self) -> None:
            """Headers complete: no header deadline while the request is served; the
            connection's last request asks to close it."""
            if self._waiting():
                return
            self._disarm()
            if self.cycle is not self._last_cycle:
                self._last_cycle = self.cycle
                self._cycles += 1
                if self._cycles >= self.max_requests:
                    self.cycle.keep_alive = False

        def _waiting(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(self.header_timeout, self._expire)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _expire(self) -> None:
            self._header_timer = None
            if self._waiting() and not self.transport.is_closing():
                self.transport.close()

        def send_400_response(self, msg: str) -> None:
            """A request h11 cannot parse (headers over 8 KiB, a broken request line): a
            JSON 400 like every other refusal, then the connection closes."""
            import h11

            body = b'{"error":"malformed HTTP request"}'
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ]
            with contextlib.suppress(h11.LocalProtocolError):  # too broken to answer at all
                self.transport.write(
                    self.conn.send(h11.Response(status_code=400, headers=headers))
                    + self.conn.send(h11.Data(data=body))
                    + self.conn.send(h11.EndOfMessage())
                )
            self.transport.close()

        def _shed(self) -> None:
            """Over the cap: close the connection that has waited longest for headers (this
            new one if every other is being served)."""
            waiting = [
                c
                for c in self.connections
                if isinstance(c, GuardedProtocol) and c._waiting() and not c.transport.is_closing()
            ]
            victim = min(waiting, key=lambda c: c._waiting_since, default=self)
            victim.transport.close()

    return GuardedProtocol


class _BoundedServer:
    """uvicorn's server with the event loop's error reports rate-limited."""

    def __init__(self, config: Any) -> None:
        import uvicorn

        class Server(uvicorn.Server):
            async def startup(self, sockets: Any = None) -> None:
                asyncio.get_running_loop().set_exception_handler(LoopErrors())
                await super().startup(sockets)

        self.server = Server(config)

    def run(self) -> None:
        self.server.run()


class Repeats:
    """Which of many same events to log: the first, then one per LOG_REPEAT seconds, which
    says how many were left out in between."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.clock = clock
        self.last: dict[str, float] = {}
        self.skipped: dict[str, int] = {}

    def admit(self, key: str) -> str | None:
        """None to leave this event out; else the note to add to its line ('' or a count)."""
        now = self.clock()
        if now - self.last.get(key, -LOG_REPEAT) < LOG_REPEAT:
            self.skipped[key] = self.skipped.get(key, 0) + 1
            return None
        if len(self.last) > 1000:  # keys are messages, not clients: a safety bound only
            self.last.clear()
        self.last[key] = now
        skipped = self.skipped.pop(key, 0)
        return f" ({skipped} more like it in the last {LOG_REPEAT:g} s)" if skipped else ""


class LoopErrors:
    """An event-loop exception handler: one bounded line per kind of error per LOG_REPEAT
    seconds, saying how many were left out (an accept failing for want of file descriptors
    happens on every connection attempt until one is free)."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self.repeats = Repeats(clock)
        self.log = logging.getLogger("termbook.likes")

    def __call__(self, loop: Any, context: dict[str, Any]) -> None:
        message = str(context.get("message", "event loop error"))
        exc = context.get("exception")
        more = self.repeats.admit(f"{message}|{type(exc).__name__}")
        if more is None:
            return
        detail = f": {type(exc).__name__}: {exc}" if exc is not None else ""
        self.log.error("%s%s%s", message, detail, more)


class RepeatFilter(logging.Filter):
    """uvicorn's warnings about clients ("Invalid HTTP request received.") once per
    LOG_REPEAT seconds each, with a count: a client sending malformed requests all day
    writes a line every ten seconds, not one per request."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        super().__init__()
        self.repeats = Repeats(clock)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or record.name == "termbook.likes":
            return True  # the service's own errors are already bounded where they arise
        more = self.repeats.admit(f"{record.name}|{record.msg}")
        if more is None:
            return False
        if more:
            record.msg = f"{record.msg}{more.replace('%', '%%')}"
        return True


class BoundedFormatter(logging.Formatter):
    """Log lines cut to LOG_LINE characters, on one line: nothing a client sends (or a
    traceback it provokes) can write kilobytes, or a line of its own."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        text = text.replace("\r", "\\r").replace("\n", " | ")
        if len(text) > LOG_LINE:
            text = text[: LOG_LINE - 1] + "…"
        return text


def configure_logging(access_log: bool) -> None:
    """One handler on stderr, bounded lines, for uvicorn's loggers and the service's."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(BoundedFormatter("%(levelname)s: %(name)s: %(message)s"))
    handler.addFilter(RepeatFilter())
    for name in ("uvicorn", "termbook.likes", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False
    access = logging.getLogger("uvicorn.access")
    access.disabled = not access_log
