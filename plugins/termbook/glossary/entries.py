"""Each term's Markdown fields rendered once per build, shared by pages, API and exports.

Rendering here (not per page, not per export) means the sanitiser runs once per field and
reports each removal once, at the field's place in the YAML file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cached_property

from termbook.glossary.model import Glossary, Term
from termbook.glossary.problems import Problem, warning
from termbook.runner import MadeAhead, Runner, jobs_setting
from termbook.text.markdown import Rendered, render_markdown
from termbook.text.plain import resolve_links_html, stray_link_syntax
from termbook.text.sentences import first_sentence, reading_minutes


@dataclass(frozen=True)
class SenseEntry:
    """One numbered sense of a term, rendered: what the page, the API and the exports show."""

    number: int
    label: str
    """The usage label as written ("slang"), plain text; "" when none."""
    definition: str
    """Safe HTML (``[[...]]`` kept for the site's linker)."""
    definition_text: str
    summary: str
    """The sense's first sentence, plain text."""
    examples: tuple[str, ...] = ()
    examples_text: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The id of the sense on its term's page (``terms/cut/#sense-2``)."""
        return f"sense-{self.number}"

    @property
    def labelled_text(self) -> str:
        """The definition as plain text, with its label first: "(slang) …"."""
        return f"({self.label}) {self.definition_text}" if self.label else self.definition_text


@dataclass
class Entry:
    """A term with its Markdown fields as safe HTML, and the plain text derived from them.

    The HTML keeps ``[[...]]`` for the site's linker, which turns it into links on the page;
    outputs that leave the site read ``portable_*`` (links as their shown words) or the
    ``*_text`` fields, each computed once here by ``termbook.text``'s one rule.
    """

    term: Term
    definition: str
    examples: list[str] = field(default_factory=list)
    trivia: list[str] = field(default_factory=list)
    summary: str = ""
    """The definition's first sentence as plain text: previews, search results, meta tags."""
    words: int = 0
    definition_text: str = ""
    """The definition as one line of plain text: what every text output shows."""
    examples_text: list[str] = field(default_factory=list)
    trivia_text: list[str] = field(default_factory=list)
    senses: tuple[SenseEntry, ...] = ()
    """The numbered senses of a term that has them; then ``definition`` is their ordered list
    (each ``<li id="sense-N">`` with its label and examples) and ``definition_text`` reads
    "1. … 2. …"."""

    @property
    def definitions_text(self) -> list[str]:
        """The definition, or each sense numbered with its label first ("2. (editing) …"):
        how exports with one text per definition (SKOS, CSV lines) write senses."""
        if not self.senses:
            return [self.definition_text]
        return [f"{sense.number}. {sense.labelled_text}" for sense in self.senses]

    @property
    def all_examples_text(self) -> list[str]:
        """The term's examples, then each sense's, as plain text."""
        return [*self.examples_text, *(use for s in self.senses for use in s.examples_text)]

    def reading_minutes(self, words_per_minute: int = 200) -> int:
        return reading_minutes(self.words, words_per_minute)

    @cached_property
    def portable_definition(self) -> str:
        """The definition's HTML for other sites (API, embed cards, Moodle): no ``[[...]]``."""
        return resolve_links_html(self.definition)

    @cached_property
    def portable_examples(self) -> list[str]:
        return [resolve_links_html(example) for example in self.examples]

    @cached_property
    def portable_trivia(self) -> list[str]:
        return [resolve_links_html(fact) for fact in self.trivia]


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


def stray_link_problem(path: str, where: tuple[int, int], field_name: str, stray: str) -> Problem:
    """``[[`` that forms no link: every output would show the raw brackets."""
    return warning(
        path,
        where,
        f"'{field_name}' holds '{stray}', which is no link: write [[Term]] or "
        "[[Term|shown words]] (brackets inside code are shown as written)",
        "unclosed-link",
    )


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
    fields += [(("senses", i, "label"), s.label) for i, s in enumerate(term.senses) if s.label]
    return fields


def render_entry(term: Term) -> tuple[Entry, list[Problem]]:
    problems: list[Problem] = []

    def where(path: tuple) -> tuple[int, int]:
        return term.document.where(path) if term.document else (1, 1)

    def field_rendered(text: str, path: tuple) -> Rendered:
        rendered = render_markdown(text)
        problems.extend(removed_problems(term.source_path, where(path), path[0], rendered.removed))
        stray = stray_link_syntax(rendered.html)
        if stray is not None:
            problems.append(stray_link_problem(term.source_path, where(path), path[0], stray))
        return rendered

    for path, text in _plain_fields(term):
        name = ".".join(str(part) for part in path if not isinstance(part, int))
        found = markup_problem(term.source_path, where(path), name, text)
        if found is not None:
            problems.append(found)

    senses: list[SenseEntry] = []
    sense_parts: list[Rendered] = []
    for number, sense in enumerate(term.senses, start=1):
        at = ("senses", number - 1)
        meaning = field_rendered(sense.definition, (*at, "definition"))
        uses = [field_rendered(text, (*at, "examples", i)) for i, text in enumerate(sense.examples)]
        sense_parts += [meaning, *uses]
        senses.append(
            SenseEntry(
                number,
                sense.label,
                meaning.html,
                meaning.text,
                first_sentence(meaning.text),
                tuple(use.html for use in uses),
                tuple(use.text for use in uses),
            )
        )
    if senses:
        definition_html = senses_html(senses)
        definition_text = " ".join(f"{s.number}. {s.labelled_text}" for s in senses)
        summary = senses[0].summary
    else:
        definition = field_rendered(term.definition, ("definition",))
        sense_parts = [definition]
        definition_html, definition_text = definition.html, definition.text
        summary = first_sentence(definition.text)
    examples = [field_rendered(text, ("examples", i)) for i, text in enumerate(term.examples)]
    listed = _trivia_is_list(term)
    trivia = [
        field_rendered(text, ("trivia", i) if listed else ("trivia",))
        for i, text in enumerate(term.trivia)
    ]
    text = " ".join(part.text for part in [*sense_parts, *examples, *trivia])
    entry = Entry(
        term=term,
        definition=definition_html,
        examples=[example.html for example in examples],
        trivia=[fact.html for fact in trivia],
        summary=summary,
        words=len(text.split()),
        definition_text=definition_text,
        examples_text=[example.text for example in examples],
        trivia_text=[fact.text for fact in trivia],
        senses=tuple(senses),
    )
    return entry, problems


def senses_html(senses: list[SenseEntry]) -> str:
    """Numbered senses as one ordered list, each item with its anchor, its label (escaped: it
    is plain text from the file) and its examples."""
    items = []
    for sense in senses:
        label = (
            f'<span class="tb-sense__label">{html.escape(sense.label)}</span> '
            if sense.label
            else ""
        )
        uses = "".join(
            f'<blockquote class="tb-example tb-sense__example">{use}</blockquote>'
            for use in sense.examples
        )
        meaning = sense.definition
        if label and meaning.startswith("<p>"):  # the label opens the sense's first line
            meaning = "<p>" + label + meaning[3:]
        elif label:
            meaning = label + meaning
        items.append(f'<li id="{sense.anchor}" class="tb-sense">{meaning}{uses}</li>')
    return '<ol class="tb-senses">' + "".join(items) + "</ol>"


def _trivia_is_list(term: Term) -> bool:
    doc = term.document
    return bool(doc) and isinstance(doc.data, dict) and isinstance(doc.data.get("trivia"), list)


FORK_MIN_TERMS = 400
"""From this many terms, the later terms are rendered by a child process (``termbook.runner``):
the build's second core is idle while the terms load, and below this the child costs more than
it saves."""
FORK_SHARE_WITH_WORK = 0.65
"""The child's share when the build has other work to do meanwhile: making the linker, whose
one large regex Python compiles afresh in each build's process (0.45 s at 2,000 terms, where
the entries take 1.8 s). Measured in a fresh build at 2,000 terms: with 0.525 the build still
rendered while the child was done, and with 0.63 the child was still done first (the build
waited 0.01 s) and the build's own share ended 0.13 s sooner."""

_Rendered = tuple[tuple, list[Problem]]
"""An entry's fields after ``term``, and its problems: what crosses back from the child."""


def render_entries(
    glossary: Glossary,
    meanwhile: Callable[[], None] | None = None,
    runner: Runner | None = None,
) -> tuple[dict[str, Entry], list[Problem]]:
    """Entries for every term, in dictionary order, and the sanitiser's warnings.

    A large glossary is rendered in two parts at once, the later one by a child of ``runner``,
    while this process also does ``meanwhile`` (which then gets a smaller part of the terms);
    the result is the same, in the same order, as rendering in one process (which is what
    happens when the runner does not fork)."""
    runner = runner or Runner(jobs_setting(None))
    terms = list(glossary)
    share = FORK_SHARE_WITH_WORK if meanwhile else 1 / 2
    forks = len(terms) >= FORK_MIN_TERMS and runner.forks()
    split = len(terms) - int(len(terms) * share) if forks else len(terms)
    elsewhere = MadeAhead(
        runner,
        f"rendering the last {len(terms) - split} entries",
        [t.slug for t in terms[split:]],
        rendered_entry,
        (glossary,),
    )
    if meanwhile is not None:
        meanwhile()
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for term in terms[:split]:
        entries[term.slug], found = render_entry(term)
        problems += found
    for term in terms[split:]:
        values, found = elsewhere.get(term.slug)
        entries[term.slug] = Entry(term, *values)
        problems += found
    return entries, problems


def rendered_entry(slug: str, glossary: Glossary) -> _Rendered:
    """The entry of the term ``slug`` as it crosses back from a child: its fields after
    ``term`` (the build keeps its own Term objects), and its problems."""
    entry, problems = render_entry(glossary.terms[slug])
    return _after_term(entry), problems


def _after_term(entry: Entry) -> tuple:
    """``entry``'s fields after ``term``, in order (shallow: the lists are the entry's own)."""
    return tuple(getattr(entry, name) for name in _FIELDS_AFTER_TERM)


_FIELDS_AFTER_TERM = tuple(f.name for f in fields(Entry))[1:]
