"""What a count means under attack (issue 21, problems 1, 2 and 6), on both databases.

Made-up browser ids from one address, forged X-Forwarded-For headers, a new day, an old
database to migrate, a removed term among the top ones, foreign pages writing: each is the
red team's attack, and each test says what the count does with it.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from likesharness import serving
from projects import BASIC_TERMS, write_terms
from termbook.likes.addresses import MalformedAddress, TrustedProxies, network_key, parse_address
from termbook.likes.catalog import Catalog, load_catalog
from termbook.likes.origins import normalise_origin, same_host
from termbook.likes.store import open_store

SITE = "https://dict.example.org"
PROXY = TrustedProxies.parse("127.0.0.1")  # the tests' peer: a reverse proxy on the host
DAY = 1_800_000_000.0  # 2027-01-15, 08:00 UTC


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    return load_catalog(write_terms(tmp_path_factory.mktemp("likes") / "terms", BASIC_TERMS))


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "likes.db")
    return request.getfixturevalue("postgres").empty_database()


@contextmanager
def served(database: str, catalog: Catalog, clock=None, **options) -> Iterator[httpx.Client]:
    store_options = {"address_limit": options.pop("address_limit", 10)}
    if clock is not None:
        store_options["clock"] = clock
    options = {"client_limit": 0, "ip_limit": 0, "read_limit": 0, **options}
    with serving(database, catalog, store_options, **options) as http:
        yield http


def like(http: httpx.Client, term: str, address: str | None = None, client: str | None = None):
    headers = {"X-Forwarded-For": address} if address else {}
    body = {"term": term, "liked": True, "client": client or uuid.uuid4().hex}
    return http.post("/likes", json=body, headers=headers)


def count(http: httpx.Client, term: str, kind: str = "likes") -> int:
    return http.get(f"/{kind}", params={"term": term}).json()["count"]


# -- problem 1: anyone can inflate a count -------------------------------------------------


def test_made_up_ids_from_one_address_count_at_most_the_address_limit(
    database: str, catalog: Catalog
) -> None:
    # The red team's attack: 1,000 likes of one term with made-up ids from one address.
    with served(database, catalog, address_limit=10) as http:
        answers = [like(http, "grip").json() for _ in range(60)]
        assert [a["counted"] for a in answers] == [True] * 10 + [False] * 50
        assert {a["count"] for a in answers[10:]} == {10}
        assert count(http, "grip") == 10
        assert count(http, "key-grip") == 0  # the bound is per term
        assert like(http, "key-grip").json()["counted"]
        shares = [
            http.post("/shares", json={"term": "grip", "client": uuid.uuid4().hex})
            for _ in range(12)
        ]
        assert [r.json()["counted"] for r in shares] == [True] * 10 + [False] * 2
        assert count(http, "grip", "shares") == 10


def test_taking_a_like_back_gives_the_address_its_like_again(
    database: str, catalog: Catalog
) -> None:
    # A class behind one NAT address: a reader who changes their mind does not use up a place.
    with served(database, catalog, address_limit=2) as http:
        first = uuid.uuid4().hex
        assert like(http, "grip", client=first).json()["counted"]
        body = {"term": "grip", "liked": False, "client": first}
        assert http.post("/likes", json=body).json()["count"] == 0
        assert [like(http, "grip").json()["counted"] for _ in range(3)] == [True, True, False]
        assert count(http, "grip") == 2


def test_forged_forwarded_headers_do_not_make_new_readers(database: str, catalog: Catalog) -> None:
    # Without trusted proxies, X-Forwarded-For is anyone's to write: it is not read at all.
    with served(database, catalog, address_limit=3) as http:
        forged = [like(http, "grip", f"198.51.100.{n}").json()["counted"] for n in range(6)]
        assert forged == [True] * 3 + [False] * 3
    # Behind a trusted proxy, a client may prepend any hops: the right-most untrusted one is
    # the address the proxy saw, and it is what counts.
    with served(database, catalog, address_limit=3, trusted_proxies=PROXY) as http:
        forged = [
            like(http, "key-grip", f"198.51.100.{n}, 203.0.113.7").json()["counted"]
            for n in range(6)
        ]
        assert forged == [True] * 3 + [False] * 3
        assert like(http, "key-grip", "203.0.113.8").json()["counted"]  # another reader
        # A trusted second proxy hop is skipped; the reader before it counts.
        assert like(http, "racking-focus", "203.0.113.9, 127.0.0.1").json()["counted"]
        # Every hop that must be read is an address, or the request is refused; hops left of
        # the right-most untrusted one are never read (nobody vouches for them).
        malformed = (
            "garbage",
            "203.0.113.7, garbage",
            "garbage, 127.0.0.1",
            ", 127.0.0.1",
            "unknown",
            "1.2.3.4:99999",
        )
        for forged in malformed:
            refused = like(http, "key-grip", forged)
            assert refused.status_code == 400, forged
            assert "X-Forwarded-For" in refused.json()["error"]
        assert count(http, "key-grip") == 4


def test_an_ipv6_network_counts_as_one_address() -> None:
    assert network_key(parse_address("2001:db8:1:2::1")) == "2001:db8:1:2::/64"
    assert network_key(parse_address("[2001:db8:1:2:ffff::9]:443")) == "2001:db8:1:2::/64"
    assert network_key(parse_address("::ffff:203.0.113.7")) == "203.0.113.7"
    assert network_key(parse_address("203.0.113.7:5000")) == "203.0.113.7"
    for bad in ("garbage", "203.0.113.256", "fe80::1%eth0", "1.2.3.4:99999", "[1.2.3.4]"):
        with pytest.raises(MalformedAddress):
            parse_address(bad)
    proxies = TrustedProxies.parse("10.0.0.0/8, ::1")
    assert proxies.client("10.1.2.3", ["203.0.113.7, 10.9.9.9"]) == "203.0.113.7"
    assert proxies.client("203.0.113.5", ["198.51.100.1"]) == "203.0.113.5"  # not a proxy
    assert proxies.client("::1", []) == "::/64"
    with pytest.raises(MalformedAddress):
        proxies.client("10.1.2.3", [",".join(["10.0.0.1"] * 40)])
    with pytest.raises(ValueError, match="forge"):
        TrustedProxies.parse("*")
    with pytest.raises(ValueError, match="'nonsense'"):
        TrustedProxies.parse("127.0.0.1,nonsense")


def test_addresses_are_stored_only_as_hashes_that_change_every_day(
    tmp_path: Path, catalog: Catalog
) -> None:
    now = [DAY]
    database = tmp_path / "likes.db"
    with served(str(database), catalog, lambda: now[0], trusted_proxies=PROXY) as http:
        for _ in range(12):
            like(http, "grip", "203.0.113.7")
        assert count(http, "grip") == 10
        connection = sqlite3.connect(database)
        first = connection.execute("SELECT day, address, n FROM termbook_addresses").fetchall()
        assert first == [("2027-01-15", first[0][1], 10)]
        assert len(first[0][1]) == 32
        now[0] += 86_400  # the next day: the address may give ten likes again
        assert [like(http, "grip", "203.0.113.7").json()["counted"] for _ in range(11)] == [
            True
        ] * 10 + [False]
        second = connection.execute("SELECT day, address FROM termbook_addresses").fetchall()
        assert [day for day, _ in second] == ["2027-01-16"]  # yesterday's rows are gone
        assert second[0][1] != first[0][1]  # and the same address hashes differently
        salts = connection.execute(
            "SELECT key FROM termbook_meta WHERE key LIKE 'address-salt:%'"
        ).fetchall()
        assert salts == [("address-salt:2027-01-16",)]  # yesterday's salt too
        connection.close()
    assert count_rows(database) == 20
    for file in tmp_path.iterdir():
        if file.is_file():
            assert b"203.0.113.7" not in file.read_bytes(), file


def count_rows(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return connection.execute("SELECT n FROM termbook_counts WHERE term = 'grip'").fetchone()[0]
    finally:
        connection.close()


# -- problem 2: reads that grow with history ------------------------------------------------


def old_database(database: str) -> None:
    """The tables of the service before issue 21 (counts read from the marks), with likes."""
    statements = [
        "CREATE TABLE termbook_marks (kind TEXT NOT NULL, term TEXT NOT NULL, "
        "client TEXT NOT NULL, PRIMARY KEY (kind, term, client))",
        "CREATE TABLE termbook_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"INSERT INTO termbook_meta VALUES ('salt', '{'ab' * 32}')",
    ]
    marks = [("likes", "grip", n) for n in range(5)] + [("likes", "key-grip", n) for n in range(2)]
    marks += [("shares", "grip", n) for n in range(3)]
    statements += [
        f"INSERT INTO termbook_marks VALUES ('{k}', '{t}', '{n:064x}')" for k, t, n in marks
    ]
    if database.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(database, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)
        return
    connection = sqlite3.connect(database)
    connection.executescript(";\n".join(statements) + ";")
    connection.commit()
    connection.close()


def test_an_old_database_is_migrated_with_its_counts(database: str, catalog: Catalog) -> None:
    old_database(database)
    with served(database, catalog) as http:
        assert http.get("/likes").json() == {"counts": {"grip": 5, "key-grip": 2}}
        assert http.get("/shares").json() == {"counts": {"grip": 3}}
        assert like(http, "grip").json()["count"] == 6
    with served(database, catalog) as http:  # opening again migrates nothing twice
        assert count(http, "grip") == 6


def test_top_k_returns_k_current_terms_when_a_removed_term_ranks_high(
    database: str, catalog: Catalog
) -> None:
    store = open_store(database)
    try:
        for n in range(5):
            store.set_like("a-removed-term", f"reader-{n}-0123456789abcdef", True)
    finally:
        store.close()
    with served(database, catalog) as http:
        for term, n in (("grip", 3), ("key-grip", 2), ("focus-puller", 1)):
            for _ in range(n):
                like(http, term)
        top = http.get("/likes", params={"top": "3"}).json()["top"]
        assert [t["term"] for t in top] == ["grip", "key-grip", "focus-puller"]
        assert "a-removed-term" not in http.get("/likes").json()["counts"]


# -- problem 6: CORS and the terms folder ---------------------------------------------------


def test_without_an_allowed_origin_a_foreign_page_cannot_write(
    database: str, catalog: Catalog
) -> None:
    with served(database, catalog) as http:
        body = {"term": "grip", "liked": True, "client": uuid.uuid4().hex}
        foreign = http.post("/likes", json=body, headers={"Origin": "https://evil.test"})
        assert foreign.status_code == 403
        assert http.post("/likes", json=body, headers={"Origin": "null"}).status_code == 403
        host = http.base_url.host
        port = http.base_url.port
        own = http.post("/likes", json=body, headers={"Origin": f"http://{host}:{port}"})
        assert own.status_code == 200  # the service behind the site's own host name
        assert count(http, "grip") == 1


def test_an_allowed_origin_with_its_default_port_matches_what_browsers_send(
    database: str, catalog: Catalog
) -> None:
    with served(database, catalog, allow_origins=["HTTPS://Dict.Example.org:443/"]) as http:
        body = {"term": "grip", "liked": True, "client": uuid.uuid4().hex}
        answer = http.post("/likes", json=body, headers={"Origin": SITE})
        assert answer.status_code == 200
        assert answer.headers["access-control-allow-origin"] == SITE
    assert normalise_origin("https://dict.example.org:8443") == "https://dict.example.org:8443"
    assert normalise_origin("http://[::1]:80") == "http://[::1]"
    assert normalise_origin("https://bücher.example") == "https://xn--bcher-kva.example"
    assert same_host("https://dict.example.org", "dict.example.org")
    assert same_host("https://dict.example.org", "dict.example.org:443")
    assert not same_host("https://dict.example.org", "dict.example.org:8443")
    for bad in ("dict.example.org", "ftp://x.example", "https://x.example/path", "https://[x"):
        with pytest.raises(ValueError):
            normalise_origin(bad)


def test_the_terms_folder_is_read_the_same_from_any_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The red team started the service from another folder: the 14 illustrated terms of the
    # showbiz dictionary were dropped (their pictures were looked up from there).
    repo = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(repo)
    here = load_catalog(Path("terms"))
    monkeypatch.chdir(tmp_path)
    elsewhere = load_catalog(repo / "terms")
    assert elsewhere.names == here.names
    assert not elsewhere.warnings
    images = [p for p in (repo / "terms").glob("*.yaml") if "image:" in p.read_text("utf-8")]
    assert images and all(p.stem in elsewhere.names for p in images)
