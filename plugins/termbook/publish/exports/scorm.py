"""SCORM 1.2: a built offline copy of the site, packaged as one SCO any LMS can import.

Engine-free: it takes a folder the engine built (``use_directory_urls: false``, offline search)
and returns the zip. On the way it points any directory link left ("../terms/grip/", as the
embed cards write them) at the file an offline build has ("../terms/grip/index.html"); it adds the tiny SCORM runtime (assets/termbook/
scorm.js, which reports the visit as completed) to the launch page only; and it writes
``imsmanifest.xml`` (IMS Content Packaging 1.1.2 with the ADL SCORM 1.2 extension) listing
every file. Entries are sorted and carry a fixed timestamp, so the same site gives the same zip.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import quote

from termbook.names.folding import slugify
from termbook.publish.exports._xml import serialize, sub
from termbook.resources import ASSETS

MANIFEST = "imsmanifest.xml"
LAUNCH_PAGE = "index.html"
RUNTIME = "assets/termbook/scorm.js"
RUNTIME_SOURCE = ASSETS / "scorm.js"
IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_URL_ATTRIBUTE = re.compile(r'(?P<lead>\s(?:href|src)=")(?P<url>[^"]*)(?P<end>")')
_HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


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


def add_runtime(html: str) -> str:
    """The launch page loads the SCORM runtime (an external file: no inline script)."""
    tag = f'<script src="{RUNTIME}"></script>\n'
    if RUNTIME in html:
        return html
    if "</head>" in html:
        return html.replace("</head>", tag + "</head>", 1)
    return tag + html


def manifest(title: str, paths: list[str]) -> str:
    """imsmanifest.xml: one organization, one item, one SCO resource listing every file."""
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    identifier = "termbook-" + (slugify(title) or "glossary")
    root = ET.Element(f"{{{IMSCP}}}manifest", {"identifier": identifier, "version": "1.0"})
    metadata = sub(root, f"{{{IMSCP}}}metadata")
    sub(metadata, f"{{{IMSCP}}}schema", "ADL SCORM")
    sub(metadata, f"{{{IMSCP}}}schemaversion", "1.2")
    organizations = sub(root, f"{{{IMSCP}}}organizations", default="organization")
    organization = sub(organizations, f"{{{IMSCP}}}organization", identifier="organization")
    sub(organization, f"{{{IMSCP}}}title", title)
    item = sub(
        organization,
        f"{{{IMSCP}}}item",
        identifier="item-glossary",
        identifierref="resource-glossary",
        isvisible="true",
    )
    sub(item, f"{{{IMSCP}}}title", title)
    resources = sub(root, f"{{{IMSCP}}}resources")
    resource = sub(
        resources,
        f"{{{IMSCP}}}resource",
        identifier="resource-glossary",
        type="webcontent",
        href=LAUNCH_PAGE,
        **{f"{{{ADLCP}}}scormtype": "sco"},
    )
    for path in paths:
        sub(resource, f"{{{IMSCP}}}file", href=quote(path, safe="/"))
    return serialize(root)


def package(site_dir: Path, title: str) -> bytes:
    """The SCORM 1.2 zip of a site built for offline use, with ``imsmanifest.xml`` at its root."""
    files = read_site(site_dir)
    if LAUNCH_PAGE not in files:
        raise FileNotFoundError(f"{site_dir} has no {LAUNCH_PAGE}: build the site first")
    for path, content in files.items():
        if path.endswith(".html"):
            html = offline_html(path, content.decode("utf-8"), files)
            if path == LAUNCH_PAGE:
                html = add_runtime(html)
            files[path] = html.encode("utf-8")
    files[RUNTIME] = RUNTIME_SOURCE.read_bytes()
    files.pop(MANIFEST, None)
    paths = sorted(files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _write(archive, MANIFEST, manifest(title, paths).encode("utf-8"))
        for path in paths:
            _write(archive, path, files[path])
    return buffer.getvalue()


def _write(archive: zipfile.ZipFile, path: str, content: bytes) -> None:
    info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)
