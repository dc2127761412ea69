"""A large glossary's entries are rendered in two processes at once: same entries, same problems,
same order as rendering them in one, and the build's own Term objects in every entry. (What
happens when the child fails: tests/test_runner.py.)"""

from __future__ import annotations

import os

import pytest
import yaml

from termbook.glossary import entries as entries_module
from termbook.glossary.entries import FORK_MIN_TERMS, render_entries
from termbook.glossary.loader import load_glossary
from termbook.runner import Runner

pytestmark = pytest.mark.forks  # children are made only where no other thread runs

UNSAFE = "Breaks <script>alert(1)</script> the [[Term 3]] rule."


@pytest.fixture(scope="module")
def glossary(tmp_path_factory):
    root = tmp_path_factory.mktemp("many")
    terms = root / "terms"
    terms.mkdir()
    for i in range(FORK_MIN_TERMS + 1):
        data = {
            "term": f"Term {i}",
            "definition": UNSAFE if i % 97 == 0 else f"The **{i}th** term; see [[Term {i + 1}]].",
            "examples": [f"An example with *Term {i}* in it."],
            "categories": ["Camera"],
        }
        (terms / f"term-{i}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (terms / "_categories.yaml").write_text("Camera: {description: Cameras.}\n")
    return load_glossary(terms, root, dates=False).glossary


def _fields(rendered):
    entries, problems = rendered
    return [(slug, vars(entry)) for slug, entry in entries.items()], problems


def test_forked_rendering_gives_what_one_process_gives(glossary, monkeypatch):
    forked = render_entries(glossary)
    assert all(entry.term is glossary.terms[slug] for slug, entry in forked[0].items())
    assert any(p.code == "unsafe-html" for p in forked[1])
    monkeypatch.setattr(entries_module, "FORK_MIN_TERMS", 10**9)
    assert _fields(forked) == _fields(render_entries(glossary))


def test_with_one_job_every_entry_is_rendered_in_process(glossary, monkeypatch):
    forked = render_entries(glossary)
    made: list[int] = []
    real = entries_module.render_entry

    def recorded(term):
        made.append(os.getpid())
        return real(term)

    monkeypatch.setattr(entries_module, "render_entry", recorded)
    assert _fields(render_entries(glossary, runner=Runner(jobs=1))) == _fields(forked)
    assert made == [os.getpid()] * len(glossary.terms)


@pytest.mark.parametrize("jobs", [None, 1])
def test_work_done_meanwhile_runs_once_and_changes_no_entry(glossary, jobs):
    expected = _fields(render_entries(glossary))
    seen: list[int] = []
    rendered = render_entries(glossary, lambda: seen.append(os.getpid()), Runner(jobs))
    assert seen == [os.getpid()]  # in the build's own process: its result stays there
    assert _fields(rendered) == expected


def test_check_terms_hands_back_what_was_made_meanwhile(tmp_path):
    from termbook.glossary.rendered import check_terms
    from termbook.linking.graph import linker_for

    terms = tmp_path / "terms"
    terms.mkdir()
    (terms / "grip.yaml").write_text(
        "term: Grip\ncategories: [Crew]\ndefinition: Rigs the camera support.\n"
    )
    (terms / "_categories.yaml").write_text("Crew: {description: Who does what.}\n")
    checked = check_terms(terms, tmp_path, dates=False, meanwhile=linker_for)
    assert list(checked.glossary.terms) == ["grip"]
    assert checked.meanwhile.resolve("Grip") == "grip"
    assert check_terms(terms, tmp_path, dates=False).meanwhile is None
