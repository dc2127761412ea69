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
from collections.abc import Mapping as Mapping_
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from termbook.glossary.fields import (
    FIELDS,
    TERM_KEYS,
    Boolean,
    Choice,
    Field,
    Image,
    ListOf,
    Mapping,
    Markdown,
    Relation,
)
from termbook.glossary.fmt import (
    LONG_TEXT,
    MAPPING_LISTS,
    MAPPINGS,
    MARKDOWN_FIELDS,
    NAME_LISTS,
    SHORT_NAME,
    WIDTH,
)
from termbook.glossary.loader import NOT_TERMS
from termbook.glossary.model import Glossary
from termbook.names.folding import AND_WORD, NON_SLUG_PATTERN, PLUS_WORD
from termbook.names.script import PART, rules_js
from termbook.pages import urls
from termbook.resources import script

ADMIN = "admin/"
COLLECTION = "terms"
CATEGORIES = "categories"
"""The field whose values are the glossary's categories: a choice of those the glossary has."""
DECAP_VERSION = "3.16.3"
"""The one Decap CMS release the page loads (package.json pins the same for the tests)."""
DECAP_URL = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"
DECAP_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
"""Subresource integrity of ``decap-cms.js`` of that release: the browser refuses any other."""
DECAP_SCRIPT = "decap-cms.js"
YAML_VERSION = "4.1.0"
YAML_URL = f"https://unpkg.com/js-yaml@{YAML_VERSION}/dist/js-yaml.min.js"
YAML_INTEGRITY = "sha384-+pxiN6T7yvpryuJmE1gM9PX7yQit15auDb+ZwwvJOd/4be2Cie5/IuVXgQb/S9du"
"""js-yaml reads term files in the editor (its writer is Termbook's: `termbook fmt`'s layout)."""
FORMAT = "termbook-yaml"
"""The collection's file format: YAML in `termbook fmt`'s layout (the admin script's writer)."""
LOCAL_BACKEND = "http://localhost:8081/api/v1"
"""Where `npx decap-server` listens; Decap only looks there when the page is on localhost."""
GITHUB_API = "https://api.github.com"

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
    node_modules: Path | None = None
    """A ``node_modules`` folder holding the pinned ``decap-cms`` and ``js-yaml``: the scripts
    are then served from the site instead of the pinned releases' addresses."""
    extra_connect: tuple[str, ...] = field(default=())


def _hint(spec: Field) -> str:
    return spec.description.removeprefix("Optional. ").strip()


def _label(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _patterns(schema: Mapping_[str, Any]) -> list[str]:
    found = [schema["pattern"]] if "pattern" in schema else []
    return found + [part["pattern"] for part in schema.get("allOf", []) if "pattern" in part]


def _validation(spec: Field, field: dict[str, Any], message: str) -> None:
    """The checks of the field's JSON Schema the form can carry: its pattern, list lengths."""
    schema = spec.json_schema()
    patterns = _patterns(schema)
    if patterns and field["widget"] in ("string", "text", "markdown"):
        field["pattern"] = [patterns[-1], message]
    if "minItems" in schema:
        field["min"] = schema["minItems"]
    if "maxItems" in schema:
        field["max"] = schema["maxItems"]


def _item_widget(shape: Any) -> dict[str, Any]:
    if isinstance(shape, Markdown):
        return {"widget": "text"}
    return {"widget": "string"}


def _sub_fields(shape: Mapping, present: bool) -> list[dict[str, Any]]:
    """A mapping's sub-fields; an optional mapping's are optional in the form, which cannot
    require a part only when another is filled in (the admin script checks that on save)."""
    fields = []
    for sub in shape.fields:
        widget = (
            {"widget": "image", "choose_url": True}
            if isinstance(shape, Image) and sub.key == shape.src
            else _item_widget(sub.shape)
        )
        field = {"name": sub.key, "label": _label(sub.key), **widget}
        field["required"] = sub.required and present
        field["hint"] = _hint(sub)
        _validation(sub, field, _hint(sub))
        fields.append(field)
    return fields


def form_field(spec: Field, glossary: Glossary) -> dict[str, Any]:
    """One term field as a Decap field: the widget its shape needs, its validation and hint."""
    shape = spec.shape
    field: dict[str, Any] = {"name": spec.key, "label": _label(spec.key)}
    item = shape.item if isinstance(shape, ListOf) else None
    if spec.key == CATEGORIES:
        field |= {"widget": "select", "multiple": True}
        field["options"] = [c.name for c in glossary.categories.values()]
    elif isinstance(shape, Mapping):
        field |= {"widget": "object", "collapsed": True}
        field["fields"] = _sub_fields(shape, spec.required)
    elif isinstance(shape, Markdown) or (isinstance(shape, ListOf) and shape.one_or_many):
        field |= {"widget": "markdown", "modes": ["raw"], "sanitize_preview": True}
    elif isinstance(shape, Relation) or isinstance(item, Relation):
        field |= {
            "widget": "relation",
            "collection": COLLECTION,
            "search_fields": ["term", "aliases.*"],
            "value_field": "term",
            "display_fields": ["term"],
            "multiple": item is not None,
        }
    elif isinstance(item, Mapping):
        first = item.fields[0].key
        field |= {"widget": "list", "summary": f"{{{{fields.{first}}}}}"}
        field["fields"] = _sub_fields(item, True)
    elif isinstance(shape, ListOf):
        name = shape.item_name
        sub = {"name": name, "label": name.capitalize(), **_item_widget(item), "required": True}
        sub["pattern"] = ["\\S", "an empty item: fill it in or remove it"]
        field |= {"widget": "list", "field": sub}
    elif isinstance(shape, Boolean):
        field |= {"widget": "boolean", "default": spec.default}
    elif isinstance(shape, Choice):
        field |= {"widget": "select", "options": list(shape.values)}
    else:
        field |= {"widget": "string"}
    field["required"] = spec.required
    field["hint"] = _hint(spec)
    _validation(spec, field, f"'{spec.key}' may not be empty")
    return field


def term_fields(glossary: Glossary) -> list[dict[str, Any]]:
    """The form's fields, one per field of the registry, in the term file's order; the slug
    is left to the admin script (the site's slug of the name)."""
    return [form_field(spec, glossary) for spec in FIELDS if spec.key != "slug"]


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
                "format": FORMAT,
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
    if settings.node_modules is None:
        scripts.append(_origin(DECAP_URL))  # js-yaml comes from the same host
    connect = ["'self'", GITHUB_API, *settings.extra_connect]
    if settings.base_url:
        connect.append(_origin(settings.base_url))
    if settings.local_backend:
        local = LOCAL_BACKEND if settings.local_backend is True else str(settings.local_backend)
        connect += [_origin(local), _origin(local.replace("localhost", "127.0.0.1"))]
    if settings.node_modules is None:
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


def admin_page(settings: EditorSettings, scripts: list[tuple[str, str]]) -> str:
    """The editor's page: ``scripts`` are (address, integrity) in the order they run."""
    cross = ' crossorigin="anonymous"' if settings.node_modules is None else ""
    tags = "".join(
        f'<script src="{escape(src)}" integrity="{integrity}"{cross}></script>\n'
        for src, integrity in scripts
    )
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
        f"{tags}"
        '<script src="termbook-admin.js"></script>\n'
        "</body>\n</html>\n"
    )


def sri(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode("ascii")


def cms_files(glossary: Glossary, settings: EditorSettings) -> dict[str, str | bytes]:
    """Site path → content of every file of ``/admin/``."""
    files: dict[str, str | bytes] = {}
    scripts = [(YAML_URL, YAML_INTEGRITY), (DECAP_URL, DECAP_INTEGRITY)]
    if settings.node_modules is not None:
        decap = settings.node_modules / "decap-cms" / "dist"
        reader = settings.node_modules / "js-yaml" / "dist" / "js-yaml.min.js"
        for needed in (decap / DECAP_SCRIPT, reader):
            if not needed.is_file():
                raise FileNotFoundError(
                    f"{needed} does not exist (npm install decap-cms@{DECAP_VERSION} "
                    f"js-yaml@{YAML_VERSION})"
                )
        for path in sorted(decap.iterdir()):  # the script and the chunks it loads
            if path.name.endswith(DECAP_SCRIPT) or path.suffix == ".wasm":
                files[f"{ADMIN}decap-cms/{path.name}"] = path.read_bytes()
        files[f"{ADMIN}js-yaml.min.js"] = reader.read_bytes()
        scripts = [
            ("js-yaml.min.js", sri(reader.read_bytes())),
            (f"decap-cms/{DECAP_SCRIPT}", sri((decap / DECAP_SCRIPT).read_bytes())),
        ]
    files[f"{ADMIN}index.html"] = admin_page(settings, scripts)
    config = cms_config(glossary, settings)
    files[f"{ADMIN}config.yml"] = (
        "# Decap CMS configuration, generated by Termbook from the field registry: do not edit.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)
    )
    files[f"{ADMIN}termbook-admin.js"] = admin_script()
    return files


PREVIEW_STYLE = "../" + urls.ASSETS + "site.css"
"""The site's own style sheet styles the preview, which uses the term page's classes."""
BACKENDS = ("github", "gitlab", "gitea", "forgejo", "bitbucket", "azure", "git-gateway", "proxy")
"""Decap's backends whose listings the admin script filters (``proxy``: `decap-server`)."""


def admin_rules() -> dict[str, Any]:
    """What the admin script knows of Termbook, generated from where each rule is declared."""
    return {
        "collection": COLLECTION,
        "fields": list(TERM_KEYS),
        "defaults": {f.key: f.default for f in FIELDS if isinstance(f.shape, Boolean)},
        "notTerms": list(NOT_TERMS),
        "together": {
            f.key: [sub.key for sub in f.shape.fields if sub.required]
            for f in FIELDS
            if isinstance(f.shape, Mapping) and not f.required
        },
        "backends": list(BACKENDS),
        "slug": {"words": [list(AND_WORD), list(PLUS_WORD)], "nonSlug": NON_SLUG_PATTERN},
        "style": PREVIEW_STYLE,
        "format": FORMAT,
        "layout": {
            "longText": LONG_TEXT,
            "width": WIDTH,
            "shortName": SHORT_NAME,
            "markdown": list(MARKDOWN_FIELDS),
            "names": list(NAME_LISTS),
            "mappings": {k: list(v) for k, v in MAPPINGS.items()},
            "mappingLists": {k: list(v) for k, v in MAPPING_LISTS.items()},
            "oneOrMany": [
                f.key for f in FIELDS if isinstance(f.shape, ListOf) and f.shape.one_or_many
            ],
        },
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
