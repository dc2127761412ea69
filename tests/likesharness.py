"""Real servers for the likes service's tests and benchmark: PostgreSQL and the service itself.

`PostgresServer` starts Debian's PostgreSQL (`make test` installs it) in a temporary folder, as an
unprivileged user when run as root (PostgreSQL refuses root), listening on a free loopback
port; or, with ``TERMBOOK_TEST_POSTGRES_URL`` set, uses that server instead. `ServiceProcess`
runs `termbook likes serve` as a real process (the durability test kills it). `run_load` is the
load generator: many concurrent browsers liking and unliking over loopback.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

POSTGRES_URL_ENV = "TERMBOOK_TEST_POSTGRES_URL"
ROOT = Path(__file__).resolve().parents[1]
TERMS = ROOT / "terms"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_bin() -> Path | None:
    """The folder of Debian's PostgreSQL programs (newest version), or of `initdb` on PATH."""
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PostgresServer:
    """A throwaway PostgreSQL cluster; `url(db)` names a database on it, `empty_database()`
    gives a database without the service's tables."""

    def __init__(self, max_connections: int = 200) -> None:
        self.external = os.environ.get(POSTGRES_URL_ENV)
        self.max_connections = max_connections
        self.folder: Path | None = None
        self.port = 0
        self._user: str | None = None

    def start(self) -> PostgresServer:
        if self.external:
            return self
        bin_dir = postgres_bin()
        if bin_dir is None:
            raise RuntimeError(
                "PostgreSQL is not installed: `make test` installs Debian's postgresql "
                f"(or set {POSTGRES_URL_ENV} to a server's URL)"
            )
        self.folder = Path(tempfile.mkdtemp(prefix="termbook-pg-"))
        if os.geteuid() == 0:  # PostgreSQL will not run as root
            self._user = "nobody"
            shutil.chown(self.folder, user="nobody")
        data = self.folder / "data"
        self._run(
            [
                bin_dir / "initdb",
                "-D",
                data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",  # byte order: the tests compare no text by language
                "--no-instructions",
                "--no-sync",
            ]
        )
        self.port = free_port()
        self._bin = bin_dir
        self.resume()
        return self

    def resume(self) -> None:
        """Start the server (again, after `pause`), waiting until it accepts connections."""
        assert self.folder is not None, "an external server is not ours to start"
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            f"-c max_connections={self.max_connections} -c shared_buffers=32MB"
        )
        data, log = self.folder / "data", self.folder / "log"
        self._run([self._bin / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start"])

    def pause(self) -> None:
        """Stop the server at once, as a crash would, keeping its data."""
        assert self.folder is not None, "an external server is not ours to stop"
        self._run([self._bin / "pg_ctl", "-D", self.folder / "data", "-m", "immediate", "stop"])

    def url(self, database: str = "postgres") -> str:
        if self.external:
            base = self.external.rsplit("/", 1)[0]
            return f"{base}/{database}"
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def empty_database(self) -> str:
        """The URL of the test database with the service's tables dropped: each test starts
        from nothing (dropping two tables is much cheaper than creating a database)."""
        import psycopg

        name = "termbook_test"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(f"CREATE DATABASE {name}")
        with psycopg.connect(self.url(name), autocommit=True) as connection:
            connection.execute(
                "DROP TABLE IF EXISTS termbook_marks, termbook_meta, termbook_counts, "
                "termbook_addresses"
            )
        return self.url(name)

    def stop(self) -> None:
        if self.external or self.folder is None:
            return
        try:
            self.pause()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _run(self, command: list) -> None:
        result = subprocess.run(
            [str(c) for c in command],
            user=self._user,
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode:
            log = ""
            if self.folder and (self.folder / "log").exists():
                log = (self.folder / "log").read_text(errors="replace")[-2000:]
            raise RuntimeError(
                f"{command[0]} failed ({result.returncode}):\n{result.stdout}{result.stderr}{log}"
            )


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


# -- the service in this process --------------------------------------------------------


@contextmanager
def running_app(app: object) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on a free loopback port in a thread; yields its URL."""
    import uvicorn

    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        log_level="warning",
        access_log=False,
        proxy_headers=False,  # as `termbook likes serve`: the app reads X-Forwarded-For itself
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serving(
    database: str, catalog: object, store_options: dict | None = None, **options: object
) -> Iterator[object]:
    """The app on a store of `database` (`open_store` options), served in this process;
    yields an httpx client for it. `options` go to `create_app`."""
    import httpx

    from termbook.likes.app import create_app
    from termbook.likes.store import open_store

    store = open_store(database, **(store_options or {}))
    try:
        with (
            running_app(create_app(store, catalog, **options)) as url,
            httpx.Client(base_url=url, timeout=30) as http,
        ):
            yield http
    finally:
        store.close()


# -- the service as a process -------------------------------------------------------------


class ServiceProcess:
    """`termbook likes serve` in a child process, on a free port, for as long as needed.

    `limits`: resource limits of the child (`{resource.RLIMIT_NOFILE: 256}`), as an operator's
    systemd unit or a full disk would set them. Its standard error goes to a file
    (`log()`), so that however much it writes, it never blocks on a full pipe."""

    def __init__(
        self,
        database: str,
        *args: str,
        terms: Path = TERMS,
        port: int | None = None,
        limits: dict[int, int] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.database = database
        self.args = list(args)
        self.terms = terms
        self.port = port or free_port()
        self.limits = limits or {}
        self.cwd = cwd
        self.process: subprocess.Popen | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="likes-service-", suffix=".log")  # noqa: SIM115 - lives as long as the process
        self._final_log = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log(self) -> str:
        """Everything the service wrote to standard error so far."""
        if self._log.closed:
            return self._final_log
        return Path(self._log.name).read_text(encoding="utf-8", errors="replace")

    def _close_log(self) -> None:
        if not self._log.closed:
            self._final_log = self.log()
            self._log.close()

    def start(self, timeout: float = 30) -> ServiceProcess:
        command = [sys.executable, "-m", "termbook", "likes", "serve"]
        command += ["--database", self.database, "--terms-dir", str(self.terms)]
        command += ["--port", str(self.port), *self.args]
        limits = self.limits

        def limit() -> None:
            import resource

            for which, value in limits.items():
                resource.setrlimit(which, (value, resource.getrlimit(which)[1]))

        self.process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            cwd=self.cwd,
            preexec_fn=limit if limits else None,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log()
                self._close_log()
                raise RuntimeError(f"the service stopped: {log}")
            try:
                status, _ = request("GET", self.url + "/health")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("the service did not answer /health in time")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, nothing the service can do about it."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self._close_log()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._close_log()


def request(
    method: str, url: str, body: object = None, headers: dict[str, str] | None = None
) -> tuple[int, dict]:
    """One HTTP request on a new connection: (status, JSON answer)."""
    parts = url.split("/", 3)
    host, port = parts[2].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        payload = None if body is None else json.dumps(body).encode()
        sent = {"Content-Type": "application/json"} if payload is not None else {}
        connection.request(method, "/" + parts[3], payload, {**sent, **(headers or {})})
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        connection.close()


# -- load ---------------------------------------------------------------------------------


@dataclass
class LoadResult:
    """What a load run did: per term the likes it should have left (`expected`), what was
    acknowledged, each request's latency in seconds, failures by kind."""

    expected: Counter = field(default_factory=Counter)
    acknowledged: list[tuple[str, str, bool]] = field(default_factory=list)
    """(term, client, liked) of every request the service answered with 200, in order."""
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run_load(
    base_url: str,
    slugs: list[str],
    *,
    clients: int,
    actions: int,
    stop: threading.Event | None = None,
    unlikes: bool = True,
    seed: int = 1,
    forwarded: bool = False,
) -> LoadResult:
    """`clients` browsers in parallel threads, each with its own id and keep-alive connection,
    each doing `actions` likes and unlikes of random terms (likes only with `unlikes=False`);
    returns what the service acknowledged. A browser's final state per term is known, so the
    exact final counts are. Setting `stop` ends the run (the service was killed). With
    `forwarded`, each browser comes from an address of its own, named in X-Forwarded-For (for
    a service that trusts 127.0.0.1 as its proxy)."""
    result = LoadResult()
    lock = threading.Lock()
    host, port = base_url.split("//")[1].split(":")

    def browser(index: int) -> None:
        rng = random.Random(seed * 1_000_003 + index)
        client = uuid.uuid4().hex
        headers = {"Content-Type": "application/json"}
        if forwarded:
            headers["X-Forwarded-For"] = f"10.{seed % 256}.{index // 256}.{index % 256}"
        liked: dict[str, bool] = {}
        latencies = []
        acked = []
        errors: Counter = Counter()
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        for _ in range(actions):
            if stop is not None and stop.is_set():
                break
            if unlikes:
                slug = rng.choice(slugs)
            else:
                left = [s for s in slugs if s not in liked]
                if not left:
                    break
                slug = rng.choice(left)
            want = not liked.get(slug, False)
            body = json.dumps({"term": slug, "liked": want, "client": client}).encode()
            started = time.perf_counter()
            try:
                connection.request("POST", "/likes", body, headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] += 1
                connection.close()
                if stop is not None:
                    break  # the service is gone: what was acknowledged is what counts
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                continue
            latencies.append(time.perf_counter() - started)
            if response.status == 200:
                liked[slug] = want
                acked.append((slug, client, want))
            else:
                errors[f"HTTP {response.status}"] += 1
        connection.close()
        with lock:
            result.latencies += latencies
            result.acknowledged += acked
            result.errors.update(errors)
            for slug, state in liked.items():
                result.expected[slug] += int(state)

    result.seconds = in_threads(browser, clients)
    return result


def in_threads(work: Callable[[int], None], count: int) -> float:
    """Run `work(0)` … `work(count - 1)` in parallel threads; the seconds until all ended."""
    threads = [threading.Thread(target=work, args=(i,)) for i in range(count)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def run_reads(
    base_url: str, paths: list[str], *, clients: int, requests: int, seed: int = 1
) -> LoadResult:
    """`clients` readers in parallel threads, each on its own keep-alive connection, each
    sending `requests` GETs of paths drawn from `paths`; latencies and failures."""
    result = LoadResult()
    lock = threading.Lock()
    host, port = base_url.split("//")[1].split(":")

    def reader(index: int) -> None:
        rng = random.Random(seed * 7919 + index)
        latencies: list[float] = []
        errors: Counter = Counter()
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        for _ in range(requests):
            started = time.perf_counter()
            try:
                connection.request("GET", rng.choice(paths))
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] += 1
                connection.close()
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                continue
            latencies.append(time.perf_counter() - started)
            if response.status != 200:
                errors[f"HTTP {response.status}"] += 1
        connection.close()
        with lock:
            result.latencies += latencies
            result.errors.update(errors)

    result.seconds = in_threads(reader, clients)
    return result


def seed_likes(database: str, likes: int, terms: int, start: int = 0) -> None:
    """Store `likes` more likes directly in the service's (opened) database, spread evenly
    over the `terms` synthetic terms of `catalog_file`, with their per-term counts: a million
    in seconds, as if the service had taken them. Browser hashes are numbered from `start`
    (seed again with a `start` past the last batch); rows go in primary-key order."""
    per = -(-likes // terms)
    last = start + likes - 1
    counted = (
        "INSERT INTO termbook_counts (kind, term, n) SELECT 'likes', term, COUNT(*) "
        "FROM termbook_marks WHERE kind = 'likes' GROUP BY term HAVING true "
        "ON CONFLICT (kind, term) DO UPDATE SET n = excluded.n"
    )
    if database.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(database, autocommit=True) as connection:
            connection.execute("SET synchronous_commit = off")
            connection.execute(
                "INSERT INTO termbook_marks (kind, term, client) SELECT 'likes', "
                f"'term-' || lpad(((i - {start}) / {per})::text, 5, '0'), "
                f"lpad(to_hex(i), 64, '0') FROM generate_series({start}, {last}) AS i"
            )
            connection.execute(counted)
            # The upsert left each count's old row version behind: dead rows the number of
            # updates since the last vacuum makes, not the number of likes. Compact them, so
            # that reads at two sizes compare the likes alone.
            connection.execute("VACUUM FULL ANALYZE termbook_counts")
        return
    import sqlite3

    connection = sqlite3.connect(database)
    try:
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -65536")
        connection.execute(
            f"WITH RECURSIVE n(i) AS (SELECT {start} UNION ALL SELECT i + 1 FROM n "
            f"WHERE i < {last}) INSERT INTO termbook_marks (kind, term, client) "
            f"SELECT 'likes', printf('term-%05d', (i - {start}) / {per}), printf('%064x', i) "
            "FROM n"
        )
        connection.execute(counted)
        connection.commit()
        # Into the database file, as SQLite's automatic checkpoints would have put it over
        # time: a WAL of a million rows would slow every read that looks a page up in it.
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def catalog_file(folder: Path, count: int) -> Path:
    """A built site's api/terms.json with `count` synthetic terms: the service starts in no
    time on it, and the load has as many terms as it likes to spread over."""
    api = folder / "api"
    api.mkdir(parents=True, exist_ok=True)
    terms = [{"slug": f"term-{n:05d}", "term": f"Term {n}"} for n in range(count)]
    (api / "terms.json").write_text(json.dumps({"terms": terms}), encoding="utf-8")
    return api / "terms.json"
