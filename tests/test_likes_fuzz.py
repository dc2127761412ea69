"""No input gets a 5xx from the likes service (issue 21, problem 5).

Hypothesis drives the ASGI application directly (no server between: every byte it makes
reaches the app as a server would pass it) with arbitrary methods, paths, query strings,
headers and bodies, JSON-shaped and not; every answer must be below 500, and every refusal a
JSON object with an "error". The hostile inputs the red team found are pinned by name.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects import BASIC_TERMS, write_terms
from termbook.likes.addresses import TrustedProxies
from termbook.likes.app import create_app
from termbook.likes.catalog import load_catalog
from termbook.likes.store import open_store

EXAMPLES = int(os.environ.get("TERMBOOK_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SLUGS = sorted(BASIC_TERMS)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    folder = tmp_path_factory.mktemp("likes-fuzz")
    catalog = load_catalog(write_terms(folder / "terms", BASIC_TERMS))
    store = open_store(str(folder / "likes.db"), address_limit=3)
    yield create_app(
        store,
        catalog,
        allow_origins=["https://dict.example.org"],
        client_limit=0,
        ip_limit=0,
        read_limit=0,
        trusted_proxies=TrustedProxies.parse("127.0.0.1"),
        body_timeout=1,
    )
    store.close()


def call(
    app: object,
    method: str,
    path: str,
    query: bytes = b"",
    headers: list[tuple[bytes, bytes]] | None = None,
    body: bytes = b"",
    chunks: int = 1,
    stall: bool = False,
) -> tuple[int, dict[str, str], bytes]:
    """One request through the ASGI interface, as uvicorn makes it: (status, headers, body)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8", "surrogateescape"),
        "root_path": "",
        "query_string": query,
        "headers": [(b"host", b"likes.example.org"), *(headers or [])],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8001),
    }
    size = max(1, -(-len(body) // chunks))
    parts = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
    messages = [
        {"type": "http.request", "body": part, "more_body": stall or n < len(parts) - 1}
        for n, part in enumerate(parts)
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)  # the client went quiet
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    # a thread of its own: Playwright's session (the browser tests) keeps a loop running here
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    answer_headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in start["headers"]}
    content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], answer_headers, content


def assert_answered(status: int, headers: dict[str, str], content: bytes, method: str) -> None:
    assert status < 500, content
    if method == "HEAD":
        return
    assert headers["content-type"].startswith("application/json")
    answer = json.loads(content.decode("ascii"))  # ASCII JSON, whatever was sent
    if status >= 400:
        assert isinstance(answer["error"], str) and answer["error"]


# -- generated requests ----------------------------------------------------------------------

escape = st.integers(0, 0xFFFF).map(lambda n: f"\\u{n:04x}")  # lone surrogates included
json_text = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.sampled_from([*SLUGS, "0123456789abcdef0123", "Grip", ""]),
        st.text(max_size=20),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(["term", "liked", "client", "x"]), children, max_size=4),
    ),
    max_leaves=12,
).map(json.dumps)
raw_json = st.lists(
    st.one_of(escape, st.sampled_from(list('{}[]",:1tfn\\ ')), st.text(max_size=3)), max_size=60
).map("".join)
bodies = st.one_of(
    json_text.map(str.encode),
    raw_json.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=1500),
)
header_names = st.sampled_from(
    [
        b"content-type",
        b"content-length",
        b"origin",
        b"x-forwarded-for",
        b"host",
        b"access-control-request-method",
        b"access-control-request-headers",
        b"transfer-encoding",
        b"connection",
    ]
)
header_values = st.one_of(
    st.sampled_from(
        [b"application/json", b"application/json; charset=utf-8", b"https://dict.example.org"]
    ),
    st.binary(max_size=40).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
    st.text(max_size=20).map(lambda s: s.encode("utf-8")),
)
queries = st.one_of(
    st.binary(max_size=80),
    st.lists(
        st.tuples(
            st.sampled_from(["term", "terms", "top", "x", "t%00"]),
            st.one_of(
                st.sampled_from([*SLUGS, "%C2%B2", "%ED%A0%80", "3", ",,"]), st.text(max_size=8)
            ),
        ),
        max_size=3,
    ).map(lambda items: "&".join(f"{k}={v}" for k, v in items).encode("utf-8", "surrogatepass")),
)


@FUZZ
@given(
    method=st.sampled_from(["GET", "POST", "OPTIONS", "HEAD", "PUT", "DELETE", "PATCH"]),
    path=st.one_of(st.sampled_from(["/likes", "/shares", "/health", "/"]), st.text(max_size=12)),
    query=queries,
    headers=st.lists(st.tuples(header_names, header_values), max_size=5),
    body=bodies,
    chunks=st.integers(1, 3),
)
def test_no_request_gets_a_5xx(app, method, path, query, headers, body, chunks) -> None:
    headers = [(b"content-type", b"application/json"), *headers] if method == "POST" else headers
    assert_answered(*call(app, method, path, query, headers, body, chunks), method)


# -- the red team's inputs, pinned -------------------------------------------------------------

JSON = [(b"content-type", b"application/json")]
HOSTILE = [
    pytest.param("POST", b"", JSON, b'{"\\ud800":1}', 422, id="lone-surrogate-key"),
    pytest.param(
        "POST",
        b"",
        JSON,
        b'{"term":"\\udfff","liked":true,"client":"0123456789abcdef"}',
        422,
        id="lone-surrogate-slug",
    ),
    pytest.param("POST", b"", JSON, b"[" * 999, 400, id="999-nested-brackets"),
    pytest.param("POST", b"", JSON, b"[" * 510 + b"]" * 510, 422, id="510-nested-closed"),
    pytest.param("POST", b"", JSON, b'{"a":' * 150 + b"1" + b"}" * 150, 422, id="nested-objects"),
    pytest.param("GET", "top=²".encode(), [], b"", 400, id="top-superscript-two"),
    pytest.param("GET", b"top=%C2%B2", [], b"", 400, id="top-superscript-two-encoded"),
    pytest.param("GET", b"top=%D9%A3", [], b"", 400, id="top-arabic-three"),
    pytest.param(
        "POST", b"", [*JSON, (b"content-length", "²".encode())], b"{}", 400, id="length-²"
    ),
    pytest.param("POST", b"", [*JSON, (b"origin", b"http://[")], b"{}", 400, id="origin-broken"),
    pytest.param("GET", b"", [(b"x-forwarded-for", b"garbage")], b"", 400, id="forwarded-garbage"),
    pytest.param("GET", b"term=%ED%A0%80", [], b"", 404, id="slug-encoded-surrogate"),
    pytest.param("OPTIONS", b"", [(b"origin", b"https://evil.test")], b"", 403, id="preflight"),
]


@pytest.mark.parametrize(("method", "query", "headers", "body", "status"), HOSTILE)
def test_the_red_teams_inputs_get_a_4xx_and_no_traceback(
    app, caplog: pytest.LogCaptureFixture, method, query, headers, body, status
) -> None:
    caplog.set_level(logging.INFO)
    answer = call(app, method, "/likes", query, headers, body)
    assert answer[0] == status, answer[2]
    assert_answered(*answer, method)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_stalled_body_gets_a_408(app) -> None:
    # Part of the body, then nothing: the app stops waiting after its body timeout.
    status, headers, content = call(app, "POST", "/likes", b"", JSON, b'{"term":', stall=True)
    assert status == 408
    assert headers["connection"] == "close"
    assert json.loads(content)["error"].startswith("the body did not arrive")


def test_an_unexpected_error_is_one_bounded_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A bug (here: a store that raises what no code expects) answers 500 and logs one line.
    catalog = load_catalog(write_terms(tmp_path / "terms", BASIC_TERMS))
    store = open_store(str(tmp_path / "likes.db"))

    def broken(*args: object) -> int:
        raise KeyError("x" * 10_000)

    store.count = broken  # type: ignore[method-assign]
    try:
        caplog.set_level(logging.INFO)
        status, _, content = call(create_app(store, catalog), "GET", "/likes", b"term=grip")
    finally:
        store.close()
    assert status == 500 and json.loads(content) == {"error": "internal error"}
    (record,) = [r for r in caplog.records if r.name == "termbook.likes"]
    assert len(record.getMessage()) < 400 and record.exc_info is None
