"""The wall DESIGN.md §1 promises: the core never imports MkDocs, so another engine can drive it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import termbook

ADAPTER = {"termbook.plugin", "termbook.config", "termbook.commands.export", "termbook.__main__"}
"""The MkDocs adapter, the SCORM export command (it runs a real MkDocs build) and `python -m`."""


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(termbook.__path__, "termbook.")]
    return sorted(n for n in names if n not in ADAPTER)


def test_the_core_modules_exist():
    modules = core_modules()
    assert {"termbook.loader", "termbook.linker", "termbook.exports.tbx", "termbook.cli"} <= set(
        modules
    )


def test_no_core_module_imports_mkdocs():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_command_line_runs_without_mkdocs_for_checking():
    code = (
        "import sys\n"
        "from termbook.cli import build_parser\n"
        "build_parser()\n"
        "print('mkdocs' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
