"""Each term's Markdown fields rendered once per build, shared by pages, API and exports.

Rendering here (not per page, not per export) means the sanitiser runs once per field and
reports each removal once, at the field's place in the YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from termbook.glossary.model import Glossary, Term
from termbook.glossary.problems import Problem, warning
from termbook.text.markdown import Rendered, html_to_text, render_markdown
from termbook.text.sentences import first_sentence, reading_minutes


@dataclass
class Entry:
    """A term with its Markdown fields as safe HTML, and the plain text derived from them."""

    term: Term
    definition: str
    examples: list[str] = field(default_factory=list)
    trivia: list[str] = field(default_factory=list)
    summary: str = ""
    """The definition's first sentence as plain text: previews, search results, meta tags."""
    words: int = 0

    def reading_minutes(self, words_per_minute: int = 200) -> int:
        return reading_minutes(self.words, words_per_minute)

    @property
    def definition_text(self) -> str:
        return html_to_text(self.definition)


_TAG = re.compile(r"<[A-Za-z/!?]")


def removed_problems(
    path: str, where: tuple[int, int], field_name: str, removed: list[str]
) -> list[Problem]:
    """What the sanitiser removed from a Markdown field, as warnings `--strict` fails on."""
    return [
        warning(
            path,
            where,
            f"{what} removed from '{field_name}': term files may not carry scripts, "
            "event handlers or unsafe links",
            "unsafe-html",
        )
        for what in removed
    ]


def markup_problem(path: str, where: tuple[int, int], field_name: str, text: str) -> Problem | None:
    """A plain-text field (a name, a title, an address) that holds HTML tags.

    It is always shown as text, never run; but nobody writes `<img ...>` into a name by
    accident, so a pull request that does is stopped by `--strict`.
    """
    found = _TAG.search(text)
    if found is None:
        return None
    snippet = text[found.start() :][:30]
    return warning(
        path,
        where,
        f"'{field_name}' holds markup ('{snippet}'): it is plain text, shown as written",
        "unsafe-html",
    )


def _plain_fields(term: Term) -> list[tuple[tuple, str]]:
    """Every plain-text field of a term with its place in the file."""
    fields: list[tuple[tuple, str]] = [(("term",), term.name)]
    fields += [(("aliases", i), alias) for i, alias in enumerate(term.aliases)]
    fields += [(("categories", i), name) for i, name in enumerate(term.categories)]
    if term.image:
        fields += [(("image", "src"), term.image.src), (("image", "alt"), term.image.alt)]
    for i, source in enumerate(term.sources):
        fields += [(("sources", i, "title"), source.title), (("sources", i, "url"), source.url)]
    return fields


def render_entry(term: Term) -> tuple[Entry, list[Problem]]:
    problems: list[Problem] = []

    def where(path: tuple) -> tuple[int, int]:
        return term.document.where(path) if term.document else (1, 1)

    def field_html(rendered: Rendered, path: tuple) -> str:
        problems.extend(removed_problems(term.source_path, where(path), path[0], rendered.removed))
        return rendered.html

    for path, text in _plain_fields(term):
        name = ".".join(str(part) for part in path if not isinstance(part, int))
        found = markup_problem(term.source_path, where(path), name, text)
        if found is not None:
            problems.append(found)

    definition = field_html(render_markdown(term.definition), ("definition",))
    examples = [
        field_html(render_markdown(text), ("examples", i)) for i, text in enumerate(term.examples)
    ]
    trivia_path = ("trivia", 0) if _trivia_is_list(term) else ("trivia",)
    trivia = [
        field_html(render_markdown(text), trivia_path[:1] + ((i,) if len(trivia_path) > 1 else ()))
        for i, text in enumerate(term.trivia)
    ]
    text = " ".join(html_to_text(part) for part in [definition, *examples, *trivia])
    entry = Entry(
        term=term,
        definition=definition,
        examples=examples,
        trivia=trivia,
        summary=first_sentence(html_to_text(definition)),
        words=len(text.split()),
    )
    return entry, problems


def _trivia_is_list(term: Term) -> bool:
    doc = term.document
    return bool(doc) and isinstance(doc.data, dict) and isinstance(doc.data.get("trivia"), list)


def render_entries(glossary: Glossary) -> tuple[dict[str, Entry], list[Problem]]:
    """Entries for every term, in dictionary order, and the sanitiser's warnings."""
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for term in glossary:
        entries[term.slug], found = render_entry(term)
        problems += found
    return entries, problems
