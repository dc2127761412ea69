"""CSV for spreadsheets: one row per term, in dictionary order, text without markup.

Encoded as UTF-8 with a byte-order mark, because Excel reads a CSV file without one in the
computer's legacy code page and mangles every accent; LibreOffice, Google Sheets, Numbers and
Python's ``utf-8-sig`` read the mark and drop it. Rows end in CRLF (RFC 4180). Lists inside a
cell (aliases, categories, related terms) are joined with "; ", examples and trivia paragraphs
with line breaks. A cell that would start with = + - @ (a formula to a spreadsheet) gets a
leading apostrophe, so a term file cannot smuggle a formula into someone's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from termbook.glossary.entries import Entry
from termbook.glossary.fields import Field, fields_for
from termbook.glossary.model import Glossary
from termbook.glossary.rendered import RenderedGlossary
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import public_url

FIELDS = tuple(fields_for(export="csv"))
"""The term fields with a column, in the term files' order (`glossary.fields`)."""
COLUMNS = (*(f.key for f in FIELDS), "url", "updated")
LIST_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Text a spreadsheet shows as text, never evaluates."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows(checked: RenderedGlossary, site: SiteInfo) -> list[list[str]]:
    glossary = checked.glossary
    table = [list(COLUMNS)]
    for term in glossary:
        entry = checked.entries[term.slug]
        values = [column(glossary, entry) for column in _COLUMNS]
        values.append(public_url(site, urls.term_page(term.slug)))
        values.append(term.updated.date().isoformat() if term.updated else "")
        table.append([cell(value) for value in values])
    return table


Column = Callable[[Glossary, Entry], str]


def field_column(spec: Field) -> Column:
    """A field's cell: Markdown as plain text (paragraphs on lines of their own), lists joined
    with "; ", categories and related terms by their names."""
    if spec.markdown:
        text_of = f"{spec.key}_text"

        def column(glossary: Glossary, entry: Entry) -> str:
            text = getattr(entry, text_of)
            return "\n".join(text) if isinstance(text, list) else text

    elif spec.key == "categories":

        def column(glossary: Glossary, entry: Entry) -> str:
            return LIST_SEPARATOR.join(c.name for c in glossary.term_categories(entry.term))

    elif spec.key == "related":

        def column(glossary: Glossary, entry: Entry) -> str:
            terms = glossary.terms
            return LIST_SEPARATOR.join(terms[s].name for s in entry.term.related if s in terms)

    else:
        name = spec.name

        def column(glossary: Glossary, entry: Entry) -> str:
            value = getattr(entry.term, name)
            return LIST_SEPARATOR.join(value) if isinstance(value, tuple) else str(value)

    return column


_COLUMNS = tuple(field_column(spec) for spec in FIELDS)


def render(checked: RenderedGlossary, site: SiteInfo) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows(checked, site))
    return buffer.getvalue().encode("utf-8-sig")
