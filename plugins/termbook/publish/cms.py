"""The web editor at ``/admin/``: a Decap CMS page and its ``config.yml``, made from the term
schema and the glossary (docs/web-editing.md, docs/reference/urls.md).

The form follows the term file's schema (``schemas/term.schema.json``): its fields in the
canonical order (`validate.TERM_KEYS`), what is required, the patterns and list lengths, and
each field's description as the form's hint; the categories to choose from are the glossary's.
The page has a Content-Security-Policy of its own and loads nothing the reader's pages load,
and no reader page loads anything of it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from termbook.glossary.loader import NOT_TERMS
from termbook.glossary.model import Glossary
from termbook.glossary.validate import TERM_KEYS
from termbook.names.folding import AND_WORD, NON_SLUG_PATTERN, PLUS_WORD
from termbook.names.script import PART, rules_js
from termbook.pages import urls
from termbook.resources import SCHEMAS, script

ADMIN = "admin/"
DECAP_VERSION = "3.16.3"
"""The one Decap CMS release the page loads (package.json pins the same for the tests)."""
DECAP_URL = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"
DECAP_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
"""Subresource integrity of ``decap-cms.js`` of that release: the browser refuses any other."""
DECAP_SCRIPT = "decap-cms.js"
LOCAL_BACKEND = "http://localhost:8081/api/v1"
"""Where `npx decap-server` listens; Decap only looks there when the page is on localhost."""
GITHUB_API = "https://api.github.com"

WIDGETS: dict[str, dict[str, Any]] = {
    "term": {"widget": "string"},
    "aliases": {"widget": "list", "field": {"name": "alias", "label": "Name", "widget": "string"}},
    "categories": {"widget": "select", "multiple": True},
    "definition": {"widget": "markdown", "modes": ["raw"], "sanitize_preview": True},
    "examples": {
        "widget": "list",
        "field": {"name": "example", "label": "Example", "widget": "text"},
    },
    "trivia": {"widget": "markdown", "modes": ["raw"], "sanitize_preview": True},
    "related": {
        "widget": "relation",
        "collection": "terms",  # COLLECTION
        "search_fields": ["term", "aliases.*"],
        "value_field": "term",
        "display_fields": ["term"],
        "multiple": True,
    },
    "image": {"widget": "object", "collapsed": True},
    "sources": {"widget": "list", "summary": "{{fields.title}}"},
    "autolink": {"widget": "boolean"},
    "practice": {"widget": "boolean"},
}
"""The widget each term field is edited with. ``slug`` has none: new entries take the slug of
their name (set on save by the admin script, with the names rules the build generates)."""

LABELS = {
    "term": "Name",
    "trivia": "Did you know?",
    "related": "Related terms",
    "autolink": "Link mentions automatically",
    "practice": "In flashcards and quizzes",
    "src": "Picture",
    "alt": "What the picture shows (alt text)",
    "title": "Title",
    "url": "Link",
}


@dataclass(frozen=True)
class EditorSettings:
    """What the site's configuration says about the editor (the adapter reads mkdocs.yml)."""

    site_name: str
    repo: str
    """``owner/name`` on the backend."""
    terms_folder: str
    """The terms folder's path in the repository."""
    docs_folder: str
    backend: str = "github"
    branch: str = "main"
    base_url: str = ""
    auth_endpoint: str = ""
    open_authoring: bool = True
    local_backend: bool | str = True
    site_url: str = ""
    script_dir: Path | None = None
    """A folder holding Decap's ``decap-cms.js`` and its chunks, served from the site instead
    of the pinned release's address (``node_modules/decap-cms/dist``)."""
    extra_connect: tuple[str, ...] = field(default=())


@cache
def _term_schema() -> dict[str, Any]:
    return json.loads((SCHEMAS / "term.schema.json").read_text(encoding="utf-8"))


def _resolved(schema: Mapping[str, Any]) -> dict[str, Any]:
    """A property schema with its ``$ref`` (to ``$defs``) merged in."""
    ref = schema.get("$ref", "")
    base = _term_schema()["$defs"][ref.rsplit("/", 1)[-1]] if ref else {}
    return {**base, **{k: v for k, v in schema.items() if k != "$ref"}}


def _hint(schema: Mapping[str, Any]) -> str:
    text = str(schema.get("description", ""))
    return text.removeprefix("Optional. ").strip()


def _pattern(schema: Mapping[str, Any], message: str) -> list[str] | None:
    patterns = [schema["pattern"]] if "pattern" in schema else []
    patterns += [part["pattern"] for part in schema.get("allOf", []) if "pattern" in part]
    return [patterns[-1], message] if patterns else None


def _field(name: str, schema: Mapping[str, Any], required: bool) -> dict[str, Any]:
    schema = _resolved(schema)
    spec: dict[str, Any] = {"name": name, "label": LABELS.get(name, name.capitalize())}
    spec.update(json.loads(json.dumps(WIDGETS.get(name, {"widget": "string"}))))
    spec["required"] = required
    hint = _hint(schema)
    if hint:
        spec["hint"] = hint
    if "default" in schema:
        spec["default"] = schema["default"]
    if "minItems" in schema:
        spec["min"] = schema["minItems"]
    if "maxItems" in schema:
        spec["max"] = schema["maxItems"]
    items = _resolved(schema.get("items", {})) if isinstance(schema.get("items"), dict) else {}
    pattern = _pattern(schema, f"'{name}' may not be empty")
    if spec["widget"] in ("string", "text", "markdown") and pattern:
        spec["pattern"] = pattern
    if spec["widget"] == "list" and "field" in spec:
        item_pattern = _pattern(items, "an empty item: fill it in or remove it")
        if item_pattern:
            spec["field"]["pattern"] = item_pattern
        spec["field"]["required"] = True
    if name == "image":  # optional: its parts are required together (the admin script checks)
        spec["fields"] = _object_fields(schema, {"src": "image", "alt": "string"}, required)
    if name == "sources":
        spec["fields"] = _object_fields(items, {"title": "string", "url": "string"})
    return spec


def _object_fields(
    schema: Mapping[str, Any], widgets: dict[str, str], present: bool = True
) -> list[dict[str, Any]]:
    """An object's fields; an optional object's are optional in the form, which cannot require
    a part only when another is filled in."""
    required = set(schema.get("required", ())) if present else set()
    fields = []
    for key, sub in schema.get("properties", {}).items():
        label = LABELS.get(key, key.capitalize())
        spec: dict[str, Any] = {"name": key, "label": label, "widget": widgets[key]}
        spec["required"] = key in required
        hint = _hint(sub)
        if hint:
            spec["hint"] = hint
        if spec["widget"] == "image":
            spec["choose_url"] = True
        else:
            pattern = _pattern(sub, f"check the {key}: {hint or 'it does not fit'}")
            if pattern:
                spec["pattern"] = pattern
        fields.append(spec)
    return fields


def term_fields(glossary: Glossary) -> list[dict[str, Any]]:
    """The form's fields, one per term field, in the term file's order."""
    schema = _term_schema()
    required = set(schema["required"])
    fields = []
    for key in TERM_KEYS:
        if key == "slug":
            continue
        spec = _field(key, schema["properties"][key], key in required)
        if key == "categories":
            spec["options"] = [c.name for c in glossary.categories.values()]
        fields.append(spec)
    return fields


def cms_config(glossary: Glossary, settings: EditorSettings) -> dict[str, Any]:
    """Decap CMS's configuration: the backend, the editorial workflow and the terms collection."""
    backend: dict[str, Any] = {
        "name": settings.backend,
        "repo": settings.repo,
        "branch": settings.branch,
        "open_authoring": settings.open_authoring,
        "squash_merges": True,
        "commit_messages": {
            "create": "Add {{slug}} (web editor)",
            "update": "Edit {{slug}} (web editor)",
            "delete": "Remove {{slug}} (web editor)",
            "uploadMedia": "Add {{path}} (web editor)",
            "deleteMedia": "Remove {{path}} (web editor)",
            "openAuthoring": "{{message}}",
        },
    }
    if settings.base_url:
        backend["base_url"] = settings.base_url
    if settings.auth_endpoint:
        backend["auth_endpoint"] = settings.auth_endpoint
    config: dict[str, Any] = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": f"{settings.docs_folder}/images/terms".lstrip("/"),
        "public_folder": "images/terms",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {
                "name": COLLECTION,
                "label": "Terms",
                "label_singular": "Term",
                "description": f"The entries of {settings.site_name}. Each is one file in "
                f"{settings.terms_folder}/; saving opens a pull request for review.",
                "folder": settings.terms_folder,
                "extension": "yaml",
                "format": "yaml",
                "create": True,
                "delete": True,
                "identifier_field": "term",
                "slug": "{{fields.slug}}",
                "summary": "{{term}}",
                "sortable_fields": ["term"],
                "preview_path": "terms/{{slug}}/",
                "editor": {"preview": True},
                "fields": term_fields(glossary),
            }
        ],
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
        config["display_url"] = settings.site_url
    if settings.local_backend:
        config["local_backend"] = (
            True if settings.local_backend is True else {"url": str(settings.local_backend)}
        )
    return config


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def admin_policy(settings: EditorSettings) -> str:
    """The editor page's Content-Security-Policy: what Decap needs and nothing the reader's
    pages allow besides. Decap evaluates code ('unsafe-eval': its config validator compiles
    schemas) and injects its styles; neither is allowed on any other page of the site."""
    scripts = ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"]
    if settings.script_dir is None:
        scripts.append(_origin(DECAP_URL))
    connect = ["'self'", GITHUB_API, *settings.extra_connect]
    if settings.base_url:
        connect.append(_origin(settings.base_url))
    if settings.local_backend:
        local = LOCAL_BACKEND if settings.local_backend is True else str(settings.local_backend)
        connect += [_origin(local), _origin(local.replace("localhost", "127.0.0.1"))]
    if settings.script_dir is None:
        connect.append(_origin(DECAP_URL))
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(dict.fromkeys(scripts)),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https:",
            "font-src 'self' data:",
            "media-src 'self' blob:",
            "connect-src " + " ".join(dict.fromkeys(c for c in connect if c)),
            "frame-src 'self' blob:",
            "worker-src 'self' blob:",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def admin_page(settings: EditorSettings, integrity: str) -> str:
    if settings.script_dir is None:
        src = DECAP_URL
        attributes = f' integrity="{integrity}" crossorigin="anonymous"'
    else:
        src = f"decap-cms/{DECAP_SCRIPT}"
        attributes = f' integrity="{integrity}"'
    title = escape(f"Edit {settings.site_name}")
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        '<meta name="referrer" content="same-origin">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(admin_policy(settings))}">\n'
        f"<title>{title}</title>\n"
        '<link rel="icon" href="data:,">\n'
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n"
        f'<script src="{escape(src)}"{attributes}></script>\n'
        '<script src="termbook-admin.js"></script>\n'
        "</body>\n</html>\n"
    )


def sri(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode("ascii")


def cms_files(glossary: Glossary, settings: EditorSettings) -> dict[str, str | bytes]:
    """Site path → content of every file of ``/admin/``."""
    files: dict[str, str | bytes] = {}
    integrity = DECAP_INTEGRITY
    if settings.script_dir is not None:
        folder = settings.script_dir
        main = folder / DECAP_SCRIPT
        if not main.is_file():
            raise FileNotFoundError(
                f"{main} does not exist (npm install decap-cms@{DECAP_VERSION})"
            )
        for path in sorted(folder.iterdir()):
            if path.suffix in (".js", ".wasm") and (
                path.name == DECAP_SCRIPT or path.name.endswith("." + DECAP_SCRIPT)
                or path.suffix == ".wasm"
            ):  # fmt: skip
                files[f"{ADMIN}decap-cms/{path.name}"] = path.read_bytes()
        integrity = sri(files[f"{ADMIN}decap-cms/{DECAP_SCRIPT}"])  # type: ignore[arg-type]
    files[f"{ADMIN}index.html"] = admin_page(settings, integrity)
    config = cms_config(glossary, settings)
    files[f"{ADMIN}config.yml"] = (
        "# Decap CMS configuration, generated by Termbook from the term schema: do not edit.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)
    )
    files[f"{ADMIN}termbook-admin.js"] = admin_script()
    return files


PREVIEW_STYLE = "../" + urls.ASSETS + "site.css"
"""The site's own style sheet styles the preview, which uses the term page's classes."""
BACKENDS = ("github", "gitlab", "gitea", "forgejo", "bitbucket", "azure", "git-gateway", "proxy")
"""Decap's backends whose listings the admin script filters (``proxy``: `decap-server`)."""
COLLECTION = "terms"


def admin_rules() -> dict[str, Any]:
    """What the admin script knows of Termbook, generated from where each rule is declared."""
    schema = _term_schema()["properties"]
    return {
        "collection": COLLECTION,
        "fields": list(TERM_KEYS),
        "defaults": {k: schema[k]["default"] for k in TERM_KEYS if "default" in schema[k]},
        "notTerms": list(NOT_TERMS),
        "together": {
            k: schema[k]["required"]
            for k in TERM_KEYS
            if schema[k].get("type") == "object" and schema[k].get("required")
        },
        "backends": list(BACKENDS),
        "slug": {"words": [list(AND_WORD), list(PLUS_WORD)], "nonSlug": NON_SLUG_PATTERN},
        "style": PREVIEW_STYLE,
    }


def admin_rules_js() -> str:
    rules = json.dumps(admin_rules(), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return (
        "  /* The editor's rules, generated by the build from termbook.glossary and\n"
        "     termbook.names (do not edit). */\n"
        f"  const ADMIN_RULES = {rules};\n\n"
    )


def admin_script() -> str:
    """``termbook-admin.js``: the names rules and the editor's rules, with the admin parts."""
    return script("admin", ((PART, rules_js()), ("admin-rules.js", admin_rules_js())))
