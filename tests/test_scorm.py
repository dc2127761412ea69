"""The SCORM packages as an LMS reads them: manifests valid against the shipped XSDs, control
files at the root, nothing referenced outside the package, a launch page that holds the session.

The packages are the project's own site, exported once a run (``scorm_packages`` in conftest.py);
tests/browser/test_scorm_lms.py runs them in scorm-again.
"""

from __future__ import annotations

import hashlib
import re
import zipfile

import pytest
from lxml import etree
from lxml import html as lxml_html

from projects import BASIC_TERMS, write_project
from scorm_lms import outside_references, read_zip, validate_manifest
from termbook.cli import main
from termbook.publish.exports import scorm_package
from termbook.publish.exports.scorm import (
    LAUNCH_PAGE,
    SITE_PACKAGES,
    external_links_in_new_tab,
    offline_link,
)
from termbook.publish.exports.scorm_package import SCORM_12, SCORM_2004, VERSIONS, Sco
from termbook.resources import SCHEMAS

PUBLIC_SITE = "https://termbook.example.org/"  # the project's mkdocs.yml site_url
VERSION_IDS = ["scorm12", "scorm2004"]


@pytest.fixture(params=["1.2", "2004"], ids=VERSION_IDS)
def version(request) -> str:
    return request.param


# ------------------------------------------------------------------------------ manifests


def test_each_manifest_validates_against_the_schemas_shipped_in_its_package(
    scorm_packages, version
):
    files = read_zip(scorm_packages[version])
    manifest = validate_manifest(files)
    spec = VERSIONS[version]
    ns = {"cp": spec.imscp}
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=ns) == spec.schemaversion
    (resource,) = manifest.findall("cp:resources/cp:resource", ns)
    assert resource.get(f"{{{spec.adlcp}}}{spec.scorm_type}") == "sco"
    assert resource.get("href") == LAUNCH_PAGE
    listed = {unquoted(f.get("href")) for f in resource.findall("cp:file", ns)}
    controls = set(scorm_package.control_files(spec))
    assert listed == set(files) - controls - {"imsmanifest.xml"}
    assert controls <= set(files)  # at the root, beside the manifest


def unquoted(href: str) -> str:
    from urllib.parse import unquote

    return unquote(href)


@pytest.mark.parametrize("spec", [SCORM_12, SCORM_2004], ids=VERSION_IDS)
def test_a_graded_manifest_carries_its_mastery_score_and_stays_valid(spec):
    """The quiz package's manifest: the pass mark in each version's own terms."""
    files = {"quiz.html": b"<!doctype html><title>Quiz</title>"}
    data = scorm_package.zip_package(spec, "termbook-quiz", Sco("Quiz", "quiz.html", 80), files)
    manifest = validate_manifest(read_zip(data))
    text = etree.tostring(manifest, encoding="unicode")
    if spec is SCORM_12:
        assert ">80</adlcp:masteryscore>" in text
    else:
        assert 'satisfiedByMeasure="true"' in text
        assert ">0.8</imsss:minNormalizedMeasure>" in text
    with pytest.raises(ValueError, match="between 0 and 100"):
        scorm_package.write_manifest(spec, "x", Sco("Quiz", "quiz.html", 120), [])


@pytest.mark.parametrize("spec", [SCORM_12, SCORM_2004], ids=VERSION_IDS)
def test_a_manifest_that_breaks_the_schema_is_rejected(spec):
    """The validation is real: a SCO type the ADL schema does not know fails it."""
    data = scorm_package.zip_package(spec, "termbook-x", Sco("X", "x.html"), {"x.html": b""})
    files = read_zip(data)
    files["imsmanifest.xml"] = files["imsmanifest.xml"].replace(b'="sco"', b'="lesson"')
    with pytest.raises(etree.DocumentInvalid):
        validate_manifest(files)


def test_the_control_files_are_the_published_bindings_byte_for_byte():
    folder = SCHEMAS / "scorm"
    listed = re.findall(r"^([0-9a-f]{64})  (\S+)$", (folder / "README.md").read_text(), re.M)
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.glob("*/*"))
    assert sorted(name for _, name in listed) == on_disk
    for digest, name in listed:
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


# ------------------------------------------------------------------------------ no way out


def test_no_file_in_either_package_references_anything_outside_it(scorm_packages, version):
    files = read_zip(scorm_packages[version])
    assert outside_references(files, PUBLIC_SITE) == []
    pages = [content for path, content in files.items() if path.endswith(".html")]
    # prose may name unpkg.com; no page may load from it
    loads_unpkg = re.compile(rb"(?:src|href)\s*=\s*[\"']?(?:https?:)?//unpkg\.com")
    assert not [page for page in pages if loads_unpkg.search(page)]
    assert not [page for page in pages if b'"repo_url"' in page or b"md-source" in page]


def test_the_reference_check_catches_each_kind_of_way_out():
    page = b"""<!doctype html><html><head>
      <script src="https://unpkg.com/iframe-worker/shim"></script>
      <link rel="stylesheet" href="//fonts.example.com/a.css">
      <style>body { background: url("https://cdn.example.com/bg.png") }</style>
      <meta http-equiv="refresh" content="0; url=https://elsewhere.example/">
      </head><body>
      <a href="https://github.com/x/y" data-md-component="source">repo</a>
      <a href="https://termbook.example.org/terms/grip/">Grip on the web</a>
      <a href="https://en.wikipedia.org/wiki/Grip">Wikipedia</a>
      <img srcset="local.png 1x, https://img.example.com/a.png 2x" src="local.png">
      <img src="/assets/images/favicon.png">
      <iframe src="https://player.example.com/"></iframe>
      </body></html>"""
    css = b"@import 'https://cdn.example.com/x.css'; a { background: url(img/ok.png) }"
    found = outside_references({"p.html": page, "s.css": css}, PUBLIC_SITE)
    assert found == [
        "p.html: https://unpkg.com/iframe-worker/shim",
        "p.html: //fonts.example.com/a.css",
        "p.html: https://elsewhere.example/",
        "p.html: https://github.com/x/y",
        "p.html: https://termbook.example.org/terms/grip/",
        "p.html: https://img.example.com/a.png",
        "p.html: /assets/images/favicon.png",
        "p.html: https://player.example.com/",
        "p.html: https://cdn.example.com/bg.png",
        "s.css: https://cdn.example.com/x.css",
    ]


# ------------------------------------------------------------------------------ the package


def test_the_launch_page_holds_the_session_and_shows_the_glossary_in_a_frame(
    scorm_packages, version
):
    files = read_zip(scorm_packages[version])
    launch = lxml_html.fromstring(files[LAUNCH_PAGE])
    assert launch.get("data-scorm-version") == version
    (frame,) = launch.xpath("//iframe[@data-scorm-content]")
    assert frame.get("src") == "index.html"
    (script,) = launch.xpath("//script/@src")
    runtime = files[script].decode("utf-8")
    assert "LMSFinish" in runtime and "Terminate" in runtime
    assert not launch.xpath("//script[not(@src)]|//style|//*[@style]")  # CSP-safe
    home = files["index.html"].decode("utf-8")
    assert "scorm-launch.js" not in home  # pages inside never talk to the LMS
    assert "search/search_index.js" in files
    assert 'src="assets/termbook/file-worker.js"' in home  # search from a plain folder
    assert "sitemap.xml" not in files and "404.html" not in files
    term = lxml_html.fromstring(files["terms/abby-singer-shot/index.html"])
    (wikipedia,) = term.xpath("//article//a[contains(@href, 'wikipedia.org')]")
    assert wikipedia.get("target") == "_blank"  # out of the package: a tab of its own


def test_links_out_of_the_package_open_a_tab_of_their_own():
    html = (
        '<a href="https://x.org/">x</a> <a href="../y.html">y</a> '
        '<a href="//z.org/" target="_self">z</a> <a class="w" href="mailto:a@b.c">w</a>'
    )
    assert external_links_in_new_tab(html) == (
        '<a href="https://x.org/" target="_blank">x</a> <a href="../y.html">y</a> '
        '<a href="//z.org/" target="_self">z</a> <a class="w" href="mailto:a@b.c">w</a>'
    )


def test_offline_links_point_at_the_files_of_an_offline_build():
    files = dict.fromkeys(
        ["index.html", "terms/index.html", "terms/grip.html", "embed/grip/index.html"]
    )
    assert offline_link("../terms/grip/", "terms/key-grip.html", files) == "../terms/grip.html"
    assert offline_link("grip/#examples", "terms/key-grip.html", files) == "grip.html#examples"
    assert offline_link("../embed/grip/", "terms/grip.html", files) == "../embed/grip/index.html"
    assert offline_link("terms/#letter-g", "index.html", files) == "terms/index.html#letter-g"
    assert offline_link("./", "terms/grip.html", files) == "./index.html"
    assert offline_link("../", "terms/grip.html", files) == "../index.html"
    for unchanged in ("https://x.org/a/", "#top", "mailto:a@b.c", "../missing/", "grip.html"):
        assert offline_link(unchanged, "terms/key-grip.html", files) == unchanged


@pytest.mark.parametrize("fmt", list(SITE_PACKAGES))
def test_a_package_needs_an_output_file(tmp_path, monkeypatch, capsys, fmt):
    write_project(tmp_path, BASIC_TERMS)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", fmt]) == 2
    assert f"--format {fmt} needs -o" in capsys.readouterr().err


def test_the_same_site_gives_the_same_zip_with_every_page_linked_inside_it(tmp_path, monkeypatch):
    config_file = write_project(tmp_path / "project", BASIC_TERMS)
    monkeypatch.chdir(config_file.parent)
    for name in ("a.zip", "b.zip"):
        assert main(["export", "--format", "scorm2004", "-o", str(tmp_path / name)]) == 0
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.namelist()[0] == "imsmanifest.xml"
        assert {info.date_time for info in archive.infolist()} == {scorm_package.ZIP_TIME}
        files = {name: archive.read(name) for name in archive.namelist()}
    validate_manifest(files)
    for slug in BASIC_TERMS:
        assert f"terms/{slug}/index.html" in files
        assert f"embed/{slug}/index.html" in files
    for path, content in files.items():
        if not path.endswith(".html"):
            continue
        for href in lxml_html.fromstring(content).xpath("//a/@href|//script/@src|//link/@href"):
            target = href.split("#")[0].split("?")[0]
            if not target or re.match(r"^[a-z]+:", target):
                continue
            resolved = posix_join(path, target)
            assert resolved in files, f"{path} links to {href}, which the package lacks"


def posix_join(page: str, href: str) -> str:
    import posixpath

    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
