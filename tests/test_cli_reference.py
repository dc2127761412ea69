"""docs/reference/cli.md against the parser the `termbook` command really has: every sub-command
and option documented, nothing documented that does not exist, the same choices in the same order.

The synopsis block at the top of the page is the contract; README's copy of it is generated
(`make generated`, checked in test_fields.py)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from termbook.cli import COMMANDS, build_parser
from termbook.cli.generated import fenced_block

REPO = Path(__file__).resolve().parents[1]
REFERENCE = (REPO / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
OPTION = re.compile(r"(?<![\w-])(--?[a-z][\w-]*)")


def commands(
    parser: argparse.ArgumentParser, prefix: str = ""
) -> dict[str, argparse.ArgumentParser]:
    """Each runnable sub-command ("check", "likes serve") and its parser."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = commands(sub, f"{prefix}{name} ")
                found.update(nested or {f"{prefix}{name}": sub})
    return found


PARSERS = commands(build_parser())


def documented() -> dict[str, str]:
    """Sub-command → its synopsis in the reference (continuation lines joined)."""
    found: dict[str, str] = {}
    current = None
    for line in fenced_block(REFERENCE, "# Command line").splitlines():
        if line.startswith("termbook "):
            words = []
            for word in line.split()[1:]:
                if not re.fullmatch(r"[a-z]+", word):
                    break
                words.append(word)
            current = " ".join(words)
            found[current] = line
        elif current and line.startswith(" "):
            found[current] += " " + line.strip()
    return found


SYNOPSIS = documented()


def test_every_sub_command_is_documented_and_nothing_else() -> None:
    assert list(SYNOPSIS) == list(PARSERS)
    assert {name.split()[0] for name in PARSERS} == set(COMMANDS)
    sections = re.findall(r"^## `termbook ([a-z ]+)`$", REFERENCE, re.MULTILINE)
    assert sections == list(PARSERS)


def disagreements(parser: argparse.ArgumentParser, line: str) -> list[str]:
    """What a synopsis line and a parser disagree on: options on one side only, choices."""
    shown = set(OPTION.findall(line))
    options = [
        a for a in parser._actions if a.option_strings and not isinstance(a, argparse._HelpAction)
    ]
    found = [
        f"undocumented {a.option_strings}" for a in options if not shown & set(a.option_strings)
    ]
    known = {string for action in options for string in action.option_strings}
    found += [f"no such option {string}" for string in sorted(shown - known)]
    for action in options:
        strings = shown & set(action.option_strings)
        if action.choices is None or not strings:
            continue
        written = re.search(re.escape(strings.pop()) + r" ([\w|-]+)", line)
        if written is None or written.group(1).split("|") != [str(c) for c in action.choices]:
            found.append(f"choices of {action.option_strings} differ")
    return found


@pytest.mark.parametrize("name", list(PARSERS))
def test_every_option_is_documented_and_every_documented_option_exists(name: str) -> None:
    assert disagreements(PARSERS[name], SYNOPSIS[name]) == []


@pytest.mark.parametrize("name", list(PARSERS))
def test_every_positional_argument_is_in_the_synopsis(name: str) -> None:
    for action in PARSERS[name]._actions:
        if not action.option_strings and not isinstance(action, argparse._SubParsersAction):
            metavar = action.metavar or action.dest.upper()
            assert metavar in SYNOPSIS[name] or metavar == "NAME", (name, metavar)


def test_the_check_sees_each_kind_of_drift() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--new-thing")
    parser.add_argument("--format", choices=("text", "json"))
    assert disagreements(parser, "termbook check [--strict] [--old] [--format json|text]") == [
        "undocumented ['--new-thing']",
        "no such option --old",
        "choices of ['--format'] differ",
    ]
