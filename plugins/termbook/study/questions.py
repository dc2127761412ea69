"""Practice material made from the glossary: flashcards and "which term matches?" questions.

Engine-free and deterministic: every random choice (card order, distractors, the place of the
right answer) comes from a generator seeded with slugs, so the same terms always give the same
questions, on the site, in the embed cards and in every export. Terms with ``practice: false``
are left out.
"""

from __future__ import annotations

import hashlib
import random
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from termbook.glossary.entries import Entry
from termbook.glossary.model import Glossary, Term
from termbook.linking import Matcher, linker_for
from termbook.names.folding import normalize_name

CHOICES = 4
"""Choices per question: the term and three distractors, fewer only in a tiny glossary."""
MASK = "_____"
"""What stands in the definition where the term's own name (or a form of it) was."""
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Card:
    """A flashcard: the term on the front, its definition and an example on the back."""

    slug: str
    name: str
    definition: str
    """Plain text."""
    example: str
    """The first example as plain text; "" when the term has none."""


@dataclass(frozen=True)
class Question:
    """ "Which term matches this definition?": the prompt and the choices, as slugs."""

    slug: str
    """The right answer."""
    prompt: str
    """The definition as plain text with the term's names masked."""
    choices: tuple[str, ...]
    masks: Spans = ()
    """Where the name stood in the plain-text definition (the card's), by character."""

    @property
    def answer(self) -> int:
        return self.choices.index(self.slug)


@dataclass(frozen=True)
class StudySet:
    """The practice material of the whole glossary (``key`` "") or of one category."""

    key: str
    title: str
    cards: tuple[Card, ...]
    questions: tuple[Question, ...]

    @property
    def slugs(self) -> list[str]:
        """Every term the set names, answers and distractors, each once, in first-use order."""
        found = dict.fromkeys(c.slug for c in self.cards)
        for question in self.questions:
            found.update(dict.fromkeys(question.choices))
        return list(found)


def seeded(*parts: str) -> random.Random:
    """A generator whose sequence depends only on ``parts`` (never on time or hash salting)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def practice_terms(glossary: Glossary, category: str | None = None) -> list[Term]:
    """Terms that take part in practice, in dictionary order; of one category if named."""
    if category is None:
        terms = list(glossary)
    else:
        slugs = glossary.categories[category].terms
        terms = [glossary.terms[slug] for slug in slugs]
    return [term for term in terms if term.practice]


def name_spans(term: Term, text: str, matcher: Matcher) -> Spans:
    """Where ``text`` mentions the term by its name or an alias, inflected too, also inside a
    longer name ("the key _____" when the answer is Grip: the name gives the answer away there
    too).

    ``matcher`` knows every name of the glossary (the linker's): a mention is the term's where
    the linker reads it as the term's, whether or not it would link it there, or where it stands
    inside another term's name ("grip" in "key grip", `Matcher.inner`).
    """
    spans: list[tuple[int, int]] = []
    for mention in matcher.finditer(text):
        found = [mention] if mention[2] == term.slug else matcher.inner(text, *mention[:2])
        for start, end, slug, _ in found:
            if slug == term.slug and (not spans or start >= spans[-1][1]):
                spans.append((start, end))
    return tuple(spans)


def masked(text: str, spans: Spans) -> str:
    """``text`` with each span replaced by the mask."""
    for start, end in reversed(spans):
        text = text[:start] + MASK + text[end:]
    return text


def mask_names(term: Term, text: str, matcher: Matcher) -> str:
    """``text`` with every mention of the term's name or aliases masked."""
    return masked(text, name_spans(term, text, matcher))


def names_matcher(glossary: Glossary) -> Matcher:
    """Every name, alias and form of the glossary, as the linker matches them."""
    return linker_for(glossary).matcher


def card_of(entry: Entry) -> Card:
    example = entry.examples_text[0] if entry.examples_text else ""
    return Card(entry.term.slug, entry.term.name, entry.definition_text, example)


class Pools:
    """The practice terms of the glossary and of each category, listed once per build."""

    def __init__(self, glossary: Glossary, matcher: Matcher | None = None) -> None:
        self.glossary = glossary
        self.matcher = matcher or names_matcher(glossary)
        self.everything = practice_terms(glossary)
        self.categories = {slug: practice_terms(glossary, slug) for slug in glossary.categories}
        self._cards: dict[str, Card] = {}
        self._masks: dict[str, tuple[Spans, str]] = {}

    def card(self, entry: Entry) -> Card:
        """A term's card, made once however many sets hold it."""
        slug = entry.term.slug
        if slug not in self._cards:
            self._cards[slug] = card_of(entry)
        return self._cards[slug]

    def mask(self, entry: Entry) -> tuple[Spans, str]:
        """Where the term's definition names it, and the definition masked there: found once
        however many sets ask about the term."""
        slug = entry.term.slug
        if slug not in self._masks:
            text = self.card(entry).definition
            spans = name_spans(entry.term, text, self.matcher)
            self._masks[slug] = (spans, masked(text, spans))
        return self._masks[slug]

    def of_term(self, term: Term) -> list[list[Term]]:
        return [self.categories[c.slug] for c in self.glossary.term_categories(term)]


def distractors(
    pools: Pools,
    term: Term,
    preferred: list[Term],
    count: int = CHOICES - 1,
    rng: random.Random | None = None,
) -> list[str]:
    """Up to ``count`` other terms to choose from: first from ``preferred`` (the set's own
    terms), then the term's categories, then the whole glossary; never a term that shares a
    name with the answer."""
    taken = {normalize_name(name) for name in term.names}
    rng = rng or seeded("question", term.slug)
    chosen: list[str] = []

    def fits(other: Term) -> bool:
        return (
            other.slug != term.slug
            and other.slug not in chosen
            and not taken.intersection(normalize_name(n) for n in other.names)
        )

    for pool in [preferred, *pools.of_term(term), pools.everything]:
        chosen += _pick(rng, pool, count - len(chosen), fits)
        if len(chosen) == count:
            break
    return chosen


def _pick(rng: random.Random, pool: list[Term], need: int, fits) -> list[str]:
    """``need`` distinct terms of ``pool`` that fit, at random; cheap in a large pool, where a
    few draws find them without looking at every term."""
    if need <= 0 or not pool:
        return []
    if len(pool) > 8 * need + 16:
        picked: list[str] = []
        seen: set[str] = set()
        for _ in range(8 * need + 16):
            other = pool[rng.randrange(len(pool))]
            if other.slug not in seen:
                seen.add(other.slug)
                if fits(other):
                    picked.append(other.slug)
                    if len(picked) == need:
                        return picked
    candidates = [other.slug for other in pool if fits(other)]
    return rng.sample(candidates, min(need, len(candidates)))


def question_of(pools: Pools, entry: Entry, preferred: list[Term]) -> Question | None:
    """The question for one term, or None when no other term can be a choice."""
    term = entry.term
    rng = seeded("question", term.slug)
    others = distractors(pools, term, preferred, rng=rng)
    if not others:
        return None
    choices = [term.slug, *others]
    rng.shuffle(choices)
    spans, prompt = pools.mask(entry)
    return Question(term.slug, prompt, tuple(choices), spans)


def study_set(
    glossary: Glossary,
    entries: dict[str, Entry],
    category: str | None = None,
    pools: Pools | None = None,
) -> StudySet:
    """Cards and questions for the whole glossary or one category (by slug), in a stable
    shuffled order, so a learner does not meet the terms alphabetically."""
    pools = pools or Pools(glossary)
    terms = pools.categories[category] if category else pools.everything
    order = [term.slug for term in terms]
    seeded("order", category or "", *order).shuffle(order)
    title = glossary.categories[category].name if category else "All terms"
    preferred = terms if category else []
    asked = list(order)  # the quiz in an order of its own: card 1 is not question 1
    seeded("quiz", category or "", *order).shuffle(asked)
    questions = (question_of(pools, entries[slug], preferred) for slug in asked)
    return StudySet(
        key=category or "",
        title=title,
        cards=tuple(pools.card(entries[slug]) for slug in order),
        questions=tuple(q for q in questions if q is not None),
    )


def study_sets(
    glossary: Glossary, entries: dict[str, Entry], matcher: Matcher | None = None
) -> list[StudySet]:
    """The whole glossary's set, then one per category that has terms to practise.

    ``matcher``: the linker's, when there is one, so its names are not compiled twice. The sets
    of the last glossary asked for are kept: the practice pages, the embed cards and each study
    export of one build read the same sets, made once."""
    global _last
    glossary_ref, entries_id, sets = _last
    if glossary_ref() is glossary and entries_id == id(entries):
        return sets
    pools = Pools(glossary, matcher)
    sets = [study_set(glossary, entries, pools=pools)]
    for slug, terms in pools.categories.items():
        if terms:
            sets.append(study_set(glossary, entries, slug, pools))
    _last = (weakref.ref(glossary), id(entries), sets)
    return sets


def _dead() -> None:
    return None


_last: tuple[Callable[[], Glossary | None], int, list[StudySet]] = (_dead, 0, [])
