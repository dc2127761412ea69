"""What `termbook new` suggests in a new term file: field-neutral words unless the glossary
says otherwise in ``terms/_placeholders.yaml``.

The scaffold's structure (fields, guidance, `TODO:` markers) is the package's; the examples it
gives belong to the glossary's field. A glossary of film terms wants a line said on set and a
cinematographers' manual as a source; a glossary of any other field wants its own, or none.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from termbook.glossary.yamlload import load_bytes

PLACEHOLDERS_FILE = "_placeholders.yaml"
"""Beside the term files; a leading ``_`` keeps the loader from reading it as a term."""


class PlaceholdersError(Exception):
    """The placeholders file cannot be used; the message names the file and the fix."""


@dataclass(frozen=True)
class Placeholders:
    """The field-specific words of a new term file (each a single line of text)."""

    usage: str = "as people in the field say or write it"
    """Completes "The term in use, ..." in the comment above `examples`."""
    example: str = "a sentence that uses the term, as you would meet it"
    """The example placeholder, after `TODO: `."""
    related: str = "Another Term, A Third Term"
    """Names shown as an example of `related`, comma-separated."""
    source: str = "The Standard Handbook of the Field"
    """The example source title in the comment above `sources`."""


def placeholders(terms_dir: Path) -> Placeholders:
    """The glossary's placeholders: the defaults, with what ``terms/_placeholders.yaml`` sets."""
    path = terms_dir / PLACEHOLDERS_FILE
    if not path.is_file():
        return Placeholders()
    shown = path.as_posix()
    doc, problems = load_bytes(path.read_bytes(), shown)
    if problems:
        raise PlaceholdersError(problems[0].format())
    data = doc.data if doc.data is not None else {}
    known = [f.name for f in fields(Placeholders)]
    if not isinstance(data, dict):
        raise PlaceholdersError(f"{shown}: expected keys like `example: ...` ({', '.join(known)})")
    unknown = sorted(str(key) for key in data if key not in known)
    if unknown:
        raise PlaceholdersError(
            f"{shown}: unknown key(s) {', '.join(unknown)}; the keys are {', '.join(known)}"
        )
    wrong = sorted(str(k) for k, v in data.items() if not isinstance(v, str) or "\n" in v.strip())
    if wrong:
        raise PlaceholdersError(f"{shown}: {', '.join(wrong)} must be one line of text")
    return replace(Placeholders(), **{str(k): " ".join(v.split()) for k, v in data.items()})
