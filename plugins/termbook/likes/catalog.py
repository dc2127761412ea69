"""Which terms the likes service counts: the glossary it serves, read once at start.

Only known slugs are accepted, so the database cannot fill with made-up terms. The glossary comes
from the terms folder (the same loader the site uses) or from a built site's `api/terms.json`
(a site folder or the file itself, never a URL: the service starts offline).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from termbook.glossary import format_problems, load_glossary
from termbook.pages import urls


class CatalogError(Exception):
    """The glossary cannot be read; the message names the file and why."""


@dataclass(frozen=True)
class Catalog:
    """Known terms: slug → display name, in dictionary order."""

    names: dict[str, str]
    source: str
    warnings: list[str] = field(default_factory=list)

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and slug in self.names

    def __len__(self) -> int:
        return len(self.names)


def load_catalog(path: Path) -> Catalog:
    """The terms of a terms folder, a built site folder or an `api/terms.json` file."""
    api_file = path / urls.TERMS_API if path.is_dir() else path
    if api_file.is_file() and api_file.suffix == ".json":
        return _from_api(api_file)
    if not path.is_dir():
        raise CatalogError(f"{path}: not a terms folder, a built site or an api/terms.json file")
    return _from_terms(path)


def _from_terms(folder: Path) -> Catalog:
    # The project is the folder around terms/: its docs/ holds the illustrations, wherever the
    # service was started from (the working directory would drop every illustrated term).
    loaded = load_glossary(folder, folder.resolve().parent, dates=False)
    if not len(loaded.glossary):
        detail = format_problems(loaded.errors) if loaded.errors else "no term files in it"
        raise CatalogError(f"{folder}: no usable terms\n{detail}")
    warnings = []
    if loaded.errors:
        warnings.append(
            f"{len(loaded.errors)} problem(s) in {folder}: the terms with errors are not "
            "counted; run `termbook check` for the details"
        )
    names = {term.slug: term.name for term in loaded.glossary}
    return Catalog(names, f"terms folder {folder}", warnings)


def _from_api(file: Path) -> Catalog:
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
        records = document["terms"]
        names = {str(record["slug"]): str(record["term"]) for record in records}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogError(f"{file}: not a Termbook api/terms.json file ({exc})") from exc
    if not names:
        raise CatalogError(f"{file}: no terms in it")
    return Catalog(names, f"site API {file}")
