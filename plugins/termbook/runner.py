"""Work beside the build: the one module of the package that starts another process.

A build has a second core that MkDocs leaves idle. A piece of work that needs nothing the build
is still making (the later half of the entries, the term pages reached last, the published
files) can run in a child process meanwhile. Every such piece goes through a ``Runner``, which
decides where it runs and what happens when it fails; callers never fork.

- **Inputs.** A ``Work`` is a module-level function and a tuple of explicit inputs, never a
  closure over a caller's state. The child is made by ``fork``: it inherits the inputs as they
  are, so nothing is pickled on the way in; what it returns comes back pickled.
- **One switch.** ``jobs`` (the ``jobs:`` option, overridden by the ``TERMBOOK_JOBS`` variable)
  is how many processes may work at once, the build's own included: 1 runs everything in the
  build's process, with the same output file for file.
- **Never beside a thread.** Forking a process that runs other threads is unsafe (a lock held
  by one of them stays locked in the child forever; Python 3.12 warns about it). With another
  thread alive (``mkdocs serve``'s server and watcher), the work runs in the build's process.
- **One failure policy.** A child that raises or dies (killed, out of memory) is reported as a
  warning naming the work, with its traceback or exit code, and the work is then done in the
  build's process. A failure there is the build's: ``WorkFailed``. A warning, so a build with
  ``--strict`` fails even when the work was recovered: the site is right, but a child that
  fails where the build's process does not points at the machine or at state the child
  inherited, which is worth a look; ``TERMBOOK_JOBS=1`` builds without children.

Work that runs in the build's process runs when its result is first asked for, not when it
is started, so it costs the build what it would cost without a runner.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

JOBS_VARIABLE = "TERMBOOK_JOBS"
"""Environment variable that overrides the ``jobs:`` option (``TERMBOOK_JOBS=1``: no child)."""
POLL_SECONDS = 0.2


class Logger(Protocol):
    def warning(self, msg: str, /) -> Any: ...

    def debug(self, msg: str, /) -> Any: ...


class WorkFailed(Exception):
    """Work failed in the build's own process: the message names the work and the cause."""


BACKGROUND = 10
"""How much less a background child counts to the scheduler (``nice``): measured at 2,000
terms, children at the build's own priority made the build 1.25 times slower on 2 cores."""


def jobs_setting(option: int | None, environ: Mapping[str, str] = os.environ) -> int | None:
    """How many processes may work at once: ``TERMBOOK_JOBS`` if set, else the option; None
    for no limit. Anything but a whole number of at least 1 is an error, said plainly."""
    raw = environ.get(JOBS_VARIABLE, "").strip()
    if not raw:
        if option is not None and option < 1:
            raise ValueError(f"jobs: {option}: give a whole number of processes, 1 or more")
        return option
    jobs = int(raw) if raw.isdigit() else 0
    if jobs < 1:
        raise ValueError(f"{JOBS_VARIABLE}={raw!r}: give a whole number of processes, 1 or more")
    return jobs


def settle_heap() -> None:
    """Leave what the build has made so far (the glossary, its entries, the linker: most of
    its memory) out of the cyclic garbage collector's rounds until `unsettle_heap`. Measured
    at 2,000 terms, the full collections walking it took 0.5 to 0.9 s of the build's process
    (0.1 s in a plain MkDocs build); and a collection after a fork writes to each object it
    walks, copying memory a child shares."""
    gc.freeze()


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: loading a glossary makes objects by the hundred
    thousand and frees hardly any cycle, and each full collection would walk them all again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def unsettle_heap() -> None:
    """The collector walks everything again: at the end of a build, as `mkdocs serve` builds
    again in the same process and a frozen object is never collected."""
    gc.unfreeze()


def can_fork() -> bool:
    """Whether this platform makes children by ``fork`` (not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def threads_alive() -> int:
    """Threads of this process, the calling one included."""
    return threading.active_count()


@dataclass(frozen=True)
class Work(Generic[T]):
    """``function(*inputs)``: what a child does, with everything it reads passed in."""

    what: str
    """What the work does, as a report names it ("writing the embedding kit")."""
    function: Callable[..., T]
    inputs: tuple = ()
    background: bool = False
    """True for work the build does not wait on until it ends (files written beside it, the
    last site deleted): its child yields the core to the build's process (``BACKGROUND``),
    which every page waits on. Work the build waits on mid-way keeps the build's priority."""

    def run(self) -> T:
        return self.function(*self.inputs)


class Runner:
    """Starts work beside the build (see the module doc); one per build."""

    def __init__(self, jobs: int | None = None, log: Logger | None = None) -> None:
        self.jobs = jobs
        self.log: Logger = log or logging.getLogger("termbook.runner")
        self._children: set[Job[Any]] = set()

    def forks(self) -> bool:
        """Whether work started now would run in a child process."""
        if self.jobs == 1 or not can_fork() or threads_alive() > 1:
            return False
        return self.jobs is None or len(self._children) < self.jobs - 1

    def start(self, work: Work[T]) -> Job[T]:
        """``work`` in a child process if ``forks()``, else deferred to ``Job.result``."""
        job = Job(self, work)
        if self.forks() and job._fork():
            self._children.add(job)
        return job

    def _done(self, job: Job[Any]) -> None:
        self._children.discard(job)


@dataclass(frozen=True)
class _Ended:
    """How a child ended: it returned ``value``, raised (``error``: its traceback), or died
    before it could say (neither; ``exitcode`` tells how)."""

    returned: bool
    value: Any = None
    error: str | None = None
    exitcode: int | None = None


class Job(Generic[T]):
    """Started work: ``result()`` waits for it (or does it, if it runs in the build's process)."""

    def __init__(self, runner: Runner, work: Work[T]) -> None:
        self.runner = runner
        self.work = work
        self._process: BaseProcess | None = None
        self._receive: Connection | None = None

    @property
    def in_child(self) -> bool:
        return self._process is not None

    def _fork(self) -> bool:
        context = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):  # else the child would print their buffers again
            stream.flush()
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(self.work, send), name="termbook-child")
        try:
            process.start()
        except (AssertionError, OSError):  # a daemon process may not fork; out of processes
            receive.close()
            return False
        finally:
            send.close()
        self._process, self._receive = process, receive
        return True

    def result(self) -> T:
        """What the work returned. A child that failed is reported and its work done here; a
        failure here raises ``WorkFailed``. Once only."""
        if self.in_child:
            ended = self._join()
            if ended.returned:
                return ended.value
            said = (
                f"the child raised:\n{ended.error.rstrip()}"
                if ended.error is not None
                else f"the child stopped with exit code {ended.exitcode}"
            )
            self.runner.log.warning(
                f"{self.work.what} failed in a child process and was done again in the build's "
                f"process; {said}"
            )
        return run_here(self.work.what, self.work.run, self.runner.log)

    def _join(self) -> _Ended:
        """Wait for the child (never on a dead one) and say how it ended."""
        process, receive = self._process, self._receive
        assert process is not None and receive is not None
        self._process = self._receive = None
        self.runner._done(self)
        try:
            while not receive.poll(POLL_SECONDS) and process.is_alive():
                pass
            message: tuple[bool, object] | None = None
            if receive.poll(0):
                try:
                    message = receive.recv()
                except EOFError:  # the child died before it could say anything
                    message = None
            process.join()
        finally:
            receive.close()
        if message is None:
            return _Ended(False, exitcode=process.exitcode)
        returned, payload = message
        if returned:
            return _Ended(True, value=payload, exitcode=process.exitcode)
        return _Ended(False, error=str(payload), exitcode=process.exitcode)

    def cancel(self) -> None:
        """Stop the child, if any: its work is no longer needed (the build failed elsewhere)."""
        process, receive = self._process, self._receive
        self._process = self._receive = None
        self.runner._done(self)
        if process is not None:
            process.terminate()
            process.join()
        if receive is not None:
            receive.close()


def run_here(what: str, make: Callable[[], T], log: Logger) -> T:
    """``make()`` in the build's process; a failure is ``WorkFailed`` naming ``what`` (its
    traceback goes to the debug log: ``mkdocs build -v`` shows it)."""
    try:
        return make()
    except Exception as error:
        log.debug(f"{what} failed:\n{_traceback(error)}")
        raise WorkFailed(f"{what} failed: {error}") from error


def _traceback(error: BaseException) -> str:
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def _child(work: Work[object], send: Connection) -> None:
    if work.background:
        with contextlib.suppress(OSError):
            os.nice(BACKGROUND)
    try:
        value = work.run()
    except BaseException as error:
        send.send((False, f"{type(error).__name__}: {error}\n{_traceback(error)}"))
        send.close()
        os._exit(1)  # no atexit handlers, no flushing of buffers the build's process owns
    send.send((True, value))
    send.close()


class MadeAhead(Generic[K, T]):
    """``make(key, *inputs)`` for each of ``keys``, made ahead by a child while the build does
    other work (the pages the build reaches last, made while it makes the first ones).

    ``get(key)`` hands back the child's value (waiting for the child the first time), or makes
    it here: for a key that was not given, and for every key when the runner does not fork.
    A child that fails is handled as every job's failure is (``Job.result``).
    """

    def __init__(
        self,
        runner: Runner,
        what: str,
        keys: list[K],
        make: Callable[..., T],
        inputs: tuple = (),
    ) -> None:
        self.keys = set(keys)
        self.what = what
        self.log = runner.log
        self._make = make
        self._inputs = inputs
        self._made: dict[K, T] | None = None
        self._job: Job[dict[K, T]] | None = None
        if keys and runner.forks():
            job = runner.start(Work(what, make_each, (make, tuple(keys), inputs)))
            self._job = job if job.in_child else None

    def get(self, key: K) -> T:
        if self._job is not None and key in self.keys:
            job, self._job = self._job, None
            self._made = job.result()
        if self._made is not None and key in self._made:
            return self._made.pop(key)  # each is asked for once: let it go
        return run_here(f"{self.what} ({key})", lambda: self._make(key, *self._inputs), self.log)

    def cancel(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.cancel()


def make_each(make: Callable[..., T], keys: tuple[K, ...], inputs: tuple) -> dict[K, T]:
    """``make(key, *inputs)`` for every key: what a ``MadeAhead`` child does."""
    return {key: make(key, *inputs) for key in keys}
