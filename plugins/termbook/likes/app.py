"""The likes service's HTTP interface: the contract a Termbook site's `site.js` speaks.

    GET  /likes?term=SLUG        {"term": SLUG, "count": N}
    GET  /likes?terms=A,B,C      {"counts": {"A": N, "B": N, "C": N}}
    GET  /likes                  {"counts": {SLUG: N, ...}}   every term liked at least once
    GET  /likes?top=K            {"top": [{"term", "name", "count"}, ...]}   most liked first
    POST /likes  {"term", "liked", "client"}   → {"term", "count", "liked", "counted"}
    /shares: the same reads; POST {"term", "client"} → {"term", "count", "counted"}
    GET  /health                 {"status": "ok", "terms": N, "writes": "ok"}

`client` is the random id a browser keeps in localStorage (no cookies). Every input is checked
before anything is written: a bad request gets a 4xx with {"error": "..."} and changes nothing.
No input gets a 5xx: a 503 means the database is unavailable, nothing else.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from termbook.likes.addresses import MalformedAddress, TrustedProxies
from termbook.likes.catalog import Catalog
from termbook.likes.limits import BODY_TIMEOUT, CLIENT_LIMIT, IP_LIMIT, READ_LIMIT, RateLimiter
from termbook.likes.origins import normalise_origin, same_host
from termbook.likes.store import Kind, Store, StoreError

log = logging.getLogger("termbook.likes")

MAX_BODY = 1024
"""Bytes a POST body may have: the three fields fit in a fifth of it."""
MAX_BATCH = 500
"""Slugs one `?terms=` read may ask for."""
MAX_TOP = 100
HEALTH_INTERVAL = 2.0
"""Seconds a /health answer about writing is reused: probes cannot load the disk."""
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
"""A browser's random id: a UUID or similar token, never anything that could be a name."""
NUMBER = re.compile(r"[0-9]{1,6}")
"""A count in a query or header: ASCII digits only (`'²'.isdigit()` is true)."""
FIELDS = {Kind.LIKES: {"term", "liked", "client"}, Kind.SHARES: {"term", "client"}}
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
CORS_HEADERS = {
    "Access-Control-Allow-Methods": "GET, POST",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
}


class BadRequest(Exception):
    """A request the service refuses: the status and the message sent back."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class Answer(JSONResponse):
    """A JSON answer in ASCII: whatever a client sent that is echoed (a lone surrogate
    included) is escaped, never a reason for the answer to fail."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def shown(value: object, limit: int = 80) -> str:
    """A client's value in a message: cut to `limit` characters, lone surrogates escaped."""
    text = value if isinstance(value, str) else repr(value)
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return cut.encode("utf-8", "backslashreplace").decode("utf-8")


def create_app(
    store: Store,
    catalog: Catalog,
    *,
    allow_origins: Sequence[str] = (),
    client_limit: int = CLIENT_LIMIT,
    ip_limit: int = IP_LIMIT,
    read_limit: int = READ_LIMIT,
    trusted_proxies: TrustedProxies | None = None,
    body_timeout: float = BODY_TIMEOUT,
) -> Starlette:
    """The ASGI application over `store`, counting only the terms of `catalog`.

    `client_limit`: writes per minute per browser id; `ip_limit`: writes and `read_limit`:
    reads per minute per network (0 turns a limit off). `allow_origins`: the site origins
    whose pages may call the service from a browser (CORS); none means same-origin only.
    `trusted_proxies`: whose X-Forwarded-For names the client (addresses.py).
    """
    service = _Service(
        store,
        catalog,
        [normalise_origin(o) for o in allow_origins],
        RateLimiter(client_limit),
        RateLimiter(ip_limit),
        RateLimiter(read_limit),
        trusted_proxies or TrustedProxies(),
        body_timeout,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    routes = [
        Route("/likes", service.endpoint(Kind.LIKES), methods=["GET", "POST", "OPTIONS"]),
        Route("/shares", service.endpoint(Kind.SHARES), methods=["GET", "POST", "OPTIONS"]),
        Route("/health", service.health, methods=["GET"]),
    ]
    handlers = {HTTPException: _http_error, Exception: _server_error}
    return _Guarded(Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan))


class _Guarded:
    """The app, with any exception that escaped it logged in one bounded line (the answer,
    a 500, is already sent): a bug must not let a client write kilobytes of log."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            frame = exc.__traceback__
            while frame is not None and frame.tb_next is not None:
                frame = frame.tb_next
            where = f"{frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else "?"
            log.error("unexpected %s at %s: %s", type(exc).__name__, where, shown(str(exc), 200))


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 400
    message = {404: "no such address", 405: "method not allowed"}.get(status, "bad request")
    return _json({"error": message}, status)


async def _server_error(request: Request, exc: Exception) -> Response:
    return _json({"error": "internal error"}, 500)


class _Service:
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        allow_origins: list[str],
        per_client: RateLimiter,
        writes: RateLimiter,
        reads: RateLimiter,
        proxies: TrustedProxies,
        body_timeout: float,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.allow_origins = set(allow_origins)
        self.per_client = per_client
        self.writes = writes
        self.reads = reads
        self.proxies = proxies
        self.body_timeout = body_timeout
        self.limiter = anyio.CapacityLimiter(store.pool.size)
        self._health: tuple[float, str | None] = (-HEALTH_INTERVAL, None)
        self._last_write_failed = False
        """Whether readers' latest like or share failed: a probe can succeed where they fail
        (updating a row needs no new page of a full disk; a new like does)."""

    async def _run(self, function: Callable[..., Any], *args: Any) -> Any:
        """A store call in a worker thread; as many at once as the store has connections."""
        return await anyio.to_thread.run_sync(function, *args, limiter=self.limiter)

    def endpoint(self, kind: Kind) -> Callable[[Request], Any]:
        async def handle(request: Request) -> Response:
            cors: dict[str, str] = {}
            try:
                cors = self._cors(request)
                if request.method == "OPTIONS":
                    return self._preflight(request, cors)
                network = self._network(request)
                if request.method == "POST":
                    self._limit(self.writes, network)
                    answer = await self._post(kind, request, network)
                    self._last_write_failed = False
                    return _json(answer, headers=cors)
                self._limit(self.reads, network)
                return _json(await self._get(kind, request), headers=cors)
            except BadRequest as refused:
                return _json({"error": str(refused)}, refused.status, {**cors, **refused.headers})
            except StoreError as exc:
                log.error("%s", shown(str(exc), 300))
                self._last_write_failed |= request.method == "POST"
                return _json({"error": "the database is unavailable"}, 503, cors)

        return handle

    async def health(self, request: Request) -> Response:
        """Reads and writes both work: a probe write at most every HEALTH_INTERVAL seconds,
        and readers' latest write did not fail."""
        try:
            self._limit(self.reads, self._network(request))
        except BadRequest as refused:
            return _json({"error": str(refused)}, refused.status, refused.headers)
        stamp, failure = self._health
        if time.monotonic() - stamp >= HEALTH_INTERVAL:
            try:
                await self._run(self.store.count, Kind.LIKES, "")
                await self._run(self.store.check_writes)
                failure = None
            except StoreError as exc:
                log.error("%s", shown(str(exc), 300))
                failure = "database unavailable"
            self._health = (time.monotonic(), failure)
        if not failure and self._last_write_failed:
            failure = "writes failing"
        if failure:
            return _json({"status": failure, "terms": len(self.catalog), "writes": "failing"}, 503)
        return _json({"status": "ok", "terms": len(self.catalog), "writes": "ok"})

    # -- reads ---------------------------------------------------------------------------

    async def _get(self, kind: Kind, request: Request) -> dict[str, Any]:
        params = request.query_params
        unknown = set(params) - {"term", "terms", "top"}
        if unknown:
            names = ", ".join(shown(name, 40) for name in sorted(unknown)[:5])
            raise BadRequest(400, f"unknown query parameter(s): {names}")
        if len(params.multi_items()) > 1:
            raise BadRequest(400, "give one of term=, terms= or top=, once")
        if "term" in params:
            slug = self._known(params["term"], status=404)
            return {"term": slug, "count": await self._run(self.store.count, kind, slug)}
        if "terms" in params:
            slugs = [s for s in params["terms"].split(",", MAX_BATCH + 1) if s]
            if not slugs or len(slugs) > MAX_BATCH:
                raise BadRequest(400, f"terms= takes 1 to {MAX_BATCH} comma-separated slugs")
            missing = sorted({s for s in slugs if s not in self.catalog})
            if missing:
                names = ", ".join(shown(s, 80) for s in missing[:10])
                raise BadRequest(404, f"unknown term(s): {names}")
            counts = await self._run(self.store.counts, kind, dict.fromkeys(slugs))
            return {"counts": counts}
        if "top" in params:
            limit = params["top"]
            if not NUMBER.fullmatch(limit) or not 1 <= int(limit) <= MAX_TOP:
                raise BadRequest(400, f"top= takes a number from 1 to {MAX_TOP}")
            ranked = await self._run(self.store.top, kind, int(limit), self.catalog)
            return {
                "top": [
                    {"term": slug, "name": self.catalog.names[slug], "count": n}
                    for slug, n in ranked
                ]
            }
        counts = await self._run(self.store.counts, kind)
        return {"counts": {slug: n for slug, n in counts.items() if slug in self.catalog}}

    # -- writes --------------------------------------------------------------------------

    async def _post(self, kind: Kind, request: Request, network: str) -> dict[str, Any]:
        if request.query_params:
            raise BadRequest(400, "a POST takes its fields in a JSON body, not the query")
        self._check_origin(request)
        body = await self._read_body(request)
        fields = _json_object(body)
        expected = FIELDS[kind]
        extra = set(fields) - expected
        if extra:
            names = ", ".join(shown(name, 40) for name in sorted(extra)[:5])
            raise BadRequest(422, f"unknown field(s): {names}")
        missing = expected - set(fields)
        if missing:
            raise BadRequest(422, f"missing field(s): {', '.join(sorted(missing))}")
        slug = self._known(fields["term"], status=422)
        client = fields["client"]
        if not isinstance(client, str) or not CLIENT_ID.fullmatch(client):
            raise BadRequest(422, "client must be a random id of 16 to 64 letters, digits, - or _")
        if kind is Kind.LIKES:
            liked = fields["liked"]
            if not isinstance(liked, bool):
                raise BadRequest(422, "liked must be true or false")
            self._limit(self.per_client, client)
            outcome = await self._run(self.store.set_like, slug, client, liked, network)
            return {
                "term": slug,
                "count": outcome.count,
                "liked": liked,
                "counted": outcome.counted,
            }
        self._limit(self.per_client, client)
        outcome = await self._run(self.store.add_share, slug, client, network)
        return {"term": slug, "count": outcome.count, "counted": outcome.counted}

    async def _read_body(self, request: Request) -> bytes:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise BadRequest(415, "send the body as application/json")
        declared = request.headers.get("content-length")
        if declared is not None and not NUMBER.fullmatch(declared.strip()):
            raise BadRequest(400, "Content-Length is not a number", {"Connection": "close"})
        if declared is not None and int(declared) > MAX_BODY:
            raise BadRequest(413, f"the body is over {MAX_BODY} bytes", {"Connection": "close"})
        body = b""
        try:
            with anyio.fail_after(self.body_timeout):
                async for chunk in request.stream():
                    body += chunk
                    if len(body) > MAX_BODY:
                        raise BadRequest(
                            413, f"the body is over {MAX_BODY} bytes", {"Connection": "close"}
                        )
        except TimeoutError:
            raise BadRequest(
                408,
                f"the body did not arrive within {self.body_timeout:g} s",
                {"Connection": "close"},
            ) from None
        except ClientDisconnect:
            raise BadRequest(400, "the client went away", {"Connection": "close"}) from None
        return body

    # -- checks --------------------------------------------------------------------------

    def _network(self, request: Request) -> str:
        peer = request.client.host if request.client else None
        forwarded = [
            value.decode("latin-1")
            for name, value in request.scope["headers"]
            if name == b"x-forwarded-for"
        ]
        try:
            return self.proxies.client(peer, forwarded)
        except MalformedAddress as exc:
            raise BadRequest(400, f"X-Forwarded-For: {exc}") from None

    def _known(self, slug: object, status: int) -> str:
        if not isinstance(slug, str) or not slug:
            raise BadRequest(422 if status == 422 else 400, "term must be a term's slug")
        if slug not in self.catalog:
            raise BadRequest(status, f"unknown term: {shown(slug)}")
        return slug

    def _limit(self, limiter: RateLimiter, key: str) -> None:
        wait = limiter.take(key)
        if wait:
            seconds = max(1, round(wait + 0.5))
            raise BadRequest(
                429, "too many requests: try again later", {"Retry-After": str(seconds)}
            )

    def _origin(self, request: Request) -> str | None:
        """The request's Origin, normalised; None without one. A malformed one is a 400."""
        origin = request.headers.get("origin")
        if origin is None:
            return None
        if origin == "null":
            return origin
        try:
            return normalise_origin(origin)
        except ValueError:
            raise BadRequest(400, "the Origin header is not an origin") from None

    def _allowed(self, origin: str) -> bool:
        return "*" in self.allow_origins or origin in self.allow_origins

    def _cors(self, request: Request) -> dict[str, str]:
        """The CORS headers of an answer to a page of an allowed site; none for others."""
        origin = self._origin(request)
        if origin is None or origin == "null" or not self._allowed(origin):
            return {}
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}

    def _preflight(self, request: Request, cors: dict[str, str]) -> Response:
        method = request.headers.get("access-control-request-method", "")
        wanted = request.headers.get("access-control-request-headers", "")
        headers = {h.strip().lower() for h in wanted.split(",") if h.strip()}
        if not cors or method not in ("GET", "POST") or not headers <= {"content-type"}:
            raise BadRequest(403, "this origin, method or header is not allowed (CORS)")
        return _json({}, 200, {**cors, **CORS_HEADERS})

    def _check_origin(self, request: Request) -> None:
        """A write from a page of a site that is not allowed is refused (CORS alone only keeps
        that page from reading the answer). Requests without an Origin are not from a page
        of another site: a browser always sends Origin with a cross-site POST."""
        origin = self._origin(request)
        if origin is None or (origin != "null" and self._allowed(origin)):
            return
        if origin != "null" and same_host(origin, request.headers.get("host", "")):
            return  # the service behind the site's own host name
        raise BadRequest(403, "this origin may not write: start the service with --allow-origin")


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BadRequest(400, "the body is not JSON") from exc
    if not isinstance(value, dict):
        raise BadRequest(422, "the body must be a JSON object")
    return value


def _json(data: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None):
    return Answer(data, status, headers={**HEADERS, **(headers or {})})
