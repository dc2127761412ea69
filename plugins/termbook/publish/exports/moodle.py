"""Moodle glossary XML: the file Moodle's glossary "Import entries" reads.

The layout follows what Moodle's own glossary export writes (GLOSSARY > INFO > ENTRIES > ENTRY),
so the file imports into an existing glossary or creates a new one. Each definition is HTML
(FORMAT 1) with the examples, the "Did you know?" text, the related terms and a link to the full
entry; names and aliases become auto-linked keywords (USEDYNALINK).

Moodle has one CASESENSITIVE flag per entry, for its concept and every alias alike, while the site
matches a name written in capitals (``names.is_acronym``: AD, ADR) in that case only and every
other name in any case. So a term whose names are all of one kind is one entry, case-sensitive
only if they are acronyms; a term that mixes both kinds ("AD", "Assistant Director") is split in
two entries with the same definition: its name with the names of its kind, and a companion entry
for the names of the other kind. "ad" in a forum post then stays plain text while "assistant
director" links, as on the site. The cost: the companion appears as an entry of its own in
Moodle's glossary listing.

A name several terms share ("CD": Continuous Delivery, Continuous Deployment) is a keyword of
each of their entries. Where it would be a companion's concept, the companion is named after
its term ("CD (Continuous Delivery)") with the name as its keyword: Moodle's import refuses two
entries of one concept, and its glossary filter offers every entry a keyword belongs to.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from termbook.glossary.entries import Entry
from termbook.glossary.model import Glossary
from termbook.glossary.rendered import RenderedGlossary
from termbook.names import is_acronym, normalize_name
from termbook.pages.site_info import SiteInfo
from termbook.pages.urls import term_page
from termbook.publish.api import public_url
from termbook.publish.exports._xml import serialize, sub

FORMAT_HTML = "1"


def definition_html(glossary: Glossary, entry: Entry, site: SiteInfo) -> str:
    """The entry as one HTML definition: what a learner sees when Moodle shows the concept."""
    term = entry.term
    parts = [entry.portable_definition]
    if entry.examples:
        items = "".join(f"<li>{example}</li>" for example in entry.portable_examples)
        parts.append(f"<p><strong>Examples</strong></p><ul>{items}</ul>")
    if entry.trivia:
        parts.append("<p><strong>Did you know?</strong></p>" + "".join(entry.portable_trivia))
    related = [glossary.terms[s].name for s in term.related if s in glossary.terms]
    if related:
        names = ", ".join(html.escape(name) for name in related)
        parts.append(f"<p><strong>Related terms:</strong> {names}</p>")
    url = public_url(site, term_page(term.slug))
    if "://" in url:
        parts.append(
            f'<p><a href="{html.escape(url, quote=True)}">Read the full entry in '
            f"{html.escape(site.name)}</a></p>"
        )
    return "\n".join(parts)


def render(checked: RenderedGlossary, site: SiteInfo) -> str:
    glossary = checked.glossary
    root = ET.Element("GLOSSARY")
    info = sub(root, "INFO")
    sub(info, "NAME", site.name)
    intro = f"<p>{len(glossary)} terms from {html.escape(site.name)}.</p>"
    sub(info, "INTRO", intro)
    sub(info, "INTROFORMAT", FORMAT_HTML)
    for tag, value in (
        ("ALLOWDUPLICATEDENTRIES", "0"),
        ("DISPLAYFORMAT", "dictionary"),
        ("SHOWSPECIAL", "1"),
        ("SHOWALPHABET", "1"),
        ("SHOWALL", "1"),
        ("ALLOWCOMMENTS", "0"),
        ("USEDYNALINK", "1"),
        ("DEFAULTAPPROVAL", "1"),
        ("GLOBALGLOSSARY", "0"),
        ("ENTBYPAGE", "20"),
    ):
        sub(info, tag, value)
    entries = sub(info, "ENTRIES")
    for term in glossary:
        definition = definition_html(glossary, checked.entries[term.slug], site)
        categories = [c.name for c in glossary.term_categories(term)]
        for names in keyword_groups(term.name, term.aliases):
            case = is_acronym(names[0])
            if names[0] != term.name:  # the companion entry of a term that mixes case rules
                note = f"<p>Another name for <strong>{html.escape(term.name)}</strong>.</p>\n"
                if normalize_name(names[0]) in glossary.shared:
                    names = [f"{names[0]} ({term.name})", *names]
                _entry(entries, names, note + definition, term.autolink, categories, case)
            else:
                _entry(entries, names, definition, term.autolink, categories, case)
    return serialize(root)


def _entry(
    entries: ET.Element,
    names: list[str],
    definition: str,
    autolink: bool,
    categories: list[str],
    case_sensitive: bool,
) -> None:
    """One ENTRY: the first name is the concept, the others its keywords, all one case rule."""
    element = sub(entries, "ENTRY")
    sub(element, "CONCEPT", names[0])
    sub(element, "DEFINITION", definition)
    sub(element, "FORMAT", FORMAT_HTML)
    sub(element, "USEDYNALINK", "1" if autolink else "0")
    sub(element, "CASESENSITIVE", "1" if case_sensitive else "0")
    sub(element, "FULLMATCH", "1")
    sub(element, "TEACHERENTRY", "1")
    if names[1:]:
        aliases = sub(element, "ALIASES")
        for alias in names[1:]:
            sub(sub(aliases, "ALIAS"), "NAME", alias)
    if categories:
        holder = sub(element, "CATEGORIES")
        for name in categories:
            item = sub(holder, "CATEGORY")
            sub(item, "NAME", name)
            sub(item, "USEDYNALINK", "0")


def keyword_groups(name: str, aliases: Sequence[str]) -> list[list[str]]:
    """A term's keywords as Moodle entries: the name with the names of its kind (acronym or
    not), then, if any, the names of the other kind: one case rule per entry."""
    same = [name] + [a for a in aliases if is_acronym(a) == is_acronym(name)]
    other = [a for a in aliases if is_acronym(a) != is_acronym(name)]
    return [same, other] if other else [same]
