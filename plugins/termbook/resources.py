"""Where the files the package ships live: templates, static assets, JSON Schemas.

One place, so moving a module between sub-packages never breaks a path to a shipped file.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
TEMPLATES = PACKAGE / "templates"
ASSETS = PACKAGE / "assets"
SCHEMAS = PACKAGE / "schemas"
