"""`termbook stats`: orphans, the most-referenced terms and per-category counts."""

from __future__ import annotations

import json

from projects import BASIC_TERMS
from termbook.cli import main


def test_stats_reports_the_link_graph(make_terms, tmp_path, monkeypatch, capsys):
    lonely = {"term": "Apple Box", "categories": ["Crew and Roles"], "definition": "A wooden box."}
    make_terms({**BASIC_TERMS, "apple-box": lonely})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "day.md").write_text("# Day\n\nThe grip and the key grip arrive.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["stats", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["terms"] == 5 and report["articles"] == 1
    assert report["categories"] == {"Crew and Roles": 4, "Technology and Equipment": 1}
    top = {item["slug"]: item["mentioned_by"] for item in report["most_referenced"]}
    # Grip: the Key Grip definition and the article; Focus Puller: Racking Focus' definition
    assert top["grip"] == 2
    assert top["focus-puller"] == 1
    assert top["racking-focus"] == 1  # mentioned in Focus Puller's definition
    assert [o["slug"] for o in report["orphans"]] == ["apple-box"]
    assert report["orphans"][0]["path"] == "terms/apple-box.yaml"


def test_stats_text_output(make_terms, tmp_path, monkeypatch, capsys):
    make_terms(BASIC_TERMS)
    monkeypatch.chdir(tmp_path)
    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 terms in 2 categories; 0 articles")
    assert "Orphans (nothing mentions or relates to them): 0" in out


def test_stats_refuses_a_glossary_with_errors(make_terms, tmp_path, monkeypatch):
    make_terms({**BASIC_TERMS, "grip": "term: [broken\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["stats"]) == 1
