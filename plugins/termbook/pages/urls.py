"""The site's URLs (docs/reference/urls.md) in one place, and relative links between them.

Every URL here is relative to the site root, with directory URLs ("terms/key-grip/"), so pages
link to each other relatively and the site works under any base path and from a file system.
"""

from __future__ import annotations

from termbook.glossary.model import SHARED_PREFIX
from termbook.glossary.validate import letter_slug

TERMS = "terms/"
NAMES = SHARED_PREFIX
"""Pages of names several terms share ("names/cd/"), each listing every meaning."""
CATEGORIES = "categories/"
EMBED = "embed/"
API = "api/"
EXPORTS = "exports/"
PRACTICE = "practice/"
PRACTICE_DATA = "questions.json"
ASSETS = "assets/termbook/"
TERMS_API = f"{API}terms.json"
CATEGORIES_API = f"{API}categories.json"
API_SCHEMA = f"{API}schema.json"
CARDS = f"{ASSETS}cards/"
SITE_CARD = f"{CARDS}site.png"
"""The share card (og:image) of every page that is not a term page."""
NAMES_API = f"{API}names.json"
"""The names index: what a matcher needs to find every term in running text (termbook.js)."""

AZ_NAMES_API = f"{API}az.json"
"""Every term's names and page, compact: what the A–Z filter searches across letters."""


def letter_anchor(letter: str) -> str:
    """The id a letter had on the one-page A–Z index, still kept there (``terms/#letter-a``)."""
    return "letter-num" if letter == "#" else f"letter-{letter.lower()}"


def part_page(page: str, part: int) -> str:
    """Page ``part`` of a list split over pages: the first is the page itself, then "2/", …"""
    return page if part <= 1 else f"{page}{part}/"


def letter_page(letter: str, part: int = 1) -> str:
    return part_page(f"{TERMS}{letter_slug(letter)}/", part)


def source_of(page: str) -> str:
    """The virtual Markdown file behind a generated page ("terms/a/" → "terms/a/index.md")."""
    return f"{page}index.md"


def mentions_api(slug: str) -> str:
    """Every page that mentions a term, beyond the few its page lists."""
    return f"{API}mentioned-in/{slug}.json"


def term_page(slug: str) -> str:
    return f"{TERMS}{slug}/"


def name_page(slug: str) -> str:
    """The page of a shared name: every term it names, with its first sentence."""
    return f"{NAMES}{slug}/"


def name_api(slug: str) -> str:
    """A shared name's meanings, for previews: ``api/names/<slug>.json``."""
    return f"{API}{NAMES}{slug}.json"


def link_page(key: str) -> str:
    """The page a link key leads to: a term's slug, or a shared name's key (``names/cd``)."""
    return f"{key}/" if key.startswith(NAMES) else term_page(key)


def term_source(slug: str) -> str:
    """The virtual Markdown file behind a term page.

    An ``index.md`` in a folder of its own, so the page is ``terms/<slug>/index.html`` whether
    or not the engine makes directory URLs: the same file answers ``terms/<slug>/``.
    """
    return f"{TERMS}{slug}/index.md"


def category_page(slug: str) -> str:
    return f"{CATEGORIES}{slug}/"


def category_source(slug: str) -> str:
    return source_of(category_page(slug))


def term_api(slug: str) -> str:
    return f"{API}terms/{slug}.json"


def embed_page(slug: str) -> str:
    return f"{EMBED}{slug}/"


def term_card(slug: str) -> str:
    """A term's share card (og:image), a 1200×630 PNG."""
    return f"{CARDS}terms/{slug}.png"


def oembed(slug: str) -> str:
    return f"{API}oembed/{slug}.json"


def practice_page(category: str = "") -> str:
    """The practice page of the whole glossary ("") or of one category."""
    return f"{PRACTICE}{category}/" if category else PRACTICE


def practice_source(category: str = "") -> str:
    return f"{practice_page(category)}index.md"


def practice_data(category: str = "") -> str:
    """The questions of a practice page, beside it: read by the page and its embed card."""
    return practice_page(category) + PRACTICE_DATA


def embed_practice(category: str = "") -> str:
    return f"{EMBED}{practice_page(category)}"


def export_file(name: str) -> str:
    """An export in the site: ``export_file("glossary.tbx")`` → "exports/glossary.tbx"."""
    return f"{EXPORTS}{name}"


def relative(target: str, base: str) -> str:
    """Link from the page at site path ``base`` to site path ``target`` (both root-relative).

    Plain string work rather than ``posixpath.relpath``: it runs for every link on every page.
    """
    if target == base:
        return "./"
    base_dirs = base.split("/")[:-1]
    parts = target.split("/")
    common = 0
    limit = min(len(base_dirs), len(parts) - 1)
    while common < limit and base_dirs[common] == parts[common]:
        common += 1
    return "../" * (len(base_dirs) - common) + "/".join(parts[common:]) or "./"


def href(target: str, base: str, directory_urls: bool = True) -> str:
    """A link for a page's HTML: `relative`, naming ``index.html`` where there is no server.

    Without directory URLs a site is meant to be opened from files (an offline copy, a SCORM
    package), where a folder link does not open the folder's ``index.html``.
    """
    link = relative(target, base)
    if not directory_urls and (link.endswith("/") or link == "./"):
        link = ("" if link == "./" else link) + "index.html"
    return link


def absolute(site_url: str, path: str) -> str:
    """A full URL for canonical links and share links; "" when the site has no site_url."""
    if not site_url:
        return ""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


SLUG_PLACEHOLDER = "__slug__"
"""Stands for a slug in a URL pattern a script fills in (the home page's "Most liked" list)."""


def shares_endpoint(like_endpoint: str) -> str:
    """The likes service's share counter beside its like counter: ``…/likes`` → ``…/shares``.

    A site configures one URL (``like_endpoint``); the service serves both at sibling paths.
    """
    if not like_endpoint:
        return ""
    base, _, query = like_endpoint.partition("?")
    head = base.rsplit("/", 1)[0] if "/" in base else ""
    return f"{head}/shares" + (f"?{query}" if query else "")
