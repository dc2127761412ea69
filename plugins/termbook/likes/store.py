"""One storage interface, two backends: what the likes service keeps and how it counts.

A *mark* is one browser's like or share of one term. The browser is known only by a salted hash
of the random id it sends (`client_key`), so the database holds no personal data: a row is
(kind, term, hashed client), nothing else. A like is set or taken back (idempotent: liking twice
is one like); a share is counted once per browser and term. Counts are read from the rows, so
they are always exact. The salt lives in the database itself, so every instance of the service
that shares a PostgreSQL database hashes alike.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class Kind(str, Enum):
    """What a mark counts; the value is the URL path segment and the stored kind."""

    LIKES = "likes"
    SHARES = "shares"


DEFAULT_DATABASE = "likes.db"

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
)
"""Both backends' tables, in the SQL they share. `client` is a hex HMAC, never the raw id."""


class StoreError(Exception):
    """The database cannot be opened or used; the message says which and why."""


class Store(ABC):
    """The counts of likes and shares, shared by every request of the service.

    Thread-safe: the service calls it from a pool of worker threads, each with its own
    connection. Every write is committed before it returns, so an acknowledged like survives a
    crash of the service.
    """

    PARAM = "?"
    """The backend's placeholder for a query parameter."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        self._salt = b""

    # -- what a backend provides ---------------------------------------------------------

    @abstractmethod
    def _connect(self) -> Any:
        """A new connection in autocommit mode: each statement is its own committed transaction."""

    # -- shared SQL ------------------------------------------------------------------------

    def open(self) -> Store:
        """Create the tables and the salt if they are missing; returns self."""
        for statement in SCHEMA:
            self._write(statement, ())
        self._write(
            "INSERT INTO termbook_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            ("salt", secrets.token_hex(32)),
        )
        rows = self._read("SELECT value FROM termbook_meta WHERE key = ?", ("salt",))
        self._salt = bytes.fromhex(rows[0][0])
        return self

    def client_key(self, client: str) -> str:
        """What is stored for a browser: a keyed hash of its random id, not the id."""
        return hmac.new(self._salt, client.encode("utf-8"), hashlib.sha256).hexdigest()

    def set_like(self, term: str, client: str, liked: bool) -> int:
        """Record (or take back) a browser's like of a term; the term's like count after it."""
        key = self.client_key(client)
        if liked:
            self._write(
                "INSERT INTO termbook_marks (kind, term, client) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (Kind.LIKES.value, term, key),
            )
        else:
            self._write(
                "DELETE FROM termbook_marks WHERE kind = ? AND term = ? AND client = ?",
                (Kind.LIKES.value, term, key),
            )
        return self.count(Kind.LIKES, term)

    def add_share(self, term: str, client: str) -> int:
        """Count a browser's share of a term (once per browser); the share count after it."""
        self._write(
            "INSERT INTO termbook_marks (kind, term, client) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            (Kind.SHARES.value, term, self.client_key(client)),
        )
        return self.count(Kind.SHARES, term)

    def count(self, kind: Kind, term: str) -> int:
        rows = self._read(
            "SELECT COUNT(*) FROM termbook_marks WHERE kind = ? AND term = ?", (kind.value, term)
        )
        return int(rows[0][0])

    def counts(self, kind: Kind, terms: Iterable[str] | None = None) -> dict[str, int]:
        """Counts by term: of `terms` (zeros included), or of every term counted at least once."""
        rows = self._read(
            "SELECT term, COUNT(*) FROM termbook_marks WHERE kind = ? GROUP BY term",
            (kind.value,),
        )
        found = {term: int(n) for term, n in rows}
        if terms is None:
            return found
        return {term: found.get(term, 0) for term in terms}

    def top(self, kind: Kind, limit: int) -> list[tuple[str, int]]:
        """The `limit` most counted terms, most first, ties in slug order."""
        rows = self._read(
            "SELECT term, COUNT(*) AS n FROM termbook_marks WHERE kind = ? "
            "GROUP BY term ORDER BY n DESC, term ASC LIMIT ?",
            (kind.value, limit),
        )
        return [(term, int(n)) for term, n in rows]

    def close(self) -> None:
        """Close every connection any thread opened."""
        with self._lock:
            for connection in self._connections:
                with contextlib.suppress(Exception):  # one a dead server already dropped
                    connection.close()
            self._connections.clear()
        self._local = threading.local()

    # -- helpers ---------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self.PARAM == "?" else sql.replace("?", self.PARAM)

    def _connection(self) -> Any:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect()
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def _run(self, sql: str, params: tuple[Any, ...], fetch: bool) -> list[tuple[Any, ...]]:
        """One statement on this thread's connection. A failed connection is dropped and the
        statement tried once more on a new one: every statement here is idempotent (reads,
        insert-if-absent, delete), so a database server that restarted costs no request."""
        for attempt in (1, 2):
            connection = self._connection()
            try:
                cursor = connection.execute(self._sql(sql), params)
                try:
                    return list(cursor.fetchall()) if fetch else []
                finally:
                    cursor.close()
            except Exception as exc:
                self._drop(connection)
                if attempt == 2:
                    raise StoreError(f"{self!r}: {exc}") from exc
        raise AssertionError("unreachable")

    def _drop(self, connection: Any) -> None:
        self._local.connection = None
        with self._lock:
            if connection in self._connections:
                self._connections.remove(connection)
        with contextlib.suppress(Exception):
            connection.close()

    def _read(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        return self._run(sql, params, fetch=True)

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        self._run(sql, params, fetch=False)


class SQLiteStore(Store):
    """One file in WAL mode: readers never wait for the writer, nothing to install.

    `synchronous=FULL` makes every acknowledged write durable even across a power cut, not only
    a crash of the service; a busy timeout lets writers of other processes queue, not fail.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._writer = threading.Lock()

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        # SQLite has one writer at a time; queueing this process's writers here is fairer and
        # much faster than SQLite's busy handler, which sleeps and retries (p99 over a second
        # under load). Other processes on the same file still wait through busy_timeout.
        with self._writer:
            super()._write(sql, params)

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

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - the `likes` extra installs it
            raise StoreError("PostgreSQL needs psycopg: pip install 'termbook[likes]'") from exc
        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=10)
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


def open_store(database: str) -> Store:
    """The store for a `--database` value: a postgres(ql):// URL, a sqlite:/// URL or a path."""
    scheme = urlsplit(database).scheme.lower()
    if scheme in ("postgres", "postgresql"):
        store: Store = PostgresStore(database)
    elif scheme == "sqlite":
        path = database.split(":", 1)[1].removeprefix("///").removeprefix("//")
        if not path:
            raise StoreError(f"no file in the SQLite URL {database!r}: use sqlite:///likes.db")
        store = SQLiteStore(Path(path))
    elif scheme and len(scheme) > 1:
        raise StoreError(
            f"unknown database URL scheme {scheme!r}: use a file path, sqlite:///FILE "
            "or postgresql://USER@HOST/DB"
        )
    else:
        store = SQLiteStore(Path(database))
    try:
        return store.open()
    except StoreError:
        store.close()
        raise
    except Exception as exc:
        store.close()
        raise StoreError(f"cannot use the {store!r}: {exc}") from exc
