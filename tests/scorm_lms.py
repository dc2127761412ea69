"""Checking SCORM packages as an LMS does: XSD validation, references, a scorm-again host page.

Plain functions that tests import (`from scorm_lms import ...`), for every SCORM package the
project makes:

- ``validate_manifest(files)`` validates ``imsmanifest.xml`` against the control files shipped
  in the package itself (lxml, no network), as ADL's conformance checks do;
- ``outside_references(files)`` lists every URL in the package that a browser would request
  from outside the package (links a reader clicks to leave are allowed);
- ``lms_host(folder, version)`` writes an LMS player page beside an unzipped package: it sets
  up scorm-again's API (``window.API`` or ``window.API_1484_11``), records every API call with
  its result and error code in ``window.scormLog``, and launches the SCO in a frame, as an LMS
  does; ``window.leaveSco()`` closes the SCO the way an LMS does when the learner leaves.
"""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

REPO = Path(__file__).resolve().parents[1]
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist" / "scorm-again.js"
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"

# ----------------------------------------------------------------------------- the zip


def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def unzip(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder


# ----------------------------------------------------------------------------- manifest


def validate_manifest(files: dict[str, bytes]) -> etree._Element:
    """The manifest, validated against the control files its schemaLocation names in the package.

    One driver schema imports, from the package's own files, every namespace the manifest names
    and uses, so the extension points (``##other`` wildcards, ADL attributes) are checked
    strictly too. (A named namespace the manifest does not use cannot change the result; SCORM
    1.2's metadata schema is one, and libxml2 rejects its content models as ambiguous.)
    Raises ``etree.DocumentInvalid`` with lxml's messages when the manifest is invalid.
    """
    manifest = etree.fromstring(files["imsmanifest.xml"])
    pairs = manifest.get(XSI_LOCATION, "").split()
    locations = dict(zip(pairs[::2], pairs[1::2], strict=True))
    missing = [file for file in locations.values() if file not in files]
    assert not missing, f"schemaLocation names files the package lacks: {missing}"
    used = {etree.QName(e).namespace for e in manifest.iter() if isinstance(e.tag, str)}
    used |= {etree.QName(a).namespace for e in manifest.iter() for a in e.attrib}
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{file}"/>'
        for namespace, file in locations.items()
        if namespace in used
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    resolver = _PackageResolver(files)
    parser = etree.XMLParser(no_network=True, load_dtd=True, resolve_entities=False)
    parser.resolvers.add(resolver)
    schema_doc = etree.fromstring(driver.encode(), parser, base_url="package:/driver.xsd")
    schema = etree.XMLSchema(etree.ElementTree(schema_doc))
    schema.assertValid(manifest)
    return manifest


_XML_AS_DEFAULT = b'xmlns="http://www.w3.org/XML/1998/namespace"'
"""SCORM 1.2's ims_xml.xsd binds the XML namespace as its default namespace, which the
Namespaces recommendation forbids; Java parsers let it pass, libxml2 refuses the file. The
declaration is unused (every name in that file is unprefixed schema vocabulary or xsd:), so the
validator drops it; the shipped file stays as published."""


class _PackageResolver(etree.Resolver):
    """Schema files come from the package (a ``package:/`` URL), never from the network."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self.files = files

    def resolve(self, url, pubid, context):
        path = posixpath.normpath(urlsplit(url).path).lstrip("/")
        if path in self.files:
            content = self.files[path].replace(_XML_AS_DEFAULT, b"")
            return self.resolve_string(content, context, base_url=f"package:/{path}")
        raise AssertionError(f"the schemas ask for {url}, which the package does not have")


# ----------------------------------------------------------------------------- references

_LOADED = {
    # element: attributes whose URL the browser fetches (or navigates a frame to) by itself
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),
    "form": ("action",),
    "input": ("src",),
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
_META_REFRESH = re.compile(r"url\s*=\s*(\S+)", re.I)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_HARMLESS_SCHEMES = ("data:", "blob:", "about:", "mailto:", "javascript:void")


def _outside(url: str) -> bool:
    """Another site, or a path from the server's root: in an LMS that is the LMS, not the package."""
    url = url.strip()
    if url.startswith("/"):
        return True
    return bool(_EXTERNAL.match(url)) and not url.lower().startswith(_HARMLESS_SCHEMES)


def outside_references(files: dict[str, bytes], public_site: str = "") -> list[str]:
    """``file: url`` for every reference to something outside the package.

    HTML: every URL the browser loads by itself (scripts, styles, images, frames, forms, meta
    refresh, inline style ``url()``), and Material's ``data-md-component="source"`` (it makes
    the page fetch repository facts from the forge's API). Links (``<a href>``) may leave the
    package, as a reader chooses to, except to ``public_site``: the package has those pages.
    CSS: ``url()`` and ``@import``. XML: schemaLocation hints. JavaScript is checked by
    watching its requests in a browser (tests/browser/test_scorm_lms.py).
    """
    found: list[str] = []
    for path, content in files.items():
        if path.endswith(".html"):
            found += [f"{path}: {url}" for url in _html_references(content, public_site)]
        elif path.endswith(".css"):
            text = content.decode("utf-8", "replace")
            for match in _CSS_URL.finditer(text):
                url = match.group(1) or match.group(2)
                if _outside(url):
                    found.append(f"{path}: {url}")
        elif path.endswith((".xml", ".xsd")):
            parser = etree.XMLParser(no_network=True, load_dtd=False)
            root = etree.fromstring(content.replace(_XML_AS_DEFAULT, b""), parser)
            for element in root.iter(etree.Element):
                hints = element.get(XSI_LOCATION, "").split()[1::2]
                hints += [element.get("schemaLocation") or ""]
                found += [f"{path}: {url}" for url in hints if url and _outside(url)]
    return found


def _html_references(content: bytes, public_site: str) -> list[str]:
    doc = lxml_html.fromstring(content)
    urls: list[str] = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        for attribute in _LOADED.get(tag, ()):
            value = element.get(attribute) or ""
            if attribute == "srcset":
                urls += [part.split()[0] for part in value.split(",") if part.split()]
            else:
                urls.append(value)
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            match = _META_REFRESH.search(element.get("content") or "")
            urls += [match.group(1)] if match else []
        style = element.get("style") or ""
        urls += [m.group(1) or m.group(2) for m in _CSS_URL.finditer(style)]
        if element.get("data-md-component") == "source":
            urls.append(element.get("href") or "data-md-component=source")
        if tag in ("a", "area") and public_site:
            href = unquote(element.get("href") or "")
            if public_site.rstrip("/") in href:
                urls.append(href)
    for style in doc.iter("style"):
        urls += [m.group(1) or m.group(2) for m in _CSS_URL.finditer(style.text or "")]
    return [url for url in urls if url and _outside(url)]


# ----------------------------------------------------------------------------- LMS host

HOST_SCRIPT = """
"use strict";
(() => {
  const version = document.documentElement.dataset.version;
  const settings = { autocommit: false, logLevel: 4 };
  const api = version === "2004" ? new window.Scorm2004API(settings) : new window.Scorm12API(settings);
  const errorCall = version === "2004" ? "GetLastError" : "LMSGetLastError";
  const lastError = api[errorCall].bind(api);
  const calls = version === "2004"
    ? ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError",
       "GetErrorString", "GetDiagnostic"]
    : ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
       "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
  window.scormLog = [];
  for (const name of calls) {
    const original = api[name].bind(api);
    api[name] = (...args) => {
      const result = String(original(...args));
      const error = String(lastError());
      if (name !== errorCall) window.scormLog.push({ call: name, args: args.map(String), result, error });
      return result;
    };
  }
  window[version === "2004" ? "API_1484_11" : "API"] = api;
  window.scormApi = api;
  const frame = document.getElementById("sco");
  window.leaveSco = () => { frame.src = "about:blank"; };
  frame.src = document.documentElement.dataset.launch;
})();
"""

HOST_PAGE = """<!doctype html>
<html lang="en" data-version="{version}" data-launch="{launch}">
<head><meta charset="utf-8"><title>LMS player</title>
<script src="scorm-again.js"></script>
<script src="host.js" defer></script></head>
<body><iframe id="sco" title="Course content" width="1000" height="700"></iframe></body>
</html>
"""


def lms_host(root: Path, package_dir: str, version: str) -> str:
    """Write an LMS player into ``root/lms/`` for the package unzipped in ``root/package_dir``.

    Returns the player's path relative to ``root``. The launch page comes from the manifest.
    """
    manifest = etree.fromstring((root / package_dir / "imsmanifest.xml").read_bytes())
    resource = next(e for e in manifest.iter() if e.tag.endswith("}resource"))
    host = root / "lms"
    host.mkdir(exist_ok=True)
    shutil.copyfile(SCORM_AGAIN, host / "scorm-again.js")
    (host / "host.js").write_text(HOST_SCRIPT, encoding="utf-8")
    launch = f"../{package_dir}/{resource.get('href')}"
    page = HOST_PAGE.format(version=version, launch=launch)
    (host / f"player-{version}.html").write_text(page, encoding="utf-8")
    return f"lms/player-{version}.html"


def api_calls(log: list[dict], name: str) -> list[dict]:
    return [entry for entry in log if entry["call"] == name]


def describe(log: list[dict]) -> str:
    return json.dumps(log, indent=1)
