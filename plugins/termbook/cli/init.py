"""`termbook init`: a new glossary project that builds at once with `mkdocs build --strict`.

The project's files ship in the package (`resources.STARTER`): a site configuration, one
field-neutral example entry, a home page, a README and CONTRIBUTING.md, the CI workflow and the
pre-commit hooks. Nothing is overwritten: a folder that already holds one of them is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from termbook import __version__
from termbook.resources import STARTER

DOTTED = ("gitignore", "pre-commit-config.yaml", "github")
"""Starter names written with a leading dot (a wheel or an editor would hide them otherwise)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "init",
        help="start a new glossary project (site configuration, an example term, CI)",
        description=(
            "Write a new glossary project into DIR: mkdocs.yml (Material, search, termbook), "
            "terms/ with one example entry, docs/index.md, README.md, CONTRIBUTING.md, a GitHub "
            "workflow and a pre-commit configuration. It builds at once with "
            "`mkdocs build --strict`. Refuses to overwrite any file."
        ),
    )
    parser.add_argument(
        "directory",
        nargs="?",
        default=".",
        metavar="DIR",
        help="the project folder, created when missing (default: the current folder)",
    )
    parser.add_argument(
        "--name", required=True, help='the glossary\'s name, e.g. "The Beekeeping Glossary"'
    )
    parser.set_defaults(run=run)


def starter_files(name: str) -> dict[str, str]:
    """The project's files, by path relative to its folder, with the glossary's name in them."""
    values = {
        "__NAME_YAML__": json.dumps(name, ensure_ascii=False),  # a YAML double-quoted string
        "__NAME__": name,
        "__VERSION__": __version__,
    }
    files = {}
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        parts = source.relative_to(STARTER).parts
        target = "/".join(("." + parts[0] if parts[0] in DOTTED else parts[0], *parts[1:]))
        text = source.read_text(encoding="utf-8")
        for token, value in values.items():
            text = text.replace(token, value)
        files[target] = text
    return files


def run(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not name:
        print("termbook init: error: --name is empty", file=sys.stderr)
        return 2
    folder = Path(args.directory)
    if folder.exists() and not folder.is_dir():
        print(f"termbook init: error: '{folder}' is not a folder", file=sys.stderr)
        return 2
    files = starter_files(name)
    existing = [path for path in files if (folder / path).exists()]
    if existing:
        listed = ", ".join(existing)
        print(
            f"termbook init: error: {folder} already has {listed}; nothing was written. "
            "Start in an empty folder; to add a glossary to a site you already have, see "
            "'Add Termbook to an existing MkDocs site' in Termbook's documentation "
            "(docs/existing-site.md).",
            file=sys.stderr,
        )
        return 1
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    shown = folder.as_posix()
    print(f"created {name} in {shown}/: " + ", ".join(sorted(files)))
    print("next steps:")
    step = 1
    if shown != ".":
        print(f"  {step}. cd {shown}")
        step += 1
    print(f"  {step}. mkdocs serve   (preview at http://127.0.0.1:8000 while you edit)")
    print(f'  {step + 1}. termbook new "Term Name" --category General   (your first own term)')
    print(f"  {step + 2}. mkdocs build --strict   (the site, in site/)")
    return 0
