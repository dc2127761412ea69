"""The Practice section in a real MkDocs build: pages, questions files, embed cards, exports,
and `practice: false` for a site (no section) and for a term (no questions)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from projects import BASIC_TERMS, run_build, write_project

TERMS = {
    **BASIC_TERMS,
    "gaffer": {
        "term": "Gaffer",
        "categories": ["Crew and Roles"],
        "definition": "The chief lighting technician; gaffers run the electrical crew.",
    },
    "slate": {
        "term": "Slate",
        "categories": ["Technology and Equipment"],
        "definition": "The clapperboard marking each take.",
        "practice": False,
    },
}
HOME = {"index.md": "---\ntemplate: termbook/home.html\n---\n\nWelcome.\n"}
STUDY_EXPORTS = (
    "glossary.apkg",
    "glossary.questions.moodle.xml",
    "glossary.quiz.scorm.zip",
    "glossary.quiz.scorm2004.zip",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("practice-site")
    return run_build(write_project(root, TERMS, docs=HOME), strict=True)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_practice_pages_exist_for_the_glossary_and_each_category(site):
    assert (site / "practice/index.html").is_file()
    for category in ("crew-and-roles", "technology-and-equipment"):
        page = read(site, f"practice/{category}/index.html")
        assert 'class="tb-practice"' in page
        assert f'data-src="questions.json" data-key="{category}"' in page


def test_practice_pages_carry_no_inline_script(site):
    for path in ("practice/index.html", "practice/crew-and-roles/index.html"):
        for tag in re.findall(r"<script\b[^>]*>", read(site, path)):
            assert "src=" in tag or re.search(r"type=\"application/(ld\+)?json\"", tag), tag


def test_questions_files_link_to_real_entries_and_leave_out_opted_out_terms(site):
    for path in ("practice/questions.json", "practice/crew-and-roles/questions.json"):
        data = json.loads(read(site, path))
        assert data["cards"] and data["quiz"]
        assert "slate" not in data["terms"]
        folder = (site / path).parent
        for slug, term in data["terms"].items():
            assert (folder / term["url"] / "index.html").resolve().is_file(), slug
        for question in data["quiz"]:
            assert question["slug"] in question["choices"]
    crew = json.loads(read(site, "practice/crew-and-roles/questions.json"))
    assert {c["slug"] for c in crew["cards"]} == {"focus-puller", "gaffer", "grip", "key-grip"}


def test_embed_practice_cards_read_the_questions_files_under_their_policy(site):
    for key in ("", "crew-and-roles/"):
        page = read(site, f"embed/practice/{key}index.html")
        assert "connect-src 'self'" in page
        data_url = re.search(r'data-src="([^"]+)"', page).group(1)
        assert (site / f"embed/practice/{key}" / data_url).resolve().is_file()
        assert "assets/termbook/site.js" in page


def test_study_exports_are_published(site):
    for name in STUDY_EXPORTS:
        assert (site / "exports" / name).stat().st_size > 0


def test_home_page_links_to_practice(site):
    assert 'href="practice/">Start practising' in read(site, "index.html")


def test_a_site_without_practice_has_no_section_cards_or_study_exports(tmp_path):
    config = write_project(tmp_path, TERMS, docs=HOME, plugin={"practice": False})
    site = run_build(config, strict=True)
    assert not (site / "practice").exists()
    assert not (site / "embed/practice").exists()
    for name in STUDY_EXPORTS:
        assert not (site / "exports" / name).exists()
    assert (site / "exports/glossary.tbx").is_file()
    assert "Start practising" not in read(site, "index.html")
