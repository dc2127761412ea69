"""Coverage-guided fuzzing of the term loader with atheris (libFuzzer for Python).

Every input is one term file's bytes. It must end in reported problems or a valid Term whose
rendered HTML carries no script; any other exception, or an assertion below, is a finding.

    python tests/fuzz/fuzz_loader.py -max_total_time=60
    python tests/fuzz/fuzz_loader.py -max_total_time=600 /tmp/termbook-corpus tests/fuzz/seeds

(See tests/fuzz/README.md. libFuzzer writes new inputs into the first folder given.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["termbook", "yaml", "markdown"]):
    from termbook.glossary.entries import render_entry
    from termbook.glossary.validate import validate_term
    from termbook.glossary.yamlload import load_bytes
    from termbook.names.folding import is_valid_slug

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_fuzz_properties import assert_safe  # the property tests' oracle of safe HTML


def check_one_input(data: bytes) -> None:
    doc, problems = load_bytes(data, "fuzz.yaml")
    if problems:
        assert all(p.is_error and p.line >= 1 and p.column >= 1 for p in problems), problems
        return
    term, problems = validate_term(doc)
    assert (term is None) == bool(problems), problems
    if term is None:
        return
    assert term.name.strip() and term.categories and is_valid_slug(term.slug), term
    entry, _ = render_entry(term)
    for fragment in (entry.definition, *entry.examples, *entry.trivia):
        assert_safe(fragment)


def main() -> None:
    atheris.Setup(sys.argv, check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
