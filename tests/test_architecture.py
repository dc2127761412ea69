"""The layers ARCHITECTURE.md describes, checked: the core never imports MkDocs, each sub-package
imports only from the layers below it, and nothing private crosses a sub-package's border."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import termbook

PACKAGE = Path(termbook.__file__).resolve().parent

LAYERS: list[set[str]] = [
    {"resources", "runner"},
    {"names", "text"},
    {"glossary"},
    {"linking"},
    {"study"},
    {"pages"},
    {"publish"},
    {"review"},
    {"likes"},
    {"cli"},
    {"__main__"},
    {"config"},
    {"plugin"},
]
"""Lowest first. A module may import from its own sub-package and from any lower layer."""

ADAPTER = {"termbook.plugin", "termbook.config", "termbook.cli.export", "termbook.__main__"}
"""The MkDocs adapter, the SCORM export command (it runs a real MkDocs build) and `python -m`."""


def _layer(part: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if part in layer)


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append((".".join(["termbook", *parts]), path))
    return found


def _imports(path: Path, module: str) -> list[tuple[str, list[str]]]:
    """(imported module, names) of every import in a file, relative ones resolved."""
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, target] if target else base)
            found.append((target, [alias.name for alias in node.names]))
    return found


def test_every_module_belongs_to_a_layer():
    for module, _ in _modules():
        parts = module.split(".")
        if len(parts) > 1:
            _layer(parts[1])


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda v: str(v))
def test_imports_go_down_the_layers_and_only_through_public_names(module: str, path: Path):
    parts = module.split(".")
    if len(parts) == 1:
        return  # the package's own public face re-exports from the layers
    own = parts[1]
    for target, names in _imports(path, module):
        if target.split(".")[0] != "termbook" or target == "termbook":
            assert not (
                target == "termbook"
                and any(n.startswith("_") and n != "__version__" for n in names)
            )
            continue
        other = target.split(".")[1]
        if other == own:
            continue
        assert _layer(other) < _layer(own), (
            f"{module} imports {target}: {own} may not depend on {other}"
        )
        private = [p for p in target.split(".")[2:] if p.startswith("_")]
        private += [n for n in names if n.startswith("_")]
        assert not private, f"{module} imports the private {private} of {target}"


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(termbook.__path__, "termbook.")]
    return sorted(n for n in names if n not in ADAPTER)


def test_the_core_modules_exist():
    modules = core_modules()
    assert {
        "termbook.glossary.loader",
        "termbook.linking.linker",
        "termbook.publish.exports.tbx",
        "termbook.cli",
    } <= set(modules)


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


def test_the_layer_check_sees_a_violation(tmp_path):
    """The check above can fail: a module of `names` importing `glossary` is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from termbook.glossary import Term\nfrom termbook.linking._html import tokenize\n"
    )
    targets = _imports(bad, "termbook.names.bad")
    assert ("termbook.glossary", ["Term"]) in targets
    assert _layer("glossary") > _layer("names")
    assert any(part.startswith("_") for t, _ in targets for part in t.split("."))


MKDOCS_IMPORTERS = {"termbook.plugin", "termbook.config", "termbook.cli.export"}
"""The modules that import MkDocs, as ARCHITECTURE.md says: the adapter, and the export command
inside the function that builds the site for the SCORM packages."""


def test_exactly_the_modules_architecture_names_import_mkdocs():
    importers = {
        module
        for module, path in _modules()
        if any(target.split(".")[0] == "mkdocs" for target, _ in _imports(path, module))
    }
    assert importers == MKDOCS_IMPORTERS
    assert importers <= ADAPTER
    text = (PACKAGE.parents[1] / "ARCHITECTURE.md").read_text(encoding="utf-8")
    said = text.split("MkDocs is imported by three", 1)[1].split("\n\n", 1)[0]
    for module in importers:
        assert module.removeprefix("termbook.").replace(".", "/") + ".py" in " ".join(said.split())
