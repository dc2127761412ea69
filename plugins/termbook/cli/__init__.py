"""The `termbook` command: one sub-command per module of this package.

Each command module exposes ``register(subparsers)``, which adds its parser and sets ``run``;
adding a command is adding a module and a name in `COMMANDS`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from termbook import __version__

COMMANDS = ("init", "check", "new", "fmt", "diff", "export", "stats", "likes")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="termbook",
        description=(
            "Start a glossary project; check, create, format, compare and export the YAML "
            "term files of a Termbook glossary."
        ),
    )
    parser.add_argument("--version", action="version", version=f"termbook {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f".{name}", __package__)
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        return 130
    except BrokenPipeError:  # pragma: no cover - `termbook check | head`
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
