"""TBX-Basic for CAT tools, in both editions of TermBase eXchange (ISO 30042).

``render`` writes TBX v3 (ISO 30042:2019, DCA style, ``<tbx>``); ``render_2008`` writes TBX 2008
(ISO 30042:2008, ``<martif>``), the edition most terminology tools and translate-toolkit still
read. Both carry the same content through the same builder, only the element names differ:

One concept entry per term (id ``c-<slug>``) with its categories as subject fields, its related
terms as cross-references and the date of its last change; one English language section with
the definition, the "Did you know?" text as notes, the name as preferred term (its examples as
contexts) and each alias as an admitted term. Only data categories and picklist values of the
TBX-Basic dialect are used: it has no "synonym" term type, so aliases say what they are through
their administrative status. A name written in capitals (``names.is_acronym``: ADR, 4K) gets a
term type: ``abbreviation`` in v3 (its TBX-Basic picklist), ``acronym`` in 2008. The name's
``part_of_speech`` is its ``partOfSpeech`` (`PART_OF_SPEECH`), which terminology tools read to
match and inflect a term.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from termbook.glossary.model import Term
from termbook.glossary.rendered import RenderedGlossary
from termbook.names import is_acronym
from termbook.pages.site_info import SiteInfo
from termbook.pages.urls import term_page
from termbook.publish.api import public_url
from termbook.publish.exports._xml import XML_LANG, serialize, sub

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
LANG = "en"
PART_OF_SPEECH = {
    "noun": "noun",
    "proper noun": "properNoun",
    "verb": "verb",
    "adjective": "adjective",
    "adverb": "adverb",
}
"""A term file's word class → TBX-Basic's ``partOfSpeech`` picklist (the same in both editions);
the classes it lacks (phrase, abbreviation, interjection) are ``other``."""


@dataclass(frozen=True)
class Edition:
    """What differs between the TBX editions: element names, root and header, one picklist value."""

    namespace: str
    root: str
    header: str
    concept: str
    language: str
    term: str
    acronym_type: str
    root_attributes: tuple[tuple[str, str], ...]
    doctype: str = ""
    header_extra: tuple[tuple[str, str, str], ...] = ()
    """Elements after fileDesc in the header: (element, type attribute, text)."""

    def q(self, tag: str) -> str:
        return f"{{{self.namespace}}}{tag}" if self.namespace else tag


V3 = Edition(
    namespace=NAMESPACE,
    root="tbx",
    header="tbxHeader",
    concept="conceptEntry",
    language="langSec",
    term="termSec",
    acronym_type="abbreviation",
    root_attributes=(("type", "TBX-Basic"), ("style", "dca")),
)
V2008 = Edition(
    namespace="",
    root="martif",
    header="martifHeader",
    concept="termEntry",
    language="langSet",
    term="tig",
    acronym_type="acronym",
    root_attributes=(("type", "TBX-Basic"),),
    doctype='<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">',
    header_extra=(("encodingDesc", "XCSURI", "TBXBasicXCSV02.xcs"),),
)


def concept_id(slug: str) -> str:
    """An XML ID for a term: IDs may not start with a digit, slugs may ("4k")."""
    return f"c-{slug}"


def _term_sec(
    edition: Edition,
    parent: ET.Element,
    name: str,
    status: str,
    contexts: list[str] = (),
    part_of_speech: str = "",
) -> None:
    q = edition.q
    section = sub(parent, q(edition.term))
    sub(section, q("term"), name)
    if is_acronym(name):
        sub(section, q("termNote"), edition.acronym_type, type="termType")
    if part_of_speech:
        tbx_class = PART_OF_SPEECH.get(part_of_speech, "other")
        sub(section, q("termNote"), tbx_class, type="partOfSpeech")
    sub(section, q("termNote"), status, type="administrativeStatus")
    for context in contexts:
        sub(section, q("descrip"), context, type="context")


def _concept(
    edition: Edition, body: ET.Element, checked: RenderedGlossary, term: Term, site: SiteInfo
) -> None:
    q = edition.q
    glossary = checked.glossary
    entry = checked.entries[term.slug]
    concept = sub(body, q(edition.concept), id=concept_id(term.slug))
    if term.updated:
        transaction = sub(concept, q("transacGrp"))
        sub(transaction, q("transac"), "modification", type="transactionType")
        sub(transaction, q("date"), term.updated.date().isoformat())
    for category in glossary.term_categories(term):
        sub(concept, q("descrip"), category.name, type="subjectField")
    for slug in term.related:
        if slug in glossary.terms:
            sub(
                concept,
                q("ref"),
                glossary.terms[slug].name,
                type="crossReference",
                target=concept_id(slug),
            )
    url = public_url(site, term_page(term.slug))
    if "://" in url:
        sub(
            concept,
            q("xref"),
            f"{term.name} in {site.name}",
            type="externalCrossReference",
            target=url,
        )
    language = sub(concept, q(edition.language), **{XML_LANG: LANG})
    sub(language, q("descrip"), entry.definition_text, type="definition")
    for fact in entry.trivia_text:
        sub(language, q("note"), fact)
    examples = entry.examples_text
    _term_sec(edition, language, term.name, "preferredTerm-admn-sts", examples, term.part_of_speech)
    for alias in term.aliases:
        _term_sec(edition, language, alias, "admittedTerm-admn-sts")


def _render(edition: Edition, checked: RenderedGlossary, site: SiteInfo) -> str:
    q = edition.q
    if edition.namespace:
        ET.register_namespace("", edition.namespace)
    root = ET.Element(q(edition.root), {**dict(edition.root_attributes), XML_LANG: LANG})
    header = sub(root, q(edition.header))
    description = sub(header, q("fileDesc"))
    sub(sub(description, q("titleStmt")), q("title"), site.name)
    source = public_url(site, "")
    origin = f"Exported by Termbook from the glossary {site.name}" + (
        f" ({source})" if "://" in source else ""
    )
    sub(sub(description, q("sourceDesc")), q("p"), origin + ".")
    for tag, kind, text in edition.header_extra:
        sub(sub(header, q(tag)), q("p"), text, type=kind)
    body = sub(sub(root, q("text")), q("body"))
    for term in checked.glossary:
        _concept(edition, body, checked, term, site)
    text = serialize(root)
    if edition.doctype:
        declaration, _, rest = text.partition("\n")
        text = f"{declaration}\n{edition.doctype}\n{rest}"
    return text


def render(checked: RenderedGlossary, site: SiteInfo) -> str:
    """TBX v3 (ISO 30042:2019), TBX-Basic dialect."""
    return _render(V3, checked, site)


def render_2008(checked: RenderedGlossary, site: SiteInfo) -> str:
    """TBX 2008 (ISO 30042:2008, ``<martif>``), TBX-Basic."""
    return _render(V2008, checked, site)
