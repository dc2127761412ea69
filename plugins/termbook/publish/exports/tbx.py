"""TBX-Basic (ISO 30042:2019 TermBase eXchange, DCA style): the glossary for CAT tools.

One ``conceptEntry`` per term (id ``c-<slug>``) with its categories as subject fields, its related
terms as cross-references and the date of its last change; one English ``langSec`` with the
definition, the "Did you know?" text as notes, the name as preferred term (its examples as
contexts) and each alias as an admitted term. Only data categories and picklist values of the
TBX-Basic dialect are used: it has no "synonym" term type, so aliases say what they are through
their administrative status, plus the term type ``abbreviation`` for names written in
capitals (ADR, 4K).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from termbook.glossary.model import Term
from termbook.glossary.rendered import RenderedGlossary
from termbook.names import is_acronym
from termbook.pages.site_info import SiteInfo
from termbook.pages.urls import term_page
from termbook.publish.api import public_url
from termbook.publish.exports._xml import XML_LANG, serialize, sub

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
LANG = "en"


def concept_id(slug: str) -> str:
    """An XML ID for a term: IDs may not start with a digit, slugs may ("4k")."""
    return f"c-{slug}"


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _term_sec(parent: ET.Element, name: str, status: str, contexts: list[str] = ()) -> None:
    section = sub(parent, _q("termSec"))
    sub(section, _q("term"), name)
    if is_acronym(name):
        sub(section, _q("termNote"), "abbreviation", type="termType")
    sub(section, _q("termNote"), status, type="administrativeStatus")
    for context in contexts:
        sub(section, _q("descrip"), context, type="context")


def _concept(body: ET.Element, checked: RenderedGlossary, term: Term, site: SiteInfo) -> None:
    glossary = checked.glossary
    entry = checked.entries[term.slug]
    concept = sub(body, _q("conceptEntry"), id=concept_id(term.slug))
    if term.updated:
        transaction = sub(concept, _q("transacGrp"))
        sub(transaction, _q("transac"), "modification", type="transactionType")
        sub(transaction, _q("date"), term.updated.date().isoformat())
    for category in glossary.term_categories(term):
        sub(concept, _q("descrip"), category.name, type="subjectField")
    for slug in term.related:
        if slug in glossary.terms:
            sub(
                concept,
                _q("ref"),
                glossary.terms[slug].name,
                type="crossReference",
                target=concept_id(slug),
            )
    url = public_url(site, term_page(term.slug))
    if "://" in url:
        sub(
            concept,
            _q("xref"),
            f"{term.name} in {site.name}",
            type="externalCrossReference",
            target=url,
        )
    language = sub(concept, _q("langSec"), **{XML_LANG: LANG})
    sub(language, _q("descrip"), entry.definition_text, type="definition")
    for fact in entry.trivia_text:
        sub(language, _q("note"), fact)
    examples = entry.examples_text
    _term_sec(language, term.name, "preferredTerm-admn-sts", examples)
    for alias in term.aliases:
        _term_sec(language, alias, "admittedTerm-admn-sts")


def render(checked: RenderedGlossary, site: SiteInfo) -> str:
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: LANG})
    header = sub(root, _q("tbxHeader"))
    description = sub(header, _q("fileDesc"))
    sub(sub(description, _q("titleStmt")), _q("title"), site.name)
    source = public_url(site, "")
    origin = f"Exported by Termbook from the glossary {site.name}" + (
        f" ({source})" if "://" in source else ""
    )
    sub(sub(description, _q("sourceDesc")), _q("p"), origin + ".")
    body = sub(sub(root, _q("text")), _q("body"))
    for term in checked.glossary:
        _concept(body, checked, term, site)
    return serialize(root)
