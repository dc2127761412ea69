"""Read a terms folder into a Glossary, reporting every problem of every file in one pass.

A file with errors is left out of the glossary, but its names still count when other files
refer to it, so one broken file produces its own problems and no echoes in the others.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from termbook.glossary.entries import markup_problem, removed_problems, stray_link_problem
from termbook.glossary.gitdates import last_updated
from termbook.glossary.images import image_problems
from termbook.glossary.model import Category, Glossary, Term
from termbook.glossary.problems import Problem, error, sort_problems, warning
from termbook.glossary.validate import (
    CATEGORY_KEYS,
    RESERVED_SLUGS,
    _Checker,
    did_you_mean,
    validate_term,
)
from termbook.glossary.yamlload import Document, load_bytes, read_limited
from termbook.names.folding import is_valid_slug, normalize_name, slugify
from termbook.text.complexity import too_complex
from termbook.text.markdown import render_markdown
from termbook.text.plain import stray_link_syntax

CATEGORIES_FILE = "_categories.yaml"
NOT_TERMS = ("_", ".")
"""Files of the terms folder whose names start with these are not terms (side files such as
``_categories.yaml``, editors' and git's own files)."""
TERM_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    glossary: Glossary
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity.value == "warning"]


def display_path(path: Path, root: Path) -> str:
    """The path as problems show it: relative to the project root where possible.

    Only the folder is resolved: a link is shown under its own name, not its target's.
    """
    try:
        return (_resolved(path.parent) / path.name).relative_to(_resolved(root)).as_posix()
    except ValueError:
        return path.as_posix()


@lru_cache(maxsize=256)
def _resolved(folder: Path) -> Path:
    """Resolving is a system call per path component; all term files share one folder."""
    return folder.resolve()


@dataclass(frozen=True)
class Skipped:
    """An entry of the terms folder that is not read, and why."""

    path: Path
    reason: str
    code: str
    is_error: bool = False


_STRAY = "not a term file (term files end in .yaml or .yml); it is ignored"


def term_files(terms_dir: Path) -> tuple[list[Path], list[Skipped]]:
    """Term files, and what is skipped besides ``_``/``.`` names (stray files, odd entries).

    A link leading out of the terms folder is never read (nor rewritten by `termbook fmt`):
    a pull request could otherwise publish, or print in CI logs, any file of the machine.
    """
    terms: list[Path] = []
    skipped: list[Skipped] = []
    if not terms_dir.is_dir():
        return terms, skipped
    for entry in sorted(os.scandir(terms_dir), key=lambda e: e.name):
        if entry.name.startswith(NOT_TERMS):
            continue
        path = Path(entry.path)
        named_as_term = path.suffix.lower() in TERM_SUFFIXES
        problem = _entry_problem(path, terms_dir, named_as_term)
        if problem is not None:
            if problem.code:
                skipped.append(problem)
        elif named_as_term:
            terms.append(path)
        else:
            skipped.append(Skipped(path, _STRAY, "stray-file"))
    return terms, skipped


def _entry_problem(path: Path, terms_dir: Path, named_as_term: bool) -> Skipped | None:
    """Why an entry cannot be a term file; a Skipped with no code is ignored silently."""
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(terms_dir.resolve()):
            reason = "a link to a file outside the terms folder is not read; copy the file here"
            return Skipped(path, reason, "outside-link", is_error=True)
        if not target.exists():
            return Skipped(
                path, "a broken link (its target does not exist); it is ignored", "broken-link"
            )
    if path.is_dir():
        if named_as_term:
            return Skipped(path, "a folder named like a term file; it is ignored", "not-a-file")
        return Skipped(path, "", "")
    if not path.is_file():
        return Skipped(path, "not a regular file (a pipe or device?); it is ignored", "not-a-file")
    return None


def read_side_file(path: Path, terms_dir: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """A `_` file of the terms folder (`_categories.yaml`, ...), read as carefully as a term file:
    not through a link out of the folder, not a folder or a pipe, not beyond the size limit."""
    skipped = _entry_problem(path, terms_dir, named_as_term=True)
    if skipped is not None:
        report = error if skipped.is_error else warning
        return None, [report(shown, (1, 1), skipped.reason, skipped.code)]
    return read_limited(path, shown)


def load_glossary(
    terms_dir: Path,
    root: Path | None = None,
    *,
    dates: bool = True,
    docs_dir: Path | None = None,
) -> LoadResult:
    """Load, validate and index every term file below ``terms_dir``.

    Illustrations are looked up below ``docs_dir`` (default: ``docs`` in ``root``).
    """
    root = root or Path.cwd()
    docs_dir = docs_dir if docs_dir is not None else root / "docs"
    files, skipped = term_files(terms_dir)
    problems: list[Problem] = []
    for entry in skipped:
        report = error if entry.is_error else warning
        problems.append(report(display_path(entry.path, root), (1, 1), entry.reason, entry.code))
    if not terms_dir.is_dir():
        problems.append(
            error(
                display_path(terms_dir, root),
                (1, 1),
                "the terms folder does not exist",
                "no-terms-dir",
            )
        )
    categories, category_problems, categories_doc = _load_categories(terms_dir, root)
    problems += category_problems

    terms: list[Term] = []
    named: list[tuple[Document, list[str]]] = []
    salvaged: list[tuple[Document, list[str]]] = []
    for path in files:
        shown = display_path(path, root)
        raw, read_problems = read_limited(path, shown)
        problems += read_problems
        if raw is None:
            continue
        doc, load_problems = load_bytes(raw, shown)
        problems += load_problems
        if load_problems:
            salvaged.append(_salvage(raw, shown, path.stem))
            continue
        term, term_problems = validate_term(doc)
        problems += term_problems
        if isinstance(doc.data, dict):
            named.append((doc, _names_of(doc)))
        if term is None:
            continue
        expected = path.stem
        if term.slug != expected:
            where = doc.where(("slug",)) if "slug" in doc.data else doc.where(("term",))
            problems.append(
                error(
                    shown,
                    where,
                    f"the file name must match the slug: rename the file to '{term.slug}{path.suffix}' "
                    f"or set 'slug: {expected}'",
                    "slug-mismatch",
                )
            )
            continue
        problems += image_problems(term, docs_dir)
        terms.append(term)

    problems += _check_unique(named)
    problems += _forms_that_are_names(named)
    duplicates = {p.path for p in problems if p.code in ("duplicate-name", "duplicate-slug")}
    terms = [t for t in terms if t.source_path not in duplicates]
    problems += _resolve_related(terms, named + salvaged)
    problems += _check_categories(terms, categories, categories_doc)
    _add_missing_categories(terms, categories)
    if dates and terms:
        stamps = last_updated((root / t.source_path for t in terms), terms_dir)
        for term in terms:
            term.updated = stamps.get((root / term.source_path).resolve())
    errored = {p.path for p in problems if p.is_error}
    glossary = Glossary.from_terms([t for t in terms if t.source_path not in errored], categories)
    return LoadResult(glossary, sort_problems(problems), files)


_TERM_LINE = re.compile(r"^(term|slug):[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*$", re.MULTILINE)


def _salvage(raw: bytes, shown: str, stem: str) -> tuple[Document, list[str]]:
    """The name and slug of a file that does not parse, read line by line.

    Only so that other files relating to it do not get errors of their own: the broken file's
    problem is reported once, where it is. Where even the name is broken, the file name stands
    in for the slug, which it must equal anyway.
    """
    text = raw.decode("utf-8", "replace")
    data = {"slug": stem}
    data.update((key, value.strip()) for key, value in _TERM_LINE.findall(text))
    return Document(shown, data=data), [data["term"]] if "term" in data else []


def _names_of(doc: Document) -> list[str]:
    data = doc.data
    names = [data.get("term"), *list(data.get("aliases") or [])]
    return [str(n) for n in names if isinstance(n, str | int | float) and not isinstance(n, bool)]


def _slug_of(doc: Document) -> str | None:
    data = doc.data if isinstance(doc.data, dict) else {}
    slug = data.get("slug")
    if isinstance(slug, str):
        return slug
    name = data.get("term")
    return slugify(name) if isinstance(name, str) else None


def _check_unique(named: list[tuple[Document, list[str]]]) -> list[Problem]:
    """Slugs and headwords are unique across the glossary (case and punctuation ignored).

    An alias may be shared with other terms, as another term's alias or headword: it becomes
    a shared name (`model.SharedName`). Two terms with one headword are an error: one entry
    with senses, or names told apart by a qualifier, is what the reader needs.
    A clash is reported in every file involved, each pointing at the others: which of two
    files is "the new one" is for the reviewer to say, not for the file order.
    """
    problems = []
    by_slug: dict[str, list[Document]] = {}
    by_name: dict[str, list[tuple[Document, str]]] = {}
    for doc, names in named:
        slug = _slug_of(doc)
        if slug:
            by_slug.setdefault(slug, []).append(doc)
        if names and normalize_name(names[0]) and doc.data.get("term") == names[0]:
            by_name.setdefault(normalize_name(names[0]), []).append((doc, names[0]))
    for slug, docs in by_slug.items():
        for doc in docs if len(docs) > 1 else ():
            others = ", ".join(d.path for d in docs if d is not doc)
            where = doc.where(("slug",)) if "slug" in doc.data else doc.where(("term",))
            problems.append(
                error(
                    doc.path, where, f"the slug '{slug}' is also used by {others}", "duplicate-slug"
                )
            )
    for owners in by_name.values():
        if len({doc.path for doc, _ in owners}) < 2:
            continue
        for doc, name in owners:
            others = ", ".join(f"{d.path} ('{n}')" for d, n in owners if d.path != doc.path)
            problems.append(
                error(
                    doc.path,
                    doc.where(("term",)),
                    f"'{name}' is also the headword of {others}: make them one entry with "
                    f"numbered 'senses:', or tell them apart with a qualifier in each name "
                    f"('{name} (film)') and keep '{name}' as an alias of each",
                    "duplicate-name",
                )
            )
    return problems


def _forms_that_are_names(named: list[tuple[Document, list[str]]]) -> list[Problem]:
    """A form that is another entry's headword or alias never links to its own term (a form
    yields to every name): a warning where the form is written, naming where it links."""
    owners: dict[str, list[tuple[Document, str]]] = {}
    for doc, names in named:
        for name in names:
            owners.setdefault(normalize_name(name), []).append((doc, name))
    problems = []
    for doc, _ in named:
        forms = doc.data.get("forms") if isinstance(doc.data, dict) else None
        places = [(("forms",), forms)] if isinstance(forms, str) else []
        if isinstance(forms, list):
            places = [(("forms", i), form) for i, form in enumerate(forms)]
        for where, form in places:
            if not isinstance(form, str):
                continue
            others = [(d, n) for d, n in owners.get(normalize_name(form), []) if d is not doc]
            if others:
                names = ", ".join(f"{d.path} ('{n}')" for d, n in others)
                problems.append(
                    warning(
                        doc.path,
                        doc.where(where),
                        f"the form '{form}' is a name of {names}, so mentions of it link "
                        "there, never here: remove it from 'forms', or make it an alias of "
                        "each entry (a shared name, whose page lists both)",
                        "form-is-a-name",
                    )
                )
    return problems


def _resolve_related(terms: list[Term], named: list[tuple[Document, list[str]]]) -> list[Problem]:
    """Turn each `related` reference into a slug; unknown, shared or self references are errors."""
    problems = []
    slugs: dict[str, str] = {}
    index: dict[str, list[str]] = {}
    for doc, names in named:
        slug = _slug_of(doc)
        if slug:
            slugs.setdefault(slug, slug)
            keys = {normalize_name(slug.replace("-", " ")), *map(normalize_name, names)}
            for key in keys:
                holders = index.setdefault(key, [])
                if slug not in holders:
                    holders.append(slug)
    valid = {t.slug for t in terms}
    choices = sorted({n for _, names in named for n in names})
    for term in terms:
        resolved: list[str] = []
        for position, ref in enumerate(term.related_refs):
            where = term.document.where(("related", position)) if term.document else (1, 1)
            found = [slugs[ref]] if ref in slugs else index.get(normalize_name(ref), [])
            slug = found[0] if len(found) == 1 else None
            if len(found) > 1:
                candidates = ", ".join(f"'{s}'" for s in sorted(found))
                problems.append(
                    error(
                        term.source_path,
                        where,
                        f"related term '{ref}' is a name shared by several terms ({candidates}): "
                        "write the one you mean by its headword or its slug",
                        "ambiguous-related",
                    )
                )
            elif slug is None:
                hint = did_you_mean(ref, choices)
                problems.append(
                    error(
                        term.source_path,
                        where,
                        f"related term '{ref}' is not in the glossary{hint}",
                        "unresolved-related",
                    )
                )
            elif slug == term.slug:
                problems.append(
                    error(
                        term.source_path,
                        where,
                        f"'{ref}' is this term itself; a term cannot be related to itself",
                        "self-related",
                    )
                )
            elif slug in valid and slug not in resolved:
                resolved.append(slug)
        term.related = tuple(resolved)
    return problems


def _load_categories(
    terms_dir: Path, root: Path
) -> tuple[dict[str, Category], list[Problem], Document | None]:
    path = terms_dir / CATEGORIES_FILE
    if not path.exists() and not path.is_symlink():
        return {}, [], None
    shown = display_path(path, root)
    raw, problems = read_side_file(path, terms_dir, shown)
    if raw is None:
        return {}, problems, None
    doc, problems = load_bytes(raw, shown)
    if problems:
        return {}, problems, None
    check = _Checker(doc)
    categories: dict[str, Category] = {}
    if not isinstance(doc.data, dict):
        check.fail(
            (),
            "the categories file maps each category name to {description: ..., slug: ...}",
            "not-a-mapping",
        )
        return {}, check.problems, None
    for name, value in doc.data.items():
        name = str(name)
        if value is None:
            value = {}
        if not isinstance(value, dict):
            check.fail(
                (name,),
                f"category '{name}' must map to {{description: ..., slug: ...}}",
                "wrong-type",
            )
            continue
        check.unknown_keys(value, CATEGORY_KEYS, (name,), f"category '{name}'")
        description = check.text(value, "description", (name,)) or ""
        check.markdown((name, "description"), [description] if description else [])
        check.problems += _unsafe_category_text(doc, name, description)
        slug = check.text(value, "slug", (name,)) or slugify(name)
        if not is_valid_slug(slug):
            check.fail(
                (name, "slug"),
                f"the category slug '{slug}' may only hold lowercase ASCII letters, digits and hyphens",
                "invalid-slug",
            )
            continue
        if slug in RESERVED_SLUGS:
            check.fail(
                (name, "slug") if "slug" in value else (name,),
                f"the category slug '{slug}' is taken by the categories overview; set another 'slug:'",
                "reserved-slug",
            )
            continue
        if any(c.slug == slug for c in categories.values()):
            check.fail((name,), f"the category slug '{slug}' is used twice", "duplicate-slug")
            continue
        categories[slug] = Category(name=name, slug=slug, description=description)
    return categories, check.problems, doc


def _unsafe_category_text(doc: Document, name: str, description: str) -> list[Problem]:
    """Markup in a category's name, what the sanitiser removes from its description, and
    ``[[`` in it that forms no link."""
    rendered = (
        render_markdown(description) if description and not too_complex(description) else None
    )
    where = doc.where((name, "description"))
    problems = removed_problems(
        doc.path, where, "description", rendered.removed if rendered else []
    )
    stray = stray_link_syntax(rendered.html) if rendered else None
    if stray is not None:
        problems.append(stray_link_problem(doc.path, where, "description", stray))
    found = markup_problem(doc.path, doc.where_key((name,)), "category name", name)
    return [*problems, found] if found else problems


def _check_categories(
    terms: list[Term], categories: dict[str, Category], doc: Document | None
) -> list[Problem]:
    """With a categories file, a term's category should be one of it: typos make new categories."""
    if doc is None:
        return []
    known = [c.name for c in categories.values()]
    folded = {c.casefold() for c in known}
    problems = []
    for term in terms:
        for position, name in enumerate(term.categories):
            if name.casefold() not in folded:
                where = term.document.where(("categories", position)) if term.document else (1, 1)
                problems.append(
                    warning(
                        term.source_path,
                        where,
                        f"the category '{name}' is not in {doc.path}{did_you_mean(name, known)}",
                        "unknown-category",
                    )
                )
    return problems


def _add_missing_categories(terms: list[Term], categories: dict[str, Category]) -> None:
    """Categories named by terms but not described get a page too (with a derived slug)."""
    folded = {c.name.casefold() for c in categories.values()}
    for term in terms:
        for name in term.categories:
            if name.casefold() in folded:
                continue
            slug = slugify(name) or f"category-{len(categories) + 1}"
            while slug in categories or slug in RESERVED_SLUGS:
                slug += "-x"
            categories[slug] = Category(name=name, slug=slug)
            folded.add(name.casefold())
