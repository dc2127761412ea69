"""The site's URLs (DESIGN.md §3) in one place, and relative links between them.

Every URL here is relative to the site root, with directory URLs ("terms/key-grip/"), so pages
link to each other relatively and the site works under any base path and from a file system.
"""

from __future__ import annotations

import posixpath

TERMS = "terms/"
CATEGORIES = "categories/"
EMBED = "embed/"
API = "api/"
EXPORTS = "exports/"
ASSETS = "assets/termbook/"


def term_page(slug: str) -> str:
    return f"{TERMS}{slug}/"


def term_source(slug: str) -> str:
    """The virtual Markdown file behind a term page."""
    return f"{TERMS}{slug}.md"


def category_page(slug: str) -> str:
    return f"{CATEGORIES}{slug}/"


def category_source(slug: str) -> str:
    return f"{CATEGORIES}{slug}.md"


def term_api(slug: str) -> str:
    return f"{API}terms/{slug}.json"


def embed_page(slug: str) -> str:
    return f"{EMBED}{slug}/"


def oembed(slug: str) -> str:
    return f"{API}oembed/{slug}.json"


def relative(target: str, base: str) -> str:
    """Link from the page at site path ``base`` to site path ``target`` (both root-relative)."""
    if target == base:
        return "./"
    base_dir = base if base.endswith("/") or not base else posixpath.dirname(base) + "/"
    rel = posixpath.relpath("/" + target, "/" + base_dir.rstrip("/") or "/")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def absolute(site_url: str, path: str) -> str:
    """A full URL for canonical links and share links; "" when the site has no site_url."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + path.lstrip("/")
