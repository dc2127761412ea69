"""The glossary in the formats other tools import: LMS glossaries, CAT tools, linked data, sheets.

Engine-free. Each module renders ``(checked, site) -> str | bytes``; ``FORMATS`` names them for
``termbook export --format`` and says which file the site publishes under ``exports/``. The SCORM
package is the exception: it wraps a built site (``exports.scorm``), so only the command makes it.
Every output is deterministic: dictionary order, no timestamps besides the terms' own dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from termbook.glossary.rendered import RenderedGlossary
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.exports import csv_table, json_api, moodle, skos, tbx


@dataclass(frozen=True)
class ExportFormat:
    name: str
    render: Callable[[RenderedGlossary, SiteInfo], str | bytes]
    filename: str
    """The file's name in the site's exports/ folder and the command's suggestion."""
    published: bool = True
    """Written into every site build (JSON is published as api/terms.json instead)."""


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", json_api.render, "glossary.json", published=False),
    "tbx": ExportFormat("tbx", tbx.render, "glossary.tbx"),
    "tbx2008": ExportFormat("tbx2008", tbx.render_2008, "glossary.tbx2008.tbx"),
    "skos": ExportFormat("skos", skos.render, "glossary.skos.ttl"),
    "moodle": ExportFormat("moodle", moodle.render, "glossary.moodle.xml"),
    "csv": ExportFormat("csv", csv_table.render, "glossary.csv"),
}


def export_files(checked: RenderedGlossary, site: SiteInfo) -> dict[str, Callable[[], str | bytes]]:
    """Site path → a function that renders that export (called when the file is written)."""
    return {
        urls.export_file(fmt.filename): partial(fmt.render, checked, site)
        for fmt in FORMATS.values()
        if fmt.published
    }
