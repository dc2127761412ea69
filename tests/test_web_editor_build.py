"""The web editor in a real build (docs/web-editing.md, docs/reference/urls.md): /admin/ only
when switched on, made from the field registry and the glossary, with its own
Content-Security-Policy and pinned scripts; the reader's pages are byte for byte the same."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

from projects import SAILS_CATEGORIES, SAILS_TERMS, commit_all, git, run_build, write_project
from termbook.glossary.fields import FIELDS
from termbook.publish import cms

REPO = Path(__file__).resolve().parents[1]
EDITOR = {"enabled": True, "repo": "example/sails", "branch": "trunk"}


def build(root: Path, editor: dict | None, site: str = "site") -> Path:
    """A build of the sails project (written and committed once) with ``editor`` as its
    web_editor options."""
    config = root / "mkdocs.yml"
    if not config.exists():
        docs = {
            "index.md": "# Home\n\nHoist the mainsail.\n",
            "crew.md": "# Crew\n\nCheck the jib.\n",
        }
        extra = {"repo_url": "https://github.com/example/sails"}
        write_project(root, SAILS_TERMS, categories=SAILS_CATEGORIES, docs=docs, extra=extra)
        git(root, "init", "-q", "-b", "main")  # "last updated" from git, not file times
        commit_all(root, "sails")
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"] = ["search", {"termbook": {"web_editor": editor} if editor else {}}]
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return run_build(config, site_dir=str(root / site))


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_the_editor_is_off_unless_switched_on(tmp_path: Path) -> None:
    site = build(tmp_path, None)
    assert not (site / "admin").exists()


def test_switching_the_editor_on_changes_no_reader_page(tmp_path: Path) -> None:
    without = files_of(build(tmp_path, None, "site-off"))
    with_editor = files_of(build(tmp_path, EDITOR, "site-on"))
    added = sorted(set(with_editor) - set(without))
    assert added == ["admin/config.yml", "admin/index.html", "admin/termbook-admin.js"]
    assert set(without) <= set(with_editor)
    changed = [path for path in without if without[path] != with_editor[path]]
    assert changed == []  # same pages, same headers and policies, same scripts, same search
    for path, content in with_editor.items():
        if not path.startswith("admin/") and path.endswith((".html", ".js", ".json")):
            text = content.decode("utf-8", "replace")
            assert "decap" not in text.lower() and "admin/" not in text, path


def test_the_admin_page_has_its_own_policy_and_pinned_scripts(tmp_path: Path) -> None:
    page = (build(tmp_path, EDITOR) / "admin" / "index.html").read_text(encoding="utf-8")
    [policy] = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    policy = policy.replace("&#x27;", "'")
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert "https://unpkg.com" in directives["script-src"]
    assert "https://api.github.com" in directives["connect-src"]
    assert directives["form-action"] == "'none'"
    scripts = re.findall(r'<script src="([^"]+)"(?: integrity="([^"]+)")?', page)
    assert scripts == [
        (cms.YAML_URL, cms.YAML_INTEGRITY),
        (cms.DECAP_URL, cms.DECAP_INTEGRITY),
        ("termbook-admin.js", ""),
    ]
    assert 'crossorigin="anonymous"' in page and 'name="robots" content="noindex"' in page


@pytest.mark.parametrize(
    ("package", "version", "dist", "integrity"),
    [
        ("decap-cms", cms.DECAP_VERSION, "dist/decap-cms.js", cms.DECAP_INTEGRITY),
        ("js-yaml", cms.YAML_VERSION, "dist/js-yaml.min.js", cms.YAML_INTEGRITY),
    ],
)
def test_the_pinned_scripts_are_the_npm_packages_the_tests_run(package, version, dist, integrity):
    """package.json pins the releases the page loads, and the integrity hashes are theirs."""
    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert pinned[package] == version
    installed = REPO / "node_modules" / package
    if not installed.is_dir():
        pytest.skip("npm install has not been run")
    assert json.loads((installed / "package.json").read_text())["version"] == version
    digest = hashlib.sha384((installed / dist).read_bytes()).digest()
    assert integrity == "sha384-" + base64.b64encode(digest).decode()


def test_the_form_follows_the_field_registry_and_the_glossary(tmp_path: Path) -> None:
    config = yaml.safe_load((build(tmp_path, EDITOR) / "admin" / "config.yml").read_text())
    assert config["backend"] == {
        **config["backend"],
        "name": "github",
        "repo": "example/sails",
        "branch": "trunk",
        "open_authoring": True,
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert config["media_folder"] == "docs/images/terms"
    assert config["public_folder"] == "images/terms"
    [terms] = config["collections"]
    assert (terms["folder"], terms["extension"], terms["format"]) == ("terms", "yaml", cms.FORMAT)
    assert terms["slug"] == "{{fields.slug}}"
    fields = {f["name"]: f for f in terms["fields"]}
    assert list(fields) == [f.key for f in FIELDS if f.key != "slug"]
    assert {f.key for f in FIELDS if f.required} == {k for k, f in fields.items() if f["required"]}
    assert fields["categories"]["widget"] == "select" and fields["categories"]["multiple"]
    assert fields["categories"]["options"] == ["Manoeuvres", "Rigging"]
    assert fields["categories"]["min"] == 1
    assert fields["definition"]["widget"] == "markdown"
    assert fields["definition"]["modes"] == ["raw"]  # [[links]] are written as typed
    assert (
        fields["aliases"]["widget"] == "list" and fields["aliases"]["field"]["widget"] == "string"
    )
    assert fields["examples"]["field"]["widget"] == "text"
    assert fields["related"]["widget"] == "relation" and fields["related"]["collection"] == "terms"
    image = {f["name"]: f for f in fields["image"]["fields"]}
    assert image["src"]["widget"] == "image"
    assert image["alt"]["pattern"][0] == "\\S+\\s+\\S+\\s+\\S"
    sources = {f["name"]: f for f in fields["sources"]["fields"]}
    assert sources["title"]["required"] and sources["url"]["pattern"][0].startswith("^[hH]")
    assert fields["part_of_speech"]["widget"] == "select"
    assert fields["autolink"] == {**fields["autolink"], "widget": "boolean", "default": True}
    assert fields["term"]["hint"].startswith("The display name")


def test_a_local_copy_of_the_scripts_is_served_from_the_site(tmp_path: Path) -> None:
    modules = REPO / "node_modules"
    if not (modules / "decap-cms").is_dir():
        pytest.skip("npm install has not been run")
    site = build(tmp_path, {**EDITOR, "node_modules": str(modules)})
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in page
    assert '<script src="decap-cms/decap-cms.js" integrity="sha384-' in page
    assert (site / "admin" / "decap-cms" / "decap-cms.js").is_file()
    assert (site / "admin" / "js-yaml.min.js").is_file()


def test_the_editor_needs_a_repository(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    config = write_project(tmp_path, SAILS_TERMS, plugin={"web_editor": {"enabled": True}})
    assert "repo_url" not in config.read_text()
    with pytest.raises(Abort):
        run_build(config)
    assert "web_editor needs `repo: owner/name` or the site's repo_url" in caplog.text
