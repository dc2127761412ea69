"""`termbook fmt`: rewrite term files in the canonical layout, or with --check list those that differ."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbook.glossary.fmt import collect_files, format_file
from termbook.glossary.loader import display_path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="put term files in the canonical layout (comments kept)",
        description=(
            "Rewrite term files in the canonical layout: keys in schema order, long text as "
            "| blocks, short name lists as [a, b], 2-space indents, comments kept. With --check, "
            "change nothing and list the files that would change (exit 1 if any)."
        ),
    )
    parser.add_argument(
        "targets",
        nargs="*",
        metavar="TERMS_DIR|FILE",
        help="folders of term files or single files (default: terms)",
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file would change"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    targets = [Path(t) for t in args.targets] or [Path("terms")]
    missing = [t for t in targets if not t.exists()]
    if missing:
        for target in missing:
            print(f"termbook fmt: error: '{target}' does not exist", file=sys.stderr)
        return 2
    files = collect_files(targets)
    changed = failed = 0
    for path in files:
        shown = display_path(path, root)
        outcome = format_file(path, shown)
        if outcome.error:
            failed += 1
            print(outcome.error, file=sys.stderr)
            continue
        if not outcome.changed:
            continue
        changed += 1
        if args.check:
            print(
                f"{shown}:{outcome.first_changed_line}:1: not in the canonical layout; run `termbook fmt`"
            )
        else:
            path.write_text(outcome.formatted or "", encoding="utf-8", newline="\n")
            print(f"formatted {shown}")
    verb = "would reformat" if args.check else "reformatted"
    unchanged = len(files) - changed - failed
    summary = f"{verb} {changed} file(s), {unchanged} already formatted"
    if failed:
        summary += f", {failed} not formatted (fix the errors above)"
    print(summary, file=sys.stderr)
    return 1 if (changed and args.check) or failed else 0
