"""Share cards: the 1200×630 PNG a link preview shows (og:image) for a term or the whole site.

Drawn with Pillow rather than Material's social plugin, which needs Cairo and fonts from the
network and only knows Markdown pages. `draw_card` is a plain function of what it draws (a
`Card`, a `CardStyle` and the fonts) to PNG bytes, so it can run in any process; `card_key`
hashes exactly those inputs, which is what lets `CardCache` skip every unchanged card.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from termbook.pages.views import CARD_SIZE
from termbook.publish.palette import CardStyle

RENDERER_VERSION = "3"
"""Bump when the drawing changes, so cached cards are drawn again."""
WIDTH, HEIGHT = CARD_SIZE
MARGIN = 72
PANEL = 400
"""Side of the square panel that holds an illustration."""
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian and Ubuntu: fonts-dejavu-core
    Path("/usr/share/fonts/dejavu"),  # Fedora, Arch
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
)
BOLD_FONT = "DejaVuSans-Bold.ttf"
REGULAR_FONT = "DejaVuSans.ttf"

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@dataclass(frozen=True)
class Card:
    """What one card shows. ``image`` is an illustration file's bytes (SVG, PNG, JPEG, WebP)."""

    title: str
    text: str
    label: str
    footer: str = ""
    image: bytes | None = None


@dataclass(frozen=True)
class CardFonts:
    """Font files for titles and text; None uses the font Pillow bundles (Aileron)."""

    bold: Path | None = None
    regular: Path | None = None

    def identity(self) -> str:
        return f"{_file_digest(self.bold)}:{_file_digest(self.regular)}"


def find_fonts(dirs: tuple[Path, ...] = FONT_DIRS) -> CardFonts:
    """DejaVu Sans where the system has it (the Makefile installs Debian's fonts-dejavu-core)."""
    for folder in dirs:
        bold, regular = folder / BOLD_FONT, folder / REGULAR_FONT
        if bold.is_file() and regular.is_file():
            return CardFonts(bold, regular)
    return CardFonts()


@lru_cache(maxsize=8)
def _file_digest(path: Path | None) -> str:
    if path is None:
        return "pillow-default"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def card_key(card: Card, style: CardStyle, fonts: CardFonts) -> str:
    """A digest of everything that decides the card's pixels, the renderer's version included."""
    digest = hashlib.sha256(f"termbook-card/{RENDERER_VERSION}\0".encode())
    for value in (card.title, card.text, card.label, card.footer, *astuple(style)):
        digest.update(value.encode("utf-8") + b"\0")
    digest.update(fonts.identity().encode() + b"\0")
    digest.update(card.image or b"")
    return digest.hexdigest()


@lru_cache(maxsize=32)
def _font(path: Path | None, size: int) -> Font:
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


def _wrap(text: str, font: Font, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels; the last kept line ends with … when text is cut."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for word in words:
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > width:  # a word longer than a line: break it
            cut = len(current)
            while cut > 1 and font.getlength(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
        if len(lines) >= max_lines:
            return _ellipsis(lines[:max_lines], font, width)
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        return _ellipsis(lines[:max_lines], font, width)
    return lines


def _ellipsis(lines: list[str], font: Font, width: int) -> list[str]:
    last = lines[-1].rstrip(" ,;:.")
    while last and font.getlength(last + "…") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[:-1], last + "…"]


def _title_lines(title: str, fonts: CardFonts, width: int) -> tuple[Font, list[str]]:
    """The largest title size (76 down to 44 px) that fits in two lines."""
    for size in (76, 68, 60, 52, 44):
        font = _font(fonts.bold, size)
        lines = _wrap(title, font, width, 3)
        if len(lines) <= 2:
            return font, lines
    return font, _wrap(title, font, width, 2)


def rasterise(data: bytes, box: int) -> Image.Image | None:
    """An illustration as RGBA pixels fitting a ``box``-pixel square; None if unreadable."""
    try:
        if data.lstrip()[:1] == b"<":
            import resvg_py  # imported here: only illustrated cards need it

            data = bytes(resvg_py.svg_to_bytes(svg_string=data.decode("utf-8"), width=box))
        picture = Image.open(io.BytesIO(data))
        picture.load()
    except (ValueError, OSError, UnicodeDecodeError, Image.DecompressionBombError):
        return None
    picture = picture.convert("RGBA")
    picture.thumbnail((box, box), Image.Resampling.LANCZOS)
    return picture


def draw_card(card: Card, style: CardStyle, fonts: CardFonts) -> bytes:
    """The card as PNG bytes: label, title, the start of the text, the footer, the picture."""
    canvas = Image.new("RGB", (WIDTH, HEIGHT), style.background)
    draw = ImageDraw.Draw(canvas)
    picture = rasterise(card.image, PANEL - 48) if card.image else None
    text_right = WIDTH - MARGIN - (PANEL + 48 if picture else 0)
    width = text_right - MARGIN

    if picture is not None:  # a light panel that hugs the picture, centred on the right
        height = picture.height + 48
        left, top = WIDTH - MARGIN - PANEL, (HEIGHT - height) // 2
        draw.rounded_rectangle((left, top, left + PANEL, top + height), radius=28, fill=style.panel)
        canvas.paste(picture, (left + (PANEL - picture.width) // 2, top + 24), picture)

    label_font = _font(fonts.bold, 28)
    draw.text(
        (MARGIN, 56),
        _wrap(card.label, label_font, width, 1)[0],
        font=label_font,
        fill=style.foreground,
    )
    title_font, title = _title_lines(card.title, fonts, width)
    y = 120
    for line in title:
        draw.text((MARGIN, y), line, font=title_font, fill=style.foreground)
        y += int(title_font.size * 1.18)
    draw.rectangle((MARGIN, y + 10, MARGIN + 112, y + 20), fill=style.accent)
    y += 48
    text_font = _font(fonts.regular, 32)
    room = max(1, (HEIGHT - 110 - y) // 44)
    for line in _wrap(card.text, text_font, width, room) if card.text else []:
        draw.text((MARGIN, y), line, font=text_font, fill=style.foreground)
        y += 44
    if card.footer:
        footer_font = _font(fonts.regular, 26)
        footer = _wrap(card.footer, footer_font, width, 1)[0]
        draw.text((MARGIN, HEIGHT - 78), footer, font=footer_font, fill=style.foreground)
    draw.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=style.accent)

    out = io.BytesIO()
    # Flat colours and anti-aliased edges fit in 256 colours: a palette PNG is about half the
    # bytes of an RGB one and, with fast compression, about half the time to write.
    flat = canvas.quantize(256, method=Image.Quantize.FASTOCTREE)
    flat.save(out, format="PNG", compress_level=3)
    return out.getvalue()
