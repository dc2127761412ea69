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

from termbook.glossary.model import Image, Source, Term
from termbook.glossary.problems import Problem, error
from termbook.glossary.yamlload import Document
from termbook.names.folding import is_valid_slug, slugify
from termbook.text.complexity import MAX_MARKDOWN_CHARS, too_complex

TERM_KEYS = (
    "term",
    "slug",
    "aliases",
    "categories",
    "definition",
    "examples",
    "trivia",
    "related",
    "image",
    "sources",
    "autolink",
    "practice",
)
"""Every key a term file may have, in the canonical order."""
REQUIRED_KEYS = ("term", "categories", "definition")
RESERVED_SLUGS = ("index",)
"""`terms/index` and `categories/index` are the A–Z index and the categories overview."""


def letter_slug(letter: str) -> str:
    """The URL segment of an A–Z letter page (``terms/a/``): "A" → "a", "#" → "0-9"."""
    return "0-9" if letter == "#" else letter.lower()


LETTER_SLUGS = frozenset(letter_slug(c) for c in "#ABCDEFGHIJKLMNOPQRSTUVWXYZ")
"""`terms/a/` … `terms/z/` and `terms/0-9/` are the A–Z letter pages: no term may take them."""
IMAGE_KEYS = ("src", "alt")
SOURCE_KEYS = ("title", "url")
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

    def text_list(self, mapping: dict, key: str, *, single_ok: bool = False) -> list[str] | None:
        value = mapping.get(key)
        if value is None:
            return None
        if single_ok and isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            example = f"{key}: [{value}]" if isinstance(value, str) else f"{key}: [...]"
            self.fail((key,), f"'{key}' must be a list (write `{example}`)", "wrong-type")
            return None
        items = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self._wrong_type((key, index), f"{key}[{index}]", item, str)
            elif not str(item).strip():
                self.fail((key, index), f"item {index + 1} of '{key}' is empty", "empty-value")
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
    name = check.text(data, "term", ()) if "term" in data else None
    slug = _slug(check, data, name, default_slug)
    aliases = check.text_list(data, "aliases") or []
    categories = check.text_list(data, "categories") if "categories" in data else None
    if categories == [] and isinstance(data.get("categories"), list):
        check.fail(("categories",), "'categories' needs at least one category", "empty-value")
    definition = check.text(data, "definition", ()) if "definition" in data else None
    examples = check.text_list(data, "examples") or []
    trivia = check.text_list(data, "trivia", single_ok=True) or []
    check.markdown(("definition",), [definition] if definition else [])
    check.markdown(("examples",), examples)
    check.markdown(("trivia",), trivia, single=not isinstance(data.get("trivia"), list))
    related = check.text_list(data, "related") or []
    image = _image(check, data.get("image")) if "image" in data else None
    sources = _sources(check, data.get("sources")) if "sources" in data else []
    autolink = data.get("autolink", True)
    if not isinstance(autolink, bool):
        check.fail(("autolink",), "'autolink' must be true or false", "wrong-type")
        autolink = True
    practice = data.get("practice", True)
    if not isinstance(practice, bool):
        check.fail(("practice",), "'practice' must be true or false", "wrong-type")
        practice = True
    _no_repeats(check, name, aliases)
    if check.problems or name is None or slug is None or not categories or definition is None:
        return None, check.problems
    term = Term(
        slug=slug,
        name=name.strip(),
        aliases=tuple(a.strip() for a in aliases),
        categories=tuple(c.strip() for c in categories),
        definition=definition,
        examples=tuple(examples),
        trivia=tuple(trivia),
        related_refs=tuple(r.strip() for r in related),
        image=image,
        sources=tuple(sources),
        autolink=autolink,
        practice=practice,
        source_path=doc.path,
        document=doc,
    )
    return term, check.problems


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
