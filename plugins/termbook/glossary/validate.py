"""Schema checks for one term file (docs/reference/term-files.md), each problem with its place and a stable code.

Every field is checked even after one fails, so a contributor sees all of a file's problems at
once. Checks that need the whole glossary (unique names, related terms) live in `loader.py`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from termbook.glossary.fields import (
    FIELDS,
    IMAGE,
    REQUIRED_KEYS,
    SOURCE,
    TERM_KEYS,
    Boolean,
    Choice,
    Field,
    ListOf,
    Mapping,
    Markdown,
    Relation,
    Text,
)
from termbook.glossary.model import Image, Source, Term
from termbook.glossary.problems import Problem, error
from termbook.glossary.yamlload import Document
from termbook.names.folding import is_valid_slug, slugify
from termbook.text.complexity import MAX_MARKDOWN_CHARS, too_complex

RESERVED_SLUGS = ("index",)
"""`terms/index` and `categories/index` are the A–Z index and the categories overview."""


def letter_slug(letter: str) -> str:
    """The URL segment of an A–Z letter page (``terms/a/``): "A" → "a", "#" → "0-9"."""
    return "0-9" if letter == "#" else letter.lower()


LETTER_SLUGS = frozenset(letter_slug(c) for c in "#ABCDEFGHIJKLMNOPQRSTUVWXYZ")
"""`terms/a/` … `terms/z/` and `terms/0-9/` are the A–Z letter pages: no term may take them."""
IMAGE_KEYS = IMAGE.keys
SOURCE_KEYS = SOURCE.keys
CATEGORY_KEYS = ("description", "slug")

_TYPE_NAMES = {str: "text", list: "a list", dict: "a mapping", bool: "true or false"}


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in choices}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Checker:
    """Collects problems for one document while reading its fields."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def fail(self, path: tuple, message: str, code: str, *, at_key: bool = False) -> None:
        where = self.doc.where_key(path) if at_key else self.doc.where(path)
        self.problems.append(error(self.doc.path, where, message, code))

    def unknown_keys(self, mapping: dict, allowed: tuple[str, ...], path: tuple, what: str) -> None:
        for key in mapping:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed)
                self.fail(
                    (*path, key), f"unknown key '{key}' in {what}{hint}", "unknown-key", at_key=True
                )

    def text(self, mapping: dict, key: str, path: tuple, *, required: bool = False) -> str | None:
        value = mapping.get(key)
        if value is None:
            if required:
                self._missing(mapping, key, path)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self._wrong_type((*path, key), key, value, str)
            return None
        value = str(value)
        if not value.strip():
            self.fail((*path, key), f"'{key}' is empty", "empty-value")
            return None
        return value

    def text_list(
        self, mapping: dict, key: str, path: tuple = (), *, single_ok: bool = False
    ) -> list[str] | None:
        value = mapping.get(key)
        if value is None:
            return None
        if single_ok and isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            example = f"{key}: [{value}]" if isinstance(value, str) else f"{key}: [...]"
            self.fail((*path, key), f"'{key}' must be a list (write `{example}`)", "wrong-type")
            return None
        items = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self._wrong_type((*path, key, index), f"{key}[{index}]", item, str)
            elif not str(item).strip():
                self.fail(
                    (*path, key, index), f"item {index + 1} of '{key}' is empty", "empty-value"
                )
            else:
                items.append(str(item))
        return items

    def markdown(self, path: tuple, texts: list[str], *, single: bool = True) -> None:
        """Markdown fields too large or too intricate to render in reasonable time are errors."""
        for index, text in enumerate(texts):
            reason = too_complex(text)
            if reason is not None:
                where = path if single and len(texts) == 1 else (*path, index)
                if len(text) > MAX_MARKDOWN_CHARS:
                    self.fail(where, f"'{path[-1]}' {reason}", "markdown-too-large")
                else:
                    self.fail(where, f"'{path[-1]}' {reason}", "markdown-too-complex")

    def _missing(self, mapping: dict, key: str, path: tuple) -> None:
        where = "the file" if not path else f"'{path[-1]}'"
        self.fail(path, f"{where} has no '{key}'; it is required", "missing-key")

    def _wrong_type(self, path: tuple, key: str, value: Any, wanted: type) -> None:
        found = _TYPE_NAMES.get(type(value), type(value).__name__)
        if value is None:
            found = "nothing"
        self.fail(path, f"'{key}' must be {_TYPE_NAMES[wanted]}, not {found}", "wrong-type")


def validate_term(
    doc: Document, default_slug: Callable[[str], str] = slugify
) -> tuple[Term | None, list[Problem]]:
    """Check one loaded term file against the schema; the Term when it has no errors."""
    check = _Checker(doc)
    data = doc.data
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a single value"
        check.fail(
            (),
            f"a term file must be a mapping of keys (term:, definition:, ...), not {found}",
            "not-a-mapping",
        )
        return None, check.problems
    check.unknown_keys(data, TERM_KEYS, (), "a term file")
    for key in REQUIRED_KEYS:
        if key not in data:
            check.fail((), f"the file has no '{key}'; it is required", "missing-key")
        elif data[key] is None:
            check.fail((key,), f"'{key}' is empty; it is required", "empty-value")
    values: dict[str, Any] = {}
    for spec, read, _ in _PLAN:
        key = spec.key
        if key == "slug":  # derived from the name when absent
            values[key] = _slug(check, data, values.get("term"), default_slug)
        elif key in data:
            values[key] = read(check, data, spec, ())
    _no_repeats(check, values.get("term"), values.get("aliases") or [])
    if check.problems or any(values.get(key) in (None, []) for key in _NEEDED):
        return None, check.problems
    model: dict[str, Any] = {}  # an absent field takes Term's default
    for spec, _, to_model in _PLAN:
        value = values.get(spec.key)
        if value is not None:
            model[spec.name] = to_model(value)
    term = Term(**model, source_path=doc.path, document=doc)
    return term, check.problems


_NEEDED = ("slug", *REQUIRED_KEYS)
"""Without these, a file is no term."""


def read_fields(doc: Document, fields: tuple[Field, ...]) -> tuple[dict[str, Any], list[Problem]]:
    """The values of ``fields`` a document holds, each read by its shape alone, and the problems
    found: how any declaration reads, whatever the registry (tests declare their own)."""
    check = _Checker(doc)
    data = doc.data if isinstance(doc.data, dict) else {}
    values = {f.name: _model_value(f, _read(check, data, f)) for f in fields if f.key in data}
    return values, check.problems


def _read(check: _Checker, data: dict, spec: Field, path: tuple = ()) -> Any:
    """A field's value as its shape reads it (None when absent, empty or of the wrong type);
    ``path``: where ``data`` is in the file (a sub-field's mapping)."""
    return _reader(spec)(check, data, spec, path)


Reader = Callable[[_Checker, dict, Field, tuple], Any]


def _reader(spec: Field) -> Reader:
    """The function that reads a field of this shape (chosen once per field of `FIELDS`)."""
    shape = spec.shape
    if isinstance(shape, ListOf):
        return _read_mappings_in if isinstance(shape.item, Mapping) else _read_list
    if isinstance(shape, Mapping):
        return _read_mapping_in
    return _read_boolean if isinstance(shape, Boolean) else _read_value


def _read_list(check: _Checker, data: dict, spec: Field, path: tuple) -> list[str] | None:
    key, shape = spec.key, spec.shape
    assert isinstance(shape, ListOf)
    items = check.text_list(data, key, path, single_ok=shape.one_or_many)
    if items and isinstance(shape.item, Choice):
        items = _choices(check, items, shape.item, (*path, key), isinstance(data.get(key), list))
    if items == [] and spec.required and isinstance(data.get(key), list):
        check.fail((*path, key), f"'{key}' needs at least one {shape.item_name}", "empty-value")
    if spec.markdown and items:
        single = shape.one_or_many and not isinstance(data.get(key), list)
        check.markdown((*path, key), items, single=single)
    return items


def _read_boolean(check: _Checker, data: dict, spec: Field, path: tuple) -> bool:
    value = data.get(spec.key, spec.default)
    if not isinstance(value, bool):
        check.fail((*path, spec.key), f"'{spec.key}' must be true or false", "wrong-type")
        return spec.default
    return value


def _read_value(check: _Checker, data: dict, spec: Field, path: tuple) -> str | None:
    """Text, Markdown, a choice or a relation: one value, written as text."""
    key, shape = spec.key, spec.shape
    value = check.text(data, key, path)
    if value is None:
        return None
    if isinstance(shape, Markdown):
        check.markdown((*path, key), [value])
    elif isinstance(shape, Choice) and value not in shape.values:
        hint = did_you_mean(value, shape.values)
        check.fail(
            (*path, key),
            f"'{key}' must be one of: {', '.join(shape.values)}; not '{value}'{hint}",
            "invalid-choice",
        )
        return None
    return value


def _choices(check: _Checker, items: list[str], shape: Choice, at: tuple, listed: bool) -> list:
    """The items of a list of choices that are choices; each other one is a problem at its
    place (the value itself when it was written alone)."""
    kept = []
    for index, item in enumerate(items):
        value = item.strip()
        if value in shape.values:
            kept.append(value)
            continue
        hint = did_you_mean(value, shape.values)
        check.fail(
            (*at, index) if listed else at,
            f"'{at[-1]}' values are: {', '.join(shape.values)}; not '{value}'{hint}",
            "invalid-choice",
        )
    return kept


def _read_mapping_in(check: _Checker, data: dict, spec: Field, path: tuple) -> Any:
    assert isinstance(spec.shape, Mapping)
    return _read_mapping(check, data.get(spec.key), spec.shape, (*path, spec.key), f"'{spec.key}'")


def _read_mappings_in(check: _Checker, data: dict, spec: Field, path: tuple) -> Any:
    return _read_mappings(check, data.get(spec.key), spec, (*path, spec.key))


def _read_mapping(check: _Checker, value: Any, shape: Mapping, at: tuple, what: str) -> Any:
    """A mapping of sub-fields, each read by its shape: ``shape.model(**values)``, or a dict
    of them without a model; None when it is no mapping or lacks a required sub-field."""
    if not isinstance(value, dict):
        check.fail(at, f"{what} must be a mapping of {', '.join(shape.keys)}", "wrong-type")
        return None
    check.unknown_keys(value, shape.keys, at, what)
    values: dict[str, Any] = {}
    for sub in shape.fields:
        if value.get(sub.key) is None:
            if sub.required:
                check.fail(at, f"{what} has no '{sub.key}'; it is required", "missing-key")
            continue
        read = _read(check, value, sub, at)
        if read is not None:
            values[sub.name] = _model_value(sub, read)
    if any(sub.required and sub.name not in values for sub in shape.fields):
        return None
    return shape.model(**values) if shape.model else values


def _read_mappings(check: _Checker, value: Any, spec: Field, at: tuple) -> list[Any] | None:
    assert isinstance(spec.shape, ListOf) and isinstance(spec.shape.item, Mapping)
    shape = spec.shape
    if not isinstance(value, list):
        keys = ", ".join(shape.item.keys)
        check.fail(at, f"'{spec.key}' must be a list of mappings of {keys}", "wrong-type")
        return None
    items = []
    for index, item in enumerate(value):
        what = f"{shape.item_name} {index + 1}"
        read = _read_mapping(check, item, shape.item, (*at, index), what)
        if read is not None:
            items.append(read)
    if spec.required and not value:
        check.fail(at, f"'{spec.key}' needs at least one {shape.item_name}", "empty-value")
    return items


def _model_value(spec: Field, value: Any) -> Any:
    """The `Term` attribute for a field's value: tuples for lists, names stripped of spaces;
    the field's default for no value."""
    return spec.default if value is None else _to_model(spec)(value)


def _to_model(spec: Field) -> Callable[[Any], Any]:
    shape = spec.shape
    if isinstance(shape, ListOf):
        return _stripped_tuple if isinstance(shape.item, _NAMES) else tuple
    return str.strip if isinstance(shape, _NAMES) else _as_is


def _stripped_tuple(values: list[str]) -> tuple[str, ...]:
    return tuple(value.strip() for value in values)


def _as_is(value: Any) -> Any:
    return value


_NAMES = Text | Choice | Relation
"""Shapes whose values are names: read without the spaces around them."""


def _read_image(check: _Checker, data: dict, spec: Field, path: tuple) -> Image | None:
    return _image(check, data.get(spec.key))


def _read_sources(check: _Checker, data: dict, spec: Field, path: tuple) -> list[Source]:
    return _sources(check, data.get(spec.key))


_READERS = {"image": _read_image, "sources": _read_sources}
"""Fields with rules of their own beside their shape's (`_read`); `slug` is `_slug`."""
_PLAN = tuple((spec, _READERS.get(spec.key) or _reader(spec), _to_model(spec)) for spec in FIELDS)
"""Each field of a term file with its reader and what makes its value the model's, chosen once."""


def _slug(
    check: _Checker, data: dict, name: str | None, default_slug: Callable[[str], str]
) -> str | None:
    if data.get("slug") is not None:
        slug = check.text(data, "slug", ())
        if slug is not None and not is_valid_slug(slug):
            suggestion = slugify(slug)
            hint = f" (for example '{suggestion}')" if suggestion else ""
            check.fail(
                ("slug",),
                f"the slug '{slug}' may only hold lowercase ASCII letters, digits and single hyphens{hint}",
                "invalid-slug",
            )
            return None
        return _not_reserved(check, slug, ("slug",))
    if name is None:
        return None
    slug = default_slug(name)
    if not slug:
        check.fail(
            ("term",),
            f"no URL slug can be derived from '{name}' (it has no Latin letters or digits); add a 'slug:'",
            "invalid-slug",
        )
        return None
    return _not_reserved(check, slug, ("term",))


def _not_reserved(check: _Checker, slug: str, path: tuple) -> str | None:
    if slug in RESERVED_SLUGS or slug in LETTER_SLUGS:
        page = "own index page" if slug in RESERVED_SLUGS else "A–Z page of a letter"
        check.fail(
            path,
            f"the slug '{slug}' is taken by the glossary's {page}; set another 'slug:'",
            "reserved-slug",
        )
        return None
    return slug


def _image(check: _Checker, value: Any) -> Image | None:
    if not isinstance(value, dict):
        check.fail(
            ("image",),
            "'image' must be a mapping like {src: images/x.svg, alt: \"...\"}",
            "wrong-type",
        )
        return None
    check.unknown_keys(value, IMAGE_KEYS, ("image",), "'image'")
    src = check.text(value, "src", ("image",), required=True)
    alt = value.get("alt")
    if alt is None or (isinstance(alt, str) and not alt.strip()):
        check.fail(
            ("image",),
            "'image' needs an 'alt' text describing the picture for readers who cannot see it",
            "image-alt",
        )
        return None
    alt = check.text(value, "alt", ("image",))
    if src is not None and _is_unsafe_url(src):
        check.fail(
            ("image", "src"),
            f"'image.src' must be a relative path or an http(s) URL, not '{src}'",
            "invalid-url",
        )
        return None
    if alt is not None and src is not None and not meaningful_alt(alt, src):
        check.fail(
            ("image", "alt"),
            f"'image.alt' must say what the picture shows in a few words, not '{alt}'",
            "image-alt",
        )
        return None
    return Image(src, alt) if src and alt else None


_GENERIC_ALT = frozenset(
    [
        "image",
        "picture",
        "photo",
        "photograph",
        "illustration",
        "drawing",
        "diagram",
        "icon",
        "img",
        "graphic",
        "figure",
        "alt",
        "placeholder",
        "todo",
        "tbd",
        "logo",
        "svg",
        "png",
        "jpeg",
        "jpg",
        "webp",
    ]
)
_ALT_FILLER = frozenset({"a", "an", "the", "of", "this", "here", "is", "for"})
_WORDS = re.compile(r"[^\W_]+")


def meaningful_alt(alt: str, src: str) -> bool:
    """Alt text that describes the picture: not its file name, not a word like "image".

    Three words at least: "Rack focus diagram" already tells a reader more than the name.
    """
    words = [w.casefold() for w in _WORDS.findall(alt)]
    stem = src.rsplit("/", 1)[-1]
    name_words = [w.casefold() for w in _WORDS.findall(stem)]
    if not words or words in (name_words, name_words[:-1]):
        return False
    content = [w for w in words if w not in _ALT_FILLER and w not in _GENERIC_ALT]
    return len(alt.split()) >= 3 and bool(content)  # words as the JSON Schema counts them


def _sources(check: _Checker, value: Any) -> list[Source]:
    if not isinstance(value, list):
        check.fail(("sources",), "'sources' must be a list of {title: ..., url: ...}", "wrong-type")
        return []
    sources = []
    for index, item in enumerate(value):
        path = ("sources", index)
        if not isinstance(item, dict):
            check.fail(
                path,
                f"source {index + 1} must be a mapping like {{title: ..., url: https://...}}",
                "wrong-type",
            )
            continue
        check.unknown_keys(item, SOURCE_KEYS, path, f"source {index + 1}")
        title = check.text(item, "title", path, required=True)
        url = check.text(item, "url", path)
        if url is not None and _scheme(url) not in ("http", "https"):
            check.fail(
                (*path, "url"),
                f"the source URL '{url}' must start with https:// or http://",
                "invalid-url",
            )
            url = None
        if title:
            sources.append(Source(title, url or ""))
    return sources


_NOT_IN_URL = re.compile(r'[\s"<>`]')


def _scheme(url: str) -> str | None:
    """The URL's scheme, lowercased ("" for a relative path); None when it is no URL.

    Spaces, quotes and angle brackets must be percent-encoded in a URL: one that holds them
    is a paste gone wrong, or an attempt to break out of an HTML attribute.
    """
    if _NOT_IN_URL.search(url.strip()):
        return None
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:  # a bracketed host that is no IP address: "http://[a b]/"
        return None


def _is_unsafe_url(url: str) -> bool:
    return _scheme(url) not in ("", "http", "https")


def _no_repeats(check: _Checker, name: str | None, aliases: list[str]) -> None:
    seen = {name.casefold()} if name else set()
    for index, alias in enumerate(aliases):
        if alias.casefold() in seen:
            check.fail(
                ("aliases", index),
                f"the alias '{alias}' repeats the name or another alias",
                "duplicate-alias",
            )
        seen.add(alias.casefold())
