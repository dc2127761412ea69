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
from termbook.glossary.fmt import format_text
from termbook.glossary.rendered import check_terms
from termbook.names.folding import slugify
from termbook.publish.cms import admin_script

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
                    "node_modules": str(NODE_MODULES),
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
    preview = page.frame_locator("iframe").first
    assert "[[Tack]]" in preview.locator("section.tb-definition").inner_text()
    assert preview.locator("h1").inner_text() == "Gybe"
    assert preview.locator("#categories li").all_inner_texts() == ["Manoeuvres"]
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Entry saved").wait_for()

    branches = git(glossary_repo, "branch", "--list", "cms/*").split()
    assert "cms/terms/gybe" in branches
    written = git(glossary_repo, "show", "cms/terms/gybe:terms/gybe.yaml")
    assert format_text(written) == written  # `termbook fmt --check` has nothing to change
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


# -- the admin script alone, in Chromium, with a stand-in for Decap's registry -----------------

STAND_IN = """
window.registered = {};
window.CMS = {
  getBackend: () => null,
  registerEventListener: (listener) => { window.registered.preSave = listener.handler; },
  registerPreviewStyle: () => {},
  registerPreviewTemplate: () => {},
  registerCustomFormat: (name, extension, format) => { window.registered.format = format; },
};
window.createClass = (spec) => spec;
window.h = () => null;
window.entry = (data, newRecord, slug) => ({
  get: (key) =>
    key === "data"
      ? { toJS: () => data, clear: () => ({ merge: (kept) => ({ toJS: () => kept }) }) }
      : key === "newRecord" ? newRecord : slug,
});
window.save = (data, newRecord, slug) => {
  try {
    return window.registered.preSave({ entry: window.entry(data, newRecord, slug) }).toJS();
  } catch (error) {
    return { error: String(error.message) };
  }
};
"""


@pytest.fixture
def admin(new_page):
    page = new_page()
    page.set_content("<!doctype html><title>admin script</title>")
    page.add_script_tag(content=STAND_IN)
    page.add_script_tag(path=str(NODE_MODULES / "js-yaml" / "dist" / "js-yaml.min.js"))
    page.add_script_tag(content=admin_script())
    yield page
    assert page.errors_seen == []


def term_files() -> list[Path]:
    from projects import SAILING_TERMS, SAILS_TERMS  # the registry's and this module's glossaries

    files = sorted((REPO / "terms").glob("[!_]*.yaml"))
    extra = {**SAILING_TERMS, **SAILS_TERMS}
    return files + [yaml.safe_dump(t, allow_unicode=True, sort_keys=False) for t in extra.values()]


def test_the_editor_writes_every_term_of_the_project_in_termbook_fmt_layout(admin) -> None:
    """Read and written by the admin script's format, every term file comes out as `termbook
    fmt` would lay it out, with the same data."""
    texts = [p.read_text(encoding="utf-8") if isinstance(p, Path) else p for p in term_files()]
    written = admin.evaluate(
        "(texts) => texts.map((t) => window.registered.format.toFile("
        "window.registered.format.fromFile(t)))",
        texts,
    )
    assert len(written) == len(texts) > 100
    for original, out in zip(texts, written, strict=True):
        assert same_text(yaml.safe_load(out)) == same_text(yaml.safe_load(original))
        assert format_text(out) == out, out


def same_text(value):
    """Data as `termbook fmt` keeps it: text may gain or lose its final line break."""
    if isinstance(value, str):
        return value.strip("\n")
    if isinstance(value, list):
        return [same_text(item) for item in value]
    if isinstance(value, dict):
        return {key: same_text(item) for key, item in value.items()}
    return value


NAMES = [
    "Gybe",
    "Rock & Roll",
    "C++",
    "Mains'l",
    "Café Crème",
    "Straße",
    "Æolian Harp",
    "  Dutch  Angle ",
    "A/B Roll",
    "Day-for-Night",
    "4K",
    "No. 1",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_new_term_is_named_by_the_slug_the_site_derives(admin, name: str) -> None:
    saved = admin.evaluate(
        "([name]) => window.save({term: name, categories: ['Rigging'], "
        "definition: 'A sail.'}, true, '')",
        [name],
    )
    assert saved["slug"] == slugify(name)


def test_saving_leaves_empty_fields_and_defaults_out(admin) -> None:
    saved = admin.evaluate(
        """() => window.save({
            definition: 'A sail.\\r\\nset ahead of the mast.   ', term: 'Jib', aliases: [],
            categories: ['Rigging'], trivia: '', examples: ['', 'Hoist the jib.'],
            image: {src: '', alt: ''}, sources: [{title: '', url: ''}], autolink: true,
            practice: false, related: null}, true, '')"""
    )
    assert saved == {
        "term": "Jib",
        "slug": "jib",
        "categories": ["Rigging"],
        "definition": "A sail.\nset ahead of the mast.",
        "examples": ["Hoist the jib."],
        "practice": False,
    }
    assert list(saved) == ["term", "slug", "categories", "definition", "examples", "practice"]


def test_a_renamed_term_keeps_its_file_and_address(admin) -> None:
    saved = admin.evaluate(
        "() => window.save({term: 'Flying Jib', categories: ['Rigging'], definition: 'x'}, "
        "false, 'jib')"
    )
    assert saved["slug"] == "jib"
    unchanged = admin.evaluate(
        "() => window.save({term: 'Jib', categories: ['Rigging'], definition: 'x'}, false, 'jib')"
    )
    assert "slug" not in unchanged


def test_a_list_of_facts_is_one_text_in_the_form(admin) -> None:
    read = admin.evaluate(
        "() => window.registered.format.fromFile('term: Jib\\ntrivia:\\n  - One.\\n  - Two.\\n')"
    )
    assert read == {"term": "Jib", "trivia": "One.\n\nTwo."}


def test_a_picture_needs_its_description(admin) -> None:
    saved = admin.evaluate(
        "() => window.save({term: 'Jib', categories: ['Rigging'], definition: 'x', "
        "image: {src: 'images/terms/jib.svg', alt: ''}}, true, '')"
    )
    assert saved == {"error": "'image' needs alt too (or leave it all empty)"}
