"""The site's colours for share cards, read from Material's palette settings in mkdocs.yml.

A card is a picture, not a page: it cannot follow the reader's light or dark choice, so it takes
the first palette's primary colour as its background, the text colour Material puts on that
primary, and the accent. The hex values are Material 9's own (its palette stylesheet).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PRIMARY = {
    "red": "#ef5552",
    "pink": "#e92063",
    "purple": "#ab47bd",
    "deep-purple": "#7e56c2",
    "indigo": "#4051b5",
    "blue": "#2094f3",
    "light-blue": "#02a6f2",
    "cyan": "#00bdd6",
    "teal": "#009485",
    "green": "#4cae4f",
    "light-green": "#8bc34b",
    "lime": "#cbdc38",
    "yellow": "#ffec3d",
    "amber": "#ffc105",
    "orange": "#ffa724",
    "deep-orange": "#ff6e42",
    "brown": "#795649",
    "grey": "#757575",
    "blue-grey": "#546d78",
    "white": "#ffffff",
    "black": "#141518",
}
ACCENT = {
    "red": "#ff1a47",
    "pink": "#f50056",
    "purple": "#df41fb",
    "deep-purple": "#7c4dff",
    "indigo": "#526cfe",
    "blue": "#4287ff",
    "light-blue": "#0091eb",
    "cyan": "#00bad6",
    "teal": "#00bda4",
    "green": "#00c753",
    "light-green": "#63de17",
    "lime": "#b0eb00",
    "yellow": "#ffd500",
    "amber": "#ffaa00",
    "orange": "#ff9100",
    "deep-orange": "#ff6e42",
}
DARK_TEXT_ON = frozenset({"amber", "lime", "orange", "yellow", "white"})
"""Primaries Material writes dark text on; every other primary gets white text."""
DEFAULT_PRIMARY = "indigo"
DEFAULT_ACCENT = "indigo"


@dataclass(frozen=True)
class CardStyle:
    """Colours of a share card, as #rrggbb."""

    background: str = PRIMARY[DEFAULT_PRIMARY]
    foreground: str = "#ffffff"
    accent: str = ACCENT[DEFAULT_ACCENT]
    panel: str = "#ffffff"
    """Behind the illustration: light, as illustrations are drawn to read on light pages too."""


def _name(value: Any) -> str:
    return str(value or "").strip().lower().replace(" ", "-")


def card_style(palette: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None) -> CardStyle:
    """The card colours for Material's ``theme.palette`` (one mapping or a list of them)."""
    first: Mapping[str, Any] = {}
    if isinstance(palette, Mapping):
        first = palette
    elif palette:
        first = next((p for p in palette if isinstance(p, Mapping)), {})
    primary = _name(first.get("primary")) or DEFAULT_PRIMARY
    primary = primary if primary in PRIMARY else DEFAULT_PRIMARY
    accent = _name(first.get("accent")) or DEFAULT_ACCENT
    accent = accent if accent in ACCENT else DEFAULT_ACCENT
    foreground = "#1f1f1f" if primary in DARK_TEXT_ON else "#ffffff"
    if ACCENT[accent] == PRIMARY[primary]:  # a rule in the same colour as its ground vanishes
        accent = "amber" if primary != "amber" else "indigo"
    return CardStyle(PRIMARY[primary], foreground, ACCENT[accent])
