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
STARTER = PACKAGE / "starter"
"""The new glossary project `termbook init` writes (dot-files stored without their dot)."""


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
    return f"{header}(() => {{\n{compact_script(body)}}})();\n"


def compact_script(source: str) -> str:
    """The parts as shipped: without their comment lines and indentation, which are for the
    people editing them (a third of the bytes every reader downloads). Lines stay lines, so
    automatic semicolons fall where they did. Only whole-line comments go: the parts have no
    multi-line strings, and a block comment that ends before code on its line is refused."""
    kept, in_comment = [], False
    for number, line in enumerate(source.splitlines(), 1):
        text = line.strip()
        if in_comment or text.startswith("/*"):
            closes = text.find("*/", 0 if in_comment else 2)
            if 0 <= closes < len(text) - 2:
                raise ValueError(f"line {number}: code after a block comment: {text[:60]!r}")
            in_comment = closes < 0
        elif text and not text.startswith("//"):
            kept.append(text)
    return "\n".join(kept) + "\n"


def compact_css(source: str) -> str:
    """A style sheet as shipped: without comments and with no whitespace CSS does not need.
    Every page's first paint waits for it, so its bytes count; the source keeps its comments.
    Strings are copied as they are; a run of spaces, newlines and comments becomes one space,
    none next to ``{``, ``}`` or ``;`` (after a comma it stays: custom properties keep theirs)."""
    out: list[str] = []
    gap, i = False, 0
    while i < len(source):
        if source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i, gap = (len(source) if end < 0 else end + 2), True
            continue
        char = source[i]
        if char.isspace():
            i, gap = i + 1, True
            continue
        if char in "\"'":
            end = i + 1
            while end < len(source) and source[end] != char:
                end += 2 if source[end] == "\\" else 1
            token = source[i : end + 1]
        else:
            token = char
        if gap and out and out[-1][-1] not in "{};" and token not in "{};":
            out.append(" ")
        out.append(token)
        i, gap = i + len(token), False
    return "".join(out) + "\n"
