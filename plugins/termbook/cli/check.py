"""`termbook check`: every problem of every term file, one per line, in one run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbook.cli.options import add_terms_dir, terms_folder
from termbook.glossary.problems import Severity, format_problems
from termbook.glossary.rendered import check_terms


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate term files and report every problem with file, line and column",
        description=(
            "Validate every term file. Prints PATH:LINE:COL: error|warning: MESSAGE [code] "
            "for each problem. Exit 0: no errors (warnings allowed unless --strict); "
            "1: problems found; 2: usage error."
        ),
    )
    add_terms_dir(parser)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="output format: text (default), github (Actions annotations), json",
    )
    parser.add_argument(
        "--docs-dir",
        default="docs",
        metavar="DIR",
        help="folder that term images (image.src) are relative to (default: docs)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    terms_dir = terms_folder(args.terms_dir, "check")
    if terms_dir is None:
        return 2
    checked = check_terms(terms_dir, Path.cwd(), dates=False, docs_dir=Path(args.docs_dir))
    output = format_problems(checked.problems, args.format)
    if output:
        print(output)
    errors = checked.count(Severity.ERROR)
    warnings = checked.count(Severity.WARNING)
    hints = checked.count(Severity.HINT)
    if args.format == "text":
        files = len(checked.loaded.files)
        print(
            f"checked {files} term files: {errors} error(s), {warnings} warning(s)"
            + (f", {hints} hint(s)" if hints else ""),
            file=sys.stderr,
        )
    if errors or (args.strict and warnings):
        return 1
    return 0
