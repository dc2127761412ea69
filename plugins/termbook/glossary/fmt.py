"""The canonical layout of a term file, so a pull request's diff shows content and nothing else.

Layout rules: keys in the order of `fields.FIELDS` (unknown keys last); Markdown text that is
long (over 80 characters) or spans lines as a literal block (``|``), without trailing spaces and
with one final newline; short lists of short names as flow lists (``[a, b]``) when they fit in 100
columns, block lists otherwise; examples and sources always as block lists; 2-space indents.

Comments stay where they are: the top-level entries are reordered as text (each key takes the
comment lines written directly above it), then ruamel.yaml's round trip changes only styles.
Before anything is written, the result is read back and compared with the original data, so the
formatter can refuse a file but never change what a term says.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from termbook.glossary.fields import FIELDS, TERM_KEYS, ListOf, Mapping, Relation, Text
from termbook.glossary.loader import NOT_TERMS, term_files
from termbook.glossary.yamlload import Document, decode, load_text

LONG_TEXT = 80
"""Text longer than this becomes a literal block."""
WIDTH = 100
"""A flow list must fit on one line of this many columns, key included."""
SHORT_NAME = 40
"""A list holding a longer name is written as a block list."""
MARKDOWN_FIELDS = tuple(f.key for f in FIELDS if f.markdown)
"""Markdown, or lists of it: long text as literal blocks, lists one item per line."""
NAME_LISTS = tuple(
    f.key
    for f in FIELDS
    if isinstance(f.shape, ListOf) and isinstance(f.shape.item, Text | Relation)
)
MAPPINGS = {f.key: f.shape.keys for f in FIELDS if isinstance(f.shape, Mapping)}
MAPPING_LISTS = {
    f.key: f.shape.item.keys
    for f in FIELDS
    if isinstance(f.shape, ListOf) and isinstance(f.shape.item, Mapping)
}
_MODELINE = "# yaml-language-server:"
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FormatError(Exception):
    """The file cannot be formatted safely; the message says where and why."""


def format_text(text: str, path: str = "<text>") -> str:
    """The canonical layout of one term file's text (idempotent)."""
    doc, problems = load_text(text, path)
    if problems:
        raise FormatError(f"{problems[0].format()} (fix it before formatting)")
    if not isinstance(doc.data, dict):
        raise FormatError(f"{path}:1:1: a term file must be a mapping of keys; not formatted")
    reordered = _reorder(text, doc)
    yaml_rt = _round_trip()
    try:
        data = yaml_rt.load(reordered)
    except RuamelError as exc:  # pragma: no cover - the safe loader accepted the same text
        raise FormatError(f"{path}:1:1: cannot format: {exc}") from exc
    _restyle(data)
    buffer = io.StringIO()
    yaml_rt.dump(data, buffer)
    result = _tidy(buffer.getvalue())
    _refuse_changed_data(doc, result, path)
    return result


def _round_trip() -> YAML:
    yaml_rt = YAML(typ="rt")
    yaml_rt.preserve_quotes = True
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    yaml_rt.width = 4096  # never fold a line: a folded line is a diff of its own
    yaml_rt.allow_unicode = True
    return yaml_rt


# -- key order: as text, so comments written above a key move with it ---------------------


def _reorder(text: str, doc: Document) -> str:
    keys = list(doc.data)
    wanted = sorted(keys, key=lambda k: TERM_KEYS.index(k) if k in TERM_KEYS else len(TERM_KEYS))
    if wanted == keys:
        return text
    lines = text.splitlines(keepends=True)
    starts = [_lead_start(lines, doc.keys[(key,)][0] - 1) for key in keys]
    header = lines[: starts[0]]
    chunks = {}
    for index, key in enumerate(keys):
        end = starts[index + 1] if index + 1 < len(keys) else len(lines)
        chunk = lines[starts[index] : end]
        if chunk and not chunk[-1].endswith("\n"):
            chunk[-1] += "\n"
        chunks[key] = chunk
    return "".join(header + [line for key in wanted for line in chunks[key]])


def _lead_start(lines: list[str], key_line: int) -> int:
    """First line of the comment lines directly above a top-level key (they belong to it)."""
    start = key_line
    while start > 0:
        above = lines[start - 1]
        if not above.startswith("#") or above.startswith(_MODELINE):
            break
        start -= 1
    return start


# -- styles ---------------------------------------------------------------------------------


def _restyle(data: CommentedMap) -> None:
    data.fa.set_block_style()
    for key, value in list(data.items()):
        if key in MARKDOWN_FIELDS and isinstance(value, str):
            data[key] = _text_style(value)
        elif key in MARKDOWN_FIELDS and isinstance(value, CommentedSeq):
            value.fa.set_block_style()
            for index, item in enumerate(value):
                if isinstance(item, str):
                    value[index] = _text_style(item)
        elif key in NAME_LISTS and isinstance(value, CommentedSeq):
            _list_style(key, value)
        elif key in MAPPINGS and isinstance(value, CommentedMap):
            _mapping_style(value, MAPPINGS[key])
        elif key in MAPPING_LISTS and isinstance(value, CommentedSeq):
            value.fa.set_block_style()
            for item in value:
                if isinstance(item, CommentedMap):
                    _mapping_style(item, MAPPING_LISTS[key])
        elif isinstance(value, str) and "\n" in value.strip("\n"):
            data[key] = LiteralScalarString(value)


def _text_style(value: str) -> str:
    """Markdown that is long or spans lines as a literal block, tidied; short text as it is."""
    if isinstance(value, FoldedScalarString):
        return value
    if isinstance(value, LiteralScalarString) or len(value) > LONG_TEXT or "\n" in value:
        lines = [line.rstrip() for line in str(value).strip("\n").split("\n")]
        return LiteralScalarString("\n".join(lines) + "\n")
    return value


def _list_style(key: str, names: CommentedSeq) -> None:
    if _has_comments(names):
        return  # a flow list cannot hold comments: leave the contributor's layout alone
    short = all(
        isinstance(name, str) and "\n" not in name and len(name) <= SHORT_NAME for name in names
    )
    line = f"{key}: [{', '.join(flow_scalar(str(name)) for name in names)}]"
    if short and len(line) <= WIDTH:
        names.fa.set_flow_style()
    else:
        names.fa.set_block_style()


def _mapping_style(mapping: CommentedMap, order: tuple[str, ...]) -> None:
    mapping.fa.set_block_style()
    for key in [k for k in order if k in mapping] + [k for k in mapping if k not in order]:
        mapping.move_to_end(key)


def _has_comments(node: CommentedSeq) -> bool:
    return any(node.ca.items.values()) or any(node.ca.comment or ())


def plain_scalar(value: str) -> str:
    """A block-context value as plain YAML when it reads back unchanged, else double-quoted."""
    return value if _reads_back(f"k: {value}", value) else _double_quoted(value)


def flow_scalar(value: str) -> str:
    """A flow-list item as plain YAML when it reads back unchanged, else double-quoted."""
    return value if _reads_back(f"k: [{value}]", [value]) else _double_quoted(value)


def _reads_back(text: str, expected: Any) -> bool:
    return _parsed(text) == {"k": expected}


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> Any:
    """A one-line YAML snippet as libyaml reads it (cached: category names repeat in every file)."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # a safe loader: no tags, no objects
    except yaml.YAMLError:
        return None


def _double_quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


# -- the safety net ------------------------------------------------------------------------------


def _refuse_changed_data(before: Document, after_text: str, path: str) -> None:
    after, problems = load_text(after_text, path)
    if problems or _comparable(after.data) != _comparable(before.data):
        raise FormatError(  # pragma: no cover - a formatter bug, never a contributor's
            f"{path}:1:1: formatting would change the file's data; left as it is "
            "(please report this file)"
        )


def _comparable(value: Any) -> Any:
    """Data with what formatting may change removed: trailing spaces and final newlines of text."""
    if isinstance(value, str):
        return "\n".join(line.rstrip() for line in value.split("\n")).strip("\n")
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: _comparable(item) for key, item in value.items()}
    return value


# -- files --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What formatting one file found: its new text when it changes, or why it was left alone."""

    path: Path
    original: str = ""
    formatted: str | None = None
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted != self.original

    @property
    def first_changed_line(self) -> int:
        old, new = self.original.splitlines(), (self.formatted or "").splitlines()
        for number, (a, b) in enumerate(zip(old, new, strict=False), 1):
            if a != b:
                return number
        return min(len(old), len(new)) + 1


def collect_files(targets: list[Path]) -> list[Path]:
    """Term files named or found in the folders named; `_`/`.` files are not terms."""
    files: list[Path] = []
    for target in targets:
        if target.is_dir():
            files += term_files(target)[0]
        elif not target.name.startswith(NOT_TERMS):
            files.append(target)
    return files


def format_file(path: Path, shown: str) -> Outcome:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Outcome(path, error=f"{shown}:1:1: cannot read the file: {exc.strerror}")
    text, problems = decode(raw, shown)
    if text is None:
        return Outcome(path, error=problems[0].format())
    try:
        return Outcome(path, text, format_text(text, shown))
    except FormatError as exc:
        return Outcome(path, text, error=str(exc))
