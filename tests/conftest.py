"""Fixtures: term folders and real MkDocs builds into tmp_path (helpers in projects.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from likesharness import PostgresServer, postgres_server
from projects import BASIC_TERMS, CATEGORIES, run_build, write_project, write_terms

REPO = Path(__file__).resolve().parents[1]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``forks`` run first: the runner never forks beside another thread
    (ARCHITECTURE.md, "Work beside the build"), and later tests leave threads running for the
    session (Playwright's child watcher, the served folders)."""
    items.sort(key=lambda item: item.get_closest_marker("forks") is None)


@pytest.fixture(autouse=True)
def _alone_when_forking(request: pytest.FixtureRequest) -> None:
    """A ``forks`` test that would meet another thread says so, instead of failing on a
    child that was never made."""
    if request.node.get_closest_marker("forks") is not None:
        others = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
        assert not others, f"threads left running before a test that forks: {others}"


@pytest.fixture
def make_terms(tmp_path: Path) -> Callable[..., Path]:
    def make(terms: dict[str, Any], categories: dict | None = CATEGORIES) -> Path:
        return write_terms(tmp_path / "terms", terms, categories)

    return make


@pytest.fixture
def build_site(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Callable[..., Path]:
    """Build a real site in tmp_path; returns the site folder. Log lines land in caplog."""
    caplog.set_level(logging.INFO)

    def build(terms: dict[str, Any] = BASIC_TERMS, **kwargs: Any) -> Path:
        strict = kwargs.pop("strict", False)
        config_file = write_project(tmp_path, terms, **kwargs)
        return run_build(config_file, strict=strict)

    return build


@pytest.fixture(scope="session")
def scorm_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The project's own site as both SCORM packages (``termbook export``), built once a run."""
    from termbook.cli import main

    folder = tmp_path_factory.mktemp("scorm")
    packages = {}
    for version, fmt in (("1.2", "scorm"), ("2004", "scorm2004")):
        output = folder / f"{fmt}.zip"
        config = str(REPO / "mkdocs.yml")
        assert main(["export", "--format", fmt, "--config-file", config, "-o", str(output)]) == 0
        packages[version] = output.read_bytes()
    return packages


SCALE_TERMS = 260
"""Terms of the pathological glossary (tests/scale_glossary.py): enough to overflow every
bounded list (a letter page, a category page, an embed page, a "Mentioned in" list); see
tests/test_scale.py for why a bigger glossary proves nothing more."""


@pytest.fixture(scope="session")
def scale_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pathological glossary's site, built once per session."""
    from scale_glossary import write_scale_project

    root = tmp_path_factory.mktemp("scale")
    # Its A–Z is the one of a glossary too big for one page (letters and their pages): a few
    # hundred terms would fit on /terms/ whole, which tests/test_build.py bounds on its own.
    with mock.patch("termbook.pages.plan.AZ_ONE_PAGE_BYTES", 0):
        return run_build(write_scale_project(root, SCALE_TERMS))


@pytest.fixture(scope="session")
def wheel_env(tmp_path_factory: pytest.TempPathFactory):
    """Termbook's wheel installed alone in a fresh virtual environment (tests/wheel_env.py)."""
    from wheel_env import make_wheel_env

    return make_wheel_env(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole run (likesharness.py: started as an
    unprivileged user, or TERMBOOK_TEST_POSTGRES_URL); `postgres.empty_database()` per test."""
    with postgres_server() as server:
        yield server
