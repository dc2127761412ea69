"""Illustration checks: the file exists below docs/, is a known format by its content, is small
enough, has meaningful alt text and, for an SVG, holds nothing that runs or loads anything.
Every problem sits at the `image` key of the term file, with a stable code."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from projects import GRIP, SAMPLE_SVG, write_terms
from termbook.glossary.images import MAX_IMAGE_BYTES, intrinsic_size, sniff_format
from termbook.glossary.loader import load_glossary
from termbook.glossary.rendered import check_terms

REPO = Path(__file__).resolve().parent.parent
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
SVG_CLOSE = "</svg>"
TERM_TEXT = (
    "term: Grip\n"
    "categories: [Crew and Roles]\n"
    "definition: A crew member who rigs and moves camera support.\n"
    "image:\n"
    "  src: {src}\n"
    "  alt: {alt}\n"
)
"""The `image` key is on line 4, column 1."""


def bitmap(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "#8a63d2").save(out, format=kind)
    return out.getvalue()


def check(tmp_path: Path, name: str, data: bytes | str | None, *, alt: str = "A grip on a dolly"):
    """Problems of a term whose picture is ``docs/images/<name>`` holding ``data``."""
    docs = tmp_path / "docs"
    if data is not None:
        target = docs / "images" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)
    terms = write_terms(
        tmp_path / "terms", {"grip": TERM_TEXT.format(src=f"images/{name}", alt=alt)}
    )
    return load_glossary(terms, tmp_path, dates=False, docs_dir=docs).problems


def codes(problems) -> list[str]:
    return [p.code for p in problems]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("grip.svg", SAMPLE_SVG),
        ("grip.png", bitmap("PNG")),
        ("grip.jpg", bitmap("JPEG")),
        ("grip.jpeg", bitmap("JPEG")),
        ("grip.webp", bitmap("WEBP")),
        (
            "grip.svg",
            '<?xml version="1.0"?>\n<!-- ours -->\n' + SVG_OPEN + '<defs><linearGradient id="g"/>'
            '</defs><rect fill="url(#g)" width="4" height="4"/><use href="#g"/>' + SVG_CLOSE,
        ),
    ],
    ids=["svg", "png", "jpg", "jpeg", "webp", "svg-internal-references"],
)
def test_a_picture_in_a_known_format_passes(tmp_path, name, data):
    assert check(tmp_path, name, data) == []


def test_every_problem_is_at_the_image_key_of_the_term_file(tmp_path):
    [problem] = check(tmp_path, "grip.svg", None)
    assert (problem.path, problem.line, problem.column) == ("terms/grip.yaml", 4, 1)
    assert problem.is_error
    assert problem.code == "image-missing"
    assert "images/grip.svg" in problem.message


def test_a_picture_outside_the_docs_folder_is_refused(tmp_path):
    (tmp_path / "secret.svg").write_text(SAMPLE_SVG)
    problems = check(tmp_path, "../../secret.svg", None)
    assert codes(problems) == ["image-missing"]
    assert "outside the docs folder" in problems[0].message


def test_a_folder_is_not_a_picture(tmp_path):
    (tmp_path / "docs" / "images" / "grip.svg").mkdir(parents=True)
    assert codes(check(tmp_path, "grip.svg", None)) == ["image-missing"]


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("grip.svg", "just some text", "not an SVG, PNG, JPEG or WebP"),
        ("grip.gif", b"GIF89a" + bytes(20), "not an SVG, PNG, JPEG or WebP"),
        ("grip.svg", bitmap("PNG"), "holds PNG data; name it .png"),
        ("grip.png", bitmap("JPEG"), "holds JPEG data; name it .jpg"),
        ("grip.jpg", SAMPLE_SVG, "holds SVG data; name it .svg"),
        ("grip.svg", "<?xml version='1.0'?><svg><p>x</p></svg>", "not an SVG"),
        ("grip.svg", SVG_OPEN + "<rect>" + SVG_CLOSE, "not well-formed"),
    ],
    ids=[
        "text",
        "gif",
        "png-named-svg",
        "jpeg-named-png",
        "svg-named-jpg",
        "no-namespace",
        "broken-xml",
    ],
)
def test_the_format_is_read_from_the_content_not_the_name(tmp_path, name, data, fragment):
    problems = check(tmp_path, name, data)
    assert codes(problems) == ["image-format"]
    assert fragment in problems[0].message


def test_a_picture_over_the_size_limit_is_refused(tmp_path):
    data = bitmap("PNG") + bytes(MAX_IMAGE_BYTES)
    problems = check(tmp_path, "grip.png", data)
    assert codes(problems) == ["image-too-large"]
    assert f"{MAX_IMAGE_BYTES:,}" in problems[0].message


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<SCRIPT xmlns="http://www.w3.org/2000/svg">alert(1)</SCRIPT>', "<SCRIPT>"),
        ('<rect width="4" height="4" onload="alert(1)"/>', "event handler (onload"),
        ('<rect width="4" height="4" ONCLICK="alert(1)"/>', "event handler (onclick"),
        ('<a href="javascript:alert(1)"><rect width="4" height="4"/></a>', "outside it"),
        (
            '<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://example.org/">'
            '<rect width="4" height="4"/></a>',
            "outside it",
        ),
        ('<image href="https://example.org/pixel.png" width="4" height="4"/>', "outside it"),
        ('<use href="other.svg#shape"/>', "outside it"),
        ("<foreignObject><div>hi</div></foreignObject>", "<foreignObject>"),
        ('<iframe src="https://example.org/"/>', "<iframe>"),
        ("<style>@import url(https://example.org/x.css);</style>", "<style>"),
        ("<style>rect { fill: url(https://example.org/p.svg#x) }</style>", "<style>"),
        ('<rect style="fill: url(https://example.org/p.svg#x)" width="4" height="4"/>', "style"),
        ('<rect fill="url(https://example.org/p.svg#x)" width="4" height="4"/>', "fill"),
        ('<a><animate attributeName="href" to="javascript:alert(1)"/></a>', "<animate> changes"),
        ('<a><set attributeName="xlink:href" to="javascript:alert(1)"/></a>', "<set> changes"),
    ],
    ids=[
        "script",
        "script-uppercase",
        "onload",
        "onclick-uppercase",
        "javascript-url",
        "xlink-external",
        "external-image",
        "external-use",
        "foreign-object",
        "iframe",
        "css-import",
        "css-external-url",
        "style-attribute-url",
        "fill-external-url",
        "animate-href",
        "set-xlink-href",
    ],
)
def test_an_svg_that_could_run_or_load_something_is_refused(tmp_path, body, fragment):
    problems = check(tmp_path, "grip.svg", SVG_OPEN + body + SVG_CLOSE)
    assert set(codes(problems)) == {"image-unsafe"}, [p.format() for p in problems]
    assert any(fragment in p.message for p in problems), [p.message for p in problems]
    assert all((p.line, p.column) == (4, 1) for p in problems)


def test_an_svg_with_entities_is_refused_before_it_is_parsed(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        + SVG_OPEN
        + "<title>&b;</title>"
        + SVG_CLOSE
    )
    problems = check(tmp_path, "grip.svg", bomb)
    assert codes(problems) == ["image-unsafe"]
    assert "DOCTYPE" in problems[0].message


@pytest.mark.parametrize(
    "alt",
    ["grip.svg", "grip", "Grip SVG", "image", "An image", "a picture", "'   '", "Two words"],
)
def test_alt_text_must_describe_the_picture(tmp_path, alt):
    problems = check(tmp_path, "grip.svg", SAMPLE_SVG, alt=alt)
    assert codes(problems) == ["image-alt"]
    empty = not alt.strip("' ")
    assert (problems[0].line, problems[0].column) == ((5, 3) if empty else (6, 8))


def test_a_picture_on_another_site_is_not_fetched_or_checked(tmp_path):
    terms = write_terms(
        tmp_path / "terms",
        {
            **{
                "grip": {
                    **GRIP,
                    "image": {"src": "https://example.org/g.png", "alt": "A grip at work"},
                }
            }
        },
    )
    assert load_glossary(terms, tmp_path, dates=False).problems == []


def test_the_sniffer_knows_the_four_formats():
    assert sniff_format(bitmap("PNG")) == "png"
    assert sniff_format(bitmap("JPEG")) == "jpeg"
    assert sniff_format(bitmap("WEBP")) == "webp"
    assert sniff_format(b"\xef\xbb\xbf  " + SAMPLE_SVG.encode()) == "svg"
    assert sniff_format(b"<html><body>not a picture</body></html>") is None


def test_the_dictionarys_own_illustrations_pass_every_check():
    checked = check_terms(REPO / "terms", REPO, dates=False)
    illustrated = {t.slug: t.image for t in checked.glossary if t.image}
    assert len(illustrated) >= 12
    assert "racking-focus" in illustrated
    assert not [p.format() for p in checked.problems if p.code.startswith("image")]
    drawn = {p.stem for p in (REPO / "docs/images/terms").glob("*.svg")}
    assert drawn == set(illustrated), "every drawing is used by the term of its name"
    for slug, image in illustrated.items():
        assert image.src == f"images/terms/{slug}.svg"


@pytest.mark.parametrize(
    ("data", "size"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" width="320px" height="200"/>', (320, 200)),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64.4 32"/>', (64, 32)),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10em" height="5em" viewBox="0,0,30,15"/>',
            (30, 15),
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="100%"/>', None),
        ("not a picture", None),
    ],
)
def test_intrinsic_size_of_an_svg_comes_from_its_size_or_view_box(data: str, size):
    assert intrinsic_size(data.encode()) == size


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_intrinsic_size_of_a_bitmap_comes_from_its_header(kind: str):
    out = io.BytesIO()
    Image.new("RGB", (12, 7), "#8a63d2").save(out, format=kind)
    assert intrinsic_size(out.getvalue()) == (12, 7)
