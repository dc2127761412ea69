"""The web editor end to end: Decap CMS (the npm package, served from the built site) on
`decap-server` in local git mode, over a temporary git copy of a sailing glossary. A term made
by filling the form and saved through the editorial workflow lands on a branch as a file that
`termbook check` passes and that builds (docs/web-editing.md)."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from likesharness import free_port
from projects import (
    GIT_ENV,
    SAILS_CATEGORIES,
    SAILS_TERMS,
    commit_all,
    git,
    run_build,
    write_project,
)
from termbook.glossary.rendered import check_terms

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
DECAP_DIST = NODE_MODULES / "decap-cms" / "dist"
DECAP_SERVER = NODE_MODULES / "decap-server" / "dist" / "index.js"

pytestmark = pytest.mark.skipif(
    not (DECAP_DIST / "decap-cms.js").is_file() or not DECAP_SERVER.is_file(),
    reason="npm install (package.json: decap-cms, decap-server) has not been run",
)


@pytest.fixture
def glossary_repo(tmp_path: Path) -> Path:
    """A git repository holding a small sailing glossary whose site has the web editor on."""
    root = tmp_path / "sailing"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    write_project(
        root,
        SAILS_TERMS,
        categories=SAILS_CATEGORIES,
        extra={"repo_url": "https://github.com/example/sailing"},
    )
    commit_all(root, "A sailing glossary")
    return root


@pytest.fixture
def decap_server(glossary_repo: Path) -> Iterator[str]:
    """`decap-server` in local git mode on the repository: its API URL."""
    port = free_port()
    env = {**os.environ, **GIT_ENV, "MODE": "git", "PORT": str(port), "BIND_HOST": "127.0.0.1"}
    env["GIT_REPO_DIRECTORY"] = str(glossary_repo)
    env["LOG_LEVEL"] = "warn"
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        env=env,
        cwd=glossary_repo,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://localhost:{port}/api/v1"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1",
                    data=b'{"action":"info"}',
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=2) as response:
                    assert b"local_git" in response.read()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    message = server.stderr.read() if server.stderr else b""
                    raise RuntimeError(f"decap-server did not start: {message!r}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        server.stderr.close()


def build_with_editor(root: Path, site: Path, local_backend: str) -> Path:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [
        "search",
        {
            "termbook": {
                "terms_dir": str(root / "terms"),
                "web_editor": {
                    "enabled": True,
                    "script_dir": str(DECAP_DIST),
                    "local_backend": local_backend,
                },
            }
        },
    ]
    outside = root.parent / "mkdocs-editor.yml"  # the repository's files stay as committed
    config["docs_dir"] = str(root / "docs")
    outside.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return run_build(outside, site_dir=str(site))


def test_a_term_made_in_the_form_lands_on_a_branch_and_passes_check(
    glossary_repo: Path, decap_server: str, serve_dir, new_page, tmp_path: Path
) -> None:
    site = build_with_editor(glossary_repo, tmp_path / "site", decap_server)
    base = serve_dir(site)
    page = new_page()
    page.set_default_timeout(20_000)
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    logs: list[str] = []
    page.on("console", lambda m: logs.append(m.type + ": " + m.text))
    page.on(
        "pageerror", lambda e: logs.append("pageerror: " + repr(e) + str(getattr(e, "stack", "")))
    )
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base + "admin/")
    page.get_by_role("button", name="Login").click()
    page.goto(base + "admin/#/collections/terms/new")

    page.get_by_label("Name").fill("Gybe")
    page.locator("#categories-field-2, [id^='categories-field']").first.click()
    page.get_by_text("Manoeuvres", exact=True).click()
    definition = page.locator("[data-slate-editor='true']").first
    definition.click()
    page.keyboard.type("Turning the stern through the wind, the other way round from a [[Tack]].")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").wait_for()

    branches = git(glossary_repo, "branch", "--list", "cms/*").split()
    assert "cms/terms/gybe" in branches
    assert git(glossary_repo, "branch", "--show-current").strip() == "main"
    written = git(glossary_repo, "show", "cms/terms/gybe:terms/gybe.yaml")
    data = yaml.safe_load(written)
    assert data == {
        "term": "Gybe",
        "slug": "gybe",
        "categories": ["Manoeuvres"],
        "definition": "Turning the stern through the wind, the other way round from a [[Tack]].",
    }

    # The branch as a reviewer gets it: checked and built like any pull request.
    review = tmp_path / "review"
    review.mkdir()
    archive = subprocess.run(
        ["git", "archive", "cms/terms/gybe"], cwd=glossary_repo, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(review)], input=archive, check=True)
    checked = check_terms(review / "terms", review, dates=False)
    assert [p.format() for p in checked.problems] == []
    built = run_build(review / "mkdocs.yml", strict=True, site_dir=str(tmp_path / "review-site"))
    term_page = (built / "terms" / "gybe" / "index.html").read_text(encoding="utf-8")
    assert 'href="../tack/"' in term_page
    assert page.errors_seen == []  # Content-Security-Policy violations included
    # the only misses: Decap asking decap-server whether the new entry already has a draft
    assert set(failed) <= {decap_server}, failed
