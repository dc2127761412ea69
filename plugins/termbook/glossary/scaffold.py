"""`termbook new`: a complete term file to fill in, and the check that nothing was left unfilled.

The skeleton holds every field with a line of guidance, so a contributor who has never seen a
term file learns the format by filling one in. Its placeholders start with ``TODO:``, which
`termbook check` reports as a warning until replaced: a forgotten one fails ``--strict`` (and so
the pull request), but a half-written file still builds for a preview.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termbook.glossary.fields import FIELDS
from termbook.glossary.fmt import flow_scalar, format_text, plain_scalar
from termbook.glossary.loader import CATEGORIES_FILE, TERM_SUFFIXES, load_glossary
from termbook.glossary.model import Term
from termbook.glossary.placeholders import Placeholders, PlaceholdersError, placeholders
from termbook.glossary.problems import Problem, warning
from termbook.glossary.validate import did_you_mean
from termbook.glossary.yamlload import Path_, load_bytes
from termbook.names.folding import normalize_name, slugify
from termbook.resources import SCHEMAS

PLACEHOLDER = "TODO:"
_PLACEHOLDER = re.compile(r"\bTODO:")
PACKAGED_SCHEMA = SCHEMAS / "term.schema.json"
SCHEMA_COPY = Path("schemas") / "term.schema.json"
"""The editors' copy of the schema, relative to the project root (the folder above terms/)."""


class ScaffoldError(Exception):
    """Why no file was written; the message says what to do instead."""


@dataclass(frozen=True)
class NewTerm:
    path: Path
    slug: str
    text: str
    new_categories: tuple[str, ...] = ()


def plan_term(
    terms_dir: Path,
    name: str,
    categories: Sequence[str],
    aliases: Sequence[str] = (),
    *,
    slug: str | None = None,
    allow_new_category: bool = False,
    root: Path | None = None,
) -> NewTerm:
    """The file `termbook new` would write, or a ScaffoldError naming the entry in the way."""
    name = " ".join(name.split())
    aliases = [" ".join(a.split()) for a in aliases if a.strip()]
    if not name:
        raise ScaffoldError("the term name is empty")
    slug = slug or slugify(name)
    if not slug:
        raise ScaffoldError(
            f"no URL slug can be derived from '{name}' (it has no Latin letters or digits); "
            "give one with --slug"
        )
    if not categories:
        raise ScaffoldError("give at least one --category")
    _refuse_repeats(name, aliases)
    for suffix in TERM_SUFFIXES:
        existing = terms_dir / f"{slug}{suffix}"
        if existing.exists():
            raise ScaffoldError(f"{existing.as_posix()} already exists; edit that file instead")
    loaded = load_glossary(terms_dir, root or terms_dir.parent, dates=False)
    for candidate in (name, *aliases, slug):
        term = loaded.glossary.lookup(candidate)
        if term is not None:
            raise ScaffoldError(
                f"'{candidate}' is already in the glossary as '{term.name}' "
                f"({term.source_path}); edit that entry, or add a new alias there"
            )
    chosen, new = _categories(terms_dir, categories, allow_new_category)
    try:
        words = placeholders(terms_dir)
    except PlaceholdersError as exc:
        raise ScaffoldError(str(exc)) from exc
    ref = schema_reference(terms_dir)
    text = skeleton(name, slug, chosen, aliases, schema_ref=ref, placeholders=words)
    text = format_text(text, f"{slug}.yaml")  # a long list of aliases becomes a block list
    return NewTerm(terms_dir / f"{slug}.yaml", slug, text, tuple(new))


def write_term(new: NewTerm) -> None:
    """Write the planned file; never over an existing one (a file created since planning)."""
    new.path.parent.mkdir(parents=True, exist_ok=True)
    with new.path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(new.text)


def _refuse_repeats(name: str, aliases: list[str]) -> None:
    seen = {normalize_name(name)}
    for alias in aliases:
        if normalize_name(alias) in seen:
            raise ScaffoldError(f"the alias '{alias}' repeats the name or another alias")
        seen.add(normalize_name(alias))


def known_categories(terms_dir: Path) -> list[str] | None:
    """Category names of terms/_categories.yaml; None when there is no such file (any goes)."""
    path = terms_dir / CATEGORIES_FILE
    if not path.is_file():
        return None
    doc, problems = load_bytes(path.read_bytes(), path.as_posix())
    if problems or not isinstance(doc.data, dict):
        raise ScaffoldError(f"{path.as_posix()} has errors; run `termbook check` first")
    return [str(name) for name in doc.data]


def _categories(
    terms_dir: Path, wanted: Sequence[str], allow_new: bool
) -> tuple[list[str], list[str]]:
    """The categories as spelled in the categories file, and those that are new to it."""
    known = known_categories(terms_dir)
    if known is None:
        return [" ".join(c.split()) for c in wanted], []
    by_fold = {c.casefold(): c for c in known}
    chosen, new = [], []
    for name in (" ".join(c.split()) for c in wanted):
        if name.casefold() in by_fold:
            chosen.append(by_fold[name.casefold()])
        elif allow_new:
            chosen.append(name)
            new.append(name)
        else:
            listed = ", ".join(known)
            raise ScaffoldError(
                f"unknown category '{name}'{did_you_mean(name, known)}. Known categories: "
                f"{listed}. To start a new one, add --new-category."
            )
    return chosen, new


def schema_reference(terms_dir: Path) -> str | None:
    """The editors' schema as a path relative to the terms folder, when the project keeps one."""
    copy = terms_dir.parent / SCHEMA_COPY
    if not copy.is_file():
        return None
    return Path(os.path.relpath(copy, terms_dir)).as_posix()


def skeleton(
    name: str,
    slug: str,
    categories: Sequence[str],
    aliases: Sequence[str] = (),
    *,
    schema_ref: str | None = None,
    placeholders: Placeholders | None = None,
) -> str:
    """A term file with every field, guidance comments and TODO placeholders (canonical layout);
    the field-specific words come from ``placeholders`` (the glossary's, or neutral ones)."""
    words = placeholders or Placeholders()
    example = "'" + f"{PLACEHOLDER} {words.example}".replace("'", "''") + "'"
    modeline = f"# yaml-language-server: $schema={schema_ref}\n" if schema_ref else ""
    values = {
        "name": plain_scalar(name),
        "bare_name": name,
        "slug": slug,
        "aliases": ", ".join(map(flow_scalar, aliases)),
        "categories": ", ".join(map(flow_scalar, categories)),
        "todo": PLACEHOLDER,
        "usage": words.usage,
        "example": example,
        "related": words.related,
        "source": words.source,
    }
    body = "".join(spec.scaffold.format(**values) for spec in FIELDS)
    return f"""{modeline}# A new entry for the glossary. Replace every "{PLACEHOLDER}" text below (delete an optional
# field you have nothing for), then run `termbook check` and `termbook fmt`.
# House style: CONTRIBUTING.md. You may delete these comments when you are done.
{body}"""


def placeholder_problems(terms: Iterable[Term]) -> list[Problem]:
    """A warning for each value still holding a `termbook new` placeholder."""
    problems = []
    for term in terms:
        doc = term.document
        if doc is None:
            continue
        for path, text in _strings(doc.data, ()):
            if _PLACEHOLDER.search(text):
                field = ".".join(str(p) for p in path if isinstance(p, str))
                problems.append(
                    warning(
                        term.source_path,
                        doc.where(path),
                        f"'{field}' still holds placeholder text from `termbook new`: "
                        "replace it, or delete the field if it is optional",
                        "placeholder",
                    )
                )
    return problems


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
