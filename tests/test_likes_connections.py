"""The likes service as a process under the connection attacks of issue 21: idle, half-sent
and slow requests, SIGTERM with a stalled body, running out of file descriptors, a full disk.

Each test starts the real `termbook likes serve` with short timeouts and attacks it over
loopback with raw sockets, as the red team did.
"""

from __future__ import annotations

import contextlib
import json
import logging
import resource
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from likesharness import ServiceProcess, catalog_file, request

SHORT = ("--header-timeout", "1", "--body-timeout", "1", "--keep-alive", "1")


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    return catalog_file(tmp_path / "site", 5)


@pytest.fixture
def service(tmp_path: Path, terms: Path) -> Iterator[ServiceProcess]:
    running = ServiceProcess(str(tmp_path / "likes.db"), *SHORT, terms=terms).start()
    yield running
    running.stop()


def connect(service: ServiceProcess) -> socket.socket:
    return socket.create_connection(("127.0.0.1", service.port), timeout=10)


def closed_after(sock: socket.socket) -> tuple[float, bytes]:
    """Seconds until the service closes `sock`, and what it sent before closing."""
    started = time.monotonic()
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return time.monotonic() - started, received


def test_an_idle_connection_is_closed(service: ServiceProcess) -> None:
    with connect(service) as sock:
        seconds, sent = closed_after(sock)
    assert seconds < 3 and sent == b""


def test_half_sent_headers_are_closed_after_the_header_timeout(service: ServiceProcess) -> None:
    with connect(service) as sock:
        sock.sendall(b"GET /likes?term=term-00000 HTTP/1.1\r\nHost: x\r\n")
        time.sleep(0.5)
        sock.sendall(b"X-Slow: 1\r\n")  # a byte now and then does not keep it open
        seconds, sent = closed_after(sock)
    assert seconds < 3 and sent == b""


def test_headers_trickled_after_a_keep_alive_answer_are_cut_off(service: ServiceProcess) -> None:
    with connect(service) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        time.sleep(0.2)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        for _ in range(3):  # slowloris: one header line well within keep-alive, forever
            sock.sendall(b"G" if _ == 0 else b"E")
            time.sleep(0.4)
        seconds, _ = closed_after(sock)
    assert seconds < 2


def test_a_slow_body_gets_a_408_and_the_connection_closes(service: ServiceProcess) -> None:
    with connect(service) as sock:
        sock.sendall(
            b"POST /likes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 80\r\n\r\n{"term": '
        )
        seconds, sent = closed_after(sock)
    head, _, body = sent.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408")
    assert json.loads(body)["error"].startswith("the body did not arrive")
    assert seconds < 3
    assert request("GET", service.url + "/likes")[1] == {"counts": {}}


def test_a_connection_serves_at_most_max_requests(tmp_path: Path, terms: Path) -> None:
    service = ServiceProcess(str(tmp_path / "l.db"), "--max-requests", "3", terms=terms).start()
    try:
        with connect(service) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n" * 5)
            _, sent = closed_after(sock)
        assert sent.count(b"HTTP/1.1 200") == 3
    finally:
        service.stop()


def test_sigterm_with_a_stalled_body_stops_within_the_shutdown_timeout(
    tmp_path: Path, terms: Path
) -> None:
    options = ("--body-timeout", "60", "--shutdown-timeout", "1")
    service = ServiceProcess(str(tmp_path / "likes.db"), *options, terms=terms).start()
    try:
        with connect(service) as sock:
            sock.sendall(
                b"POST /likes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 80\r\n\r\n{"
            )
            time.sleep(0.3)
            started = time.monotonic()
            service.process.send_signal(signal.SIGTERM)
            service.process.wait(timeout=10)
            assert time.monotonic() - started < 4
    finally:
        service.stop()


def test_running_out_of_file_descriptors_is_survived_without_a_log_flood(
    tmp_path: Path, terms: Path
) -> None:
    # The red team's attack: a 256-file limit and 300 connections that never send anything.
    limits = {resource.RLIMIT_NOFILE: 256}
    service = ServiceProcess(
        str(tmp_path / "likes.db"), "--header-timeout", "30", terms=terms, limits=limits
    ).start()
    idle = []
    try:
        for _ in range(300):
            idle.append(connect(service))
        time.sleep(0.5)
        for _ in range(3):  # the service still answers, at once, while they hold on
            assert request("GET", service.url + "/health")[0] == 200
        log = service.log()
        assert len(log) < 4000, log[-2000:]
        assert "Traceback" not in log
    finally:
        for sock in idle:
            sock.close()
        service.stop()


def test_health_reports_writes_failing_on_a_full_disk(tmp_path: Path, terms: Path) -> None:
    # A file size limit makes every write past it fail as a full disk does (EFBIG/ENOSPC).
    database = tmp_path / "likes.db"
    ServiceProcess(str(database), terms=terms).start().stop()  # create the tables
    limit = database.stat().st_size + 16 * 1024  # the database grows to it, then fails
    service = ServiceProcess(
        str(database),
        *("--address-limit", "0", "--ip-limit", "0"),
        terms=terms,
        limits={resource.RLIMIT_FSIZE: limit},
    )
    service.start()
    try:
        assert request("GET", service.url + "/health")[1]["writes"] == "ok"
        statuses = []
        for n in range(400):
            body = {"term": "term-00001", "liked": True, "client": f"reader-{n:04d}-abcdefghijkl"}
            statuses.append(request("POST", service.url + "/likes", body)[0])
            if statuses[-1] != 200:
                break
        assert statuses[-1] == 503, "the disk never filled"
        time.sleep(2.1)  # /health probes again
        status, answer = request("GET", service.url + "/health")
        assert (status, answer["writes"]) == (503, "failing")
        # Reads still work, and say what was stored.
        stored = request("GET", service.url + "/likes?term=term-00001")[1]["count"]
        assert stored == len(statuses) - 1
    finally:
        service.stop()


def test_event_loop_errors_are_logged_once_per_interval_with_a_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from termbook.likes.server import LOG_LINE, BoundedFormatter, LoopErrors

    now = [0.0]
    handler = LoopErrors(clock=lambda: now[0])
    caplog.set_level(logging.INFO, logger="termbook.likes")
    error = OSError(24, "Too many open files")
    for _ in range(1000):  # an accept failing for every connection attempt
        handler(None, {"message": "socket.accept() out of system resource", "exception": error})
    now[0] += 11
    handler(None, {"message": "socket.accept() out of system resource", "exception": error})
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert lines[1].endswith("(999 more like it in the last 10 s)")

    from termbook.likes.server import RepeatFilter

    warnings = RepeatFilter(clock=lambda: now[0])
    made = [
        logging.LogRecord(
            "uvicorn.error", logging.WARNING, "", 0, "Invalid HTTP request.", (), None
        )
        for _ in range(50)
    ]
    assert [warnings.filter(r) for r in made] == [True] + [False] * 49
    now[0] += 11
    assert warnings.filter(made[0])
    assert made[0].getMessage() == "Invalid HTTP request. (49 more like it in the last 10 s)"

    record = logging.LogRecord("uvicorn.error", logging.WARNING, "", 0, "x\n" * 5000, (), None)
    line = BoundedFormatter("%(message)s").format(record)
    assert len(line) <= LOG_LINE and "\n" not in line


def test_malformed_http_gets_a_json_400_and_one_log_line(service: ServiceProcess) -> None:
    for request_bytes in (
        b"GET /likes HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000,  # headers over 8 KiB
        b"NOT HTTP AT ALL\r\n\r\n",
    ) * 20:
        with connect(service) as sock:
            with contextlib.suppress(OSError):  # it may close before all is sent
                sock.sendall(request_bytes)
            _, sent = closed_after(sock)
        head, _, body = sent.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400"), head
        assert json.loads(body) == {"error": "malformed HTTP request"}
    assert service.log().count("Invalid HTTP request") == 1
