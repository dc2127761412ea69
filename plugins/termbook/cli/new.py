"""`termbook new`: write a term file to fill in, or say which entry already has the name."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from termbook.cli.options import terms_folder
from termbook.glossary.loader import display_path
from termbook.glossary.scaffold import PLACEHOLDER, ScaffoldError, plan_term, write_term


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a new term file with every field to fill in",
        description=(
            "Write terms/<slug>.yaml: every field, a line of guidance for each and "
            f"'{PLACEHOLDER}' placeholders that `termbook check` reports until replaced. "
            "Refuses to overwrite a file or to repeat a name or alias the glossary already has."
        ),
    )
    parser.add_argument("name", metavar="NAME", help='the term as people say it, e.g. "Rack Focus"')
    parser.add_argument(
        "--category",
        "-c",
        dest="categories",
        action="append",
        required=True,
        metavar="CATEGORY",
        help="a category from terms/_categories.yaml (repeat for more than one)",
    )
    parser.add_argument(
        "--alias",
        "-a",
        dest="aliases",
        action="append",
        default=[],
        metavar="ALIAS",
        help="another name for the same thing (repeat for more than one)",
    )
    parser.add_argument(
        "--new-category",
        action="store_true",
        help="allow a category that terms/_categories.yaml does not have yet",
    )
    parser.add_argument("--slug", help="the URL name, when it cannot be derived from NAME")
    parser.add_argument(
        "--terms-dir",
        default="terms",
        metavar="DIR",
        help="folder of term files, created when missing (default: terms)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    made_folder = not Path(args.terms_dir).exists()
    if made_folder:  # the first term of a new glossary: its folder comes with it
        Path(args.terms_dir).mkdir(parents=True)
    terms_dir = terms_folder(args.terms_dir, "new")
    if terms_dir is None:
        return 2
    try:
        new = plan_term(
            terms_dir,
            args.name,
            args.categories,
            args.aliases,
            slug=args.slug,
            allow_new_category=args.new_category,
            root=Path.cwd(),
        )
        write_term(new)
    except (ScaffoldError, FileExistsError) as exc:
        if made_folder:  # nothing written: no empty folder left behind either
            terms_dir.rmdir()
        if isinstance(exc, FileExistsError):
            exc = f"{new.path.as_posix()} already exists"
        print(f"termbook new: error: {exc}", file=sys.stderr)
        return 1
    shown = display_path(new.path, Path.cwd())
    termbook = _invoked_as()
    if made_folder:
        print(f"created the folder {display_path(terms_dir, Path.cwd())}/")
    print(f"created {shown}")
    print("next steps:")
    print(f"  1. open {shown} and replace every '{PLACEHOLDER}' text (delete optional fields")
    print("     you have nothing for); the comments in the file say what each field wants")
    print(f"  2. {termbook} check   (lists what is left to do)")
    print(f"  3. {termbook} fmt     (tidies the layout)")
    preview = _preview_command(terms_dir.resolve().parent)
    if preview:
        print(f"  4. {preview}, then open http://127.0.0.1:8000/terms/{new.slug}/")
    else:
        print(f"  4. no site around these terms yet: `{termbook} init` starts one")
    for category in new.new_categories:
        print(
            f"  note: '{category}' is a new category: describe it in "
            f"{display_path(terms_dir, Path.cwd())}/_categories.yaml "
            "(name: {description: ..., slug: ...}) or `termbook check` warns [unknown-category]"
        )
    return 0


def _preview_command(project: Path) -> str | None:
    """How this project previews its site: its Makefile's `serve` target, else `mkdocs serve`
    beside a mkdocs.yml; None when the terms are not (yet) part of a site."""
    for folder in dict.fromkeys((Path.cwd().resolve(), project)):
        makefile = folder / "Makefile"
        if makefile.is_file() and re.search(
            r"^serve\s*:", makefile.read_text(encoding="utf-8", errors="replace"), re.M
        ):
            return "make serve" + ("" if folder == Path.cwd().resolve() else f" (in {folder})")
        if (folder / "mkdocs.yml").is_file():
            return "mkdocs serve" + ("" if folder == Path.cwd().resolve() else f" (in {folder})")
    return None


def _invoked_as() -> str:
    """`termbook` as the contributor typed it (`.venv/bin/termbook` without an activated venv)."""
    program = sys.argv[0] if sys.argv else ""
    return program if Path(program).name == "termbook" else "termbook"
