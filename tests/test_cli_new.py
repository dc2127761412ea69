"""`termbook new`: a complete skeleton to fill in, and a refusal that names the entry in the way."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from projects import BASIC_TERMS, write_terms
from termbook.cli import main
from termbook.glossary.fmt import format_text
from termbook.glossary.rendered import check_terms
from termbook.glossary.validate import TERM_KEYS
from termbook.glossary.yamlload import load_text

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "plugins" / "termbook" / "schemas" / "term.schema.json"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A glossary project like this repository: terms/ and the editors' schema copy."""
    write_terms(tmp_path / "terms", BASIC_TERMS)
    (tmp_path / "schemas").mkdir()
    shutil.copy(SCHEMA, tmp_path / "schemas" / "term.schema.json")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(*args: str) -> int:
    return main(["new", *args])


def fill_placeholders(text: str) -> str:
    text = text.replace(
        "TODO: Whip Pan is ... (one plain sentence that stands on its own).",
        "A whip pan is a pan so fast that the picture blurs.",
    )
    text = text.replace(
        "'TODO: a sentence that uses the term, as you would meet it'", '"Whip to the door."'
    )
    return text.replace(
        "TODO: a fact about Whip Pan that a reader can check, or delete this field.",
        "Editors hide cuts inside the blur.",
    )


def test_new_writes_the_file_and_says_what_to_do_next(project: Path, capsys) -> None:
    (project / "mkdocs.yml").write_text("site_name: A\n", encoding="utf-8")
    assert new("Whip Pan", "--category", "Crew and Roles") == 0
    out = capsys.readouterr().out
    path = project / "terms" / "whip-pan.yaml"
    assert path.is_file()
    assert "created terms/whip-pan.yaml" in out
    assert "termbook check" in out and "termbook fmt" in out
    assert "4. mkdocs serve, then open http://127.0.0.1:8000/terms/whip-pan/" in out
    assert "make serve" not in out


def test_next_steps_preview_with_the_projects_makefile(project: Path, capsys) -> None:
    (project / "mkdocs.yml").write_text("site_name: A\n", encoding="utf-8")
    (project / "Makefile").write_text("serve:\n\tmkdocs serve\n", encoding="utf-8")
    new("Whip Pan", "--category", "Crew and Roles")
    assert "4. make serve, then open" in capsys.readouterr().out


def test_next_steps_without_a_site_point_to_init(project: Path, capsys) -> None:
    new("Whip Pan", "--category", "Crew and Roles")
    out = capsys.readouterr().out
    assert "serve" not in out
    assert "termbook init` starts one" in out


def test_placeholders_are_field_neutral_by_default(project: Path) -> None:
    new("Whip Pan", "--category", "Technology and Equipment")
    text = (project / "terms" / "whip-pan.yaml").read_text(encoding="utf-8").casefold()
    for film_word in ("director", "crew", "on set", "script", "cinematographer", "focus"):
        assert film_word not in text


def test_a_glossary_sets_its_own_placeholders(project: Path) -> None:
    (project / "terms" / "_placeholders.yaml").write_text(
        "usage: as a sailor says it on deck\n"
        "example: '\"Ease the sheet,\" the skipper calls.'\n"
        "related: Halyard, Sheet\n"
        "source: The Sailing Handbook\n",
        encoding="utf-8",
    )
    new("Tack", "--category", "Crew and Roles")
    text = (project / "terms" / "tack.yaml").read_text(encoding="utf-8")
    assert "# The term in use, as a sailor says it on deck; one per item." in text
    assert """  - 'TODO: "Ease the sheet," the skipper calls.'""" in text
    assert "e.g. [Halyard, Sheet]" in text
    assert "#   - title: The Sailing Handbook" in text
    assert check_terms(project / "terms", project).problems  # placeholders still warned


def test_a_broken_placeholders_file_is_refused_by_name(project: Path, capsys) -> None:
    (project / "terms" / "_placeholders.yaml").write_text("exampel: x\n", encoding="utf-8")
    assert new("Tack", "--category", "Crew and Roles") == 1
    err = capsys.readouterr().err
    assert "_placeholders.yaml: unknown key(s) exampel" in err
    assert not (project / "terms" / "tack.yaml").exists()


def test_the_showbiz_dictionary_keeps_its_film_placeholders(project: Path) -> None:
    shutil.copy(REPO / "terms" / "_placeholders.yaml", project / "terms")
    new("Whip Pan", "--category", "Crew and Roles")
    text = (project / "terms" / "whip-pan.yaml").read_text(encoding="utf-8")
    assert "as you would hear it on set" in text
    assert "the director tells the crew" in text
    assert "American Cinematographer Manual" in text


def test_new_creates_a_missing_terms_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert new("Bus Factor", "--category", "Teams") == 0
    assert (tmp_path / "terms" / "bus-factor.yaml").is_file()
    assert "created the folder terms/" in capsys.readouterr().out


def test_a_refused_new_term_leaves_no_empty_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert new("Bus Factor", "--category", "Teams", "--alias", "bus factor") == 1
    assert not (tmp_path / "terms").exists()


def test_skeleton_has_every_field_with_guidance(project: Path) -> None:
    new("Whip Pan", "--category", "Crew and Roles", "--alias", "Swish Pan")
    text = (project / "terms" / "whip-pan.yaml").read_text(encoding="utf-8")
    for key in TERM_KEYS:
        assert re.search(rf"^(# )?{key}:", text, re.MULTILINE), key
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^[a-z]+:", line) and not line.startswith(("term:", "slug:")):
            assert lines[index - 1].startswith("#"), f"no guidance above {line!r}"
    doc, problems = load_text(text, "whip-pan.yaml")
    assert not problems
    assert doc.data["term"] == "Whip Pan"
    assert doc.data["slug"] == "whip-pan"
    assert doc.data["aliases"] == ["Swish Pan"]
    assert doc.data["categories"] == ["Crew and Roles"]


def test_first_line_points_editors_at_the_schema_copy(project: Path) -> None:
    new("Whip Pan", "--category", "Crew and Roles")
    first = (project / "terms" / "whip-pan.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/term.schema.json"
    target = (project / "terms" / first.split("$schema=")[1]).resolve()
    assert target.read_bytes() == SCHEMA.read_bytes()


def test_no_schema_line_when_the_project_keeps_no_schema_copy(project: Path) -> None:
    shutil.rmtree(project / "schemas")
    new("Whip Pan", "--category", "Crew and Roles")
    text = (project / "terms" / "whip-pan.yaml").read_text(encoding="utf-8")
    assert "yaml-language-server" not in text


def test_placeholders_are_warnings_until_replaced(project: Path, capsys) -> None:
    new("Whip Pan", "--category", "Crew and Roles")
    capsys.readouterr()
    assert main(["check"]) == 0
    capsys.readouterr()
    assert main(["check", "--strict"]) == 1
    out = capsys.readouterr().out
    placeholders = [line for line in out.splitlines() if line.endswith("[placeholder]")]
    fields = [re.search(r"'(\w+)' still holds", line).group(1) for line in placeholders]
    assert fields == ["definition", "examples", "trivia"]
    assert all(line.startswith("terms/whip-pan.yaml:") for line in placeholders)


def test_skeleton_is_a_valid_entry_once_the_placeholders_are_filled(project: Path, capsys) -> None:
    new("Whip Pan", "--category", "Crew and Roles", "--alias", "Swish Pan")
    path = project / "terms" / "whip-pan.yaml"
    path.write_text(fill_placeholders(path.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--strict"]) == 0
    checked = check_terms(project / "terms", project, dates=False)
    assert checked.problems == []
    term = checked.glossary.terms["whip-pan"]
    assert term.examples == ("Whip to the door.",)
    doc, _ = load_text(path.read_text(encoding="utf-8"), "whip-pan.yaml")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(doc.data)) == []


def test_skeleton_is_already_in_the_canonical_layout(project: Path) -> None:
    aliases = [f"Very Long Alternative Name Number {n}" for n in range(4)]
    new("Whip Pan", "--category", "Crew and Roles", *[f"--alias={a}" for a in aliases])
    text = (project / "terms" / "whip-pan.yaml").read_text(encoding="utf-8")
    assert format_text(text) == text
    assert "aliases:\n  - Very Long Alternative Name Number 0\n" in text


def test_refuses_to_overwrite_an_existing_file(project: Path, capsys) -> None:
    path = project / "terms" / "grip.yaml"
    before = path.read_bytes()
    assert new("Grip", "--category", "Crew and Roles") == 1
    err = capsys.readouterr().err
    assert "terms/grip.yaml already exists" in err
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "clash", "existing"),
    [
        (["Rack Focus"], "Rack Focus", "terms/racking-focus.yaml"),
        (["RACK-FOCUS!"], "RACK-FOCUS!", "terms/racking-focus.yaml"),
        (["Focus Wheel", "--alias", "1st AC"], "1st AC", "terms/focus-puller.yaml"),
        (["Keygrip", "--slug", "key-grip"], "terms/key-grip.yaml already exists", "key-grip"),
    ],
    ids=["alias-of-another-term", "same-name-other-case-and-punctuation", "new-alias", "slug"],
)
def test_refuses_a_name_the_glossary_already_has_and_names_its_file(
    project: Path, capsys, args: list[str], clash: str, existing: str
) -> None:
    files_before = sorted((project / "terms").iterdir())
    assert new(*args, "--category", "Crew and Roles") == 1
    err = capsys.readouterr().err
    assert f"'{clash}'" in err or clash in err
    assert existing in err
    assert sorted((project / "terms").iterdir()) == files_before


def test_refuses_an_alias_that_repeats_the_name(project: Path, capsys) -> None:
    assert new("Whip Pan", "--category", "Crew and Roles", "--alias", "whip-pan") == 1
    assert "repeats the name" in capsys.readouterr().err


def test_unknown_category_is_refused_with_a_suggestion(project: Path, capsys) -> None:
    assert new("Whip Pan", "--category", "Crew and Role") == 1
    err = capsys.readouterr().err
    assert "unknown category 'Crew and Role' (did you mean 'Crew and Roles'?)" in err
    assert "--new-category" in err
    assert not (project / "terms" / "whip-pan.yaml").exists()


def test_category_is_spelled_as_in_the_categories_file(project: Path) -> None:
    new("Whip Pan", "--category", "crew AND roles")
    text = (project / "terms" / "whip-pan.yaml").read_text(encoding="utf-8")
    assert "categories: [Crew and Roles]\n" in text


def test_new_category_is_allowed_on_request_and_its_description_asked_for(
    project: Path, capsys
) -> None:
    args = ["Whip Pan", "--category", "Crew and Roles", "--category", "Camera Moves"]
    assert new(*args, "--new-category") == 0
    out = capsys.readouterr().out
    assert "'Camera Moves' is a new category" in out
    assert "_categories.yaml" in out


def test_names_that_need_quotes_read_back_unchanged(project: Path) -> None:
    name, alias = "M*A*S*H: The Shot", "Pan, Whip"
    assert new(name, "--category", "Crew and Roles", "--alias", alias) == 0
    path = project / "terms" / "m-a-s-h-the-shot.yaml"
    doc, problems = load_text(path.read_text(encoding="utf-8"), path.name)
    assert not problems
    assert (doc.data["term"], doc.data["aliases"]) == (name, [alias])


def test_a_name_without_latin_letters_needs_a_slug(project: Path, capsys) -> None:
    assert new("花道", "--category", "Crew and Roles") == 1
    assert "--slug" in capsys.readouterr().err
    assert new("花道", "--category", "Crew and Roles", "--slug", "hanamichi") == 0
    assert (project / "terms" / "hanamichi.yaml").is_file()


def test_usage_errors_exit_2(project: Path, capsys) -> None:
    (project / "a-file").write_text("", encoding="utf-8")
    assert new("Whip Pan", "--category", "Crew and Roles", "--terms-dir", "a-file") == 2
    assert "'a-file' is not a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        new("Whip Pan")
    assert exited.value.code == 2


def test_next_steps_repeat_the_command_as_typed(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.argv", [".venv/bin/termbook", "new"])
    new("Whip Pan", "--category", "Crew and Roles")
    out = capsys.readouterr().out
    assert "2. .venv/bin/termbook check" in out
    assert "3. .venv/bin/termbook fmt" in out
