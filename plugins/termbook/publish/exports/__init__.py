"""The glossary in the formats other tools import: LMS glossaries, CAT tools, linked data, sheets.

Engine-free. Each module renders ``(checked, site) -> str | bytes``; ``FORMATS`` names them for
``termbook export --format`` and says which file the site publishes under ``exports/``. The SCORM
packages of the site are the exception: they wrap an offline build of it, so only the command
makes them (``exports.scorm.SITE_PACKAGES``; manifests, control files and the launch page are
``exports.scorm_package``, for any SCORM package).
The study formats (``anki``, ``moodle-questions``, ``scorm-quiz``, ``scorm2004-quiz``) carry the
questions of ``termbook.study``; ``termbook export --mastery`` sets the SCORM quiz's pass mark.
Every output is deterministic: dictionary order, no timestamps besides the terms' own dates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from termbook.glossary.rendered import RenderedGlossary
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.exports import (
    anki_deck,
    csv_table,
    json_api,
    moodle,
    moodle_questions,
    scorm_quiz,
    skos,
    tbx,
)


@dataclass(frozen=True)
class ExportFormat:
    name: str
    render: Callable[[RenderedGlossary, SiteInfo], str | bytes]
    filename: str
    """The file's name in the site's exports/ folder and the command's suggestion."""
    published: bool = True
    """Written into every site build (JSON is published as api/terms.json instead)."""
    study: bool = False
    """Study material (questions, flashcards): left out of a site without a Practice section."""


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", json_api.render, "glossary.json", published=False),
    "tbx": ExportFormat("tbx", tbx.render, "glossary.tbx"),
    "tbx2008": ExportFormat("tbx2008", tbx.render_2008, "glossary.tbx2008.tbx"),
    "skos": ExportFormat("skos", skos.render, "glossary.skos.ttl"),
    "moodle": ExportFormat("moodle", moodle.render, "glossary.moodle.xml"),
    "csv": ExportFormat("csv", csv_table.render, "glossary.csv"),
    "anki": ExportFormat("anki", anki_deck.render, "glossary.apkg", study=True),
    "moodle-questions": ExportFormat(
        "moodle-questions", moodle_questions.render, "glossary.questions.moodle.xml", study=True
    ),
    "scorm-quiz": ExportFormat(
        "scorm-quiz", scorm_quiz.render, "glossary.quiz.scorm.zip", study=True
    ),
    "scorm2004-quiz": ExportFormat(
        "scorm2004-quiz", scorm_quiz.render_2004, "glossary.quiz.scorm2004.zip", study=True
    ),
}


def export_files(
    checked: RenderedGlossary, site: SiteInfo, study: bool = True
) -> dict[str, Callable[[], str | bytes]]:
    """Site path → a function that renders that export (called when the file is written);
    without the study formats when ``study`` is false."""
    return {
        urls.export_file(fmt.filename): partial(fmt.render, checked, site)
        for fmt in FORMATS.values()
        if fmt.published and (study or not fmt.study)
    }
