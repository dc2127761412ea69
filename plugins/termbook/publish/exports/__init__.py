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
from termbook.publish.exports.scorm import SITE_PACKAGES, SitePackage


@dataclass(frozen=True)
class ExportFormat:
    name: str
    render: Callable[[RenderedGlossary, SiteInfo], str | bytes]
    filename: str
    """The file's name in the site's exports/ folder and the command's suggestion."""
    summary: str
    """What it is, for the reference's exports table and the command's help (Markdown code
    spans allowed: the help shows them as plain text)."""
    title: str = ""
    """Its name in a list in running text (README)."""
    usage: str = ""
    """What the command takes besides ``--format NAME`` for it."""
    published: bool = True
    """Written into every site build (JSON is published as api/terms.json instead)."""
    study: bool = False
    """Study material (questions, flashcards): left out of a site without a Practice section."""


_QUIZ = f"quiz, {scorm_quiz.QUESTIONS} questions, mastery {scorm_quiz.MASTERY} %"
_QUIZ_OPTIONS = " [--mastery N] [--questions N] -o FILE"

FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat(
        "json",
        json_api.render,
        "glossary.json",
        "The API's `terms.json`",
        "the API's terms.json",
        published=False,
    ),
    "tbx": ExportFormat(
        "tbx", tbx.render, "glossary.tbx", "TBX-Basic (TBX v3, ISO 30042:2019)", "TBX-Basic v3"
    ),
    "tbx2008": ExportFormat(
        "tbx2008",
        tbx.render_2008,
        "glossary.tbx2008.tbx",
        "TBX-Basic (TBX 2008, ISO 30042:2008, `<martif>`)",
        "TBX-Basic 2008",
    ),
    "skos": ExportFormat("skos", skos.render, "glossary.skos.ttl", "SKOS in Turtle", "SKOS"),
    "moodle": ExportFormat(
        "moodle",
        moodle.render,
        "glossary.moodle.xml",
        'Moodle glossary XML ("Import entries")',
        "Moodle glossary XML",
    ),
    "csv": ExportFormat("csv", csv_table.render, "glossary.csv", "CSV, UTF-8 with BOM", "CSV"),
    "anki": ExportFormat(
        "anki",
        anki_deck.render,
        "glossary.apkg",
        "Anki deck, a note per term (ids from slugs, so a newer deck updates)",
        "an Anki deck",
        study=True,
    ),
    "moodle-questions": ExportFormat(
        "moodle-questions",
        moodle_questions.render,
        "glossary.questions.moodle.xml",
        "Moodle XML question bank, multiple choice per term and matching per category",
        "a Moodle question bank",
        study=True,
    ),
    "scorm-quiz": ExportFormat(
        "scorm-quiz",
        scorm_quiz.render,
        "glossary.quiz.scorm.zip",
        f"SCORM 1.2 {_QUIZ}",
        "a SCORM 1.2 quiz",
        _QUIZ_OPTIONS,
        study=True,
    ),
    "scorm2004-quiz": ExportFormat(
        "scorm2004-quiz",
        scorm_quiz.render_2004,
        "glossary.quiz.scorm2004.zip",
        "The same quiz as SCORM 2004 4th Edition",
        "a SCORM 2004 quiz",
        _QUIZ_OPTIONS,
        study=True,
    ),
}
COMMAND_FORMATS: dict[str, ExportFormat | SitePackage] = {**FORMATS, **SITE_PACKAGES}
"""Every ``termbook export --format``: the formats above, then the SCORM packages of the site."""


def exports_table() -> str:
    """The exports table of docs/reference/urls.md: the files a site publishes, then the
    formats only the command writes."""
    rows = ["| URL | Format | Command |", "|---|---|---|"]
    listed = sorted(COMMAND_FORMATS.values(), key=lambda f: not f.published)
    for fmt in listed:
        url = f"`/{urls.export_file(fmt.filename)}`" if fmt.published else "—"
        rows.append(f"| {url} | {fmt.summary} | `termbook export --format {fmt.name}{fmt.usage}` |")
    return "\n".join(rows) + "\n"


def formats_help() -> str:
    """The formats as the command's help names them: ``name: what it is``, in choice order."""
    return "; ".join(f"{fmt.name}: {_plain(fmt.summary)}" for fmt in COMMAND_FORMATS.values())


def _plain(summary: str) -> str:
    first, _, rest = summary.replace("`", "").partition(" ")
    return f"{first.lower() if first in ('The', 'A', 'An') else first} {rest}".strip()


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
