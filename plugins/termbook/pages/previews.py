"""The term previews a page needs, carried by the page itself.

A link's hover preview shows the term's name and summary. Fetching them from the API when a
reader opens a preview fails where there is no server (a site opened from the file system, the
offline plugin's use) and where the API is switched off; so each page carries, in one JSON data
block at the end of its content, the previews of the terms it links and nothing more. The block
grows with the links on the page, not with the glossary: a page links each term at most once
in it, and a summary is one sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from termbook.glossary.entries import Entry
from termbook.glossary.model import Glossary
from termbook.pages.jsonld import script_json

PREVIEWS_CLASS = "tb-previews"
"""The data block's class (docs/reference/html-hooks.md): ``{slug: [name, summary]}``."""


def previews_block(slugs: Iterable[str], glossary: Glossary, entries: dict[str, Entry]) -> str:
    """``<script type="application/json">`` with the previews of ``slugs`` ("" for none).
    Not a script the browser runs: the Content Security Policy has nothing to allow."""
    data = {
        slug: [glossary.terms[slug].name, entries[slug].summary]
        for slug in dict.fromkeys(slugs)
        if slug in glossary.terms and slug in entries
    }
    if not data:
        return ""
    return f'<script type="application/json" class="{PREVIEWS_CLASS}">{script_json(data)}</script>'
