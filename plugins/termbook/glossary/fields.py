"""The registry of term fields: one declaration per field of a term file, read by everything else.

What a term file may hold is declared here once. The editor schema (`term_schema`), the
validator's keys and type checks (`validate`), the formatter's key order and styles (`fmt`),
the skeleton of `termbook new` (`scaffold`), the reference tables of docs/reference/term-files.md
and CONTRIBUTING.md, and the outputs (the JSON API and its schema, the CSV columns, search, the
term page's header) all read `FIELDS`; `tests/test_fields.py` checks that the model has an
attribute for each and that the generated files are up to date (``make generated`` writes them).

A field's *shape* says what its value is (`Text`, `Markdown`, `Boolean`, `Choice`, `Relation`,
a `ListOf` them, a `Mapping` of sub-fields, an `Image`); the shape gives its JSON Schema, its
type check and its label in the docs. What a field means to each output is a flag on the field.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from termbook.glossary.model import Sense
from termbook.names import LINK_RULES

# -- shapes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text, shown as typed (a name, a title): never Markdown, never HTML."""

    label = "text"


@dataclass(frozen=True)
class Markdown:
    """Markdown, rendered once per build (`glossary.entries`) and published as HTML and text."""

    label = "Markdown"


@dataclass(frozen=True)
class Boolean:
    label = "true or false"


@dataclass(frozen=True)
class Choice:
    """One value of a closed list (written as the list spells it)."""

    values: tuple[str, ...]

    @property
    def label(self) -> str:
        return "one of " + ", ".join(f"`{value}`" for value in self.values)


@dataclass(frozen=True)
class Relation:
    """A reference to another term of the glossary, by its name, an alias or its slug."""

    label = "text"


@dataclass(frozen=True)
class ListOf:
    """A list of values of one shape; ``one_or_many``: a single value is accepted for a list."""

    item: Shape
    item_name: str = "item"
    """What one item is called in messages ("'categories' needs at least one category")."""
    one_or_many: bool = False

    @property
    def label(self) -> str:
        if isinstance(self.item, Mapping):
            return "list of mappings " + self.item.keys_label
        if self.one_or_many and isinstance(self.item, Choice):
            return f"{self.item.label}, or a list of them"
        if self.one_or_many:
            return f"{self.item.label}, or a list of {self.item.label}"
        return f"list of {self.item.label}"


@dataclass(frozen=True)
class Mapping:
    """A mapping with sub-fields of its own (each a `Field`); no other keys."""

    fields: tuple[Field, ...]
    model: Callable[..., Any] | None = None
    """What the validator makes of it: called with each sub-field's `name` and value (a dict
    without one)."""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    @property
    def keys_label(self) -> str:
        return ", ".join(f"`{key}`" for key in self.keys)

    @property
    def label(self) -> str:
        return "mapping " + self.keys_label


@dataclass(frozen=True)
class Image(Mapping):
    """A picture: a mapping whose ``src`` sub-field is the file and ``alt`` its description."""

    src: str = "src"
    alt: str = "alt"


Shape = Text | Markdown | Boolean | Choice | Relation | ListOf | Mapping

# -- fields ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of a term file (or a sub-field of a mapping), and what each part makes of it."""

    key: str
    """The key in the YAML file."""
    shape: Shape
    description: str
    """What the editor shows on hover (the JSON Schema's description)."""
    required: bool = False
    attr: str = ""
    """The `Term` attribute holding the value (default: the key)."""
    default: Any = None
    """The value of an absent field (`Term`'s default; the schema's for a boolean)."""
    rules: str = ""
    """The reference table's rules (docs/reference/term-files.md)."""
    guide: str = ""
    """What the contributors' table says the field holds (CONTRIBUTING.md)."""
    examples: tuple[Any, ...] = ()
    """Values the editor offers for completion (the schema's ``examples``)."""
    schema: dict[str, Any] | None = None
    """JSON Schema keywords that replace the shape's own (for rules a shape cannot say)."""
    section: str = ""
    """Where the term page shows it: ``header`` (by the headword), the id of its section, or ""."""
    api: str = ""
    """The JSON API version that added it to every term record; "" when the API leaves it out."""
    search: bool = False
    """Search reads it (the term's search document)."""
    exports: tuple[str, ...] = ()
    """The export formats (`publish.exports.FORMATS` names) that carry it."""
    study: bool = False
    """Study material (flashcards, questions) reads it."""
    per_language: bool = True
    """The value is written in one language (a translation gives it again); False: it belongs
    to the concept, whatever the language (its categories, its picture, its switches)."""
    scaffold: str = ""
    """Its lines in `termbook new`'s skeleton: guidance comments and a placeholder, formatted
    with ``name``, ``slug``, ``aliases``, ``categories`` (YAML-ready) and ``todo``."""

    @property
    def name(self) -> str:
        """The `Term` attribute."""
        return self.attr or self.key

    @property
    def label(self) -> str:
        return self.shape.label

    @cached_property
    def markdown(self) -> bool:
        shape = self.shape.item if isinstance(self.shape, ListOf) else self.shape
        return isinstance(shape, Markdown)

    @cached_property
    def nullable(self) -> bool:
        """An empty value (``key:`` with nothing) reads as an absent field."""
        if self.required:
            return False
        if isinstance(self.shape, ListOf):
            return not isinstance(self.shape.item, Mapping)
        return isinstance(self.shape, Text | Markdown | Choice | Relation)

    def json_schema(self) -> dict[str, Any]:
        """The field's JSON Schema (2020-12), with its description and examples."""
        schema: dict[str, Any] = {"description": self.description}
        schema.update(self.schema if self.schema is not None else _shape_schema(self))
        if isinstance(self.shape, Boolean) and self.default is not None:
            schema["default"] = self.default
        if self.examples:
            schema["examples"] = list(self.examples)
        return schema


NAME = {"$ref": "#/$defs/name"}
MARKDOWN = {"$ref": "#/$defs/markdown"}
_TEXT_TYPES = ["string", "number"]
"""YAML reads `1917` as a number: a name may be one, and reads back as the text it is."""


def _item_schema(shape: Shape) -> dict[str, Any]:
    if isinstance(shape, Markdown):
        return MARKDOWN
    if isinstance(shape, Text | Relation):
        return NAME
    if isinstance(shape, Mapping):
        return _mapping_schema(shape)
    if isinstance(shape, Choice):
        return {"enum": list(shape.values)}
    return {"type": "boolean"}


def _mapping_schema(shape: Mapping) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.key for f in shape.fields if f.required],
        "properties": {f.key: f.json_schema() for f in shape.fields},
    }


def _shape_schema(spec: Field) -> dict[str, Any]:
    shape = spec.shape
    null = ["null"] if spec.nullable else []
    if isinstance(shape, ListOf):
        if shape.one_or_many:
            single = (
                _item_schema(shape.item)
                if isinstance(shape.item, Choice)
                else {"type": "string", "pattern": "\\S"}
            )
            return {
                "anyOf": [
                    single,
                    {"type": "array", "items": _item_schema(shape.item)},
                    *([{"type": "null"}] if null else []),
                ]
            }
        schema: dict[str, Any] = {"type": ["array", *null] if null else "array"}
        if spec.required:
            schema["minItems"] = 1
        schema["items"] = _item_schema(shape.item)
        return schema
    if isinstance(shape, Mapping):
        return _mapping_schema(shape)
    if isinstance(shape, Boolean):
        return {"type": "boolean"}
    if isinstance(shape, Choice):
        return {"enum": [*shape.values, *([None] if null else [])]}
    if isinstance(shape, Markdown) and not null:
        return dict(MARKDOWN)
    return {"type": [*_TEXT_TYPES, *null], "pattern": "\\S"}


# -- the fields of a term file ------------------------------------------------------------------

PARTS_OF_SPEECH = (
    "noun",
    "proper noun",
    "verb",
    "adjective",
    "adverb",
    "phrase",
    "abbreviation",
    "interjection",
)
"""The word classes a term may be: a closed list, so that exports can map each one (TBX's
``partOfSpeech``) and the page can label it."""


def _comment(text: str) -> str:
    """Guidance for the skeleton: comment lines that fit in the formatter's width."""
    return textwrap.fill(text, 100, initial_indent="# ", subsequent_indent="# ") + "\n"


IMAGE = Image(
    (
        Field(
            "src",
            Text(),
            "A path below the docs folder (images/terms/headword.svg) or an http(s) URL. "
            "A local file must be an SVG, PNG, JPEG or WebP of at most 1 MB; an SVG must not "
            "hold scripts, event handlers or references to other files.",
            required=True,
            examples=("images/headword.svg",),
            schema={
                "type": _TEXT_TYPES,
                "allOf": [
                    {"pattern": "\\S"},
                    {"pattern": "^\\s*(?:[hH][tT][tT][pP][sS]?:|(?![A-Za-z][A-Za-z0-9+.-]*:))"},
                ],
            },
        ),
        Field(
            "alt",
            Text(),
            "What the picture shows, in a sentence of at least three words (not the file "
            'name, not "image").',
            required=True,
            examples=("A dictionary page with every headword printed in bold",),
            schema={"type": _TEXT_TYPES, "pattern": "\\S+\\s+\\S+\\s+\\S"},
        ),
    )
)
SOURCE = Mapping(
    (
        Field(
            "title",
            Text(),
            "The source's title as a reader would look for it.",
            required=True,
            examples=("Oxford English Dictionary",),
        ),
        Field(
            "url",
            Text(),
            "An https:// (or http://) link to the source.",
            examples=("https://en.wikipedia.org/wiki/Headword",),
            schema={"type": ["string", "null"], "pattern": "^[hH][tT][tT][pP][sS]?://"},
        ),
    )
)

SENSE = Mapping(
    (
        Field(
            "label",
            Text(),
            "Optional. A usage label shown before the sense: where or how it is used "
            "(slang, informal, dated, law).",
            default="",
            examples=("slang", "informal", "law"),
        ),
        Field(
            "definition",
            Markdown(),
            "What the term means in this sense. The first sentence must stand alone: the first "
            "sense's is the preview in search results and link hovers.",
            required=True,
            examples=("The word or phrase a dictionary entry is listed under.\n",),
        ),
        Field(
            "examples",
            ListOf(Markdown(), "example"),
            "Optional. The term used in this sense; one Markdown string per example.",
            default=(),
        ),
    ),
    model=Sense,
)
ONE_OF: tuple[tuple[str, ...], ...] = (("definition", "senses"),)
"""Keys of which a term file holds exactly one: a single definition, or numbered senses."""

FIELDS: tuple[Field, ...] = (
    Field(
        "term",
        Text(),
        "The display name, written as people say it (Headword, CI/CD, Rule of Thumb).",
        required=True,
        attr="name",
        rules="Required, not empty. Plain text: markup is shown as typed.",
        guide="The name as people say it: `Racking Focus`, `ADR`, `Break a Leg`.",
        examples=("Headword",),
        section="header",
        api="2.0",
        search=True,
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "csv", "anki"),
        study=True,
        scaffold="term: {name}\n",
    ),
    Field(
        "slug",
        Text(),
        "Optional. The URL name /terms/<slug>/; derived from `term` when left out (lowercase "
        "ASCII letters, digits and single hyphens). The file name must be <slug>.yaml.",
        default="",
        rules="Lowercase ASCII letters, digits and single hyphens. Default: the name folded to "
        'ASCII, lowercase, words joined by hyphens, `&` read as "and", `+` as "plus". '
        "`index`, the single letters `a` … `z` and `0-9` are reserved (the A–Z pages). The "
        "file name must be `<slug>.yaml`.",
        guide="The page address, `/terms/<slug>/`; derived from `term` when left out. The file "
        "name must be `<slug>.yaml`.",
        examples=("headword",),
        schema={
            "type": ["string", "integer", "null"],
            "minimum": 0,
            "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$",
        },
        api="2.0",
        exports=("json", "tbx", "tbx2008", "csv"),
        per_language=False,
        scaffold="# The page's address is /terms/{slug}/; the file name must stay {slug}.yaml.\n"
        "slug: {slug}\n",
    ),
    Field(
        "pronunciation",
        Text(),
        "Optional. How the term is said, in the International Phonetic Alphabet between "
        "slashes (/ˈɡlɒsəri/) or brackets; shown beside the name.",
        default="",
        rules="Plain text: IPA, usually between slashes (`/ˈdɒli/`).",
        guide="How the name is said, in IPA between slashes: `/ɡrɪp/`. Shown beside the name.",
        examples=("/ˈɡlɒsəri/",),
        section="header",
        api="2.1",
        search=True,
        exports=("json", "csv"),
        scaffold="# How the name is said, in IPA between slashes (optional), for example:\n"
        "# pronunciation: /ˈɡlɒsəri/\n",
    ),
    Field(
        "part_of_speech",
        Choice(PARTS_OF_SPEECH),
        "Optional. The term's word class, shown as a label beside the name and exported "
        "(TBX partOfSpeech): " + ", ".join(PARTS_OF_SPEECH) + ".",
        default="",
        rules="TBX exports map it to `partOfSpeech` (`proper noun` → `properNoun`; a phrase, "
        "an abbreviation or an interjection → `other`).",
        guide="The name's word class: " + ", ".join(f"`{p}`" for p in PARTS_OF_SPEECH) + ".",
        examples=("noun", "verb"),
        section="header",
        api="2.1",
        exports=("json", "tbx", "tbx2008", "csv"),
        scaffold=_comment(
            "The name's word class (optional): "
            + ", ".join(PARTS_OF_SPEECH[:-1])
            + f" or {PARTS_OF_SPEECH[-1]}."
        )
        + "# part_of_speech: noun\n",
    ),
    Field(
        "aliases",
        ListOf(Text(), "alias"),
        "Optional. Other names, spellings or abbreviations of the same thing; they find and "
        "link to this term. An alias other terms also have (CD) becomes a shared name, whose "
        "page lists every meaning.",
        default=(),
        rules="May be another term's alias or headword too: it is then a [shared "
        "name](#shared-names).",
        guide="Other names for the same thing: spellings, abbreviations, slang. They find and "
        "link to this entry.",
        examples=(["Lemma", "Entry Word"],),
        section="header",
        api="2.0",
        search=True,
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "csv"),
        scaffold="# Other names for the same thing: spellings, abbreviations, slang. They find "
        "and link here too.\naliases: [{aliases}]\n",
    ),
    Field(
        "categories",
        ListOf(Text(), "category"),
        "At least one category, named as in terms/_categories.yaml.",
        required=True,
        rules="At least one. A category `_categories.yaml` does not describe is a warning.",
        guide="One or more names from [`terms/_categories.yaml`](terms/_categories.yaml).",
        examples=(["Dictionary Parts"], ["Lexicography", "Publishing"]),
        section="categories",
        api="2.0",
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "csv"),
        study=True,
        per_language=False,
        scaffold="# One or more categories from terms/_categories.yaml.\n"
        "categories: [{categories}]\n",
    ),
    Field(
        "definition",
        Markdown(),
        "Markdown. Plain words, one idea per sentence; the first sentence must stand alone: "
        "it is the preview in search results and link hovers. A term with several meanings "
        "has `senses` instead.",
        default="",
        schema=MARKDOWN,
        rules="Required, unless the term has `senses` (exactly one of the two).",
        guide="Markdown. See [house style](#house-style). Either this or `senses`.",
        examples=(
            "A headword is the word or phrase a dictionary entry is listed under, printed at "
            "the start of the entry.\n",
        ),
        section="definition",
        api="2.0",
        search=True,
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "csv", "anki"),
        study=True,
        scaffold="# Plain words, one idea per sentence. The first sentence must make sense on "
        "its own: it is the\n# preview in search results and link hovers. Then say how it is "
        "used and why it matters.\ndefinition: |\n"
        "  {todo} {bare_name} is ... (one plain sentence that stands on its own).\n",
    ),
    Field(
        "senses",
        ListOf(SENSE, "sense"),
        "Instead of `definition`, for a term with several meanings: numbered senses, each "
        "with its own `definition` (Markdown), optional `examples` and an optional usage "
        "`label` (slang, law).",
        default=(),
        rules="Instead of `definition` (exactly one of the two); at least two senses. Each: "
        "`definition` (Markdown, required), `examples` (list of Markdown), `label` (text). "
        "The page numbers them 1., 2., … with anchors `#sense-1`, `#sense-2`, …; CSV has them in "
        "the `definition` column, a line each.",
        guide="Instead of `definition`, when one name has several meanings in the field: a list "
        "of `definition`, optional `examples` and `label` (slang, theatre). See "
        "[senses or shared names](#senses-or-shared-names).",
        examples=(
            [
                {"definition": "One word or phrase of a dictionary and all it says of it."},
                {"definition": "A line of a table, a log or a ledger.", "label": "computing"},
            ],
        ),
        section="definition",
        api="2.1",
        search=True,
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "anki"),
        study=True,
        scaffold="# Several meanings? Replace 'definition' with numbered senses:\n"
        "# senses:\n#   - definition: The first meaning.\n"
        "#   - definition: The second meaning.\n#     label: slang\n",
    ),
    Field(
        "examples",
        ListOf(Markdown(), "example"),
        "Optional. The term in use, as people in the field say or write it; one Markdown string "
        "per example.",
        default=(),
        guide="A list; each item is one use of the term, in Markdown.",
        examples=(['Look up the headword "set" and count its senses.'],),
        section="examples",
        api="2.0",
        search=True,
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "csv", "anki"),
        scaffold="# The term in use, {usage}; one per item.\nexamples:\n  - {example}\n",
    ),
    Field(
        "trivia",
        ListOf(Markdown(), "fact", one_or_many=True),
        'Optional. Markdown shown as "Did you know?": a surprising fact a reader can check in '
        "the sources. Text, or a list of texts.",
        default=(),
        guide='Markdown (one text, or a list), shown as "Did you know?".',
        examples=("Most printed dictionaries set their headwords in bold type.\n",),
        section="did-you-know",
        api="2.0",
        search=True,
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "csv"),
        scaffold='# "Did you know?": a surprising fact a reader can check in the sources '
        "(optional).\ntrivia: |\n"
        "  {todo} a fact about {bare_name} that a reader can check, or delete this field.\n",
    ),
    Field(
        "related",
        ListOf(Relation(), "term"),
        "Optional. Names, aliases or slugs of other terms in the glossary (not this one).",
        attr="related_refs",
        default=(),
        rules="Each must name another term (by name, alias or slug), never the term itself.",
        guide="Names, aliases or slugs of other entries.",
        examples=(["Lemma", "Part of Speech"],),
        section="related",
        api="2.0",
        exports=("json", "tbx", "tbx2008", "skos", "moodle", "csv"),
        per_language=False,
        scaffold="# Other entries a reader should see next, by name, e.g. [{related}].\n"
        "related: []\n",
    ),
    Field(
        "image",
        IMAGE,
        "Optional. A picture of the term; `alt` describes it for readers who cannot see it.",
        rules="`src`: a path below `docs/` or an `https://` address. A local file must be an "
        "SVG, PNG, JPEG or WebP (by content, matching its extension), at most 1,000,000 bytes, "
        "and an SVG must hold no script, event handler, `javascript:` link, outside reference, "
        "`<foreignObject>` or DOCTYPE. `alt` required: at least three words, not the file name.",
        guide="`src` (a path below `docs/`, like `images/terms/whip-pan.svg`, or an https link) "
        "and `alt`, a sentence saying what the picture shows. `alt` is required. See "
        "[illustrations](#illustrations).",
        examples=(
            {"src": "images/headword.svg", "alt": "A dictionary page with every headword in bold"},
        ),
        section="figure",
        api="2.0",
        per_language=False,
        scaffold="# A picture (optional): put it in docs/images/ and describe it for readers who "
        "cannot see it.\n# image:\n#   src: images/{slug}.svg\n"
        "#   alt: What the picture shows, in a sentence\n",
    ),
    Field(
        "sources",
        ListOf(SOURCE, "source"),
        "Optional. Where a reader can check the definition and the trivia.",
        default=(),
        rules="`url`: `https://` or `http://`.",
        guide="A list of `title` and `url` (https://...).",
        examples=(
            [
                {
                    "title": "Headword (Wikipedia)",
                    "url": "https://en.wikipedia.org/wiki/Headword",
                }
            ],
        ),
        section="sources",
        api="2.0",
        scaffold="# Where a reader can check the definition and the trivia, for example:\n"
        "#   - title: {source}\n#     url: https://...\nsources: []\n",
    ),
    Field(
        "autolink",
        Boolean(),
        "Optional, default true. false: mentions of this term elsewhere are not linked "
        "automatically (for names that are also everyday words).",
        default=True,
        rules="`false`: only `[[...]]` links reach this term.",
        guide="`false` stops other entries and articles from linking this term's name "
        "automatically: for names that are also everyday words.",
        examples=(False,),
        api="2.0",
        per_language=False,
        scaffold="# false: mentions of this term in other entries and articles are not linked "
        "automatically\n# (for names that are also everyday words).\nautolink: true\n",
    ),
    Field(
        "forms",
        ListOf(Text(), "form"),
        "Optional. Further forms running text writes the term in (containerized, "
        "containerizing): they link to this term like its names, with their plurals and "
        "possessives, but are not shown or searched as names.",
        default=(),
        rules="Each a form of this term's name that is not a regular plural or possessive "
        "(those link already) and not the singular of a plural headword (that links too). A "
        "form yields to every name and alias of the glossary: one that is another entry's name "
        "is a warning (`form-is-a-name`). `link` restrictions apply to forms too.",
        guide="Other words running text uses for this term, which should link here: "
        "`[containerized, containerizing]`. Plurals, possessives and the singular of a plural "
        'headword (`Containers` ← "a container") link without being listed.',
        examples=(["containerized"],),
        per_language=True,
        scaffold=_comment(
            "Other words running text uses for this term, which should link here (optional); "
            "plurals and possessives link already."
        )
        + "# forms: []\n",
    ),
    Field(
        "link",
        ListOf(Choice(tuple(LINK_RULES)), "restriction", one_or_many=True),
        "Optional. Restricts the automatic links to this term without switching them off: "
        + "; ".join(f"{value}: {meaning}" for value, meaning in LINK_RULES.items())
        + ". One value, or a list (as-written with one of the others).",
        default=(),
        rules="One value or a list of: "
        + "; ".join(f"`{value}`: {meaning}" for value, meaning in LINK_RULES.items())
        + ". `[[...]]` links are never "
        "restricted; `autolink: false` switches automatic links off altogether.",
        guide='For a name that is also an everyday word ("Service", "Sides"): '
        "`as-written` links it only with its capitals, `names-only` only as its names and "
        "aliases are written (not a plural headword's singular), `aliases-only` only "
        "through its aliases. `termbook stats` shows on how many pages each term is linked.",
        examples=("as-written", ["as-written", "names-only"]),
        per_language=False,
        scaffold=_comment(
            "For a name that is also an everyday word (optional): as-written links it only "
            "with its capitals, names-only only as its names are written, aliases-only only "
            "through its aliases."
        )
        + "# link: as-written\n",
    ),
    Field(
        "practice",
        Boolean(),
        "Optional, default true. false: the term is left out of flashcards, quizzes and the "
        "study exports (Anki, Moodle questions, SCORM quiz), for entries that make a poor "
        "question.",
        default=True,
        rules="`false`: no flashcard, quiz question or study export for this term (it is never "
        "a wrong choice either).",
        guide="`false` leaves the term out of flashcards, quizzes and the study exports (Anki "
        "deck, Moodle questions, SCORM quiz): for entries whose definition gives the answer "
        "away or that make a poor question.",
        examples=(False,),
        study=True,
        per_language=False,
        scaffold="# false: the term is left out of flashcards, quizzes and the study exports "
        "(for a definition\n# that gives its own name away or makes a poor question).\n"
        "practice: true\n",
    ),
)
"""Every field of a term file, in the order `termbook fmt` keeps them."""

BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
TERM_KEYS: tuple[str, ...] = tuple(BY_KEY)
"""Every key a term file may have, in the canonical order."""
REQUIRED_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.required)


def fields_for(*, section: str | None = None, export: str | None = None) -> Iterator[Field]:
    """The fields a page section or an export format reads, in file order."""
    for spec in FIELDS:
        if section is not None and spec.section != section:
            continue
        if export is not None and export not in spec.exports:
            continue
        yield spec


def api_fields() -> tuple[Field, ...]:
    return tuple(f for f in FIELDS if f.api)


def api_version(base: str) -> str:
    """The API's version: ``base``, or the newest a field says it was added in."""
    versions = [base, *(f.api for f in FIELDS if f.api)]
    return max(versions, key=lambda v: tuple(int(p) for p in v.split(".")))


SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"


def term_schema() -> dict[str, Any]:
    """The JSON Schema of a term file, as editors read it (schemas/term.schema.json)."""
    return {
        "$schema": SCHEMA_ID,
        "title": "Termbook term file",
        "description": "One dictionary entry: a file terms/<slug>.yaml. `termbook check` applies "
        "the same rules, plus the glossary-wide ones (unique names, related terms that exist).",
        "type": "object",
        "additionalProperties": False,
        "required": list(REQUIRED_KEYS),
        "allOf": [{"oneOf": [{"required": [key]} for key in keys]} for keys in ONE_OF],
        "properties": {f.key: f.json_schema() for f in FIELDS},
        "$defs": {
            "name": {
                "description": "A name: text that is not empty.",
                "type": _TEXT_TYPES,
                "pattern": "\\S",
            },
            "markdown": {
                "description": "Markdown text that is not empty.",
                "type": _TEXT_TYPES,
                "pattern": "\\S",
            },
        },
    }


def reference_table() -> str:
    """The term-files reference's table of fields (docs/reference/term-files.md), as Markdown."""
    rows = ["| Field | Type | Rules |", "|---|---|---|"]
    for spec in FIELDS:
        rows.append(_row(f"`{spec.key}`", spec.label, spec.rules))
    return "\n".join(rows) + "\n"


def guide_table() -> str:
    """The contributors' table of fields (CONTRIBUTING.md), as Markdown."""
    rows = ["| Field | Required | What it holds |", "|---|---|---|"]
    for spec in FIELDS:
        required = "yes" if spec.required else "no"
        rows.append(_row(f"`{spec.key}`", required, spec.guide))
    return "\n".join(rows) + "\n"


def _row(*cells: str) -> str:
    """A Markdown table row; an empty cell stays ``| |``, a ``|`` in a cell is escaped."""
    escaped = [cell.replace("|", "\\|") for cell in cells]
    return "|" + "|".join(f" {cell} " if cell else " " for cell in escaped) + "|"


def schema_json(data: Any, width: int = 100) -> str:
    """JSON as the schema files are laid out: two-space indents, and a list or an object that
    fits on its line kept on it (readable in an editor, stable in a diff)."""
    return _layout(data, 0, width) + "\n"


def _layout(value: Any, indent: int, width: int, prefix: int = 0) -> str:
    flat = _flat(value)
    if not isinstance(value, dict | list) or not value or indent + prefix + len(flat) <= width:
        return flat
    inner = " " * (indent + 2)
    if isinstance(value, list) and not any(isinstance(item, dict | list) for item in value):
        lines = [inner]  # a list of plain values fills its lines, as prose does
        for item in map(_flat, value):
            if len(lines[-1]) + len(item) + 1 > width and lines[-1].strip():
                lines[-1] = lines[-1].rstrip()
                lines.append(inner)
            lines[-1] += item + ", "
        return "[\n" + "\n".join(lines).removesuffix(", ") + "\n" + " " * indent + "]"
    if isinstance(value, list):
        items = [inner + _layout(item, indent + 2, width) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    items = []
    for key, item in value.items():
        head = json.dumps(key, ensure_ascii=False) + ": "
        items.append(inner + head + _layout(item, indent + 2, width, len(head)))
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"


def _flat(value: Any) -> str:
    """One line, with the spaces a reader expects: ``{ "a": [1, 2] }``."""
    if isinstance(value, dict) and value:
        pairs = (f"{json.dumps(k, ensure_ascii=False)}: {_flat(v)}" for k, v in value.items())
        return "{ " + ", ".join(pairs) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(map(_flat, value)) + "]"
    return json.dumps(value, ensure_ascii=False)
