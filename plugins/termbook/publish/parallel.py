"""Writing the published files in a worker process while the site engine renders the pages.

The embedding kit (API, oEmbed, embed cards, exports) and the share cards are a few files per
term that need nothing from the pages, so on a machine with a free core they cost no wall time:
``BackgroundWriter`` forks a worker that makes and writes them while the build goes on, and
``wait`` joins it before the build ends and returns what the worker's ``summary`` reported (the
worker's own counters, say, which the build's process never sees change). The worker inherits the rendered glossary (fork), so nothing is pickled or
rendered twice. Where ``fork`` does not exist (Windows), the files are written in the process
itself, in the same order, with the same bytes.

A failure in the worker becomes a ``PublishError`` naming the file and carrying the worker's
traceback; a worker that dies without a word (killed, out of memory) is reported with its exit
code. Nothing waits on a dead worker.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from pathlib import Path

from termbook.publish.files import Published, content_of

POLL_SECONDS = 0.2


class PublishError(Exception):
    """The published files could not be written; the message says which and why."""


def write_files(files: Mapping[str, Published], site_dir: str | Path) -> None:
    """Make each file's content and write it under ``site_dir``, creating each folder once."""
    root = Path(site_dir)
    made: set[Path] = set()
    for path, value in files.items():
        target = root / path
        folder = target.parent
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        try:
            content = content_of(value)
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        except Exception as error:
            raise PublishError(f"{path}: {error}") from error


Summary = Callable[[], object]
"""What the worker sends back once every file is written (it must pickle)."""


def _nothing() -> None:
    return None


def _work(
    files: Mapping[str, Published], site_dir: str, summary: Summary, report: Connection
) -> None:
    """The worker: write everything, then report ``(None, summary())`` or ``(the traceback of
    what failed, None)``."""
    try:
        write_files(files, site_dir)
        result = summary()
    except BaseException as error:
        cause = error.__cause__ or error
        detail = "".join(traceback.format_exception(type(cause), cause, cause.__traceback__))
        report.send((f"{error}\n{detail}", None))
        raise SystemExit(1) from None
    report.send((None, result))


class BackgroundWriter:
    """Writes ``files`` (site path → content or producer) into ``site_dir`` beside the build;
    ``summary`` is called where the files were made, after the last one, and ``wait`` returns
    its result."""

    def __init__(
        self, files: Mapping[str, Published], site_dir: str | Path, summary: Summary = _nothing
    ) -> None:
        self.files = files
        self.site_dir = str(site_dir)
        self.summary = summary
        self._result: object = None
        self._process: multiprocessing.process.BaseProcess | None = None
        self._report: Connection | None = None
        self._error: PublishError | None = None

    @staticmethod
    def can_fork() -> bool:
        return "fork" in multiprocessing.get_all_start_methods()

    def start(self) -> None:
        """Start the worker; without fork, write the files now."""
        if not self.files:
            return
        if not self.can_fork():
            try:
                write_files(self.files, self.site_dir)
                self._result = self.summary()
            except PublishError as error:  # reported by wait(), as the worker's would be
                self._error = error
            return
        context = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):  # else the worker would print their buffers again
            stream.flush()
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_work,
            args=(self.files, self.site_dir, self.summary, send),
            name="termbook-publish",
        )
        self._process.start()
        send.close()
        self._report = receive

    def wait(self) -> object:
        """Block until the worker is done and return its summary; raise ``PublishError`` if it
        failed or died."""
        error, self._error = self._error, None
        if error is not None:
            raise error
        process, report = self._process, self._report
        if process is None or report is None:
            result, self._result = self._result, None
            return result
        self._process = self._report = None
        try:
            while not report.poll(POLL_SECONDS) and process.is_alive():
                pass
            received, (message, result) = _receive(report)
            process.join()
        finally:
            report.close()
        if message is not None:
            raise PublishError(f"writing the embedding kit failed: {message}")
        if process.exitcode != 0 or not received:
            raise PublishError(
                f"the worker writing the embedding kit stopped (exit code {process.exitcode}) "
                f"before it finished; {len(self.files)} files may be missing from {self.site_dir}"
            )
        return result

    def cancel(self) -> None:
        """Stop the worker (the build failed elsewhere): its files are not needed."""
        process, report = self._process, self._report
        self._process = self._report = None
        if process is not None:
            process.terminate()
            process.join()
        if report is not None:
            report.close()


def _receive(report: Connection) -> tuple[bool, tuple[str | None, object]]:
    """Whether the worker reported, and its error message (or None) and summary."""
    if not report.poll(0):
        return False, (None, None)
    try:
        return True, report.recv()
    except EOFError:  # the worker died before it could say anything
        return False, (None, None)
