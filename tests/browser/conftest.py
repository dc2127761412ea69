"""Browser test harness: Debian's Chromium driven by Playwright, pages served over local HTTP.

Fixtures for every browser test of the project:

``chromium_browser`` (session)
    One headless Chromium for the whole run, started from ``/usr/bin/chromium`` (or the path in
    ``TERMBOOK_CHROMIUM``). Playwright's own browser downloads are never used. The tests are
    skipped, with a message saying so, only when that executable does not exist; ``make test``
    installs it, so on CI they always run.

``serve_dir``
    A factory: ``base_url = serve_dir(path)`` serves the directory ``path`` on
    ``http://127.0.0.1:<free port>/`` (``base_url`` ends with ``/``) from a
    ``ThreadingHTTPServer`` in a daemon thread, until the test ends. Requests are not logged,
    responses are never cached, and ``.js``/``.json``/``.css``/``.svg`` get their proper MIME
    types. Methods other than GET/HEAD get ``501``, like a static host. ``serve_dir(path,
    headers={...})`` adds response headers (a Content-Security-Policy, say) to every response.
    ``127.0.0.1`` is a secure context, so clipboard, storage and service-worker APIs behave as
    on HTTPS.

``new_page``
    A factory: ``page = new_page(**context_options)`` opens a page in a fresh browser context
    (own storage, cookies and permissions), e.g. ``new_page(color_scheme="dark")`` or
    ``new_page(viewport={"width": 360, "height": 740})``. Each page collects what went wrong:

    - ``page.errors_seen``: uncaught exceptions and ``console.error`` messages, including
      Content-Security-Policy violations — assert it is empty at the end of a test;
    - ``page.resource_errors``: the console's "Failed to load resource" lines (HTTP errors the
      page was prepared for, such as a 404 for a missing term or a 501 for a POST);
    - ``page.dialogs_seen``: messages of ``alert``/``confirm``/``prompt`` dialogs (dismissed).

    Contexts are closed when the test ends.

``page``
    ``new_page()`` with default options.

``project_site`` / ``project_url`` (session)
    The project's own site (``mkdocs.yml``), built once into a temporary folder, and its base
    URL on a local server that lives for the whole run: for tests of the real reader experience.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

CHROMIUM = os.environ.get("TERMBOOK_CHROMIUM", "/usr/bin/chromium")
"""The Chromium executable; Debian's package by default."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Offline for real: any request that would leave the machine goes to a closed local port and
    # fails at once (a web font a theme asks for would otherwise hang for seconds and make tests
    # flaky); loopback addresses bypass the proxy, so the test servers are reached directly.
    "--proxy-server=http://127.0.0.1:9",
]
"""Flags for a quiet, offline, container-friendly headless Chromium."""

DEFAULT_TIMEOUT_MS = 5_000
"""Playwright waits fail after this long: a broken page should fail fast, not hang the run."""

MIME_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".html": "text/html",
    ".xml": "application/xml",
    ".ttl": "text/turtle",
    ".tbx": "application/x-tbx+xml",
    ".csv": "text/csv",
    ".yml": "text/yaml",
}


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Browser]:
    """The session's headless Chromium (see the module docstring)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(`make test` does) or set TERMBOOK_CHROMIUM; Playwright's downloaded browsers "
            "are not used"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with exact MIME types, no caching and no request log."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }

    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """A threading server that drops the tracebacks of connections the browser cut short."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture
def serve_dir() -> Iterator[Callable[..., str]]:
    """Factory ``serve_dir(path, headers=None) -> base_url`` (see the module docstring)."""
    running: list[tuple[_QuietServer, threading.Thread]] = []

    def serve(path: str | os.PathLike[str], headers: dict[str, str] | None = None) -> str:
        server, thread = _start_server(path, headers)
        running.append((server, thread))
        host, port = server.server_address[:2]
        return f"http://{host}:{port}/"

    yield serve

    for server, thread in running:
        _stop_server(server, thread)


def _start_server(
    path: str | os.PathLike[str], headers: dict[str, str] | None = None
) -> tuple[_QuietServer, threading.Thread]:
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"serve_dir: {root} is not a directory")
    handler_class = _QuietHandler
    if headers:
        handler_class = type("_Handler", (_QuietHandler,), {"extra_headers": dict(headers)})
    handler = functools.partial(handler_class, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    return server, thread


def _stop_server(server: _QuietServer, thread: threading.Thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _is_resource_error(message: ConsoleMessage) -> bool:
    return message.text.startswith("Failed to load resource")


@pytest.fixture
def new_page(chromium_browser: Browser) -> Iterator[Callable[..., Page]]:
    """Factory ``new_page(**context_options) -> Page`` (see the module docstring)."""
    contexts = []

    def open_page(**context_options: object) -> Page:
        context = chromium_browser.new_context(**context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.errors_seen = []
        page.resource_errors = []
        page.dialogs_seen = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type != "error":
                return
            if _is_resource_error(message):
                page.resource_errors.append(message.text)
            else:
                page.errors_seen.append(f"console.error: {message.text}")

        def on_dialog(dialog) -> None:
            page.dialogs_seen.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda error: page.errors_seen.append(f"uncaught: {error}"))
        page.on("dialog", on_dialog)
        return page

    yield open_page

    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A page in a fresh browser context (see ``new_page``)."""
    return new_page()


# -- the project's own site ----------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's real site (``mkdocs.yml``, ``terms/``, ``docs/``), built once per session."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path_factory.mktemp("project") / "site"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


def _served(site: Path) -> Iterator[str]:
    server, thread = _start_server(site)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/"
    _stop_server(server, thread)


@pytest.fixture(scope="session")
def project_url(project_site: Path) -> Iterator[str]:
    """Base URL (ending with ``/``) of ``project_site``, served for the whole session."""
    yield from _served(project_site)


@pytest.fixture(scope="session")
def scale_url(scale_site: Path) -> Iterator[str]:
    """Base URL of the pathological glossary's site (tests/conftest.py), served once."""
    yield from _served(scale_site)
