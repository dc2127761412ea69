"""Sub-commands of `termbook`; each module has ``register(subparsers)``.

The few things every command does alike live here: the TERMS_DIR argument and the usage
error (exit 2) for a folder that is not there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_terms_dir(parser: argparse.ArgumentParser, default: str | None = "terms") -> None:
    """The optional positional TERMS_DIR most commands take."""
    parser.add_argument(
        "terms_dir",
        nargs="?",
        default=default,
        metavar="TERMS_DIR",
        help=f"folder of term files (default: {default or 'the site configuration'})",
    )


def terms_folder(path: Path | str, command: str) -> Path | None:
    """The folder as a Path, or None after printing the usage error the caller exits 2 on."""
    folder = Path(path)
    if folder.is_dir():
        return folder
    print(f"termbook {command}: error: '{folder}' is not a folder", file=sys.stderr)
    return None
