"""One storage interface, two backends: what the likes service keeps and how it counts.

A *mark* is one browser's like or share of one term. The browser is known only by a salted hash
of the random id it sends (`client_key`), so a mark row is (kind, term, hashed client), nothing
else. A like is set or taken back (idempotent: liking twice is one like); a share is counted once
per browser and term. Beside the marks, each term's count is kept in `termbook_counts`, changed
in the same transaction as the mark, so reading a count costs the same at a thousand or a
million likes. A mark counts only while its network has given fewer than `address_limit` marks
of that kind to that term today; networks are kept as keyed hashes under a salt of the day,
deleted with the day's rows once the day is over (`termbook_addresses`). The salts live in the
database itself, so every instance of the service that shares a PostgreSQL database hashes
alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class Kind(str, Enum):
    """What a mark counts; the value is the URL path segment and the stored kind."""

    LIKES = "likes"
    SHARES = "shares"


DEFAULT_DATABASE = "likes.db"
DEFAULT_POOL_SIZE = 4
"""Database connections one instance holds at most (PostgreSQL) or opens (SQLite)."""
DEFAULT_POOL_IDLE = 60
"""Seconds an unused connection stays open before it is closed."""
ADDRESS_LIMIT = 10
"""Likes (and shares) of one term counted per network address per day, by default."""
POOL_WAIT = 5.0
"""Seconds a request waits for a free connection before it is answered 503."""
SCHEMA_VERSION = 2
"""1: marks and meta only (counts read from the marks); 2: per-term counts and daily networks."""

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS termbook_marks (
        kind TEXT NOT NULL,
        term TEXT NOT NULL,
        client TEXT NOT NULL,
        PRIMARY KEY (kind, term, client)
    )""",
    """CREATE TABLE IF NOT EXISTS termbook_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS termbook_counts (
        kind TEXT NOT NULL,
        term TEXT NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (kind, term)
    )""",
    "CREATE INDEX IF NOT EXISTS termbook_counts_rank ON termbook_counts (kind, n DESC, term)",
    """CREATE TABLE IF NOT EXISTS termbook_addresses (
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        term TEXT NOT NULL,
        address TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (day, kind, term, address)
    )""",
)
"""Both backends' tables, in the SQL they share. `client` and `address` are hex HMACs."""

READ_COUNT = "SELECT n FROM termbook_counts WHERE kind = ? AND term = ?"
READ_COUNTS = "SELECT term, n FROM termbook_counts WHERE kind = ? AND n > 0"
READ_TOP = (
    "SELECT term, n FROM termbook_counts WHERE kind = ? AND n > 0 ORDER BY n DESC, term ASC LIMIT ?"
)
READS = (READ_COUNT, READ_COUNTS, READ_TOP)
"""Every statement a read runs: none touches termbook_marks (tests/test_likes_scale.py)."""


class StoreError(Exception):
    """The database cannot be opened or used; the message says which and why."""


@dataclass(frozen=True)
class Outcome:
    """A write's result: the term's count after it, and whether this mark counted (False when
    its network had reached the day's limit for the term)."""

    count: int
    counted: bool = True


class _Undo(Exception):
    """Roll the transaction back and return `value`."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.value = value


Execute = Callable[..., list[tuple[Any, ...]]]


class Pool:
    """At most `size` connections, reused newest first; those unused for `idle` seconds are
    closed by a daemon thread, so an instance with no traffic holds none."""

    def __init__(self, connect: Callable[[], Any], size: int, idle: float) -> None:
        self._connect = connect
        self.size = size
        self.idle = idle
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[tuple[Any, float]] = []
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._reaper: threading.Thread | None = None

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A connection for one transaction; one that failed is closed, never reused."""
        if not self._slots.acquire(timeout=POOL_WAIT):
            raise StoreError(f"all {self.size} database connections stayed busy {POOL_WAIT:g} s")
        try:
            with self._lock:
                connection = self._idle.pop()[0] if self._idle else None
            if connection is None:
                connection = self._connect()
                self._start_reaper()
            try:
                yield connection
            except BaseException:
                _close(connection)
                raise
            with self._lock:
                self._idle.append((connection, time.monotonic()))
        finally:
            self._slots.release()

    def held(self) -> int:
        """Idle connections held now (busy ones are not counted)."""
        with self._lock:
            return len(self._idle)

    def discard_idle(self) -> None:
        """Close every idle connection: after one failed, the others likely have too (the
        database server restarted)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for connection, _ in idle:
            _close(connection)

    def close(self) -> None:
        self._closed.set()
        self.discard_idle()

    def _start_reaper(self) -> None:
        with self._lock:
            if self._reaper is not None or self._closed.is_set():
                return
            self._reaper = threading.Thread(target=self._reap, name="likes-pool", daemon=True)
            self._reaper.start()

    def _reap(self) -> None:
        while not self._closed.wait(max(0.05, self.idle / 4)):
            limit = time.monotonic() - self.idle
            with self._lock:
                stale = [c for c, since in self._idle if since <= limit]
                self._idle = [(c, since) for c, since in self._idle if since > limit]
            for connection in stale:
                _close(connection)


def _close(connection: Any) -> None:
    with contextlib.suppress(Exception):  # one a dead server already dropped
        connection.close()


def utc_day(now: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(now))


class Store(ABC):
    """The counts of likes and shares, shared by every request of the service.

    Thread-safe: the service calls it from worker threads, each borrowing a connection from
    the pool for one transaction. Every write is committed before it returns, so an
    acknowledged like survives a crash of the service.
    """

    PARAM = "?"
    """The backend's placeholder for a query parameter."""
    BEGIN_WRITE = "BEGIN"

    def __init__(
        self,
        *,
        pool_size: int = DEFAULT_POOL_SIZE,
        pool_idle: float = DEFAULT_POOL_IDLE,
        address_limit: int = 0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.pool = Pool(self._connect, pool_size, pool_idle)
        self.address_limit = address_limit
        self.clock = clock
        self._salt = b""
        self._day_salts: dict[str, bytes] = {}

    # -- what a backend provides ---------------------------------------------------------

    @abstractmethod
    def _connect(self) -> Any:
        """A new connection in autocommit mode: transactions are begun explicitly."""

    def _lock_schema(self, execute: Execute) -> None:  # noqa: B027 - most backends need none
        """Inside the migration's transaction: keep other instances out until it commits."""

    # -- opening -----------------------------------------------------------------------------

    def open(self) -> Store:
        """Create or migrate the tables and the salt; returns self."""

        def migrate(execute: Execute) -> bytes:
            self._lock_schema(execute)
            for statement in SCHEMA:
                execute(statement)
            execute(
                "INSERT INTO termbook_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                ("salt", secrets.token_hex(32)),
            )
            rows = execute("SELECT value FROM termbook_meta WHERE key = 'schema'")
            version = int(rows[0][0]) if rows else 1
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self!r} was last used by a newer termbook (schema {version}): upgrade"
                )
            if version < 2:  # counts were read from the marks: count them once
                execute("DELETE FROM termbook_counts")
                execute(
                    "INSERT INTO termbook_counts (kind, term, n) "
                    "SELECT kind, term, COUNT(*) FROM termbook_marks GROUP BY kind, term"
                )
            execute(
                "INSERT INTO termbook_meta (key, value) VALUES ('schema', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(SCHEMA_VERSION),),
            )
            execute(
                "INSERT INTO termbook_meta (key, value) VALUES ('heartbeat', '0') "
                "ON CONFLICT (key) DO NOTHING"
            )
            return bytes.fromhex(
                execute("SELECT value FROM termbook_meta WHERE key = 'salt'")[0][0]
            )

        self._salt = self._transaction(migrate)
        self._day_salt(utc_day(self.clock()))
        return self

    # -- writes ------------------------------------------------------------------------------

    def client_key(self, client: str) -> str:
        """What is stored for a browser: a keyed hash of its random id, not the id."""
        return hmac.new(self._salt, client.encode("utf-8"), hashlib.sha256).hexdigest()

    def address_key(self, network: str, day: str) -> str:
        """What is stored for a network on `day`: a keyed hash under that day's salt."""
        salt = self._day_salt(day)
        return hmac.new(salt, network.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def set_like(self, term: str, client: str, liked: bool, network: str = "") -> Outcome:
        """Record (or take back) a browser's like of a term from `network`."""
        if liked:
            return self._mark(Kind.LIKES, term, client, network)
        key = self.client_key(client)
        day = utc_day(self.clock())
        address = self.address_key(network, day) if self.address_limit else ""

        def unlike(execute: Execute) -> Outcome:
            deleted = execute(
                "DELETE FROM termbook_marks WHERE kind = 'likes' AND term = ? AND client = ? "
                "RETURNING 1",
                (term, key),
            )
            if not deleted:
                return Outcome(self._count(execute, Kind.LIKES, term))
            if address:  # the network may give this like again today
                execute(
                    "UPDATE termbook_addresses SET n = n - 1 WHERE day = ? AND kind = 'likes' "
                    "AND term = ? AND address = ? AND n > 0",
                    (day, term, address),
                )
            # Rows are locked in the order a like locks them (the network's, then the
            # count's), so that a like and an unlike of one term never wait on each other.
            rows = execute(
                "UPDATE termbook_counts SET n = n - 1 WHERE kind = 'likes' AND term = ? "
                "RETURNING n",
                (term,),
            )
            return Outcome(int(rows[0][0]) if rows else 0)

        return self._transaction(unlike)

    def add_share(self, term: str, client: str, network: str = "") -> Outcome:
        """Count a browser's share of a term (once per browser) from `network`."""
        return self._mark(Kind.SHARES, term, client, network)

    def _mark(self, kind: Kind, term: str, client: str, network: str) -> Outcome:
        key = self.client_key(client)
        day = utc_day(self.clock())
        address = self.address_key(network, day) if self.address_limit else ""

        def mark(execute: Execute) -> Outcome:
            known = execute(
                "SELECT 1 FROM termbook_marks WHERE kind = ? AND term = ? AND client = ?",
                (kind.value, term, key),
            )
            if known:
                return Outcome(self._count(execute, kind, term))
            if address and not execute(
                "INSERT INTO termbook_addresses (day, kind, term, address, n) "
                "VALUES (?, ?, ?, ?, 1) ON CONFLICT (day, kind, term, address) "
                "DO UPDATE SET n = termbook_addresses.n + 1 WHERE termbook_addresses.n < ? "
                "RETURNING n",
                (day, kind.value, term, address, self.address_limit),
            ):
                return Outcome(self._count(execute, kind, term), counted=False)
            if not execute(
                "INSERT INTO termbook_marks (kind, term, client) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING RETURNING 1",
                (kind.value, term, key),
            ):  # the same browser, a moment earlier, through another connection
                raise _Undo(Outcome(self._count(execute, kind, term)))
            rows = execute(
                "INSERT INTO termbook_counts (kind, term, n) VALUES (?, ?, 1) "
                "ON CONFLICT (kind, term) DO UPDATE SET n = termbook_counts.n + 1 RETURNING n",
                (kind.value, term),
            )
            return Outcome(int(rows[0][0]))

        return self._transaction(mark)

    def check_writes(self) -> None:
        """Write to the database (a heartbeat row); StoreError if it cannot (a full disk)."""
        self._transaction(
            lambda execute: execute(
                "UPDATE termbook_meta SET value = ? WHERE key = 'heartbeat'",
                (str(int(self.clock())),),
            )
        )

    # -- reads -------------------------------------------------------------------------------

    def count(self, kind: Kind, term: str) -> int:
        return self._transaction(lambda execute: self._count(execute, kind, term), write=False)

    def counts(self, kind: Kind, terms: Iterable[str] | None = None) -> dict[str, int]:
        """Counts by term: of `terms` (zeros included), or of every term counted at least once."""
        rows = self._transaction(lambda execute: execute(READ_COUNTS, (kind.value,)), write=False)
        found = {term: int(n) for term, n in rows}
        if terms is None:
            return found
        return {term: found.get(term, 0) for term in terms}

    def top(
        self, kind: Kind, limit: int, known: Container[str] | None = None
    ) -> list[tuple[str, int]]:
        """The `limit` most counted terms of `known` (default: any), most first, ties in slug
        order. Terms no longer known (removed from the glossary) are skipped, not returned."""
        ranked: list[tuple[str, int]] = []
        fetch = limit
        while True:
            rows = self._transaction(
                lambda execute, n=fetch: execute(READ_TOP, (kind.value, n)), write=False
            )
            ranked = [(t, int(n)) for t, n in rows if known is None or t in known]
            if len(ranked) >= limit or len(rows) < fetch:
                return ranked[:limit]
            fetch *= 4

    def close(self) -> None:
        """Close every connection the pool holds."""
        self.pool.close()

    # -- helpers -----------------------------------------------------------------------------

    def _count(self, execute: Execute, kind: Kind, term: str) -> int:
        rows = execute(READ_COUNT, (kind.value, term))
        return int(rows[0][0]) if rows else 0

    def _day_salt(self, day: str) -> bytes:
        """The salt of `day`, made by whichever instance asks first; older days' salts and
        network rows are deleted when a new day's salt is made or first read here."""
        salt = self._day_salts.get(day)
        if salt is not None:
            return salt

        def rotate(execute: Execute) -> bytes:
            name = f"address-salt:{day}"
            execute(
                "INSERT INTO termbook_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                (name, secrets.token_hex(32)),
            )
            execute("DELETE FROM termbook_addresses WHERE day < ?", (day,))
            execute(
                "DELETE FROM termbook_meta WHERE key LIKE 'address-salt:%' AND key < ?", (name,)
            )
            return bytes.fromhex(
                execute("SELECT value FROM termbook_meta WHERE key = ?", (name,))[0][0]
            )

        salt = self._transaction(rotate)
        self._day_salts = {day: salt}
        return salt

    def _sql(self, sql: str) -> str:
        return sql if self.PARAM == "?" else sql.replace("?", self.PARAM)

    def _transaction(self, work: Callable[[Execute], Any], write: bool = True) -> Any:
        """Run `work` in one transaction on a pooled connection and commit. A failure is tried
        once more on a new connection: every transaction here is idempotent (a mark is
        inserted only if absent and its count changes with it), so a database server that
        restarted costs no request."""
        for attempt in (1, 2):
            try:
                return self._attempt(work, write)
            except StoreError:
                raise
            except Exception as exc:
                self.pool.discard_idle()
                if attempt == 2:
                    raise StoreError(f"{self!r}: {exc}") from exc
        raise AssertionError("unreachable")

    def _attempt(self, work: Callable[[Execute], Any], write: bool) -> Any:
        with self.pool.connection() as connection:

            def execute(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
                cursor = connection.execute(self._sql(sql), params)
                try:
                    return list(cursor.fetchall()) if cursor.description else []
                finally:
                    cursor.close()

            if not write:
                return work(execute)
            connection.execute(self.BEGIN_WRITE)
            try:
                result = work(execute)
            except _Undo as undo:
                connection.execute("ROLLBACK")
                return undo.value
            except BaseException:
                with contextlib.suppress(Exception):
                    connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
            return result


class SQLiteStore(Store):
    """One file in WAL mode: readers never wait for the writer, nothing to install.

    `synchronous=FULL` makes every acknowledged write durable even across a power cut, not only
    a crash of the service; a busy timeout lets writers of other processes queue, not fail.
    """

    BEGIN_WRITE = "BEGIN IMMEDIATE"

    def __init__(self, path: Path, **options: Any) -> None:
        super().__init__(**options)
        self.path = path
        self._writer = threading.Lock()

    def _attempt(self, work: Callable[[Execute], Any], write: bool) -> Any:
        if not write:
            return super()._attempt(work, write)
        # SQLite has one writer at a time; queueing this process's writers here is fairer and
        # much faster than SQLite's busy handler, which sleeps and retries (p99 over a second
        # under load). Other processes on the same file still wait through busy_timeout.
        with self._writer:
            return super()._attempt(work, write)

    def _connect(self) -> Any:
        import sqlite3

        try:
            connection = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite database {self.path}: {exc}") from exc
        return connection

    def __repr__(self) -> str:
        return f"SQLite database {self.path}"


class PostgresStore(Store):
    """A PostgreSQL database, for sites that run several instances of the service."""

    PARAM = "%s"

    def __init__(self, url: str, **options: Any) -> None:
        super().__init__(**options)
        self.url = url

    def _lock_schema(self, execute: Execute) -> None:
        execute("SELECT pg_advisory_xact_lock(7162738)")  # instances starting together wait

    def _sql(self, sql: str) -> str:
        return super()._sql(sql.replace("%", "%%"))

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - the `likes` extra installs it
            raise StoreError("PostgreSQL needs psycopg: pip install 'termbook[likes]'") from exc
        try:
            return psycopg.connect(
                self.url, autocommit=True, connect_timeout=10, application_name="termbook-likes"
            )
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {redact(self.url)}: {exc}") from exc

    def __repr__(self) -> str:
        return f"PostgreSQL database {redact(self.url)}"


def redact(url: str) -> str:
    """A database URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def open_store(database: str, **options: Any) -> Store:
    """The store for a `--database` value: a postgres(ql):// URL, a sqlite:/// URL or a path.

    `options`: `pool_size`, `pool_idle` (seconds), `address_limit` (marks per network per
    term per day; 0: none), `clock`."""
    scheme = urlsplit(database).scheme.lower()
    if scheme in ("postgres", "postgresql"):
        store: Store = PostgresStore(database, **options)
    elif scheme == "sqlite":
        path = database.split(":", 1)[1].removeprefix("///").removeprefix("//")
        if not path:
            raise StoreError(f"no file in the SQLite URL {database!r}: use sqlite:///likes.db")
        store = SQLiteStore(Path(path), **options)
    elif scheme and len(scheme) > 1:
        raise StoreError(
            f"unknown database URL scheme {scheme!r}: use a file path, sqlite:///FILE "
            "or postgresql://USER@HOST/DB"
        )
    else:
        store = SQLiteStore(Path(database), **options)
    try:
        return store.open()
    except StoreError:
        store.close()
        raise
    except Exception as exc:
        store.close()
        raise StoreError(f"cannot use the {store!r}: {exc}") from exc
