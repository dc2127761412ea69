"""Files of this repository made from the registries, so that no copy is written by hand.

The term schema (shipped in the package and copied for editors), the reference tables of term
fields and export formats: each follows from `glossary.fields` or `publish.exports.FORMATS`.
``python -m termbook.cli.generated`` (``make generated``) writes them; with ``--check`` it
only lists those out of date and exits 1, which `tests/test_generated.py` runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from termbook.glossary.fields import guide_table, reference_table, schema_json, term_schema

TERM_SCHEMA = Path("plugins/termbook/schemas/term.schema.json")
EDITORS_SCHEMA = Path("schemas/term.schema.json")


def with_table(text: str, header: str, table: str) -> str:
    """``text`` with the Markdown table that starts with the line ``header`` replaced."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.rstrip("\n") == header]
    if len(starts) != 1:
        raise ValueError(f"expected one table starting with {header!r}, found {len(starts)}")
    end = starts[0]
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "".join(lines[: starts[0]]) + table + "".join(lines[end:])


def _table(header: str, make: Callable[[], str]) -> Callable[[str], str]:
    return lambda text: with_table(text, header, make())


def _whole(make: Callable[[], str]) -> Callable[[str], str]:
    return lambda _text: make()


def generators() -> dict[Path, list[Callable[[str], str]]]:
    """Repository path → the edits that make its generated parts (applied in order)."""
    schema = _whole(lambda: schema_json(term_schema()))
    return {
        TERM_SCHEMA: [schema],
        EDITORS_SCHEMA: [schema],
        Path("docs/reference/term-files.md"): [_table("| Field | Type | Rules |", reference_table)],
        Path("CONTRIBUTING.md"): [_table("| Field | Required | What it holds |", guide_table)],
    }


def generated(root: Path) -> dict[Path, tuple[str, str]]:
    """Path → (its text now, the text it should have)."""
    found = {}
    for path, edits in generators().items():
        file = root / path
        text = file.read_text(encoding="utf-8") if file.exists() else ""
        wanted = text
        for edit in edits:
            wanted = edit(wanted)
        found[path] = (text, wanted)
    return found


def stale(root: Path) -> list[Path]:
    return [path for path, (now, wanted) in generated(root).items() if now != wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m termbook.cli.generated", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository's root")
    parser.add_argument("--check", action="store_true", help="list stale files; write nothing")
    args = parser.parse_args(argv)
    if args.check:
        old = stale(args.root)
        for path in old:
            print(f"{path.as_posix()} is out of date: run `make generated`", file=sys.stderr)
        return 1 if old else 0
    for path, (now, wanted) in generated(args.root).items():
        if now != wanted:
            (args.root / path).write_text(wanted, encoding="utf-8", newline="\n")
            print(f"wrote {path.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
