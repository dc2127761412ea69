"""Load, validate and render a terms folder: what `termbook check` and the build both run.

One function, so the command line and `mkdocs build` report the very same problems.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from termbook.glossary.entries import Entry, render_entries
from termbook.glossary.hints import suggestion_problems
from termbook.glossary.loader import LoadResult, load_glossary
from termbook.glossary.model import Glossary
from termbook.glossary.problems import Problem, Severity, sort_problems
from termbook.runner import Runner


@dataclass
class RenderedGlossary:
    loaded: LoadResult
    entries: dict[str, Entry]
    problems: list[Problem]
    meanwhile: object = None
    """What ``check_terms``' ``meanwhile`` returned."""

    @property
    def glossary(self) -> Glossary:
        return self.loaded.glossary

    def count(self, severity: Severity) -> int:
        return sum(p.severity is severity for p in self.problems)


def check_terms(
    terms_dir: Path,
    root: Path,
    *,
    dates: bool = True,
    docs_dir: Path | None = None,
    meanwhile: Callable[[Glossary], object] | None = None,
    runner: Runner | None = None,
) -> RenderedGlossary:
    """Every problem of every file: schema, glossary-wide rules, pictures and unsafe Markdown.

    ``docs_dir`` is where illustrations live (default: ``docs`` in ``root``). ``meanwhile``:
    work on the loaded glossary that needs no rendered entry (the build's linker), done while a
    child of ``runner`` renders entries; what it returns is the result's ``meanwhile``.
    """
    loaded = load_glossary(terms_dir, root, dates=dates, docs_dir=docs_dir)
    made: list[object] = []
    work = (lambda: made.append(meanwhile(loaded.glossary))) if meanwhile else None
    entries, render_problems = render_entries(loaded.glossary, work, runner)
    suggestions = suggestion_problems(loaded.glossary, terms_dir, root)
    problems = sort_problems([*loaded.problems, *render_problems, *suggestions])
    return RenderedGlossary(loaded, entries, problems, made[0] if made else None)
