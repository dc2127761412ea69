"""A Moodle question bank (Moodle XML, the quiz question format): imported once, quizzes are
built from it.

One multiple-choice question per term ("Which term matches this definition?", the study
questions of the whole glossary: the definition with the term's names masked, three distractors
from its categories) and one matching question per category (definitions to terms). The
questions sit in a category tree like the glossary's: ``$course$/<glossary>/<category>``, each
term's question in its first category. A term with ``practice: false`` has no question.
A term with numbered senses has a multiple-choice question per sense (named "Cut (2)").
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from termbook.glossary.model import Category, Glossary
from termbook.glossary.rendered import RenderedGlossary
from termbook.pages.site_info import SiteInfo
from termbook.pages.urls import term_page
from termbook.publish.api import public_url
from termbook.publish.exports._xml import serialize, sub
from termbook.study import Question, StudySet, study_sets

ASK = "Which term matches this definition?"
MATCH_PAIRS = 10
"""Definitions per matching question at most: a larger category gives its first ten, in the
study order (Moodle shows every pair of a matching question at once)."""
MATCH_MINIMUM = 3
"""Moodle needs at least two definitions and three answers in a matching question."""


def category_path(*names: str) -> str:
    """A Moodle category path; a "/" inside a name is written "//", as Moodle reads it."""
    return "/".join(["$course$", *(name.replace("/", "//") for name in names)])


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = sub(parent, tag, **({"format": fmt} if fmt else {}))
    sub(element, "text", text)
    return element


def _category(root: ET.Element, path: str) -> None:
    question = sub(root, "question", type="category")
    sub(sub(question, "category"), "text", path)


def _common(question: ET.Element, name: str, text: str, feedback: str, idnumber: str) -> None:
    sub(sub(question, "name"), "text", name)
    _text(question, "questiontext", text)
    _text(question, "generalfeedback", feedback)
    sub(question, "defaultgrade", "1")
    sub(question, "penalty", "0.3333333")
    sub(question, "hidden", "0")
    sub(question, "idnumber", idnumber)


def multichoice(
    root: ET.Element, checked: RenderedGlossary, question: Question, site: SiteInfo
) -> None:
    glossary = checked.glossary
    term = glossary.terms[question.slug]
    entry = checked.entries[term.slug]
    url = public_url(site, term_page(term.slug))
    more = (
        f'<p><a href="{html.escape(url, quote=True)}">Read the full entry</a></p>'
        if "://" in url
        else ""
    )
    element = sub(root, "question", type="multichoice")
    sense = f" ({question.sense})" if question.sense else ""
    _common(
        element,
        term.name + sense,
        f"<p>{ASK}</p><blockquote><p>{html.escape(question.prompt, quote=False)}</p></blockquote>",
        f"<p><strong>{html.escape(term.name, quote=False)}</strong></p>{entry.portable_definition}{more}",
        f"termbook-{term.slug}" + (f"-sense-{question.sense}" if question.sense else ""),
    )
    sub(element, "single", "true")
    sub(element, "shuffleanswers", "true")
    sub(element, "answernumbering", "abc")
    for slug in question.choices:
        right = slug == question.slug
        answer = sub(element, "answer", fraction="100" if right else "0", format="html")
        sub(answer, "text", html.escape(glossary.terms[slug].name, quote=False))
        _text(
            answer,
            "feedback",
            "Right."
            if right
            else f"No: that is {html.escape(glossary.terms[slug].name, quote=False)}.",
        )


def matching(root: ET.Element, glossary: Glossary, category: Category, study: StudySet) -> None:
    pairs = [(q.prompt, q.slug) for q in study.questions][:MATCH_PAIRS]
    extra = [s for q in study.questions for s in q.choices if s not in {p[1] for p in pairs}]
    element = sub(root, "question", type="matching")
    _common(
        element,
        f"{category.name}: match the terms",
        f"<p>Match each definition with its term ({html.escape(category.name, quote=False)}).</p>",
        "",
        f"termbook-category-{category.slug}",
    )
    sub(element, "shuffleanswers", "true")
    for prompt, slug in pairs:
        pair = _text(element, "subquestion", f"<p>{html.escape(prompt, quote=False)}</p>")
        sub(sub(pair, "answer"), "text", glossary.terms[slug].name)
    # A small category: wrong answers from its questions' distractors make up Moodle's minimum.
    for slug in list(dict.fromkeys(extra))[: max(0, MATCH_MINIMUM - len(pairs))]:
        pair = _text(element, "subquestion", "")
        sub(sub(pair, "answer"), "text", glossary.terms[slug].name)


def render(checked: RenderedGlossary, site: SiteInfo) -> str:
    glossary, entries = checked.glossary, checked.entries
    sets = {study.key: study for study in study_sets(glossary, entries)}
    whole = sets[""]
    by_slug: dict[str, list[Question]] = {}
    for question in whole.questions:  # one per term, or one per sense of a term with senses
        by_slug.setdefault(question.slug, []).append(question)
    root = ET.Element("quiz")
    top = site.name or "Glossary"
    placed: set[str] = set()
    for category in glossary.categories.values():
        questions = [
            question
            for slug in category.terms
            if slug in by_slug
            and slug not in placed
            and glossary.term_categories(glossary.terms[slug])[0] is category
            for question in by_slug[slug]
        ]
        own = sets.get(category.slug)
        if own is None or (not questions and len(own.questions) < 2):
            continue
        _category(root, category_path(top, category.name))
        for question in questions:
            multichoice(root, checked, question, site)
            placed.add(question.slug)
        if len(own.questions) >= 2:
            matching(root, glossary, category, own)
    return serialize(root)
