"""The glossary as a SCORM package (1.2 or 2004 4th Edition): an offline copy of the site in one SCO.

Engine-free: it takes a folder the engine built for offline use (``use_directory_urls: false``,
no ``site_url`` or ``repo_url``, see ``termbook.cli.export``) and returns the zip. On the way:

- a launch page (``scorm-launch.html``) holds the one SCORM session of a launch and shows the
  site in a frame, so links and search inside the package never end the attempt;
- directory links left in pages ("../terms/grip/", as embed cards write them) point at the file
  an offline build has ("../terms/grip/index.html");
- search works without a server: the index is also written as a script
  (``search/search_index.js``, which Material's search loads under file://) and a local
  Worker shim (``assets/termbook/file-worker.js``) stands in for the one Material would load
  from a CDN;
- links out of the package open in a new tab, so the glossary stays in the LMS's frame;
- what only makes sense on a public site is left out: sitemaps, the 404 page, oEmbed discovery
  links;
- ``imsmanifest.xml`` and the control schema files come from ``scorm_package``.
Entries are sorted and carry a fixed timestamp, so the same site gives the same zip.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from termbook.pages import urls
from termbook.publish.exports import scorm_package
from termbook.publish.exports.scorm_package import SCORM_12, SCORM_2004, Sco, ScormVersion
from termbook.resources import ASSETS, script

LAUNCH_PAGE = "scorm-launch.html"
SITE_HOME = "index.html"
ASSET_DIR = urls.ASSETS
LAUNCH_SCRIPT = ASSET_DIR + "scorm-launch.js"
LAUNCH_STYLES = ASSET_DIR + "scorm-launch.css"
WORKER_SHIM = ASSET_DIR + "file-worker.js"
"""Listed in the offline build's ``extra.polyfills``, so Material loads it before its bundle."""
SEARCH_INDEX = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz", "404.html")
"""Only a web server shows a 404 page; its links start at the server's root, outside the package."""
_OEMBED_DISCOVERY = re.compile(
    r'[ \t]*<link rel="alternate" type="application/json\+oembed"[^>]*>\n?'
)
"""oEmbed discovery needs the public address; in a package Material would take the link for a
language alternate and request a sitemap beside it, which fails from a plain folder."""
_ANCHOR = re.compile(r"<a\s[^>]*>")
_EXTERNAL_HREF = re.compile(r'\shref="(?:https?:)?//')
_URL_ATTRIBUTE = re.compile(r'(?P<lead>\s(?:href|src)=")(?P<url>[^"]*)(?P<end>")')
_HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class SitePackage:
    """A ``termbook export`` format that wraps an offline build of the site."""

    name: str
    version: ScormVersion
    filename: str
    """The name ``termbook export`` suggests for the zip."""
    summary: str = ""
    """What it is, for the reference's exports table and the command's help."""
    title: str = ""
    """Its name in a list in running text (README)."""
    usage: str = " -o FILE"
    """What the command needs besides ``--format NAME``."""
    published: bool = False
    study: bool = False


SITE_PACKAGES: dict[str, SitePackage] = {
    "scorm": SitePackage(
        "scorm",
        SCORM_12,
        "glossary.scorm12.zip",
        "A SCORM 1.2 package of an offline copy of the site",
        "a SCORM 1.2 package of the whole site",
    ),
    "scorm2004": SitePackage(
        "scorm2004",
        SCORM_2004,
        "glossary.scorm2004.zip",
        "A SCORM 2004 4th Edition package of the same",
        "a SCORM 2004 package of it",
    ),
}


def read_site(site_dir: Path) -> dict[str, bytes]:
    """Every file of a built site by its posix path, sorted."""
    files = {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in site_dir.rglob("*")
        if path.is_file()
    }
    return dict(sorted(files.items()))


def offline_link(url: str, page: str, files: dict[str, bytes]) -> str:
    """A directory link from ``page`` rewritten to the file it means, if that file exists."""
    if not url or url.startswith(("#", "/", "?")) or _HAS_SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, suffix = url[:cut], url[cut:]
    if not (path.endswith("/") or path in (".", "..")):
        return url
    folder = path if path.endswith("/") else path + "/"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), folder))
    target = "" if target == "." else target + "/"
    if target + "index.html" in files:
        return folder + "index.html" + suffix
    named = posixpath.basename(folder[:-1]) not in ("", ".", "..")
    if named and target[:-1] + ".html" in files:
        return folder[:-1] + ".html" + suffix
    return url


def offline_html(page: str, html: str, files: dict[str, bytes]) -> str:
    def replace(match: re.Match[str]) -> str:
        return (
            match.group("lead") + offline_link(match.group("url"), page, files) + match.group("end")
        )

    return _URL_ATTRIBUTE.sub(replace, html)


def external_links_in_new_tab(html: str) -> str:
    """Links out of the package open a tab of their own: inside the LMS's frame they would
    replace the glossary, and many sites refuse to be framed."""

    def retarget(match: re.Match[str]) -> str:
        tag = match.group(0)
        if not _EXTERNAL_HREF.search(tag) or " target=" in tag:
            return tag
        return tag[:-1] + ' target="_blank">'

    return _ANCHOR.sub(retarget, html)


def search_script(index_json: bytes) -> bytes:
    """The search index as a script (``var __index = …``): Material reads it under file://."""
    index = json.loads(index_json)
    return ("var __index = " + json.dumps(index, ensure_ascii=False) + ";\n").encode("utf-8")


def launch_body(title: str) -> str:
    return (
        f'<iframe data-scorm-content src="{SITE_HOME}" title="{escape(title)}"></iframe>\n'
        f'<noscript><p><a href="{SITE_HOME}">Open the glossary</a></p></noscript>'
    )


def package(site_dir: Path, title: str, version: ScormVersion = SCORM_12) -> bytes:
    """The SCORM zip of a site built for offline use, with ``imsmanifest.xml`` at its root."""
    files = read_site(site_dir)
    if SITE_HOME not in files:
        raise FileNotFoundError(f"{site_dir} has no {SITE_HOME}: build the site first")
    for name in (scorm_package.MANIFEST, *LEFT_OUT):
        files.pop(name, None)
    for path, content in files.items():
        if path.endswith(".html"):
            html = _OEMBED_DISCOVERY.sub("", content.decode("utf-8"))
            html = external_links_in_new_tab(offline_html(path, html, files))
            files[path] = html.encode("utf-8")
    if SEARCH_INDEX in files:
        files[SEARCH_SCRIPT] = search_script(files[SEARCH_INDEX])
    files[WORKER_SHIM] = (ASSETS / "file-worker.js").read_bytes()
    files[LAUNCH_SCRIPT] = script("scorm-launch").encode("utf-8")
    files[LAUNCH_STYLES] = (ASSETS / "scorm-launch.css").read_bytes()
    page = scorm_package.launch_page(
        version, title, (LAUNCH_SCRIPT,), (LAUNCH_STYLES,), launch_body(title)
    )
    files[LAUNCH_PAGE] = page.encode("utf-8")
    sco = Sco(title=title, launch=LAUNCH_PAGE)
    identifier = scorm_package.package_identifier(title)
    return scorm_package.zip_package(version, identifier, sco, files)
