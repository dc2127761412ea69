"""Suggestions `termbook check` adds to the schema and glossary rules.

- Names and aliases of *different* terms that look alike ("Rack Focus" in one file, "Racking
  Focus" in another) are reported as hints: printed, never failing ``--strict``, because some
  pairs are meant ("Pickup" in music, "Pick-Up" in film). A pair that is meant is listed in
  ``terms/_intended.yaml`` (``- [Pickup, Pick-Up]``), which silences it.
- Placeholder text left from `termbook new` is a warning (see `scaffold.placeholder_problems`).

Comparing every name with every other is quadratic (25 million pairs at 5,000 terms), so names
are put in buckets by two cheap keys, an inflection-free stem and a consonant skeleton, and
`difflib` only compares names that share a bucket.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from termbook.glossary.loader import display_path, read_side_file
from termbook.glossary.model import Glossary, Term
from termbook.glossary.problems import Problem, error, hint, warning
from termbook.glossary.scaffold import placeholder_problems
from termbook.glossary.validate import did_you_mean
from termbook.glossary.yamlload import Document, load_bytes
from termbook.names import normalize_name, singular

INTENDED_FILE = "_intended.yaml"
TYPO_RATIO = 0.85
"""How alike two names sharing a consonant skeleton must be (difflib ratio) to be reported."""
SKELETON_MIN = 6
"""Shorter names are compared by stem only: "Cue" and "CU" share a skeleton but no meaning."""
MAX_BUCKET = 200
"""A bucket this full holds common words, not near-duplicates; it is skipped (cost bound)."""

_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


def suggestion_problems(glossary: Glossary, terms_dir: Path, root: Path) -> list[Problem]:
    """Everything this module adds to `check_terms`: placeholders, intended pairs, look-alikes."""
    intended, problems = intended_pairs(terms_dir, root, glossary)
    return [
        *placeholder_problems(glossary),
        *problems,
        *near_duplicates(glossary, intended, intended_file=display_path(terms_dir, root)),
    ]


@dataclass(frozen=True)
class _Name:
    text: str
    key: str
    """normalize_name without spaces: "Pick-Up" and "Pickup" are both "pickup"."""
    term: Term
    path: tuple


def _names(terms: Iterable[Term]) -> Iterator[_Name]:
    for term in terms:
        yield _Name(term.name, normalize_name(term.name).replace(" ", ""), term, ("term",))
        for index, alias in enumerate(term.aliases):
            key = normalize_name(alias).replace(" ", "")
            yield _Name(alias, key, term, ("aliases", index))


def _stem(word: str) -> str:
    """A word without its inflection, consistently rather than correctly (racking → rack).

    Plurals by the one rule of :func:`termbook.names.singular`; verb endings only matter here.
    """
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2]:
                word = word[:-1]  # cutting → cutt → cut
            return word
    if len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return singular(word)
    return word


def bucket_keys(name: str) -> list[str]:
    """The buckets a name falls in: its stem key, and its consonant skeleton when long enough."""
    normal = normalize_name(name)
    keys = ["stem:" + "".join(_stem(word) for word in normal.split())]
    joined = normal.replace(" ", "")
    if len(joined) >= SKELETON_MIN:
        skeleton = joined[0] + _VOWELS.sub("", joined[1:])
        keys.append("skeleton:" + _REPEATS.sub(r"\1", skeleton))
    return keys


def _alike(a: _Name, b: _Name, bucket: str) -> float:
    """How alike two names are; 0 when not close enough to report."""
    ratio = difflib.SequenceMatcher(None, a.key, b.key).ratio()
    if bucket.startswith("stem:"):
        return max(ratio, 0.01)
    return ratio if ratio >= TYPO_RATIO else 0.0


def near_duplicates(
    terms: Iterable[Term],
    intended: set[frozenset[str]] = frozenset(),
    *,
    intended_file: str = "terms",
) -> list[Problem]:
    """A hint in both files for each pair of different terms whose names look alike."""
    buckets: dict[str, list[_Name]] = {}
    for name in _names(terms):
        if name.key:
            for key in bucket_keys(name.text):
                buckets.setdefault(key, []).append(name)
    best: dict[frozenset[str], tuple[float, _Name, _Name]] = {}
    for bucket, names in buckets.items():
        if len(names) < 2 or len(names) > MAX_BUCKET:
            continue
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pair = frozenset((a.term.slug, b.term.slug))
                if len(pair) < 2 or pair in intended:
                    continue
                if normalize_name(a.text) == normalize_name(b.text):
                    continue  # the same name twice is an error the loader reports
                score = _alike(a, b, bucket)
                if score and score > best.get(pair, (0.0,))[0]:
                    best[pair] = (score, *sorted((a, b), key=lambda n: n.term.source_path))
    problems = []
    target = f"{intended_file}/{INTENDED_FILE}"
    for _, a, b in best.values():
        for this, other in ((a, b), (b, a)):
            problems.append(
                hint(
                    this.term.source_path,
                    this.term.document.where(this.path) if this.term.document else (1, 1),
                    f"'{this.text}' looks like '{other.text}' of {other.term.source_path}; "
                    f"if they are different terms, add `- [{a.text}, {b.text}]` to {target}",
                    "near-duplicate",
                )
            )
    return problems


def intended_pairs(
    terms_dir: Path, root: Path, glossary: Glossary
) -> tuple[set[frozenset[str]], list[Problem]]:
    """The term pairs `_intended.yaml` marks as meant to look alike, and its own problems."""
    path = terms_dir / INTENDED_FILE
    if not path.exists() and not path.is_symlink():
        return set(), []
    shown = display_path(path, root)
    raw, problems = read_side_file(path, terms_dir, shown)
    if raw is None:
        return set(), problems
    doc, problems = load_bytes(raw, shown)
    if [p.code for p in problems] == ["empty-file"]:
        return set(), []  # only comments so far
    if problems:
        return set(), problems
    return _read_pairs(doc, glossary)


def _read_pairs(doc: Document, glossary: Glossary) -> tuple[set[frozenset[str]], list[Problem]]:
    shape = "a list of pairs of names, one per line, like `- [Pickup, Pick-Up]`"
    if not isinstance(doc.data, list):
        return set(), [error(doc.path, doc.where(), f"{doc.path} must be {shape}", "wrong-type")]
    pairs: set[frozenset[str]] = set()
    problems: list[Problem] = []
    names = sorted({n for t in glossary for n in t.names})
    for index, item in enumerate(doc.data):
        if not (
            isinstance(item, list) and len(item) == 2 and all(isinstance(n, str) for n in item)
        ):
            message = f"item {index + 1} must be a pair of names like `- [Pickup, Pick-Up]`"
            problems.append(error(doc.path, doc.where((index,)), message, "wrong-type"))
            continue
        slugs = []
        for position, name in enumerate(item):
            term = glossary.lookup(name)
            if term is None:
                problems.append(
                    warning(
                        doc.path,
                        doc.where((index, position)),
                        f"'{name}' is not a name or alias in the glossary{did_you_mean(name, names)}",
                        "unresolved-intended",
                    )
                )
            else:
                slugs.append(term.slug)
        if len(slugs) == 2:
            pairs.add(frozenset(slugs))
    return pairs, problems
