"""Files of this repository made from the registries, so that no copy is written by hand.

The term schema (shipped in the package and copied for editors), the API schema's term fields,
the reference tables of term fields and of export formats: each follows from `glossary.fields`
or `publish.exports.FORMATS`. ``python -m termbook.cli.generated`` (``make generated``) writes
them; with ``--check`` it lists those out of date and exits 1; `tests/test_fields.py` checks
that none is.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from termbook.glossary.fields import guide_table, reference_table, schema_json, term_schema
from termbook.publish import api
from termbook.publish.exports import COMMAND_FORMATS, FORMATS, exports_table

TERM_SCHEMA = Path("plugins/termbook/schemas/term.schema.json")
EDITORS_SCHEMA = Path("schemas/term.schema.json")
API_SCHEMA = Path("plugins/termbook/schemas/api.schema.json")
CLI_REFERENCE = Path("docs/reference/cli.md")


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


def with_block(text: str, after: str, block: str) -> str:
    """``text`` with the first fenced block after the line ``after`` replaced by ``block``
    (its content, without the fences)."""
    lines = text.splitlines(keepends=True)
    opening, closing = _fence(lines, after)
    return "".join(lines[: opening + 1]) + block + "".join(lines[closing:])


def fenced_block(text: str, after: str) -> str:
    """The content of the first fenced block after the line ``after``."""
    lines = text.splitlines(keepends=True)
    opening, closing = _fence(lines, after)
    return "".join(lines[opening + 1 : closing])


def _fence(lines: list[str], after: str) -> tuple[int, int]:
    """The lines that open and close the first fenced block after the line ``after``."""
    if after + "\n" not in lines:
        raise ValueError(f"no line {after!r}")
    start = lines.index(after + "\n")
    opening = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("```"))
    closing = next(i for i in range(opening + 1, len(lines)) if lines[i].startswith("```"))
    return opening, closing


def with_item(text: str, start: str, item: str) -> str:
    """``text`` with the list item that starts with ``start`` (to its last indented line)
    replaced by ``item``."""
    lines = text.splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    end = first + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    return "".join(lines[:first]) + item + "".join(lines[end:])


def export_synopsis(text: str) -> str:
    """The command line reference's `termbook export` line with the command's formats."""
    line = "termbook export --format " + "|".join(COMMAND_FORMATS) + "\n"
    return re.sub(r"(?m)^termbook export --format \S*\n", lambda _: line, text, count=1)


def exports_item() -> str:
    """README's item on the exports, from the registry of formats."""
    files = [f.title for f in FORMATS.values() if f.published and not f.study]
    study = [f.title for f in FORMATS.values() if f.published and f.study]
    others = [f"{f.title} (`{f.name}`)" for f in COMMAND_FORMATS.values() if not f.published]
    text = (
        f"- exports in `/exports/`: {_listed(files)}; study material: {_listed(study)}. "
        f"`termbook export --format NAME` writes each, and {_listed(others)}; every file's "
        "address and command is in [docs/reference/urls.md](docs/reference/urls.md#exports)."
    )
    return _fill(text)


def _fill(text: str) -> str:
    """Lines of at most 100 columns, a list item's continuation indented; code spans whole."""
    kept = re.sub(r"`[^`]*`", lambda m: m.group().replace(" ", "\0"), text)
    lines = textwrap.fill(kept, 100, subsequent_indent="  ", break_on_hyphens=False)
    return lines.replace("\0", " ") + "\n"


def _listed(names: list[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def _table(header: str, make: Callable[[], str]) -> Callable[[str], str]:
    return lambda text: with_table(text, header, make())


def _whole(make: Callable[[], str]) -> Callable[[str], str]:
    return lambda _text: make()


def generators(root: Path) -> dict[Path, list[Callable[[str], str]]]:
    """Repository path → the edits that make its generated parts (applied in order)."""
    schema = _whole(lambda: schema_json(term_schema()))
    return {
        TERM_SCHEMA: [schema],
        EDITORS_SCHEMA: [schema],
        API_SCHEMA: [lambda text: schema_json(api.with_fields(json.loads(text)))],
        Path("docs/reference/term-files.md"): [_table("| Field | Type | Rules |", reference_table)],
        Path("CONTRIBUTING.md"): [_table("| Field | Required | What it holds |", guide_table)],
        CLI_REFERENCE: [export_synopsis],
        Path("docs/reference/urls.md"): [_table("| URL | Format | Command |", exports_table)],
        Path("README.md"): [
            lambda text: with_item(text, "- exports in `/exports/`", exports_item()),
            lambda text: with_block(text, "## Command line", _synopsis(root)),
        ],
    }


def _synopsis(root: Path) -> str:
    """The command line reference's synopsis (itself checked against the parser)."""
    reference = export_synopsis((root / CLI_REFERENCE).read_text(encoding="utf-8"))
    return fenced_block(reference, "# Command line")


def generated(root: Path) -> dict[Path, tuple[str, str]]:
    """Path → (its text now, the text it should have)."""
    found = {}
    for path, edits in generators(root).items():
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
