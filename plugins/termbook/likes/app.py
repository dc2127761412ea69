"""The likes service's HTTP interface: the contract a Termbook site's `site.js` speaks.

    GET  /likes?term=SLUG        {"term": SLUG, "count": N}
    GET  /likes?terms=A,B,C      {"counts": {"A": N, "B": N, "C": N}}
    GET  /likes                  {"counts": {SLUG: N, ...}}   every term liked at least once
    GET  /likes?top=K            {"top": [{"term", "name", "count"}, ...]}   most liked first
    POST /likes  {"term", "liked", "client"}   → {"term", "count", "liked"}
    /shares: the same reads; POST {"term", "client"} → {"term", "count"}
    GET  /health                 {"status": "ok", "terms": N}

`client` is the random id a browser keeps in localStorage (no cookies). Every input is checked
before anything is written: a bad request gets a 4xx with {"error": "..."} and changes nothing.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from termbook.likes.catalog import Catalog
from termbook.likes.limits import RateLimiter
from termbook.likes.store import Kind, Store, StoreError

log = logging.getLogger("termbook.likes")

MAX_BODY = 1024
"""Bytes a POST body may have: the three fields fit in a fifth of it."""
MAX_BATCH = 500
"""Slugs one `?terms=` read may ask for."""
MAX_TOP = 100
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
"""A browser's random id: a UUID or similar token, never anything that could be a name."""
FIELDS = {Kind.LIKES: {"term", "liked", "client"}, Kind.SHARES: {"term", "client"}}
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class BadRequest(Exception):
    """A request the service refuses: the status and the message sent back."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def create_app(
    store: Store,
    catalog: Catalog,
    *,
    allow_origins: Sequence[str] = (),
    client_limit: int = 30,
    ip_limit: int = 600,
) -> Starlette:
    """The ASGI application over `store`, counting only the terms of `catalog`.

    `client_limit`: writes per minute per browser id; `ip_limit`: requests per minute per IP
    address (0 turns a limit off). `allow_origins`: the site origins whose pages may call the
    service from a browser (CORS); none means same-origin only.
    """
    service = _Service(store, catalog, allow_origins, client_limit, ip_limit)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    routes = [
        Route("/likes", service.endpoint(Kind.LIKES), methods=["GET", "POST"]),
        Route("/shares", service.endpoint(Kind.SHARES), methods=["GET", "POST"]),
        Route("/health", service.health, methods=["GET"]),
    ]
    middleware = []
    if allow_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(allow_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
                max_age=86400,
            )
        )
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


class _Service:
    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        allow_origins: Sequence[str],
        client_limit: int,
        ip_limit: int,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.allow_origins = set(allow_origins)
        self.per_client = RateLimiter(client_limit)
        self.per_ip = RateLimiter(ip_limit)

    def endpoint(self, kind: Kind) -> Callable[[Request], Any]:
        async def handle(request: Request) -> JSONResponse:
            try:
                self._limit(self.per_ip, _ip(request))
                if request.method == "POST":
                    return _json(await self._post(kind, request))
                return _json(await self._get(kind, request))
            except BadRequest as refused:
                return _json({"error": str(refused)}, refused.status, refused.headers)
            except StoreError as exc:
                log.error("%s", exc)
                return _json({"error": "the database is unavailable"}, 503)

        return handle

    async def health(self, request: Request) -> JSONResponse:
        try:
            await run_in_threadpool(self.store.count, Kind.LIKES, "")
        except StoreError as exc:
            log.error("%s", exc)
            return _json({"status": "database unavailable"}, 503)
        return _json({"status": "ok", "terms": len(self.catalog)})

    # -- reads ---------------------------------------------------------------------------

    async def _get(self, kind: Kind, request: Request) -> dict[str, Any]:
        params = request.query_params
        unknown = set(params) - {"term", "terms", "top"}
        if unknown:
            raise BadRequest(400, f"unknown query parameter(s): {', '.join(sorted(unknown))}")
        if len(params.multi_items()) > 1:
            raise BadRequest(400, "give one of term=, terms= or top=, once")
        if "term" in params:
            slug = self._known(params["term"], status=404)
            return {"term": slug, "count": await run_in_threadpool(self.store.count, kind, slug)}
        if "terms" in params:
            slugs = [s for s in params["terms"].split(",") if s]
            if not slugs or len(slugs) > MAX_BATCH:
                raise BadRequest(400, f"terms= takes 1 to {MAX_BATCH} comma-separated slugs")
            missing = sorted({s for s in slugs if s not in self.catalog})
            if missing:
                raise BadRequest(404, f"unknown term(s): {', '.join(missing[:10])}")
            counts = await run_in_threadpool(self.store.counts, kind, dict.fromkeys(slugs))
            return {"counts": counts}
        if "top" in params:
            limit = params["top"]
            if not limit.isdigit() or not 1 <= int(limit) <= MAX_TOP:
                raise BadRequest(400, f"top= takes a number from 1 to {MAX_TOP}")
            ranked = await run_in_threadpool(self.store.top, kind, int(limit))
            return {
                "top": [
                    {"term": slug, "name": self.catalog.names[slug], "count": n}
                    for slug, n in ranked
                    if slug in self.catalog
                ]
            }
        counts = await run_in_threadpool(self.store.counts, kind)
        return {"counts": {slug: n for slug, n in counts.items() if slug in self.catalog}}

    # -- writes --------------------------------------------------------------------------

    async def _post(self, kind: Kind, request: Request) -> dict[str, Any]:
        if request.query_params:
            raise BadRequest(400, "a POST takes its fields in a JSON body, not the query")
        self._check_origin(request)
        body = await _read_body(request)
        fields = _json_object(body)
        expected = FIELDS[kind]
        extra = set(fields) - expected
        if extra:
            raise BadRequest(422, f"unknown field(s): {', '.join(sorted(extra))}")
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
            count = await run_in_threadpool(self.store.set_like, slug, client, liked)
            return {"term": slug, "count": count, "liked": liked}
        self._limit(self.per_client, client)
        count = await run_in_threadpool(self.store.add_share, slug, client)
        return {"term": slug, "count": count}

    # -- checks --------------------------------------------------------------------------

    def _known(self, slug: object, status: int) -> str:
        if not isinstance(slug, str) or not slug:
            raise BadRequest(422 if status == 422 else 400, "term must be a term's slug")
        if slug not in self.catalog:
            raise BadRequest(status, f"unknown term: {slug[:80]}")
        return slug

    def _limit(self, limiter: RateLimiter, key: str) -> None:
        wait = limiter.take(key)
        if wait:
            seconds = max(1, round(wait + 0.5))
            raise BadRequest(
                429, "too many requests: try again later", {"Retry-After": str(seconds)}
            )

    def _check_origin(self, request: Request) -> None:
        """Writes from a page of another, unlisted site are refused (CORS alone only stops
        the browser from reading the answer of a simple request)."""
        origin = request.headers.get("origin")
        if not origin or not self.allow_origins or "*" in self.allow_origins:
            return
        if origin in self.allow_origins:
            return
        if urlsplit(origin).netloc == request.headers.get("host", ""):
            return  # the service behind the site's own host name
        raise BadRequest(403, "this origin may not write: start the service with --allow-origin")


async def _read_body(request: Request) -> bytes:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise BadRequest(415, "send the body as application/json")
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise BadRequest(413, f"the body is over {MAX_BODY} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise BadRequest(413, f"the body is over {MAX_BODY} bytes")
    return body


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(400, "the body is not JSON") from exc
    if not isinstance(value, dict):
        raise BadRequest(422, "the body must be a JSON object")
    return value


def _ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _json(data: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None):
    return JSONResponse(data, status, headers={**HEADERS, **(headers or {})})
