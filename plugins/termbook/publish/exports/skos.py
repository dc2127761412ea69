"""SKOS in Turtle: the glossary as a linked-data thesaurus.

A ``skos:ConceptScheme`` (the A–Z index's address, labelled with the glossary's name), one ``skos:Concept`` per term (its page's
address) with labels, definition, examples and "Did you know?" notes, ``skos:related`` made
symmetric as SKOS defines it, and each category as a ``skos:Collection`` of its terms. A term
with numbered senses has one ``skos:definition`` per sense ("2. (editing) …"), and its senses'
examples among its ``skos:example``; a name several terms share is a ``skos:altLabel`` of each
(SKOS allows one label on several concepts; only a concept's own labels must differ). Written
by a small serialiser of our own rather than a library: the output is plain, sorted Turtle whose
strings and IRIs are escaped by the rules of the Turtle grammar (RDF 1.1).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from termbook.glossary.rendered import RenderedGlossary
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import public_url
from termbook.text.markdown import plain_text

LANG = "en"
PREFIXES = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_STRING_SPECIAL = re.compile(r'[\\"\n\r\t\b\f\x00-\x1f\x7f]')
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def literal(text: str, lang: str = LANG) -> str:
    """A Turtle string literal with a language tag, every special character escaped."""

    def escape(match: re.Match[str]) -> str:
        ch = match.group()
        return _ESCAPES.get(ch, f"\\u{ord(ch):04X}")

    return f'"{_STRING_SPECIAL.sub(escape, text)}"@{lang}'


def iri(value: str) -> str:
    """An IRI reference; characters Turtle forbids in IRIs are percent-encoded."""
    return "<" + _IRI_FORBIDDEN.sub(lambda m: quote(m.group(), safe=""), value) + ">"


def _link(site: SiteInfo, path: str) -> str:
    """Absolute with a site_url; else relative to this file in exports/, so it still resolves."""
    if site.site_url:
        return public_url(site, path)
    return urls.relative(path, urls.export_file("glossary.skos.ttl"))


def _statement(subject: str, predicates: list[tuple[str, list[str]]]) -> str:
    lines = [subject]
    shown = [(p, objects) for p, objects in predicates if objects]
    for index, (predicate, objects) in enumerate(shown):
        end = " ." if index == len(shown) - 1 else " ;"
        separator = ",\n        " if len(objects) > 3 else ", "
        lines.append(f"    {predicate} {separator.join(objects)}{end}")
    return "\n".join(lines)


def symmetric_related(checked: RenderedGlossary) -> dict[str, list[str]]:
    """Each term's related terms in both directions, in dictionary order."""
    glossary = checked.glossary
    pairs: dict[str, set[str]] = {slug: set() for slug in glossary.terms}
    for term in glossary:
        for slug in term.related:
            if slug in glossary.terms and slug != term.slug:
                pairs[term.slug].add(slug)
                pairs[slug].add(term.slug)
    order = {slug: index for index, slug in enumerate(glossary.terms)}
    return {slug: sorted(related, key=order.__getitem__) for slug, related in pairs.items()}


def render(checked: RenderedGlossary, site: SiteInfo) -> str:
    glossary = checked.glossary
    scheme = iri(_link(site, urls.TERMS))
    concept = {slug: iri(_link(site, urls.term_page(slug))) for slug in glossary.terms}
    related = symmetric_related(checked)
    blocks = [
        "\n".join(f"@prefix {name}: <{url}> ." for name, url in PREFIXES.items()),
        _statement(
            scheme,
            [
                ("a", ["skos:ConceptScheme"]),
                ("skos:prefLabel", [literal(site.name)]),
                ("dct:title", [literal(site.name)]),
                ("skos:hasTopConcept", list(concept.values())),
            ],
        ),
    ]
    for term in glossary:
        entry = checked.entries[term.slug]
        updated = [f'"{term.updated.date().isoformat()}"^^xsd:date'] if term.updated else []
        blocks.append(
            _statement(
                concept[term.slug],
                [
                    ("a", ["skos:Concept"]),
                    ("skos:prefLabel", [literal(term.name)]),
                    ("skos:altLabel", [literal(alias) for alias in term.aliases]),
                    ("skos:notation", [f'"{term.slug}"']),
                    ("skos:definition", [literal(text) for text in entry.definitions_text]),
                    ("skos:example", [literal(e) for e in entry.all_examples_text]),
                    ("skos:note", [literal(t) for t in entry.trivia_text]),
                    ("skos:related", [concept[s] for s in related[term.slug]]),
                    ("skos:inScheme", [scheme]),
                    ("skos:topConceptOf", [scheme]),
                    ("dct:modified", updated),
                ],
            )
        )
    for category in glossary.categories.values():
        members = [concept[s] for s in category.terms if s in concept]
        description = plain_text(category.description) if category.description else ""
        blocks.append(
            _statement(
                iri(_link(site, urls.category_page(category.slug))),
                [
                    ("a", ["skos:Collection"]),
                    ("skos:prefLabel", [literal(category.name)]),
                    ("skos:definition", [literal(description)] if description else []),
                    ("skos:member", members),
                ],
            )
        )
    return "\n\n".join(blocks) + "\n"
