"""Sentences and reading time of plain text: previews, meta descriptions, "N min read"."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z0-9“\"(])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "O.S.", "V.O.")


def first_sentence(text: str, limit: int = 240) -> str:
    """The first sentence of plain text, for previews, search results and meta descriptions."""
    text = " ".join(text.split())
    start = 0
    while True:
        match = _SENTENCE_END.search(text, start)
        if match is None:
            sentence = text
            break
        candidate = text[: match.start()].rstrip()
        if candidate.endswith(_ABBREVIATIONS):
            start = match.end()
            continue
        sentence = candidate
        break
    if len(sentence) > limit:
        cut = sentence[:limit].rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:") + "…"
    return sentence


def reading_minutes(word_count: int, words_per_minute: int = 200) -> int:
    """Minutes to read, rounded up, never below one: a dictionary entry is always '1 min read'."""
    return max(1, -(-word_count // words_per_minute))
