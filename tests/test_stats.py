"""`termbook stats`: orphans, the most-linked terms and their words, per-category counts."""

from __future__ import annotations

import json

from projects import BASIC_TERMS, cloud_terms
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


def _linked(report: dict) -> dict[str, dict[str, int]]:
    """Slug → the words that link it → on how many pages."""
    return {
        item["slug"]: {p["text"]: p["pages"] for p in item["phrases"]}
        for item in report["most_referenced"]
    }


def test_stats_shows_which_words_link_each_term_most_linked_first(tmp_path, monkeypatch, capsys):
    """An editor spots an everyday word linked ("restore service") and restricts the term."""
    cloud_terms(tmp_path / "terms")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ops.md").write_text(
        "# Ops\n\nWe restore service first. Self-service portals and each node come later.\n"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["stats", "--format", "json", "--top", "0"]) == 0
    report = json.loads(capsys.readouterr().out)
    counts = [item["mentioned_by"] for item in report["most_referenced"]]
    assert counts == sorted(counts, reverse=True)
    linked = _linked(report)
    assert linked["service"]["service"] >= 2  # "restore service" among them
    assert linked["containers"]["container"] >= 2  # the singular of a plural headword
    assert linked["nodes"]["node"] >= 2
    assert linked["self-healing"] == {"self-healing": 1}  # Serverless: a hyphen for a space
    for item in report["most_referenced"]:
        assert item["mentioned_by"] >= max(p["pages"] for p in item["phrases"])

    assert main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "Most linked (on how many pages, and by which words):" in out
    assert "  Service: service (" in out


def test_a_restricted_term_is_linked_only_as_it_allows(tmp_path, monkeypatch, capsys):
    cloud_terms(tmp_path / "terms", {"service": "link: as-written", "nodes": "link: names-only"})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ops.md").write_text("# Ops\n\nWe restore service. Service meshes.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["stats", "--format", "json", "--top", "0"]) == 0
    linked = _linked(json.loads(capsys.readouterr().out))
    assert linked["service"] == {"Service": 1}
    assert "node" not in linked["nodes"] and linked["nodes"]["nodes"] >= 1
