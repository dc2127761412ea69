"""A glossary shaped to break every list that grows with it, for the bounded-page tests.

`write_scale_project` writes ``n`` generated terms where:

- one term, Hub, is mentioned by every other term (its "Mentioned in" would list them all),
  and two terms are related to it (they must come first among its mentions);
- almost every term is filed under one letter (S), so that letter needs several pages;
- one category, Everything, holds every term;
- a few terms sit under other letters, so the A–Z filter has letters to search across.

Used by tests/test_scale.py (sizes) and tests/browser/test_big_glossary.py (what a reader does).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from projects import write_project
from termbook.names.folding import slugify

SYLLABLES = ("ka", "lo", "mi", "ne", "ro", "su", "ta", "vi", "ze", "do", "fa", "gu", "pe", "bo")
OTHER_LETTERS = ("Apple Box", "Barn Door", "Cookie", "Dolly", "Gaffer", "Zebra Stripes")
HUB = "Hub"
RELATED_TO_HUB = ("Apple Box", "Zebra Stripes")


def s_name(number: int) -> str:
    """A unique name under S: "Saka Lomi" style, from the number's base-14 digits."""
    a, b, c = number % 14, (number // 14) % 14, (number // 196) % 14
    return f"S{SYLLABLES[a]}{SYLLABLES[b]} {SYLLABLES[c].capitalize()}{number:03d}"


def scale_terms(n: int) -> dict[str, dict[str, Any]]:
    names = [HUB, *OTHER_LETTERS]
    names += [s_name(i) for i in range(n - len(names))]
    terms = {}
    for index, name in enumerate(names):
        other = names[(index * 7 + 3) % len(names)]
        filler = " ".join(["crews", "rig", "light", "frames", "quietly", "between", "takes"] * 4)
        hub = f"It works with the {HUB.lower()}" if name != HUB else "It is the centre"
        # Where the hub is mentioned moves from first to late, so pages rank differently.
        if index % 3:
            definition = f"{name} is a tool of {other}. {filler}. {hub} on most days."
        else:
            definition = f"{hub} every day. {name} also helps {other}. {filler}."
        term: dict[str, Any] = {
            "term": name,
            "categories": ["Everything"] + (["Rare"] if index % 50 == 0 else []),
            "definition": definition,
        }
        if name in RELATED_TO_HUB:
            term["related"] = [HUB]
        terms[slugify(name)] = term
    return terms


def write_scale_project(root: Path, n: int) -> Path:
    categories = {
        "Everything": {"description": "Every term of the glossary."},
        "Rare": {"description": "A few terms."},
    }
    # No web fonts (as the project's own site and the benchmarks): offline, the render-blocking
    # fonts.googleapis.com stylesheet holds a page's load event until its lookup fails, which
    # at times takes longer than a browser test waits.
    theme = {"name": "material", "font": False}
    return write_project(root, scale_terms(n), categories=categories, extra={"theme": theme})
