"""Illustration files: where a term's `image.src` points, and whether that file is fit to publish.

A term file names a picture below the docs folder; the picture is published with the site and
opened by readers' browsers (an SVG opened on its own runs its scripts), drawn into share cards
and listed by the API. So the checks here go by the file's content, not its name: a known
format, a size limit, and in an SVG nothing that runs or loads anything from elsewhere.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote

from PIL import Image as PILImage

from termbook.glossary.model import Term
from termbook.glossary.problems import Problem, error

MAX_IMAGE_BYTES = 1_000_000
"""An illustration is a drawing, not a photo archive: 1 MB is far above any one we ship."""
FORMATS = {"svg": (".svg",), "png": (".png",), "jpeg": (".jpg", ".jpeg"), "webp": (".webp",)}
SVG_NS = "{http://www.w3.org/2000/svg}"
BANNED_ELEMENTS = frozenset(
    {"script", "foreignObject", "iframe", "embed", "object", "audio", "video", "handler"}
)
"""Elements that run code or pull in another document; matched case-insensitively."""
_LINK_ATTRS = frozenset({"href", "src", "action", "formaction"})
_URL_FUNCTION = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_JAVASCRIPT = re.compile(r"(?:java|vb)script\s*:", re.IGNORECASE)
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SAFE_DATA = re.compile(r"data:image/(?:png|jpeg|webp|gif);base64,", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One thing wrong with an image file: a message and a stable code."""

    message: str
    code: str


def is_remote(src: str) -> bool:
    return "://" in src or src.startswith("//")


def image_path(docs_dir: Path, src: str) -> Path | None:
    """The file a relative ``src`` names below ``docs_dir``; None if it would leave the folder.

    One rule for the validator, the share cards and anything else that reads the picture.
    """
    if is_remote(src):
        return None
    relative = unquote(src.split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    try:
        root = docs_dir.resolve()
        path = (root / relative).resolve()
    except (OSError, ValueError):  # a NUL byte, a loop of links: no file a reader could get
        return None
    return path if path.is_relative_to(root) else None


def sniff_format(data: bytes) -> str | None:
    """ "svg", "png", "jpeg" or "webp" from the first bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:65536].lower():
        return "svg"
    return None


def svg_findings(data: bytes) -> list[Finding]:
    """What in an SVG could run or load something: each with its line in the SVG."""
    if _DECLARATION.search(data):
        return [Finding("the SVG declares a DOCTYPE or entities; remove them", "image-unsafe")]
    parser = ET.XMLPullParser(events=("start",))
    findings: list[Finding] = []
    try:
        parser.feed(data)
        parser.close()
    except ET.ParseError as exc:
        return [Finding(f"the SVG is not well-formed XML ({exc})", "image-format")]
    root_seen = False
    for _event, element in parser.read_events():
        name = _local(element.tag)
        if not root_seen:
            root_seen = True
            if element.tag != f"{SVG_NS}svg":
                return [
                    Finding(
                        "the file is XML but not an SVG (<svg> in the SVG namespace)",
                        "image-format",
                    )
                ]
        findings += _element_findings(name, element)
    return findings


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _element_findings(name: str, element: ET.Element) -> list[Finding]:
    found: list[Finding] = []
    if name.lower() in {n.lower() for n in BANNED_ELEMENTS}:
        found.append(Finding(f"the SVG holds a <{name}> element", "image-unsafe"))
    if name == "style" and element.text and _unsafe_css(element.text):
        found.append(Finding("the SVG's <style> loads or runs something", "image-unsafe"))
    target = element.get("attributeName", "").rsplit(":", 1)[-1].lower()  # xlink:href too
    if name in ("set", "animate") and target in (
        "href",
        *_LINK_ATTRS,
    ):
        found.append(Finding(f"the SVG's <{name}> changes a link", "image-unsafe"))
    for attribute, value in element.attrib.items():
        key = _local(attribute).lower()
        if key.startswith("on"):
            found.append(Finding(f"the SVG has an event handler ({key}=…)", "image-unsafe"))
        elif key in _LINK_ATTRS and not _internal(value):
            found.append(
                Finding(
                    f'the SVG refers to something outside it ({key}="{value[:60]}")', "image-unsafe"
                )
            )
        elif _JAVASCRIPT.search(value) or _unsafe_css(value):
            found.append(Finding(f"the SVG's {key}=… loads or runs something", "image-unsafe"))
    return found


def _internal(value: str) -> bool:
    """A reference to something inside the same SVG, or an embedded bitmap."""
    value = value.strip()
    return value.startswith("#") or bool(_SAFE_DATA.match(value))


def _unsafe_css(text: str) -> bool:
    if _IMPORT.search(text) or _JAVASCRIPT.search(text) or "expression(" in text.lower():
        return True
    return any(not target.startswith("#") for target in _URL_FUNCTION.findall(text))


def file_findings(
    path: Path, src: str, max_bytes: int = MAX_IMAGE_BYTES
) -> tuple[list[Finding], bytes]:
    """Everything wrong with the picture at ``path`` (an empty list: fit to publish), and the
    bytes read (so the file is read once per build)."""
    try:
        if not path.is_file():
            return [
                Finding(f"the image '{src}' does not exist below the docs folder", "image-missing")
            ], b""
        size = path.stat().st_size
        data = path.read_bytes() if size <= max_bytes else b""
    except OSError as exc:
        return [Finding(f"the image '{src}' cannot be read ({exc.strerror})", "image-missing")], b""
    if size > max_bytes:
        return [
            Finding(
                f"the image '{src}' is {size:,} bytes; the limit is {max_bytes:,}",
                "image-too-large",
            )
        ], b""
    kind = sniff_format(data)
    if kind is None:
        return [
            Finding(f"the image '{src}' is not an SVG, PNG, JPEG or WebP file", "image-format")
        ], data
    if path.suffix.lower() not in FORMATS[kind]:
        return [
            Finding(
                f"the image '{src}' holds {kind.upper()} data; name it {FORMATS[kind][0]}",
                "image-format",
            )
        ], data
    return (svg_findings(data) if kind == "svg" else []), data


_SVG_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def intrinsic_size(data: bytes) -> tuple[int, int] | None:
    """The picture's width and height in CSS pixels, for the page's ``<img width height>``: the
    browser then keeps its place before it arrives, and nothing below it jumps (no layout
    shift). An SVG's from its ``width``/``height`` (in px or plain numbers), else its
    ``viewBox``; a bitmap's from its header. None where the file does not say."""
    kind = sniff_format(data)
    if kind is None:
        return None
    if kind != "svg":
        try:
            with PILImage.open(io.BytesIO(data)) as picture:
                return picture.size
        except (OSError, ValueError):
            return None
    try:
        root = next(iter(ET.iterparse(io.BytesIO(data), events=("start",))))[1]
    except (ET.ParseError, StopIteration):
        return None
    width, height = (_SVG_LENGTH.match(root.get(k, "")) for k in ("width", "height"))
    if width and height:
        size = float(width[1]), float(height[1])
    else:
        box = (root.get("viewBox") or "").replace(",", " ").split()
        try:
            size = (float(box[2]), float(box[3])) if len(box) == 4 else (0.0, 0.0)
        except ValueError:
            return None
    return (round(size[0]), round(size[1])) if min(size) >= 1 else None


def image_problems(term: Term, docs_dir: Path) -> list[Problem]:
    """The problems of a term's picture, each at the `image` key of its term file. A local
    picture fit to publish also gets its intrinsic size (`intrinsic_size`), from the same read."""
    if term.image is None or is_remote(term.image.src):
        return []
    where = term.document.where_key(("image",)) if term.document else (1, 1)
    path = image_path(docs_dir, term.image.src)
    if path is None:
        findings = [
            Finding(f"the image '{term.image.src}' points outside the docs folder", "image-missing")
        ]
    else:
        findings, data = file_findings(path, term.image.src)
        size = None if findings else intrinsic_size(data)
        if size:
            term.image = replace(term.image, width=size[0], height=size[1])
    return [error(term.source_path, where, f.message, f.code) for f in findings]
