"""Safe, position-keeping YAML loading for term files.

libyaml (``CSafeLoader``) composes the node graph, which carries a line and column for every key
and value; we then build plain Python values ourselves. That keeps the fast C parser while giving
every later check a position to report, and lets us refuse what a data file never needs: tags,
duplicate keys, merge keys and alias expansion beyond a small budget (a "billion laughs" file
composes in microseconds because aliases are shared nodes; only expanding them is costly).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from termbook.glossary.problems import Problem, error

try:  # pragma: no cover - which branch runs depends on how PyYAML was built
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 5_000
MAX_DEPTH = 32

Path_ = tuple[Any, ...]
"""A key path inside a document: ``("related", 2)`` is the third item of ``related``."""

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_constructor = yaml.constructor.SafeConstructor()


@dataclass
class Document:
    """A loaded file: its data and where each value and key stands (1-based line, column)."""

    path: str
    data: Any = None
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_ = ()) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest parent that has one."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def where_key(self, path: Path_) -> tuple[int, int]:
        return self.keys.get(path) or self.where(path)


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str, code: str) -> None:
        super().__init__(message)
        self.position = _position(node.start_mark)
        self.message = message
        self.code = code


def _position(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_OTHER_ENCODINGS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)
_NOT_YAML_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML 1.1 refuses (control characters, lone surrogates, U+FFFE/U+FFFF)."""


def _line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    before = text[:offset]
    newline = "\n" if isinstance(before, str) else b"\n"
    return before.count(newline) + 1, offset - (before.rfind(newline) + 1) + 1


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8 (a BOM is allowed), naming the line and column of the first bad byte."""
    for bom, name in _OTHER_ENCODINGS:
        if raw.startswith(bom):
            message = f"the file is saved as {name}; save it as UTF-8 in your editor"
            return None, [error(path, (1, 1), message, "encoding")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        message = (
            "the file contains NUL bytes (a binary file, or text saved as UTF-16?); "
            "save it as UTF-8 text"
        )
        return None, [error(path, _line_column(raw, raw.index(b"\x00")), message, "encoding")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        message = f"the file is not valid UTF-8 (byte 0x{bad}); save it as UTF-8 in your editor"
        return None, [error(path, _line_column(raw, exc.start), message, "encoding")]


def load_text(text: str, path: str) -> tuple[Document, list[Problem]]:
    """Parse one YAML document from text; problems instead of exceptions."""
    doc = Document(path)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError:
        return doc, [_bad_character(text, path)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        tab = _tab_indent_before(text, mark.line + 1 if mark else 1)
        if tab is not None:
            message = "a tab is used for indentation; YAML needs spaces"
            return doc, [error(path, tab, message, "tab")]
        message = f"YAML syntax error: {exc.problem or exc.context}"
        if "another document" in (exc.problem or ""):
            message = (
                "a term file holds one YAML document: remove the second '---' and what follows"
            )
        elif exc.context and exc.problem:
            message = f"YAML syntax error: {exc.problem} ({exc.context})"
        message += _quoting_hint(text, mark)
        return doc, [error(path, _position(mark), message, "yaml-syntax")]
    except yaml.YAMLError as exc:  # pragma: no cover - every other libyaml error is marked
        return doc, [error(path, (1, 1), f"YAML error: {exc}", "yaml-syntax")]
    if node is None:
        return doc, [error(path, (1, 1), "the file is empty", "empty-file")]
    budget = [MAX_NODES]
    try:
        doc.data = _build(node, (), doc, budget, 0)
    except _Refused as exc:
        doc.data = None
        return doc, [error(path, exc.position, exc.message, exc.code)]
    return doc, []


def _bad_character(text: str, path: str) -> Problem:
    """libyaml names a refused character by byte offset; we name its line and column."""
    found = _NOT_YAML_CHAR.search(text)
    offset = found.start() if found else 0
    code_point = f"U+{ord(text[offset]):04X}" if found else "a character"
    message = f"the character {code_point} is not allowed in YAML (a control character?); remove it"
    return error(path, _line_column(text, offset), message, "yaml-character")


_QUOTED_THEN_MORE = re.compile(r"""^\s*(?:-\s+|[\w-]+:\s+)(["'])(?:(?!\1).)*\1[ \t]*[^\s#]""")
_PLAIN_WITH_COLON = re.compile(r"^\s*(?:-\s+|[\w-]+:\s+)[^\s\"'|>\[{][^#]*:\s")


def _quoting_hint(text: str, mark: yaml.Mark | None) -> str:
    """Plain words for the two slips contributors make most, which libyaml words cryptically."""
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if _QUOTED_THEN_MORE.match(line):
        return "; text that starts with a quote must also end with it: write it as a | block"
    if _PLAIN_WITH_COLON.match(line):
        return "; ': ' inside text needs the text in double quotes or written as a | block"
    return ""


def _tab_indent_before(text: str, last_line: int) -> tuple[int, int] | None:
    """The first tab-indented line up to a syntax error: libyaml's own message is cryptic."""
    for number, line in enumerate(text.splitlines()[:last_line], 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return (number, len(line) - len(stripped) + 1)
    return None


def _too_large(size: int, path: str) -> Problem:
    message = f"the file is {size:,} bytes; a term file may be at most {MAX_FILE_BYTES:,}"
    return error(path, (1, 1), message, "file-too-large")


def read_limited(file: Path, path: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, never more than the limit (a 10 GB file is refused, not read)."""
    try:
        with file.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
            if len(raw) > MAX_FILE_BYTES:
                return None, [_too_large(os.fstat(stream.fileno()).st_size, path)]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [error(path, (1, 1), f"cannot read the file: {reason}", "unreadable")]
    return raw, []


def load_bytes(raw: bytes, path: str) -> tuple[Document, list[Problem]]:
    if len(raw) > MAX_FILE_BYTES:
        return Document(path), [_too_large(len(raw), path)]
    text, problems = decode(raw, path)
    if text is None:
        return Document(path), problems
    return load_text(text, path)


def _build(node: yaml.Node, path: Path_, doc: Document, budget: list[int], depth: int) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _Refused(
            node,
            f"the document expands to more than {MAX_NODES:,} values "
            "(anchors and aliases expanding without bound?)",
            "yaml-too-large",
        )
    if depth > MAX_DEPTH:
        raise _Refused(node, f"values are nested more than {MAX_DEPTH} levels deep", "yaml-depth")
    doc.values.setdefault(path, _position(node.start_mark))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Refused(node, f"YAML tags are not allowed here ({node.tag})", "yaml-tag")
        return [
            _build(item, (*path, i), doc, budget, depth + 1) for i, item in enumerate(node.value)
        ]
    if node.tag != _MAP:
        raise _Refused(node, f"YAML tags are not allowed here ({node.tag})", "yaml-tag")
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused(key_node, "merge keys (<<) are not allowed in term files", "yaml-merge")
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(key_node, "keys must be plain words, not lists or mappings", "yaml-key")
        key = _scalar(key_node)
        if not isinstance(key, str):
            key = key_node.value
        if key in result:
            first = doc.keys.get((*path, key), (0, 0))[0]
            raise _Refused(
                key_node, f"the key '{key}' appears twice (first on line {first})", "duplicate-key"
            )
        doc.keys[(*path, key)] = _position(key_node.start_mark)
        result[key] = _build(value_node, (*path, key), doc, budget, depth + 1)
    return result


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    found = _NOT_YAML_CHAR.search(node.value)
    if found:  # written as an escape ("\x1b"): no page, feed or XML export could carry it
        message = f"the character U+{ord(found.group()):04X} is not allowed in a value; remove it"
        raise _Refused(node, message, "yaml-character")
    if tag not in _SCALAR_TAGS:
        raise _Refused(node, f"YAML tags are not allowed here ({tag})", "yaml-tag")
    if tag == _STR or tag == "tag:yaml.org,2002:timestamp":
        # Dates stay text: no field of a term is a date, and "2024-01-01" is a fine name.
        return node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _constructor.construct_yaml_bool(node)
    try:
        if tag == "tag:yaml.org,2002:int":
            return _constructor.construct_yaml_int(node)
        return _constructor.construct_yaml_float(node)
    except ValueError:  # more digits than Python converts; no field of a term is a number
        return node.value
