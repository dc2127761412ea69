"""The cloud-operations fixture glossary (tests/data/glossaries/cloud/) as a real project."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from projects import write_project

CLOUD = Path(__file__).parent / "data" / "glossaries" / "cloud"


def cloud_project(root: Path, docs: dict[str, str] | None = None, **extra: Any) -> Path:
    """A project in ``root`` whose terms folder is a copy of the cloud glossary; its config."""
    config = write_project(root, {}, docs=docs, extra=extra or None, categories=None)
    shutil.rmtree(root / "terms")
    shutil.copytree(CLOUD, root / "terms")
    return config
