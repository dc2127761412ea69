"""What a change does to a glossary: terms added, changed, renamed and removed, names gained and
lost, links that appear or go, and problems introduced.

Both sides are read the way the build reads them (`check_terms`) and linked by the site's own
linker (`linking.build_graph`), so the summary names what the site will show, not what a YAML
diff suggests. Engine-free: two rendered glossaries (and their articles) in, plain data out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from termbook.glossary.model import Glossary, Term
from termbook.glossary.problems import Problem
from termbook.glossary.rendered import RenderedGlossary
from termbook.glossary.validate import TERM_KEYS
from termbook.linking.graph import build_graph
from termbook.names import normalize_name
from termbook.pages import urls

FIELDS = tuple(key for key in TERM_KEYS if key != "slug")
"""The fields compared, in the term file's order: the slug is the entry's identity."""


@dataclass(frozen=True)
class PageRef:
    """A page of the site: a term's page or an article."""

    url: str
    """Root-relative, as docs/reference/urls.md names it (``terms/key-grip/``)."""
    title: str

    def as_json(self) -> dict[str, str]:
        return {"url": self.url, "title": self.title}


@dataclass
class TermChange:
    slug: str
    name: str
    path: str
    fields: list[str] = field(default_factory=list)
    """The fields that differ (changed and renamed terms)."""
    old_slug: str = ""
    """A renamed term's slug before the change."""
    old_name: str = ""
    reason: str = ""
    """Why a removed term is gone: its file was deleted, or it now has errors."""
    values: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """Each changed field's value before and after, as the files write them."""

    def as_json(self) -> dict[str, Any]:
        item: dict[str, Any] = {"slug": self.slug, "term": self.name, "path": self.path}
        item["url"] = urls.term_page(self.slug)
        if self.fields:
            item["fields"] = self.fields
            item["values"] = {
                key: {"before": before, "after": after}
                for key, (before, after) in self.values.items()
            }
        if self.old_slug:
            item["from"] = {"slug": self.old_slug, "term": self.old_name}
        if self.reason:
            item["reason"] = self.reason
        return item


@dataclass
class LinkChange:
    """The pages that link a term after the change and did not before (or the reverse)."""

    slug: str
    name: str
    pages: list[PageRef]

    def as_json(self) -> dict[str, Any]:
        return {"slug": self.slug, "term": self.name, "pages": [p.as_json() for p in self.pages]}


@dataclass
class GlossaryDiff:
    added: list[TermChange] = field(default_factory=list)
    changed: list[TermChange] = field(default_factory=list)
    renamed: list[TermChange] = field(default_factory=list)
    removed: list[TermChange] = field(default_factory=list)
    names_gained: list[dict[str, str]] = field(default_factory=list)
    names_lost: list[dict[str, str]] = field(default_factory=list)
    links_gained: list[LinkChange] = field(default_factory=list)
    links_lost: list[LinkChange] = field(default_factory=list)
    problems_introduced: list[Problem] = field(default_factory=list)
    problems_fixed: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (self.added, self.changed, self.renamed, self.removed, self.links_gained,
             self.links_lost, self.problems_introduced, self.problems_fixed)
        )  # fmt: skip

    def pages(self) -> list[PageRef]:
        """The pages a reviewer should open: every term page added, changed or renamed, then
        every page whose links change, each once."""
        seen: dict[str, PageRef] = {}
        for change in (*self.added, *self.changed, *self.renamed):
            seen.setdefault(
                urls.term_page(change.slug), PageRef(urls.term_page(change.slug), change.name)
            )
        for link in (*self.links_gained, *self.links_lost):
            for page in link.pages:
                seen.setdefault(page.url, page)
        return list(seen.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "added": [c.as_json() for c in self.added],
            "changed": [c.as_json() for c in self.changed],
            "renamed": [c.as_json() for c in self.renamed],
            "removed": [c.as_json() for c in self.removed],
            "names": {"gained": self.names_gained, "lost": self.names_lost},
            "links": {
                "gained": [c.as_json() for c in self.links_gained],
                "lost": [c.as_json() for c in self.links_lost],
            },
            "problems": {
                "introduced": [_problem_json(p) for p in self.problems_introduced],
                "fixed": [_problem_json(p) for p in self.problems_fixed],
            },
            "pages": [p.as_json() for p in self.pages()],
        }


def _problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity.value,
        "message": problem.message,
        "code": problem.code,
    }


def term_fields(term: Term) -> dict[str, Any]:
    """A term's fields as its file writes them (what a contributor changed), by field name."""
    data = term.document.data if term.document is not None else {}
    return {key: data.get(key) for key in FIELDS}


def changed_fields(before: Term, after: Term) -> list[str]:
    old, new = term_fields(before), term_fields(after)
    return [key for key in FIELDS if old[key] != new[key]]


def _values(before: Term, after: Term, fields: list[str]) -> dict[str, tuple[Any, Any]]:
    old, new = term_fields(before), term_fields(after)
    return {key: (_plain(old[key]), _plain(new[key])) for key in fields}


def _plain(value: Any) -> Any:
    """A field's value as JSON holds it (YAML may read a name as a number)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def compare(
    base: RenderedGlossary,
    head: RenderedGlossary,
    base_articles: dict[str, str] | None = None,
    head_articles: dict[str, str] | None = None,
) -> GlossaryDiff:
    """The change from ``base`` to ``head``; articles are Markdown by path below the docs folder."""
    old, new = base.glossary, head.glossary
    diff = GlossaryDiff()
    added = [s for s in new.terms if s not in old.terms]
    removed = [s for s in old.terms if s not in new.terms]
    renames = _renames(old, new, removed, added)
    for slug, term in new.terms.items():
        if slug in old.terms:
            fields = changed_fields(old.terms[slug], term)
            if fields:
                values = _values(old.terms[slug], term, fields)
                diff.changed.append(
                    TermChange(slug, term.name, term.source_path, fields, values=values)
                )
        elif slug in renames.values():
            before = old.terms[next(o for o, n in renames.items() if n == slug)]
            fields = changed_fields(before, term)
            diff.renamed.append(
                TermChange(
                    slug, term.name, term.source_path, fields, old_slug=before.slug,
                    old_name=before.name, values=_values(before, term, fields),
                )
            )  # fmt: skip
        else:
            diff.added.append(TermChange(slug, term.name, term.source_path))
    head_files = {str(p).replace("\\", "/") for p in head.loaded.files}
    for slug in removed:
        if slug in renames:
            continue
        term = old.terms[slug]
        still = any(f.endswith("/" + term.source_path) or f == term.source_path for f in head_files)
        reason = "has errors" if still else "deleted"
        diff.removed.append(TermChange(slug, term.name, term.source_path, reason=reason))
    diff.names_gained, diff.names_lost = _names(old, new, renames)
    diff.links_gained, diff.links_lost = _links(base, head, base_articles, head_articles, renames)
    moved = {old.terms[o].source_path: new.terms[n].source_path for o, n in renames.items()}
    diff.problems_introduced = _new_problems(base.problems, head.problems, moved)
    diff.problems_fixed = _new_problems(
        head.problems, base.problems, {n: o for o, n in moved.items()}
    )
    return diff


def _content(term: Term) -> tuple:
    fields = term_fields(term)
    return tuple(repr(fields[key]) for key in FIELDS if key != "term")


def _same_content(before: Term, after: Term) -> bool:
    return _content(before) == _content(after)


def _shared_name(before: Term, after: Term) -> bool:
    return bool(
        {normalize_name(n) for n in before.names} & {normalize_name(n) for n in after.names}
    )


def _renames(old: Glossary, new: Glossary, removed: list[str], added: list[str]) -> dict[str, str]:
    """Old slug → new slug for each removed term that reappears under another slug: the same
    content under another name, or one of its names (kept as the name or an alias) in another
    file. Same content is matched first."""
    renames: dict[str, str] = {}
    free = list(added)
    for same in (_same_content, _shared_name):
        for slug in removed:
            if slug in renames:
                continue
            found = next((a for a in free if same(old.terms[slug], new.terms[a])), None)
            if found is not None:
                renames[slug] = found
                free.remove(found)
    return renames


def _names(old: Glossary, new: Glossary, renames: dict[str, str]) -> tuple[list, list]:
    def index(glossary: Glossary, rename: dict[str, str]) -> dict[tuple[str, str], str]:
        return {
            (normalize_name(name), rename.get(term.slug, term.slug)): name
            for term in glossary
            for name in term.names
        }

    before, after = index(old, renames), index(new, {})
    gained = [{"name": n, "slug": s} for (k, s), n in after.items() if (k, s) not in before]
    lost = [{"name": n, "slug": s} for (k, s), n in before.items() if (k, s) not in after]
    return gained, lost


_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)


def _page(source: str, glossary: Glossary, articles: dict[str, str]) -> PageRef:
    if source in glossary.terms:
        return PageRef(urls.term_page(source), glossary.terms[source].name)
    heading = _HEADING.search(articles.get(source, ""))
    return PageRef(article_page(source), heading.group(1) if heading else source)


def article_page(path: str) -> str:
    """An article's page from its path below the docs folder (``a/b.md`` → ``a/b/``)."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def _link_pairs(
    checked: RenderedGlossary, articles: dict[str, str] | None, rename: dict[str, str]
) -> dict[tuple[str, str], str]:
    """(target slug, source) → source as it is on its side, every link the site makes."""
    graph = build_graph(checked.glossary, checked.entries, articles)
    pairs = {}
    for source, targets in graph.mentions.items():
        for target in targets:
            if target != source:
                pairs[(rename.get(target, target), rename.get(source, source))] = source
    return pairs


def _links(
    base: RenderedGlossary,
    head: RenderedGlossary,
    base_articles: dict[str, str] | None,
    head_articles: dict[str, str] | None,
    renames: dict[str, str],
) -> tuple[list[LinkChange], list[LinkChange]]:
    before = _link_pairs(base, base_articles, renames)
    after = _link_pairs(head, head_articles, {})

    def grouped(
        pairs: Iterable[tuple[str, str]],
        sources: dict,
        glossary: Glossary,
        names: Glossary,
        articles: dict[str, str] | None,
    ) -> list[LinkChange]:
        by_target: dict[str, list[PageRef]] = {}
        for target, key in sorted(pairs):
            page = _page(sources[(target, key)], glossary, articles or {})
            by_target.setdefault(target, []).append(page)
        return [
            LinkChange(slug, _name_of(slug, names, glossary), pages)
            for slug, pages in by_target.items()
        ]

    old, new = base.glossary, head.glossary
    gained = grouped((p for p in after if p not in before), after, new, new, head_articles)
    lost = grouped((p for p in before if p not in after), before, old, new, base_articles)
    return gained, lost


def _name_of(slug: str, *glossaries: Glossary) -> str:
    for glossary in glossaries:
        if slug in glossary.terms:
            return glossary.terms[slug].name
    return slug


def _new_problems(
    before: list[Problem], after: list[Problem], moved: dict[str, str]
) -> list[Problem]:
    """Problems of ``after`` that ``before`` did not have, compared without their positions
    (an edit above a problem moves it); ``moved`` maps a renamed file's path in ``before`` to
    its path in ``after``."""
    had = Counter((moved.get(p.path, p.path), p.severity, p.code, p.message) for p in before)
    found = []
    for problem in after:
        key = (problem.path, problem.severity, problem.code, problem.message)
        if had[key]:
            had[key] -= 1
        else:
            found.append(problem)
    return found
