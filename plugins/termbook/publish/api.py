"""The JSON API (docs/reference/urls.md): every field of every term, as static files any host can serve.

Portals, widgets and scripts read these files, so they are a contract: the shape is published as
a JSON Schema (``schemas/api.schema.json``, served at ``api/schema.json``) and carries a
``version``. URLs are absolute when the site has a ``site_url`` and relative to the site root
otherwise ("terms/key-grip/": resolve it against the site's address). There is no build time in
any file, so the same terms always give byte-identical files and caches see real changes only.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from termbook import __version__
from termbook.glossary.entries import Entry
from termbook.glossary.fields import Boolean, Choice, Field, ListOf, Text, api_fields, api_version
from termbook.glossary.model import Glossary, Term
from termbook.glossary.rendered import RenderedGlossary
from termbook.linking.graph import linker_for
from termbook.linking.linker import Linker
from termbook.pages import urls
from termbook.pages.jsonld import script_json
from termbook.pages.site_info import SiteInfo
from termbook.pages.views import CARD_SIZE, asset_link
from termbook.publish.names_index import names_document
from termbook.resources import SCHEMAS
from termbook.text.markdown import markdown_html, plain_text
from termbook.text.plain import resolve_links_html

API_VERSION = api_version("2.0")
"""The version of the files' shape: the minor number grows with new fields (the newest a field of
`glossary.fields` was added in: 2.1, `pronunciation` and `part_of_speech`), the major with breaks
(2.0: `definition`, `examples` and `trivia` are plain text, no longer Markdown as written)."""
SCHEMA_FILE = SCHEMAS / "api.schema.json"
CARD_WIDTH = 480
"""Width in pixels the oEmbed answer suggests for an embedded card (the card itself is fluid)."""


def public_url(site: SiteInfo, path: str) -> str:
    """The address of a site path as the API gives it: absolute with a site_url, else the path."""
    return urls.absolute(site.site_url, path) or path


def term_record(glossary: Glossary, entry: Entry, site: SiteInfo) -> dict[str, Any]:
    """Everything about one term: its text as a reader sees it, its safe HTML, its addresses.

    Each field the registry puts in the API (`Field.api`) comes under its key, as its shape
    encodes it (`field_writer`); then the term's addresses. Nothing carries ``[[...]]``: the
    page linker that reads it runs only on the site.
    """
    term = entry.term
    record: dict[str, Any] = {
        "summary": entry.summary,
        "card_url": public_url(site, urls.term_card(term.slug)),
        "url": public_url(site, urls.term_page(term.slug)),
        "api_url": public_url(site, urls.term_api(term.slug)),
        "embed_url": public_url(site, urls.embed_page(term.slug)),
        "oembed_url": public_url(site, urls.oembed(term.slug)),
        "updated": term.updated.date().isoformat() if term.updated else None,
        "version": API_VERSION,
    }
    for write in _WRITERS:
        write(record, glossary, entry, site)
    return record


Writer = Callable[[dict[str, Any], Glossary, Entry, SiteInfo], None]


def field_writer(spec: Field) -> Writer:
    """What puts a field into a term record: Markdown as plain text and as HTML
    (``<key>_html``), a list as a list, another value as written (an optional one absent:
    null), and the fields that point elsewhere (categories, related terms, the picture) with
    their addresses (`_ENCODERS`)."""
    key = spec.key
    special = _ENCODERS.get(key)
    if special is not None:

        def write(record: dict, glossary: Glossary, entry: Entry, site: SiteInfo) -> None:
            record[key] = special(glossary, entry.term, site)

    elif spec.markdown:
        text_of, html_of, html_key = f"{key}_text", f"portable_{key}", f"{key}_html"

        def write(record: dict, glossary: Glossary, entry: Entry, site: SiteInfo) -> None:
            text = getattr(entry, text_of)
            record[key] = list(text) if isinstance(text, list) else text
            record[html_key] = getattr(entry, html_of)

    else:
        name = spec.name

        def write(record: dict, glossary: Glossary, entry: Entry, site: SiteInfo) -> None:
            value = getattr(entry.term, name)
            if isinstance(value, tuple):
                record[key] = list(value)
            else:
                record[key] = None if value == "" else value

    return write


def _categories(glossary: Glossary, term: Term, site: SiteInfo) -> list[dict[str, str]]:
    return [
        {"name": c.name, "slug": c.slug, "url": public_url(site, urls.category_page(c.slug))}
        for c in glossary.term_categories(term)
    ]


def _image(glossary: Glossary, term: Term, site: SiteInfo) -> dict[str, str] | None:
    if not term.image:
        return None
    return {
        "src": term.image.src,
        "alt": term.image.alt,
        "url": asset_link(term.image.src, lambda path: public_url(site, path)),
    }


_ENCODERS = {
    "term": lambda glossary, term, site: term.name,
    "categories": _categories,
    "related": lambda glossary, term, site: list(term.related),
    "image": _image,
    "sources": lambda glossary, term, site: [
        {"title": s.title, "url": s.url or None} for s in term.sources
    ],
}
"""Fields whose API value is not their value as written."""
_WRITERS = tuple(field_writer(spec) for spec in api_fields())


def field_schema(spec: Field) -> dict[str, Any]:
    """The API schema of a field the registry adds to the record, from its shape."""
    shape = spec.shape
    schema: dict[str, Any] = {"description": spec.description.removeprefix("Optional. ")}
    if isinstance(shape, Choice):
        schema["enum"] = [*shape.values, *([] if spec.required else [None])]
    elif isinstance(shape, Boolean):
        schema["type"] = "boolean"
    elif isinstance(shape, ListOf) and isinstance(shape.item, Text | Choice):
        schema.update({"type": "array", "items": {"type": "string"}})
    elif isinstance(shape, Text):
        schema["type"] = "string" if spec.required else ["string", "null"]
    else:
        raise ValueError(f"no API schema for the shape of '{spec.key}': write it by hand")
    return schema


def with_fields(schema: dict[str, Any]) -> dict[str, Any]:
    """The API schema with every field of the record in the term's properties and required:
    a field the file does not describe yet gets its shape's schema (`field_schema`)."""
    term = schema["$defs"]["term"]
    properties = dict(term["properties"])
    required = list(term["required"])
    for spec in api_fields():
        keys = [spec.key, f"{spec.key}_html"] if spec.markdown else [spec.key]
        for key in keys:
            if key not in properties:
                properties[key] = field_schema(spec)
            if key not in required:
                required.append(key)
    defs = {**schema["$defs"], "term": {**term, "required": required, "properties": properties}}
    return {**schema, "$defs": defs}


def glossary_info(glossary: Glossary, site: SiteInfo) -> dict[str, Any]:
    return {
        "name": site.name,
        "url": public_url(site, ""),
        "terms_url": public_url(site, urls.TERMS),
        "schema_url": public_url(site, urls.API_SCHEMA),
        "term_count": len(glossary),
        "category_count": len(glossary.categories),
    }


def _document(glossary: Glossary, site: SiteInfo) -> dict[str, Any]:
    """What every list document starts with: the version and where the data came from."""
    return {
        "version": API_VERSION,
        "generator": {"name": "Termbook", "version": __version__},
        "glossary": glossary_info(glossary, site),
    }


def terms_document(checked: RenderedGlossary, site: SiteInfo) -> dict[str, Any]:
    """``api/terms.json``: the glossary and all its terms in dictionary order."""
    glossary = checked.glossary
    return {
        **_document(glossary, site),
        "terms": [term_record(glossary, checked.entries[t.slug], site) for t in glossary],
    }


def categories_document(checked: RenderedGlossary, site: SiteInfo) -> dict[str, Any]:
    """``api/categories.json``: each category with its description and its terms' slugs."""
    glossary = checked.glossary
    return {
        **_document(glossary, site),
        "categories": [
            {
                "name": c.name,
                "slug": c.slug,
                "description": plain_text(c.description),
                "description_html": resolve_links_html(markdown_html(c.description)),
                "url": public_url(site, urls.category_page(c.slug)),
                "terms": list(c.terms),
            }
            for c in glossary.categories.values()
        ],
    }


def card_height(entry: Entry) -> int:
    """A first guess at an embed card's height; the card reports its real height once loaded."""
    characters_per_line = 62
    lines = -(-len(entry.definition_text) // characters_per_line)
    picture = 208 if entry.term.image else 0  # the figure: at most 12rem and its margins
    return max(160, min(640 + picture, 112 + 24 * lines + picture))


def oembed_document(entry: Entry, site: SiteInfo) -> dict[str, Any]:
    """``api/oembed/<slug>.json``: an oEmbed 1.0 ``rich`` answer whose HTML frames the card."""
    term = entry.term
    height = card_height(entry)
    src = html.escape(public_url(site, urls.embed_page(term.slug)), quote=True)
    title = html.escape(f"{term.name} ({site.name})", quote=True)
    frame = (
        f'<iframe class="termbook-embed" src="{src}" title="{title}" width="{CARD_WIDTH}" '
        f'height="{height}" loading="lazy" '
        'sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox">'
        "</iframe>"
    )
    data: dict[str, Any] = {
        "version": "1.0",
        "type": "rich",
        "title": term.name,
        "provider_name": site.name,
        "html": frame,
        "width": CARD_WIDTH,
        "height": height,
    }
    if site.site_url:
        data["provider_url"] = public_url(site, "")
    data["thumbnail_url"] = public_url(site, urls.term_card(term.slug))
    data["thumbnail_width"], data["thumbnail_height"] = CARD_SIZE
    return data


def dumps(data: Any) -> str:
    """JSON for the API: stable key order, no raw ``<``/``>``/``&`` even if served as HTML."""
    return script_json(data) + "\n"


def api_paths(glossary: Glossary) -> list[str]:
    """The site path of every file ``api_files`` makes, known without making any."""
    paths = [urls.TERMS_API, urls.CATEGORIES_API, urls.NAMES_API, urls.API_SCHEMA]
    for slug in glossary.terms:
        paths += [urls.term_api(slug), urls.oembed(slug)]
    return paths


def api_files(
    checked: RenderedGlossary, site: SiteInfo, linker: Linker | None = None
) -> dict[str, str]:
    """Site path → JSON text for every API file, the published schema included.

    Each term is serialised once: api/terms.json is its list of the very same texts. The names
    index is made from ``linker`` (the build's own; made here when not given).
    """
    linker = linker or linker_for(checked.glossary)
    terms = terms_document(checked, site)
    records = {record["slug"]: script_json(record) for record in terms["terms"]}
    empty = script_json({**terms, "terms": []})
    listing = empty.replace('"terms":[]', '"terms":[' + ",".join(records.values()) + "]", 1)
    files = {
        urls.TERMS_API: listing + "\n",
        urls.CATEGORIES_API: dumps(categories_document(checked, site)),
        urls.NAMES_API: dumps(
            names_document(checked.glossary, linker, site, _document(checked.glossary, site))
        ),
        urls.API_SCHEMA: SCHEMA_FILE.read_text(encoding="utf-8"),
    }
    for slug, text in records.items():
        files[urls.term_api(slug)] = text + "\n"
        files[urls.oembed(slug)] = dumps(oembed_document(checked.entries[slug], site))
    return files
