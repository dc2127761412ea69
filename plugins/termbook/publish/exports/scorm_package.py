"""SCORM packaging shared by every Termbook package: manifest, control files, launch page, zip.

Engine-free. A package is one SCO (a launch page that holds the SCORM session) plus its files.
``write_manifest`` writes ``imsmanifest.xml`` for SCORM 1.2 or SCORM 2004 4th Edition;
``control_files`` are the XSDs/DTDs the manifest names, shipped at the package root as ADL
packaging expects; ``launch_page`` is the HTML page the LMS opens; ``zip_package`` writes a
deterministic zip (sorted entries, fixed timestamps) with the manifest first.

The session itself runs in the browser: ``assets/src/scorm/session.js`` (one SCORM session,
either version: initialise once, set status, score and location, finish once), assembled with
a launch script into one file by ``termbook.resources.script``.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from termbook.names.folding import slugify
from termbook.publish.exports._xml import serialize, sub
from termbook.resources import SCHEMAS

MANIFEST = "imsmanifest.xml"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
XSI = "http://www.w3.org/2001/XMLSchema-instance"
IMSSS = "http://www.imsglobal.org/xsd/imsss"


@dataclass(frozen=True)
class ScormVersion:
    """What differs between SCORM 1.2 and 2004 4th Edition in a package."""

    key: str
    """``"1.2"`` or ``"2004"``: the launch page's ``data-scorm-version`` (session.js reads it)."""
    label: str
    schemaversion: str
    imscp: str
    adlcp: str
    scorm_type: str
    """The resource attribute that says "sco" (its case differs between the versions)."""
    schema_locations: tuple[tuple[str, str], ...]
    """(namespace, control file) pairs for ``xsi:schemaLocation``."""

    @property
    def schema_folder(self) -> str:
        return self.key


SCORM_12 = ScormVersion(
    key="1.2",
    label="SCORM 1.2",
    schemaversion="1.2",
    imscp="http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2",
    scorm_type="scormtype",
    schema_locations=(
        ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
        ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
    ),
)
SCORM_2004 = ScormVersion(
    key="2004",
    label="SCORM 2004 4th Edition",
    schemaversion="2004 4th Edition",
    imscp="http://www.imsglobal.org/xsd/imscp_v1p1",
    adlcp="http://www.adlnet.org/xsd/adlcp_v1p3",
    scorm_type="scormType",
    schema_locations=(
        ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
        ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
        (IMSSS, "imsss_v1p0.xsd"),
    ),
)
VERSIONS = {version.key: version for version in (SCORM_12, SCORM_2004)}


@dataclass(frozen=True)
class Sco:
    """The package's one SCO: what the LMS lists, opens and grades."""

    title: str
    launch: str
    """The launch page's path in the package."""
    mastery_score: int | None = None
    """0–100: the score that passes (1.2 ``adlcp:masteryscore``, 2004 a primary objective
    satisfied by measure). None: the SCO reports completion only."""


def control_files(version: ScormVersion) -> dict[str, bytes]:
    """The version's schema files by name, for the package root beside imsmanifest.xml."""
    folder = SCHEMAS / "scorm" / version.schema_folder
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def package_identifier(title: str) -> str:
    """A stable manifest identifier from the title (an XML ID: starts with a letter)."""
    return "termbook-" + (slugify(title) or "package")


def write_manifest(version: ScormVersion, identifier: str, sco: Sco, paths: list[str]) -> str:
    """imsmanifest.xml: one organization with one item, one SCO resource listing ``paths``.

    ``paths`` are the SCO's files (the manifest and control files are the package's, not the
    SCO's, so they are not listed).
    """
    imscp, adlcp = version.imscp, version.adlcp
    ET.register_namespace("", imscp)
    ET.register_namespace("adlcp", adlcp)
    ET.register_namespace("xsi", XSI)
    ET.register_namespace("imsss", IMSSS)
    locations = " ".join(f"{namespace} {file}" for namespace, file in version.schema_locations)
    root = ET.Element(f"{{{imscp}}}manifest")
    root.set("identifier", identifier)
    root.set("version", "1")
    root.set(f"{{{XSI}}}schemaLocation", locations)
    metadata = sub(root, f"{{{imscp}}}metadata")
    sub(metadata, f"{{{imscp}}}schema", "ADL SCORM")
    sub(metadata, f"{{{imscp}}}schemaversion", version.schemaversion)
    organizations = sub(root, f"{{{imscp}}}organizations", default="organization")
    organization = sub(organizations, f"{{{imscp}}}organization", identifier="organization")
    sub(organization, f"{{{imscp}}}title", sco.title)
    item = sub(
        organization,
        f"{{{imscp}}}item",
        identifier="item",
        identifierref="resource",
        isvisible="true",
    )
    sub(item, f"{{{imscp}}}title", sco.title)
    if sco.mastery_score is not None:
        _mastery(version, item, sco.mastery_score)
    resources = sub(root, f"{{{imscp}}}resources")
    resource = sub(resources, f"{{{imscp}}}resource", identifier="resource", type="webcontent")
    resource.set(f"{{{adlcp}}}{version.scorm_type}", "sco")
    resource.set("href", quote(sco.launch, safe="/"))
    for path in paths:
        sub(resource, f"{{{imscp}}}file", href=quote(path, safe="/"))
    return serialize(root)


def _mastery(version: ScormVersion, item: ET.Element, score: int) -> None:
    if not 0 <= score <= 100:
        raise ValueError(f"a mastery score is between 0 and 100, not {score}")
    if version is SCORM_12:
        sub(item, f"{{{version.adlcp}}}masteryscore", str(score))
        return
    sequencing = sub(item, f"{{{IMSSS}}}sequencing")
    objectives = sub(sequencing, f"{{{IMSSS}}}objectives")
    primary = sub(
        objectives, f"{{{IMSSS}}}primaryObjective", objectiveID="mastery", satisfiedByMeasure="true"
    )
    sub(primary, f"{{{IMSSS}}}minNormalizedMeasure", f"{score / 100:g}")


def launch_page(
    version: ScormVersion,
    title: str,
    scripts: Sequence[str],
    stylesheets: Sequence[str],
    body: str,
) -> str:
    """The page the LMS opens: it loads the session script(s); ``body`` is trusted HTML we wrote.

    No inline script or style, so an LMS that serves packages under a strict
    Content-Security-Policy runs it as it is. ``data-scorm-version`` tells ``session.js``
    which API to talk to.
    """
    links = "".join(f'<link rel="stylesheet" href="{html.escape(href)}">\n' for href in stylesheets)
    loads = "".join(f'<script src="{html.escape(src)}" defer></script>\n' for src in scripts)
    return (
        "<!doctype html>\n"
        f'<html lang="en" data-scorm-version="{version.key}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"{links}{loads}"
        "</head>\n"
        f"<body>\n{body}\n</body>\n"
        "</html>\n"
    )


def zip_package(version: ScormVersion, identifier: str, sco: Sco, files: dict[str, bytes]) -> bytes:
    """The zip: manifest first, then the control files and ``files``, sorted, fixed times."""
    controls = control_files(version)
    clash = sorted(set(controls) & set(files))
    if clash:
        raise ValueError(f"the package has files named like its control files: {clash}")
    everything = {**controls, **files}
    everything.pop(MANIFEST, None)
    paths = sorted(path for path in files if path != MANIFEST)
    manifest = write_manifest(version, identifier, sco, paths).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _write(archive, MANIFEST, manifest)
        for path in sorted(everything):
            _write(archive, path, everything[path])
    return buffer.getvalue()


def _write(archive: zipfile.ZipFile, path: str, content: bytes) -> None:
    info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)
