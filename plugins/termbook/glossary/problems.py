"""Problems found in term files, and the one place that formats them.

`termbook check` and `mkdocs build` print the same lines, so contributors learn one format:
``PATH:LINE:COL: error|warning: MESSAGE [code]``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    HINT = "hint"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one file; lines and columns count from 1."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    code: str

    def __post_init__(self) -> None:
        # Messages quote file content, and reach terminals and CI logs: no control characters.
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: "
            f"{self.severity.value}: {self.message} [{self.code}]"
        )


_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Control and bidi-override characters, and the lone surrogates of undecodable file names."""


_LONG_WORD = re.compile(r"\S{160,}")


def printable(text: str) -> str:
    """Text with control and bidi-override characters shown as escapes (``\\x1b``, ``\\u202e``).

    An escape sequence or a line break quoted from a term file must not recolour a terminal,
    fake another problem line or reorder what a reviewer reads; a quoted value thousands of
    characters long is shortened in the middle.
    """
    text = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
    return _LONG_WORD.sub(lambda m: f"{m.group()[:60]}…{m.group()[-20:]}", text)


def error(path: str, position: tuple[int, int], message: str, code: str) -> Problem:
    return Problem(path, position[0], position[1], Severity.ERROR, message, code)


def warning(path: str, position: tuple[int, int], message: str, code: str) -> Problem:
    return Problem(path, position[0], position[1], Severity.WARNING, message, code)


def hint(path: str, position: tuple[int, int], message: str, code: str) -> Problem:
    return Problem(path, position[0], position[1], Severity.HINT, message, code)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by file, then position, so output is stable and reads top to bottom."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code, p.message))


def _github_escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command, shown as an annotation on the changed line."""
    level = {"error": "error", "warning": "warning", "hint": "notice"}[problem.severity.value]
    props = ",".join(
        [
            f"file={_github_escape(problem.path, property_value=True)}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_github_escape('termbook ' + problem.code, property_value=True)}",
        ]
    )
    return f"::{level} {props}::{_github_escape(problem.message)}"


def format_json(problems: Iterable[Problem]) -> str:
    items = []
    for problem in problems:
        item = asdict(problem)
        item["severity"] = problem.severity.value
        items.append(item)
    return json.dumps(items, indent=2, ensure_ascii=False)


def format_problems(problems: Iterable[Problem], fmt: str = "text") -> str:
    problems = list(problems)
    if fmt == "json":
        return format_json(problems)
    if fmt == "github":
        return "\n".join(format_github(p) for p in problems)
    return "\n".join(p.format() for p in problems)
