"""Where the files the package ships live: templates, static assets, JSON Schemas.

One place, so moving a module between sub-packages never breaks a path to a shipped file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
ASSETS = PACKAGE / "assets"
SCHEMAS = PACKAGE / "schemas"


@lru_cache(maxsize=8)
def script(name: str, generated: tuple[tuple[str, str], ...] = ()) -> str:
    """A script assembled from its parts: ``assets/src/<name>.parts`` lists them, in order.

    The parts share one function scope, so a component is a file of its own without a bundler
    or modules; a part may be shared by several scripts (``shared/``: the site and the widget
    both show previews and fold names). A line ``=<part>`` is a part the build generates,
    given in ``generated`` as (part, source) pairs (the name rules, from ``termbook.names``).
    The header (``src/<name>/header.js``) is the built file's opening comment.
    """
    source = ASSETS / "src"
    made = dict(generated)
    listed = (source / f"{name}.parts").read_text(encoding="utf-8").splitlines()
    parts = [line.strip() for line in listed if line.strip() and not line.startswith("#")]
    missing = [part[1:] for part in parts if part.startswith("=") and part[1:] not in made]
    if missing:
        raise ValueError(f"{name}.js needs the generated part(s) {', '.join(missing)}")
    header = (source / name / "header.js").read_text(encoding="utf-8")
    body = "".join(
        made[part[1:]] if part.startswith("=") else (source / part).read_text(encoding="utf-8")
        for part in parts
    )
    return f"{header}(() => {{\n{body}}})();\n"
