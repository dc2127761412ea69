"""The likes service over HTTP, against both real databases: SQLite in tmp_path and a
PostgreSQL server (conftest's `postgres`). Every test runs once per backend."""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import httpx
import pytest

from likesharness import running_app, serving
from projects import BASIC_TERMS, write_terms
from termbook.likes.app import MAX_BODY, create_app
from termbook.likes.catalog import Catalog, CatalogError, load_catalog
from termbook.likes.limits import RateLimiter
from termbook.likes.store import Kind, StoreError, open_store, redact

SLUGS = sorted(BASIC_TERMS)
SITE = "https://dict.example.org"


def client_id() -> str:
    return uuid.uuid4().hex


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(write_terms(tmp_path_factory.mktemp("likes") / "terms", BASIC_TERMS))


BACKENDS = ["sqlite", "postgresql"]


def _database(request: pytest.FixtureRequest, folder: Path) -> str:
    if request.param == "sqlite":
        return str(folder / f"likes-{uuid.uuid4().hex[:8]}.db")
    return request.getfixturevalue("postgres").empty_database()


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each backend."""
    return _database(request, tmp_path)


@contextmanager
def _running(database: str, catalog: Catalog, **options: object) -> Iterator[httpx.Client]:
    with serving(database, catalog, **options) as http:
        yield http


Service = Callable[..., AbstractContextManager[httpx.Client]]


@pytest.fixture
def service(database: str, catalog: Catalog) -> Service:
    """Factory: `with service(**create_app options) as http:` a service on a fresh database."""
    return lambda **options: _running(database, catalog, **options)


@pytest.fixture(scope="module", params=BACKENDS)
def shared(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, catalog: Catalog
) -> Iterator[httpx.Client]:
    """One service per backend for the tests that compare counts before and after a request
    (no IP limit: they all come from 127.0.0.1)."""
    database = _database(request, tmp_path_factory.mktemp("shared"))
    with _running(database, catalog, ip_limit=0) as http:
        yield http


def like(http: httpx.Client, term: str, client: str, liked: bool = True) -> httpx.Response:
    return http.post("/likes", json={"term": term, "liked": liked, "client": client})


def all_counts(http: httpx.Client) -> dict[str, dict[str, int]]:
    return {kind: http.get(f"/{kind}").json()["counts"] for kind in ("likes", "shares")}


# -- what readers do -----------------------------------------------------------------------


def test_a_like_counts_once_per_browser_and_can_be_taken_back(service: Service) -> None:
    reader, other = client_id(), client_id()
    with service() as http:
        assert http.get("/likes", params={"term": "grip"}).json() == {"term": "grip", "count": 0}
        assert like(http, "grip", reader).json() == {
            "term": "grip",
            "count": 1,
            "liked": True,
            "counted": True,
        }
        assert like(http, "grip", reader).json()["count"] == 1  # twice is still one like
        assert like(http, "grip", other).json()["count"] == 2
        assert like(http, "grip", reader, liked=False).json() == {
            "term": "grip",
            "count": 1,
            "liked": False,
            "counted": True,
        }
        assert like(http, "grip", reader, liked=False).json()["count"] == 1
        assert http.get("/likes", params={"term": "grip"}).json()["count"] == 1
        assert http.get("/likes", params={"term": "key-grip"}).json()["count"] == 0


def test_counts_and_the_salt_survive_a_restart(service: Service) -> None:
    reader = client_id()
    with service() as http:
        like(http, "racking-focus", reader)
    with service() as http:
        assert http.get("/likes", params={"term": "racking-focus"}).json()["count"] == 1
        # The same browser is recognised after the restart: its like can be taken back.
        assert like(http, "racking-focus", reader, liked=False).json()["count"] == 0


def test_shares_count_once_per_browser_and_term(service: Service) -> None:
    first, second = client_id(), client_id()
    with service() as http:
        share = {"term": "key-grip", "client": first}
        assert http.post("/shares", json=share).json() == {
            "term": "key-grip",
            "count": 1,
            "counted": True,
        }
        assert http.post("/shares", json=share).json()["count"] == 1
        assert http.post("/shares", json={"term": "key-grip", "client": second}).json() == {
            "term": "key-grip",
            "count": 2,
            "counted": True,
        }
        assert http.get("/shares", params={"term": "key-grip"}).json()["count"] == 2
        assert http.get("/likes", params={"term": "key-grip"}).json()["count"] == 0
        assert http.post("/shares", json={**share, "liked": True}).status_code == 422


def test_batch_reads_all_counts_some_terms_or_the_top(service: Service) -> None:
    with service() as http:
        for n, slug in enumerate(["grip", "key-grip", "focus-puller"]):
            for _ in range(n + 1):
                like(http, slug, client_id())
        assert http.get("/likes").json() == {
            "counts": {"grip": 1, "key-grip": 2, "focus-puller": 3}
        }
        got = http.get("/likes", params={"terms": "racking-focus,grip,grip"}).json()
        assert got == {"counts": {"racking-focus": 0, "grip": 1}}
        assert http.get("/likes", params={"top": "2"}).json() == {
            "top": [
                {"term": "focus-puller", "name": "Focus Puller", "count": 3},
                {"term": "key-grip", "name": "Key Grip", "count": 2},
            ]
        }
        assert http.get("/shares").json() == {"counts": {}}
        assert http.get("/shares", params={"top": "5"}).json() == {"top": []}


def test_health_reports_the_glossary_size(service: Service) -> None:
    with service() as http:
        assert http.get("/health").json() == {"status": "ok", "terms": len(SLUGS), "writes": "ok"}


# -- bad input: a 4xx and nothing changed --------------------------------------------------

GOOD = {"term": "grip", "liked": True, "client": "0123456789abcdef0123"}

BAD_POSTS = [
    pytest.param({**GOOD, "term": "no-such-term"}, 422, id="unknown-slug"),
    pytest.param({**GOOD, "term": "Grip"}, 422, id="name-not-slug"),
    pytest.param({**GOOD, "term": 7}, 422, id="term-not-string"),
    pytest.param({**GOOD, "term": ""}, 422, id="term-empty"),
    pytest.param({**GOOD, "liked": "yes"}, 422, id="liked-string"),
    pytest.param({**GOOD, "liked": 1}, 422, id="liked-number"),
    pytest.param({**GOOD, "liked": None}, 422, id="liked-null"),
    pytest.param({**GOOD, "client": 12345678901234567890}, 422, id="client-number"),
    pytest.param({**GOOD, "client": "short"}, 422, id="client-too-short"),
    pytest.param({**GOOD, "client": "x" * 65}, 422, id="client-too-long"),
    pytest.param({**GOOD, "client": "jane.doe@example.org"}, 422, id="client-email"),
    pytest.param({"term": "grip", "liked": True}, 422, id="client-missing"),
    pytest.param({**GOOD, "name": "Jane"}, 422, id="extra-field"),
    pytest.param([GOOD], 422, id="array-body"),
    pytest.param("grip", 422, id="string-body"),
]


@pytest.mark.parametrize(("body", "status"), BAD_POSTS)
def test_a_bad_like_is_refused_and_changes_nothing(
    shared: httpx.Client, body: object, status: int
) -> None:
    like(shared, "key-grip", client_id())
    before = all_counts(shared)
    response = shared.post("/likes", json=body)
    assert response.status_code == status
    assert response.json()["error"]
    assert all_counts(shared) == before


@pytest.mark.parametrize(
    ("content", "headers", "status"),
    [
        pytest.param(b"{not json", {"Content-Type": "application/json"}, 400, id="not-json"),
        pytest.param(b"\xff\xfe", {"Content-Type": "application/json"}, 400, id="not-utf8"),
        pytest.param(
            json.dumps({**GOOD, "pad": "x" * MAX_BODY}).encode(),
            {"Content-Type": "application/json"},
            413,
            id="huge-body",
        ),
        pytest.param(json.dumps(GOOD).encode(), {"Content-Type": "text/plain"}, 415, id="text"),
        pytest.param(json.dumps(GOOD).encode(), {}, 415, id="no-content-type"),
    ],
)
def test_a_malformed_body_is_refused_and_changes_nothing(
    shared: httpx.Client, content: bytes, headers: dict[str, str], status: int
) -> None:
    before = all_counts(shared)
    response = shared.post("/likes", content=content, headers=headers)
    assert response.status_code == status, response.text
    assert all_counts(shared) == before


def test_a_huge_streamed_body_is_cut_off(shared: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"term": "grip", "liked": true, "client": "0123456789abcdef0123", "x": "'
        for _ in range(1000):
            yield b"x" * 1000
        yield b'"}'

    before = all_counts(shared)
    response = shared.post("/likes", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert all_counts(shared) == before


@pytest.mark.parametrize(
    ("query", "status"),
    [
        pytest.param({"term": "no-such-term"}, 404, id="unknown-slug"),
        pytest.param({"term": ""}, 400, id="empty-slug"),
        pytest.param({"terms": "grip,nope"}, 404, id="batch-unknown"),
        pytest.param({"terms": ","}, 400, id="batch-empty"),
        pytest.param({"terms": ",".join(["grip"] * 501)}, 400, id="batch-too-big"),
        pytest.param({"top": "0"}, 400, id="top-zero"),
        pytest.param({"top": "101"}, 400, id="top-too-big"),
        pytest.param({"top": "-1"}, 400, id="top-negative"),
        pytest.param({"top": "x"}, 400, id="top-text"),
        pytest.param({"term": "grip", "top": "3"}, 400, id="two-questions"),
        pytest.param({"client": "0123456789abcdef0123"}, 400, id="unknown-parameter"),
    ],
)
def test_a_bad_read_gets_a_4xx(shared: httpx.Client, query: dict[str, str], status: int) -> None:
    response = shared.get("/likes", params=query)
    assert response.status_code == status
    assert response.json()["error"]


def test_other_methods_and_paths_are_refused(shared: httpx.Client) -> None:
    before = all_counts(shared)
    assert shared.put("/likes", json=GOOD).status_code == 405
    assert shared.delete("/likes").status_code == 405
    assert shared.get("/likes/grip").status_code == 404
    assert shared.post("/likes?term=grip", json=GOOD).status_code == 400
    assert all_counts(shared) == before


def test_a_burst_from_one_browser_is_limited_and_changes_nothing(service: Service) -> None:
    reader = client_id()
    with service(client_limit=5) as http:
        statuses = [like(http, "grip", reader, liked=n % 2 == 0).status_code for n in range(5)]
        assert statuses == [200] * 5  # ends liked
        refused = like(http, "grip", reader, liked=False)
        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        assert http.get("/likes", params={"term": "grip"}).json()["count"] == 1
        # Another browser is not held back by the first one's burst.
        assert like(http, "grip", client_id()).json()["count"] == 2


def test_reads_and_writes_from_one_address_have_budgets_of_their_own(service: Service) -> None:
    with service(read_limit=8, ip_limit=3) as http:
        statuses = [http.get("/likes", params={"term": "grip"}).status_code for _ in range(8)]
        assert statuses == [200] * 8
        assert http.get("/likes").status_code == 429
        # The reads spent their budget, not the writes'.
        assert [like(http, "grip", client_id()).status_code for _ in range(3)] == [200] * 3
        refused = like(http, "grip", client_id())
        assert refused.status_code == 429
        assert refused.json()["error"]


def test_every_answer_forbids_caching(shared: httpx.Client) -> None:
    for response in (shared.get("/likes"), shared.get("/likes", params={"term": "nope"})):
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["content-type"] == "application/json"


# -- CORS: only the configured origins -----------------------------------------------------


def test_cors_allows_only_the_configured_site(service: Service) -> None:
    with service(allow_origins=[SITE]) as http:
        allowed = http.get("/likes", params={"term": "grip"}, headers={"Origin": SITE})
        assert allowed.headers["access-control-allow-origin"] == SITE
        other = http.get("/likes", params={"term": "grip"}, headers={"Origin": "https://evil.test"})
        assert "access-control-allow-origin" not in other.headers

        preflight = {"Access-Control-Request-Method": "POST"}
        preflight["Access-Control-Request-Headers"] = "content-type"
        ok = http.options("/likes", headers={"Origin": SITE, **preflight})
        assert ok.status_code == 200
        assert "POST" in ok.headers["access-control-allow-methods"]
        refused = http.options("/likes", headers={"Origin": "https://evil.test", **preflight})
        assert refused.status_code == 403
        assert refused.json()["error"]

        # A write from an unlisted site is refused outright, not only hidden from its page.
        response = http.post("/likes", json=GOOD, headers={"Origin": "https://evil.test"})
        assert response.status_code == 403
        assert all_counts(http)["likes"] == {}
        assert http.post("/likes", json=GOOD, headers={"Origin": SITE}).status_code == 200


def test_without_allowed_origins_no_cors_headers_are_sent(service: Service) -> None:
    with service() as http:
        response = http.get("/likes", headers={"Origin": SITE})
        assert "access-control-allow-origin" not in response.headers


# -- what is stored ------------------------------------------------------------------------


def test_the_database_holds_no_browser_id(tmp_path: Path, catalog: Catalog) -> None:
    reader = "reader-id-0123456789abcdef"
    database = tmp_path / "likes.db"
    store = open_store(str(database))
    with running_app(create_app(store, catalog)) as url:
        assert httpx.post(f"{url}/likes", json={**GOOD, "client": reader}).status_code == 200
        assert httpx.post(f"{url}/shares", json={"term": "grip", "client": reader}).is_success
    store.close()
    rows = sqlite3.connect(database).execute("SELECT kind, term, client FROM termbook_marks")
    rows = sorted(rows)
    assert [(kind, term) for kind, term, _ in rows] == [("likes", "grip"), ("shares", "grip")]
    assert all(len(client) == 64 and reader not in client for _, _, client in rows)
    for file in tmp_path.iterdir():
        assert reader.encode() not in file.read_bytes()


def test_the_store_speaks_the_same_through_both_backends(database: str) -> None:
    store = open_store(database)
    try:
        store.set_like("a", "c" * 16, True)
        store.set_like("b", "c" * 16, True)
        store.set_like("b", "d" * 16, True)
        store.add_share("a", "c" * 16)
        assert store.counts(Kind.LIKES) == {"a": 1, "b": 2}
        assert store.counts(Kind.LIKES, ["b", "z"]) == {"b": 2, "z": 0}
        assert store.top(Kind.LIKES, 1) == [("b", 2)]
        assert store.counts(Kind.SHARES) == {"a": 1}
    finally:
        store.close()


# -- opening: clear errors -----------------------------------------------------------------


def test_an_unknown_database_scheme_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="unknown database URL scheme 'mysql'"):
        open_store("mysql://root@localhost/likes")


def test_an_unreachable_postgres_is_a_clear_error_without_the_password() -> None:
    url = "postgresql://likes:s3cret@127.0.0.1:9/likes"
    with pytest.raises(StoreError) as raised:
        open_store(url)
    assert "s3cret" not in str(raised.value)
    assert "postgresql://likes:***@127.0.0.1:9/likes" in str(raised.value)
    assert redact("postgresql://likes@host/db") == "postgresql://likes@host/db"


def test_a_sqlite_url_names_a_file(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/via-url.db")
    store.close()
    assert (tmp_path / "via-url.db").exists()
    with pytest.raises(StoreError, match="cannot open the SQLite database"):
        open_store(str(tmp_path / "missing-folder" / "likes.db"))


def test_the_catalog_reads_a_built_sites_api(tmp_path: Path) -> None:
    api = tmp_path / "site" / "api"
    api.mkdir(parents=True)
    (api / "terms.json").write_text(
        json.dumps({"terms": [{"slug": "grip", "term": "Grip"}]}), encoding="utf-8"
    )
    assert load_catalog(tmp_path / "site").names == {"grip": "Grip"}
    assert load_catalog(api / "terms.json").names == {"grip": "Grip"}
    (api / "terms.json").write_text('{"terms": 3}', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"not a Termbook api/terms\.json"):
        load_catalog(tmp_path / "site")
    with pytest.raises(CatalogError, match="no usable terms"):
        load_catalog(tmp_path / "site" / "api")


# -- the database going away -------------------------------------------------------------


def test_a_database_outage_is_a_503_and_the_service_recovers(catalog: Catalog) -> None:
    from likesharness import POSTGRES_URL_ENV, PostgresServer

    if os.environ.get(POSTGRES_URL_ENV):
        pytest.skip("stops its own PostgreSQL server; an external one is not ours to stop")
    server = PostgresServer().start()
    try:
        with _running(server.url(), catalog) as http:
            reader = client_id()
            assert like(http, "grip", reader).json()["count"] == 1
            server.pause()
            down = like(http, "grip", client_id())
            assert down.status_code == 503
            assert down.json() == {"error": "the database is unavailable"}
            assert http.get("/health").status_code == 503
            server.resume()
            # Every worker thread's broken connection is replaced as it is found: no 503 now.
            for _ in range(20):
                assert http.get("/likes", params={"term": "grip"}).json()["count"] == 1
            assert like(http, "grip", client_id()).json()["count"] == 2
    finally:
        server.stop()


def test_the_rate_limiter_refills_and_forgets_idle_keys() -> None:
    now = [0.0]
    limiter = RateLimiter(60, max_keys=4, clock=lambda: now[0])
    assert [limiter.take("a") for _ in range(60)] == [0.0] * 60
    assert limiter.take("a") == pytest.approx(1.0)  # one token a second
    now[0] += 2.5
    assert limiter.take("a") == 0.0
    assert limiter.take("a") == 0.0
    assert limiter.take("a") > 0
    for key in "bcd":
        limiter.take(key)
    now[0] += 120  # everyone idle: their buckets are full again
    limiter.take("e")
    assert set(limiter._buckets) == {"e"}
    assert RateLimiter(0).take("x") == 0.0  # 0: no limit
