"""`termbook diff`: what a change does to the glossary, between two revisions of the repository."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbook.review import GitError, diff_revisions, render_json, render_markdown


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="terms added, changed, renamed and removed between two git revisions, and what it does to the site",
        description=(
            "Compare the glossary at two git revisions (read from git, nothing checked out): "
            "terms added, changed (which fields), renamed and removed; names gained and lost; "
            "pages that now link a term or lost a link; problems introduced and fixed. "
            "Run it in the project folder. Exit 0: compared; 2: a revision or folder git "
            "cannot read."
        ),
    )
    parser.add_argument("base", metavar="BASE", help="the revision before the change (main, a SHA)")
    parser.add_argument(
        "head",
        metavar="HEAD",
        nargs="?",
        default="HEAD",
        help="the revision after it (default: HEAD)",
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "json"),
        default="markdown",
        help="output format (default: markdown)",
    )
    parser.add_argument(
        "--terms-dir", default="terms", metavar="DIR", help="folder of term files (default: terms)"
    )
    parser.add_argument(
        "--docs-dir",
        default="docs",
        metavar="DIR",
        help="folder of articles and images (default: docs)",
    )
    parser.add_argument(
        "--site-url",
        default="",
        metavar="URL",
        help="a built copy of the head's site (a preview deploy): pages in the Markdown link there",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = diff_revisions(
            Path.cwd(), args.base, args.head, terms_dir=args.terms_dir, docs_dir=args.docs_dir
        )
    except GitError as exc:
        print(f"termbook diff: error: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(render_json(result))
    else:
        print(render_markdown(result, args.site_url), end="")
    return 0
