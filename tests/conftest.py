"""Fixtures: term folders and real MkDocs builds into tmp_path (helpers in projects.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from likesharness import PostgresServer, postgres_server

from projects import BASIC_TERMS, CATEGORIES, run_build, write_project, write_terms


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
def postgres() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the whole run (likesharness.py: started as an
    unprivileged user, or TERMBOOK_TEST_POSTGRES_URL); `postgres.empty_database()` per test."""
    with postgres_server() as server:
        yield server
