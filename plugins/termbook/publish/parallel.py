"""Writing the published files in a worker process while the site engine renders the pages.

The embedding kit (API, oEmbed, embed cards, exports) and the share cards are a few files per
term that need nothing from the pages, so on a machine with a free core they cost no wall time:
``BackgroundWriter`` forks a worker that makes and writes them while the build goes on, and
``wait`` joins it before the build ends and returns what the worker's ``summary`` reported (the
worker's own counters, say, which the build's process never sees change). The worker
(``termbook.forked``) inherits the rendered glossary, so nothing is pickled or rendered twice. Where ``fork`` does not exist (Windows), the files are written in the process
itself, in the same order, with the same bytes.

A failure in the worker becomes a ``PublishError`` naming the file and carrying the worker's
traceback; a worker that dies without a word (killed, out of memory) is reported with its exit
code. Nothing waits on a dead worker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from termbook.forked import Forked
from termbook.publish.files import Published, content_of


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
        self._worker: Forked[object] | None = None
        self._error: PublishError | None = None

    def _write(self) -> object:
        write_files(self.files, self.site_dir)
        return self.summary()

    def start(self) -> None:
        """Start the worker; without fork, write the files now."""
        if not self.files:
            return
        worker = Forked(self._write, "termbook-publish", background=True)
        if worker.started:
            self._worker = worker
            return
        try:
            self._result = self._write()
        except PublishError as error:  # reported by wait(), as the worker's would be
            self._error = error

    def wait(self) -> object:
        """Block until the worker is done and return its summary; raise ``PublishError`` if it
        failed or died."""
        error, self._error = self._error, None
        if error is not None:
            raise error
        worker, self._worker = self._worker, None
        if worker is None:
            result, self._result = self._result, None
            return result
        outcome = worker.outcome()
        if outcome.error is not None:
            raise PublishError(f"writing the embedding kit failed: {outcome.error}")
        if not outcome.returned or outcome.exitcode != 0:
            raise PublishError(
                f"the worker writing the embedding kit stopped (exit code {outcome.exitcode}) "
                f"before it finished; {len(self.files)} files may be missing from {self.site_dir}"
            )
        return outcome.value

    def cancel(self) -> None:
        """Stop the worker (the build failed elsewhere): its files are not needed."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
