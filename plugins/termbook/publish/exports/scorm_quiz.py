"""The quiz as a SCORM package (1.2 or 2004 4th Edition): one SCO that reports a score and
passed/failed to the LMS.

The launch page is the practice card in graded mode (one round) with its questions inside (a
JSON data block, so it needs no request), run by the site's practice script; the launch script
(``assets/src/scorm-quiz.parts``: the shared SCORM session and ``scorm-quiz/report.js``)
initialises once, records the attempt as incomplete, then, when the learner has answered the
last question, the score in percent (min 0, max 100, 2004 also scaled) and passed or failed
against the mastery score, once, and finishes once when the learner leaves. The manifest
carries the mastery score too (1.2 ``adlcp:masteryscore``, 2004 a primary objective satisfied
by measure), so an LMS that judges by it agrees with the page. The launch page, manifest,
control files and zip come from ``exports.scorm_package``, as for the glossary's package.
"""

from __future__ import annotations

from termbook.glossary.rendered import RenderedGlossary
from termbook.names.script import assembled_script
from termbook.pages import urls
from termbook.pages.jsonld import script_json
from termbook.pages.practice import practice_data
from termbook.pages.site_info import SiteInfo
from termbook.publish.embed import embed_environment
from termbook.publish.exports import scorm_package
from termbook.publish.exports.scorm import LAUNCH_PAGE
from termbook.publish.exports.scorm_package import SCORM_12, SCORM_2004, Sco, ScormVersion
from termbook.resources import ASSETS, script
from termbook.study import StudySet, study_sets

MASTERY = 80
"""The default mastery score, in percent."""
QUESTIONS = 10
"""Questions in the package by default: the first of the glossary's study order."""
VERSIONS: dict[str, ScormVersion] = {"scorm-quiz": SCORM_12, "scorm2004-quiz": SCORM_2004}
"""``termbook export`` formats of the quiz and the SCORM version each packages."""
CARD_TEMPLATE = "termbook/fragments/practice-card.html"
SCRIPTS = ("site.js", "scorm-quiz.js")
"""The practice script first: the launch script listens to the quiz it runs."""
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
    return script_json(data)


def title(site: SiteInfo) -> str:
    return f"Quiz: {site.name}"


def launch_body(checked: RenderedGlossary, site: SiteInfo, mastery: int, count: int) -> str:
    """The practice card in graded mode, questions inside; autoescaped (term text is untrusted)."""
    study = study_sets(checked.glossary, checked.entries)[0]
    card = (
        embed_environment()
        .get_template(CARD_TEMPLATE)
        .render(
            page={"site_name": site.name},
            practice={
                "title": title(site),
                "key": "",
                "mode": "scorm",
                "mastery": mastery,
                "data_url": "",
                "data_json": quiz_data(checked, site, study, count),
                "page_url": urls.absolute(site.site_url, urls.practice_page()),
            },
        )
    )
    return f'<main class="tb-embed tb-embed--practice">\n{card}</main>'


def package(
    checked: RenderedGlossary,
    site: SiteInfo,
    mastery: int = MASTERY,
    count: int = QUESTIONS,
    version: ScormVersion = SCORM_12,
) -> bytes:
    """The SCORM zip of the quiz: ``count`` questions, passed at ``mastery`` percent."""
    if not 0 <= mastery <= 100:
        raise ValueError(f"the mastery score is a percentage, 0 to 100, not {mastery}")
    name = title(site)
    page = scorm_package.launch_page(
        version,
        name,
        [urls.ASSETS + file for file in SCRIPTS],
        [urls.ASSETS + file for file in STYLES],
        launch_body(checked, site, mastery, count),
    )
    files = {
        LAUNCH_PAGE: page.encode("utf-8"),
        urls.ASSETS + "site.js": assembled_script("site").encode("utf-8"),
        urls.ASSETS + "scorm-quiz.js": script("scorm-quiz").encode("utf-8"),
    }
    for style in STYLES:
        files[urls.ASSETS + style] = (ASSETS / style).read_bytes()
    sco = Sco(name, LAUNCH_PAGE, mastery_score=mastery)
    return scorm_package.zip_package(version, scorm_package.package_identifier(name), sco, files)


def render(checked: RenderedGlossary, site: SiteInfo) -> bytes:
    """The published SCORM 1.2 package: the default mastery score and number of questions."""
    return package(checked, site)


def render_2004(checked: RenderedGlossary, site: SiteInfo) -> bytes:
    """The published SCORM 2004 4th Edition package, with the same defaults."""
    return package(checked, site, version=SCORM_2004)
