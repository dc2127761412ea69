"""JSON: the same document the site publishes at api/terms.json (see termbook.api)."""

from __future__ import annotations

from termbook.glossary.rendered import RenderedGlossary
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import dumps, terms_document


def render(checked: RenderedGlossary, site: SiteInfo) -> str:
    return dumps(terms_document(checked, site))
