"""JSON: the same document the site publishes at api/terms.json (see termbook.api)."""

from __future__ import annotations

from ..api import dumps, terms_document
from ..pipeline import Checked
from ..views import SiteInfo


def render(checked: Checked, site: SiteInfo) -> str:
    return dumps(terms_document(checked, site))
