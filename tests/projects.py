"""Test projects: term folders and complete MkDocs projects written into tmp_path.

Plain functions and sample terms that tests import (`from projects import ...`); the fixtures
that wrap them live in conftest.py. A module of its own, because tests/browser has a conftest.py
too and two modules named `conftest` cannot both be imported by name.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import yaml

RACKING_FOCUS = {
    "term": "Racking Focus",
    "aliases": ["Rack Focus", "Focus Pull"],
    "categories": ["Technology and Equipment"],
    "definition": "Shifting focus from one subject to another during a shot, guided by the Focus Puller.",
    "examples": ["Rack to the door when it opens."],
    "trivia": "The move is often planned with tape marks on the floor.",
    "related": ["Focus Puller"],
}
FOCUS_PULLER = {
    "term": "Focus Puller",
    "aliases": ["First Assistant Camera", "1st AC"],
    "categories": ["Crew and Roles"],
    "definition": "The camera assistant who keeps the picture sharp, for example while Racking Focus.",
}
GRIP = {
    "term": "Grip",
    "categories": ["Crew and Roles"],
    "definition": "A crew member who rigs and moves camera support.",
}
KEY_GRIP = {
    "term": "Key Grip",
    "categories": ["Crew and Roles"],
    "definition": "The head of the grip department. Every grip reports to the key grip.",
    "related": ["Grip"],
}
CATEGORIES = {
    "Technology and Equipment": {
        "description": "Cameras, lenses and gear.",
        "slug": "technology-and-equipment",
    },
    "Crew and Roles": {"description": "Who does what on a production.", "slug": "crew-and-roles"},
}
SAMPLE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20" width="40" height="20">'
    '<rect x="2" y="2" width="36" height="16" rx="3" fill="#8a63d2"/></svg>\n'
)
"""A harmless illustration for test projects (docs={"images/x.svg": SAMPLE_SVG})."""
BASIC_TERMS = {
    "racking-focus": RACKING_FOCUS,
    "focus-puller": FOCUS_PULLER,
    "grip": GRIP,
    "key-grip": KEY_GRIP,
}

SAILING_CATEGORIES = {
    "Manoeuvres": {"description": "What a crew does with the boat.", "slug": "manoeuvres"},
    "Rigging": {"description": "Ropes, knots and what holds the sails.", "slug": "rigging"},
}
SAILING_TERMS = {
    "tack": {
        "term": "Tack",
        "pronunciation": "/tæk/",
        "part_of_speech": "verb",
        "aliases": ["Come About"],
        "categories": ["Manoeuvres"],
        "definition": "To turn the bow of a sailing boat through the wind, so that the wind "
        "blows on the other side of the sails.",
        "related": ["Bowline"],
    },
    "bowline": {
        "term": "Bowline",
        "pronunciation": "/ˈbəʊlɪn/",
        "part_of_speech": "noun",
        "categories": ["Rigging"],
        "definition": "A knot that makes a fixed loop at the end of a rope; it holds under load "
        "and still unties easily afterwards.",
    },
    "heave-to": {
        "term": "Heave To",
        "part_of_speech": "phrase",
        "categories": ["Manoeuvres"],
        "definition": "To set the sails and rudder against each other so that the boat almost "
        "stops and rides the waves quietly.",
    },
    "port": {
        "term": "Port",
        "categories": ["Manoeuvres"],
        "definition": "The left-hand side of a boat, for someone on board facing the bow.",
    },
}
"""A glossary of another field than the showbiz one (sailing), with the optional header fields:
a pronunciation and a word class on some terms, neither on one."""


def write_terms(folder: Path, terms: dict[str, Any], categories: dict | None = CATEGORIES) -> Path:
    """Write ``{file-stem: dict or raw text}`` as term files; a stem with a suffix keeps it."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, content in terms.items():
        name = stem if "." in stem else f"{stem}.yaml"
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        elif isinstance(content, str):
            (folder / name).write_text(textwrap.dedent(content), encoding="utf-8")
        else:
            (folder / name).write_text(
                yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
    if categories is not None:
        (folder / "_categories.yaml").write_text(
            yaml.safe_dump(categories, sort_keys=False), encoding="utf-8"
        )
    return folder


def write_project(
    root: Path,
    terms: dict[str, Any],
    docs: dict[str, str] | None = None,
    plugin: dict | None = None,
    extra: dict | None = None,
    categories: dict | None = CATEGORIES,
) -> Path:
    write_terms(root / "terms", terms, categories)
    docs_dir = root / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    for name, text in (docs or {"index.md": "# Home\n\nWelcome.\n"}).items():
        (docs_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (docs_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    config = {
        "site_name": "Test Glossary",
        "site_url": "https://example.org/glossary/",
        "theme": {"name": "material"},
        "plugins": ["search", {"termbook": plugin or {}}],
        **(extra or {}),
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def run_build(config_file: Path, strict: bool = False, **overrides: Any) -> Path:
    """A real `mkdocs build`; ``overrides`` replace settings of the file (``site_url=...``)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), strict=strict, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


SAILS_CATEGORIES = {
    "Rigging": {"description": "Ropes, spars and what holds the sails up.", "slug": "rigging"},
    "Manoeuvres": {"description": "How a boat changes course.", "slug": "manoeuvres"},
}
SAILS_TERMS = {
    "halyard": {
        "term": "Halyard",
        "categories": ["Rigging"],
        "definition": "The line that hauls a sail up its mast and holds it there.",
    },
    "mainsail": {
        "term": "Mainsail",
        "aliases": ["Main"],
        "categories": ["Rigging"],
        "definition": "The large sail set behind the mast, raised with its halyard.",
        "related": ["Halyard"],
    },
    "tack": {
        "term": "Tack",
        "categories": ["Manoeuvres"],
        "definition": "Turning the bow through the wind so that it blows on the other side of the sails.",
    },
    "jib": {
        "term": "Jib",
        "categories": ["Rigging"],
        "definition": "A triangular sail set ahead of the mast.",
    },
}
"""Sails and manoeuvres: a small glossary of another field than the showbiz one, for tests that
commit changes to it (`termbook diff`, the web editor)."""


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}
"""A repository in tmp_path commits with these, whatever the machine's git configuration."""


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` (``git(root, "init", "-b", "main")``); its standard output."""
    import os
    import subprocess

    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def commit_all(root: Path, message: str) -> str:
    """Stage everything in ``root`` and commit it; the new commit's SHA."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


EXISTING_SITE = Path(__file__).resolve().parents[1] / "examples" / "existing-site"
"""A beekeeping documentation site with Termbook added as docs/existing-site.md shows: a
glossary of another field than the showbiz dictionary's, with an explicit nav."""


def existing_site(root: Path, edit: Any = None) -> Path:
    """A copy of the example site in ``root``; ``edit(config)`` may change its mkdocs.yml
    (a dict) first. Returns the mkdocs.yml."""
    import shutil

    shutil.copytree(EXISTING_SITE, root, dirs_exist_ok=True)
    config_file = root / "mkdocs.yml"
    if edit is not None:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        edit(config)
        config_file.write_text(
            yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
    return config_file


GLOSSARIES = Path(__file__).parent / "data" / "glossaries"
"""Fixture glossaries of other fields (see its README.md)."""


def cloud_terms(folder: Path, changes: dict[str, str] | None = None) -> Path:
    """The cloud glossary copied into ``folder``, with ``changes``: lines added to term files
    (``{"service": "link: as-written"}``). Its "CD" stays shared by two terms.
    """
    shutil.copytree(GLOSSARIES / "cloud", folder)
    for stem, line in (changes or {}).items():
        path = folder / f"{stem}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return folder


CLOUD = GLOSSARIES / "cloud"


def cloud_project(root: Path, docs: dict[str, str] | None = None, **extra: Any) -> Path:
    """A project in ``root`` whose terms folder is a copy of the cloud glossary; its config."""
    config = write_project(root, {}, docs=docs, extra=extra or None, categories=None)
    shutil.rmtree(root / "terms")
    cloud_terms(root / "terms")
    return config
