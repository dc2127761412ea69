"""Each term's Markdown fields rendered once per build, shared by pages, API and exports.

Rendering here (not per page, not per export) means the sanitiser runs once per field and
reports each removal once, at the field's place in the YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Glossary, Term
from .problems import Problem, warning
from .render import Rendered, html_to_text, render_markdown
from .text import first_sentence, reading_minutes


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

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)

    @property
    def definition_text(self) -> str:
        return html_to_text(self.definition)


def render_entry(term: Term) -> tuple[Entry, list[Problem]]:
    problems: list[Problem] = []

    def field_html(rendered: Rendered, path: tuple) -> str:
        where = term.document.where(path) if term.document else (1, 1)
        for what in rendered.removed:
            problems.append(
                warning(
                    term.source_path,
                    where,
                    f"{what} removed from '{path[0]}': term files may not carry scripts, "
                    "event handlers or unsafe links",
                    "unsafe-html",
                )
            )
        return rendered.html

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
