"""schema.org structured data for term pages and the index, safe to embed in a <script>.

Search engines read `DefinedTerm`/`DefinedTermSet`, with only the properties schema.org defines
for each type (tests/data/schemaorg/ holds the table the tests check against). The JSON holds contributor text, so it is
serialised with `<`, `>` and `&` escaped: a definition containing `</script>` cannot close the tag.
"""

from __future__ import annotations

import json
from typing import Any

from termbook.glossary.entries import Entry


def script_json(data: Any) -> str:
    """JSON for inside <script>: no raw <, > or &, stable key order, so builds are reproducible."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def defined_term_set(name: str, url: str, description: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "DefinedTermSet", "@id": url or "#glossary", "name": name}
    if url:
        data["url"] = url
    if description:
        data["description"] = description
    return data


def defined_term(entry: Entry, url: str, set_data: dict[str, Any]) -> dict[str, Any]:
    term = entry.term
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": term.name,
        "termCode": term.slug,
        "description": entry.definition_text,
        "inDefinedTermSet": set_data,
    }
    if url:
        data["url"] = url
        data["@id"] = url
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    if term.updated:
        # A DefinedTerm has no dateModified (an Intangible, not a CreativeWork): the date is the
        # term page's, which is a WebPage whose main entity is the term.
        page: dict[str, Any] = {"@type": "WebPage", "dateModified": term.updated.date().isoformat()}
        if url:
            page["url"] = url  # no @id: the term already has the page's address as its own
        data["mainEntityOfPage"] = page
    return data


def term_set_page(name: str, url: str, entries: list[tuple[Entry, str]]) -> dict[str, Any]:
    """A `DefinedTermSet` with the terms an index page lists, by name and URL (a letter page
    lists its own; the A–Z entry page none, so no page grows with the glossary)."""
    data = {"@context": "https://schema.org", **defined_term_set(name, url)}
    if entries:
        data["hasDefinedTerm"] = [
            {"@type": "DefinedTerm", "name": e.term.name, "url": term_url, "termCode": e.term.slug}
            for e, term_url in entries
        ]
    return data
