"""The quiz as a SCORM 1.2 package: one SCO that reports a score and passed/failed to the LMS.

The launch page is the practice widget in quiz mode with its questions inside (a JSON data block,
so it needs no request), the site's practice script and styles. When the learner has answered
the last question the script sets ``cmi.core.score.min``/``max`` (0, 100), ``raw`` (the percent
right) and ``cmi.core.lesson_status`` (passed or failed against the mastery score), commits and
finishes, once. The manifest carries the mastery score too (``adlcp:masteryscore``), so an LMS
that judges by it agrees with the page. The manifest and the zip come from ``exports.scorm``.
"""

from __future__ import annotations

import json

from termbook.glossary.rendered import RenderedGlossary
from termbook.names.script import assembled_script
from termbook.pages import urls
from termbook.pages.practice import practice_data
from termbook.pages.site_info import SiteInfo
from termbook.publish.embed import PRACTICE_TEMPLATE, embed_environment
from termbook.publish.exports import scorm
from termbook.publish.exports.scorm_package import SCORM_12, Sco, package_identifier, zip_package
from termbook.resources import ASSETS
from termbook.study import StudySet, study_sets

MASTERY = 80
"""The default mastery score, in percent."""
QUESTIONS = 10
"""Questions in the package by default: the first of the glossary's study order."""
ASSETS_DIR = "assets/termbook/"
STYLES = ("site.css", "embed.css")


def quiz_data(checked: RenderedGlossary, site: SiteInfo, study: StudySet, count: int) -> str:
    """The quiz's questions as a JSON data block's text: links to the entries on the site (when
    it has an address), and "<" escaped so no text can close the block."""

    def link(target: str) -> str:
        return urls.absolute(site.site_url, target)

    data = practice_data(study, checked.glossary, link)
    data["quiz"] = data["quiz"][:count]
    data["round"] = len(data["quiz"])
    asked = {question["slug"] for question in data["quiz"]}
    data["cards"] = [card for card in data["cards"] if card["slug"] in asked]  # the prompts
    used = {slug for question in data["quiz"] for slug in question["choices"]}
    data["terms"] = {slug: term for slug, term in data["terms"].items() if slug in used}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def launch_page(checked: RenderedGlossary, site: SiteInfo, mastery: int, count: int) -> str:
    study = study_sets(checked.glossary, checked.entries)[0]
    title = f"Quiz: {site.name}"
    page_url = urls.absolute(site.site_url, urls.practice_page())
    return (
        embed_environment()
        .get_template(PRACTICE_TEMPLATE)
        .render(
            page={"title": title, "site_name": site.name, "assets": ASSETS_DIR, "home_url": ""},
            canonical=page_url or scorm.LAUNCH_PAGE,
            practice={
                "title": title,
                "key": "",
                "mode": "scorm",
                "mastery": mastery,
                "data_url": "",
                "data_json": quiz_data(checked, site, study, count),
                "page_url": page_url,
            },
        )
    )


def package(
    checked: RenderedGlossary, site: SiteInfo, mastery: int = MASTERY, count: int = QUESTIONS
) -> bytes:
    """The SCORM 1.2 zip of the quiz: ``count`` questions, passed at ``mastery`` percent."""
    if not 0 <= mastery <= 100:
        raise ValueError(f"the mastery score is a percentage, 0 to 100, not {mastery}")
    files = {
        scorm.LAUNCH_PAGE: launch_page(checked, site, mastery, count).encode("utf-8"),
        ASSETS_DIR + "site.js": assembled_script("site").encode("utf-8"),
        ASSETS_DIR + "embed.js": assembled_script("embed").encode("utf-8"),
    }
    for name in STYLES:
        files[ASSETS_DIR + name] = (ASSETS / name).read_bytes()
    title = f"Quiz: {site.name}"
    sco = Sco(title, scorm.LAUNCH_PAGE, mastery_score=mastery)
    return zip_package(SCORM_12, package_identifier(title), sco, files)


def render(checked: RenderedGlossary, site: SiteInfo) -> bytes:
    """The published package: the default mastery score and number of questions."""
    return package(checked, site)
