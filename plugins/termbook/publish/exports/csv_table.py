"""CSV for spreadsheets: one row per term, in dictionary order, text without markup.

Encoded as UTF-8 with a byte-order mark, because Excel reads a CSV file without one in the
computer's legacy code page and mangles every accent; LibreOffice, Google Sheets, Numbers and
Python's ``utf-8-sig`` read the mark and drop it. Rows end in CRLF (RFC 4180). Lists inside a
cell (aliases, categories, related terms) are joined with "; ", examples and trivia paragraphs
with line breaks. A term with numbered senses has them one per line in its definition cell
("1. …", "2. (editing) …"), and their examples after its own. A cell that would start with = + - @ (a formula to a spreadsheet) gets a
leading apostrophe, so a term file cannot smuggle a formula into someone's spreadsheet.
"""

from __future__ import annotations

import csv
import io

from termbook.glossary.rendered import RenderedGlossary
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import public_url

COLUMNS = (
    "term",
    "slug",
    "aliases",
    "categories",
    "definition",
    "examples",
    "trivia",
    "related",
    "url",
    "updated",
)
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
        related = [glossary.terms[s].name for s in term.related if s in glossary.terms]
        values = [
            term.name,
            term.slug,
            LIST_SEPARATOR.join(term.aliases),
            LIST_SEPARATOR.join(c.name for c in glossary.term_categories(term)),
            "\n".join(entry.definitions_text),
            "\n".join(entry.all_examples_text),
            "\n".join(entry.trivia_text),
            LIST_SEPARATOR.join(related),
            public_url(site, urls.term_page(term.slug)),
            term.updated.date().isoformat() if term.updated else "",
        ]
        table.append([cell(value) for value in values])
    return table


def render(checked: RenderedGlossary, site: SiteInfo) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows(checked, site))
    return buffer.getvalue().encode("utf-8-sig")
