"""Work done in a forked process while the build goes on: the one fork-and-pipe of the package.

A build has an idle core while MkDocs renders pages or while terms load. ``Forked`` runs a
function in a child made by ``fork`` (it inherits the glossary, so nothing is pickled on the way
in) and hands back what it returned, or the traceback of what it raised. Where ``fork`` does not
exist, or the child cannot start, ``started`` is false and the caller does the work itself; a
child that dies without a word (killed, out of memory) is reported as such, never waited on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

T = TypeVar("T")

POLL_SECONDS = 0.2
BACKGROUND = 10
"""How much less a background child counts to the scheduler (``nice``): where cores are short,
the build's own process, which every page waits on, comes first; the child takes what is left
and is still done before the build needs its work."""


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """How the child ended: ``value`` if it returned, ``error`` (a traceback) if it raised;
    neither when it died before it could say (``exitcode`` tells how)."""

    value: T | None = None
    error: str | None = None
    returned: bool = False
    exitcode: int | None = None


class Forked(Generic[T]):
    """``work()`` running in a forked child named ``name``; ``outcome()`` joins it.
    ``background``: the child yields to the build (``BACKGROUND``) when both want a core."""

    def __init__(self, work: Callable[[], T], name: str, *, background: bool = False) -> None:
        self._process: BaseProcess | None = None
        self._receive: Connection | None = None
        if not can_fork():
            return
        context = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):  # else the child would print their buffers again
            stream.flush()
        receive, send = context.Pipe(duplex=False)
        niceness = BACKGROUND if background else 0
        process = context.Process(target=_run, args=(work, send, niceness), name=name)
        try:
            process.start()
        except (AssertionError, OSError):  # a daemon process may not fork; out of processes
            receive.close()
            return
        finally:
            send.close()
        self._process, self._receive = process, receive

    @property
    def started(self) -> bool:
        return self._process is not None

    def outcome(self) -> Outcome[T]:
        """Wait for the child (never on a dead one) and say how it ended."""
        process, receive = self._process, self._receive
        if process is None or receive is None:
            raise RuntimeError("no child was started")
        self._process = self._receive = None
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
            return Outcome(exitcode=process.exitcode)
        returned, payload = message
        if returned:
            return Outcome(value=payload, returned=True, exitcode=process.exitcode)  # type: ignore[arg-type]
        return Outcome(error=str(payload), exitcode=process.exitcode)

    def cancel(self) -> None:
        """Stop the child: its work is no longer needed."""
        process, receive = self._process, self._receive
        self._process = self._receive = None
        if process is not None:
            process.terminate()
            process.join()
        if receive is not None:
            receive.close()


def _run(work: Callable[[], object], send: Connection, niceness: int = 0) -> None:
    if niceness:
        with contextlib.suppress(OSError):  # not allowed here: run at the build's priority
            os.nice(niceness)
    try:
        value = work()
    except BaseException as error:
        cause = error.__cause__ or error
        detail = "".join(traceback.format_exception(type(cause), cause, cause.__traceback__))
        send.send((False, f"{error}\n{detail}"))
        send.close()
        raise SystemExit(1) from None
    send.send((True, value))
    send.close()


K = TypeVar("K")


class MadeAhead(Generic[K, T]):
    """``make(key)`` for each of ``keys``, made by a forked child while the build does other
    work: the pages the build reaches last, say, made while it makes the first ones.

    ``get(key)`` hands back the child's value (waiting for the child the first time), or makes
    it here: for any other key, and for all of them if the child could not start, failed or
    died (a failure then happens again here, with its traceback, in the build's own process).
    """

    def __init__(self, keys: list[K], make: Callable[[K], T], name: str) -> None:
        self.keys = set(keys)
        self._make = make
        self._made: dict[K, T] | None = None
        self._child: Forked[dict[K, T]] | None = (
            Forked(lambda: {key: make(key) for key in keys}, name) if keys else None
        )

    def get(self, key: K) -> T:
        if key in self.keys:
            if self._made is None:
                self._made = self._collect()
            if key in self._made:
                return self._made.pop(key)  # each is asked for once: let it go
        return self._make(key)

    def _collect(self) -> dict[K, T]:
        child, self._child = self._child, None
        if child is not None and child.started:
            outcome = child.outcome()
            if outcome.returned and outcome.value is not None:
                return outcome.value
        return {}

    def cancel(self) -> None:
        child, self._child = self._child, None
        if child is not None and child.started:
            child.cancel()
