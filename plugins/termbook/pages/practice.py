"""The Practice section as plain data: each set's questions file and what its page shows.

The questions travel as a small JSON file beside each practice page (``practice/questions.json``,
``practice/<category>/questions.json``): the page, its embed card and the SCORM quiz read the
same data, and no page carries an inline script. Links in the data are relative to the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from termbook.glossary.model import Glossary
from termbook.pages import urls
from termbook.study import MASK, Question, StudySet

QUIZ_ROUND = 10
"""Questions per quiz round: a learner gets a score every ten answers."""

Link = Callable[[str], str]


def practice_data(study: StudySet, glossary: Glossary, link: Link) -> dict[str, Any]:
    """What the practice script reads: every term the set names (name and entry link), the
    cards and the questions. Plain text only: the script shows it with ``textContent``. A
    question's prompt is its card's definition with the ``mask`` spans hidden, so the text
    travels once; a question about one sense of a term carries that sense's ``text``."""
    definitions = {card.slug: card.definition for card in study.cards}
    return {
        "title": study.title,
        "key": study.key,
        "round": QUIZ_ROUND,
        "mask": MASK,
        "terms": {
            slug: {"name": glossary.terms[slug].name, "url": link(urls.term_page(slug))}
            for slug in study.slugs
        },
        "cards": [
            {"slug": c.slug, "definition": c.definition, "example": c.example} for c in study.cards
        ],
        "quiz": [_question(q, definitions) for q in study.questions],
    }


def _question(question: Question, definitions: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {"slug": question.slug}
    text = definitions[question.slug]
    if question.sense:
        text = data["text"] = question.text
        data["sense"] = question.sense
    data["mask"] = utf16_spans(text, question.masks)
    data["choices"] = list(question.choices)
    return data


def utf16_spans(text: str, spans: tuple[tuple[int, int], ...]) -> list[int]:
    """Character spans as a browser counts them (UTF-16 code units, for ``String.slice``), flat:
    start, end, start, end..."""

    def units(index: int) -> int:
        return index if text.isascii() else len(text[:index].encode("utf-16-le")) // 2

    return [units(index) for span in spans for index in span]


def data_json(study: StudySet, glossary: Glossary, link: Link) -> str:
    return json.dumps(
        practice_data(study, glossary, link), ensure_ascii=False, separators=(",", ":")
    )


def practice_files(sets: list[StudySet], glossary: Glossary) -> dict[str, Callable[[], str]]:
    """Site path of each set's questions file → a function that writes it."""
    files: dict[str, Callable[[], str]] = {}
    for study in sets:
        path = urls.practice_data(study.key)

        def produce(study: StudySet = study, path: str = path) -> str:
            return data_json(study, glossary, lambda target: urls.relative(target, path))

        files[path] = produce
    return files


def practice_view(
    study: StudySet, sets: list[StudySet], glossary: Glossary, link: Link
) -> dict[str, Any]:
    """A practice page: its set's counts and data file, and the other sets to go to."""
    others = [
        {
            "title": other.title,
            "url": link(urls.practice_page(other.key)),
            "count": len(other.cards),
            "current": other.key == study.key,
        }
        for other in sets
    ]
    category = glossary.categories.get(study.key) if study.key else None
    return {
        "key": study.key,
        "title": f"Practice: {study.title}" if study.key else "Practice",
        "set_title": study.title,
        "cards": len(study.cards),
        "questions": len(study.questions),
        "data_url": link(urls.practice_data(study.key)),
        "category_url": link(urls.category_page(category.slug)) if category else "",
        "sets": others,
    }
