"""Pack the search index's hidden bags of words for the wire; Termbook's search worker unpacks
them before Material's worker builds its lunr index, so the reader's browser indexes the same
words from a far smaller file (2,000 definitions of 380 words: 1.3 MB instead of 3.2).

The definition fields (`body`, `more`: `searchindex`) hold every distinct word of each
definition, examples and trivia: at 2,000 long definitions most of the index's bytes, the same
words written again and again. Packed, each word is written once in one vocabulary, and each
document refers to its words by their numbers.

The format (declared here; `assets/search-worker.js` decodes it, with the constants below
written into it by `searchworker.install_search_worker`):

- ``config["termbook_vocabulary"]`` (`VOCABULARY`): every distinct word of the packed fields
  of the whole index, separated by single spaces, the words the most documents hold first,
  ties in alphabetical order. Word n of it has the number n. (``config``, because Material's
  page hands its worker the index's ``config`` and ``docs`` only.)
- Each packed field of a document (`PACKED_FIELDS`) is the numbers of its words in ascending
  order, each written as its gap: its distance from the number before, minus one (the first
  word: its number). Frequent words have small numbers, so most gaps are small.
- A gap is zero or more continuing digits, then one final digit, with no separator: the final
  digits (`FINAL`: 0-9, A-Z, a-z) are worth 0 to 61, the continuing digits (`CONTINUING`: the
  30 ASCII punctuation marks JSON writes unescaped, all but ``"`` and ``\\``) 1 to 30, and
  ``c1 c2 … ck f`` is worth ``(c1·30^(k-1) + … + ck)·62 + f``. So a gap below 62 is one
  character, below 1,922 two, below 57,722 three, and every gap has one spelling.

Unpacked, a field holds the same words as before it was packed, in the vocabulary's order
rather than the definition's: lunr ranks by no word order (Termbook's worker drops the match
positions of these fields, which are never shown) and each word is there once, so the index the
browser builds matches and ranks as it did (tests/browser/test_search.py compares the scores).

Only for Termbook's worker: a site whose search is not Material's (no worker to wrap) gets the
plain word lists, so its search keeps every word.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from termbook.pages.searchindex import BODY_FIELD, MORE_FIELD

VOCABULARY = "termbook_vocabulary"
"""The key of the vocabulary in the index's ``config``; an index without it is not packed."""
PACKED_FIELDS = (BODY_FIELD, MORE_FIELD)
FINAL = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
"""Digits that end a gap, worth 0 to 61."""
CONTINUING = "!#$%&'()*+,-./:;<=>?@[]^_`{|}~"
"""Digits before the final one, worth 1 to 30 (bijective: no gap has two spellings)."""
_FINAL_VALUE = {digit: value for value, digit in enumerate(FINAL)}
_CONTINUING_VALUE = {digit: value for value, digit in enumerate(CONTINUING, start=1)}


def pack_numbers(numbers: Iterable[int]) -> str:
    """Distinct word numbers as one packed field (the module doc's format)."""
    text = []
    previous = -1
    for number in sorted(set(numbers)):
        if number < 0:
            raise ValueError(f"word numbers are not negative: {number}")
        rest, final = divmod(number - previous - 1, len(FINAL))
        digits = [FINAL[final]]
        while rest:
            rest, continuing = divmod(rest - 1, len(CONTINUING))
            digits.append(CONTINUING[continuing])
        text.append("".join(reversed(digits)))
        previous = number
    return "".join(text)


def unpack_numbers(text: str) -> list[int]:
    """The ascending word numbers of a packed field; ValueError for what `pack_numbers` never
    writes."""
    numbers = []
    previous = -1
    rest = 0
    for digit in text:
        if digit in _CONTINUING_VALUE:
            rest = rest * len(CONTINUING) + _CONTINUING_VALUE[digit]
        elif digit in _FINAL_VALUE:
            previous += rest * len(FINAL) + _FINAL_VALUE[digit] + 1
            numbers.append(previous)
            rest = 0
        else:
            raise ValueError(f"not a digit of a packed field: {digit!r}")
    if rest:
        raise ValueError(f"a packed field ends within a gap: {text[-8:]!r}")
    return numbers


def packed_index(index: dict) -> dict:
    """The index with its documents' `PACKED_FIELDS` packed and the vocabulary in its config;
    the input is left alone. Packing a packed index packs the words again, as new."""
    index = unpacked_index(index)
    docs = index.get("docs", [])
    bags = [{field: doc[field].split(" ") for field in _packed_in(doc)} for doc in docs]
    counts = Counter(word for bag in bags for word in {w for ws in bag.values() for w in ws})
    vocabulary = sorted(counts, key=lambda word: (-counts[word], word))
    number = {word: n for n, word in enumerate(vocabulary)}
    packed = [
        {**doc, **{field: pack_numbers(number[w] for w in words) for field, words in bag.items()}}
        for doc, bag in zip(docs, bags, strict=True)
    ]
    config = {**index.get("config", {}), VOCABULARY: " ".join(vocabulary)}
    return {**index, "config": config, "docs": packed}


def unpacked_index(index: dict) -> dict:
    """The index with plain word lists (in the vocabulary's order) where `packed_index` packed
    them, and no vocabulary; an index that is not packed as it is. What Python reads of a
    built site's hidden words goes through here."""
    config = index.get("config", {})
    if VOCABULARY not in config:
        return index
    vocabulary = config[VOCABULARY].split(" ")
    docs = [
        {
            **doc,
            **{
                field: " ".join(vocabulary[n] for n in unpack_numbers(doc[field]))
                for field in _packed_in(doc)
            },
        }
        for doc in index.get("docs", [])
    ]
    config = {key: value for key, value in config.items() if key != VOCABULARY}
    return {**index, "config": config, "docs": docs}


def _packed_in(doc: dict) -> list[str]:
    return [field for field in PACKED_FIELDS if isinstance(doc.get(field), str) and doc[field]]
