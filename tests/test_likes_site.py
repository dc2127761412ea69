"""The site's side of the likes service: what the built pages tell site.js, and the command.

The counts themselves are tested in Chromium against the real service (browser/test_likes.py).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from projects import BASIC_TERMS
from termbook.cli import main
from termbook.pages.urls import shares_endpoint

HOME = "---\ntemplate: termbook/home.html\n---\n\nWelcome.\n"


def page(site: Path, path: str) -> html.HtmlElement:
    return html.parse(str(site / path / "index.html")).getroot()


@pytest.mark.parametrize(
    ("likes", "shares"),
    [
        ("https://likes.example.org/likes", "https://likes.example.org/shares"),
        ("https://example.org/api/likes", "https://example.org/api/shares"),
        ("/likes", "/shares"),
        ("https://likes.example.org/likes?site=a", "https://likes.example.org/shares?site=a"),
        ("", ""),
    ],
)
def test_the_share_counter_sits_beside_the_like_endpoint(likes: str, shares: str) -> None:
    assert shares_endpoint(likes) == shares


def test_pages_point_site_js_at_the_service(build_site) -> None:
    endpoint = "https://likes.example.org/likes"
    site = build_site(docs={"index.md": HOME}, plugin={"like_endpoint": endpoint})
    term = page(site, "terms/key-grip")
    (box,) = term.xpath('//div[@class="tb-share"]')
    assert box.get("data-endpoint") == "https://likes.example.org/shares"
    assert box.get("data-term") == "key-grip"
    (count,) = term.xpath(f'//*[@id="{box.get("data-count")}"]')
    assert count.get("hidden") is not None  # until the service answers
    assert count.xpath("ancestor::h2/@id") == ["share-heading"]

    home = page(site, "")
    (section,) = home.xpath('//section[contains(@class, "tb-most-liked")]')
    assert section.get("hidden") is not None
    assert section.get("data-endpoint") == endpoint
    pattern = section.get("data-term-url")
    assert pattern == "terms/__slug__/"
    assert (site / pattern.replace("__slug__", "key-grip") / "index.html").is_file()


def test_without_an_endpoint_no_page_asks_for_counts(build_site) -> None:
    site = build_site(docs={"index.md": HOME})
    term = page(site, "terms/key-grip")
    assert not term.xpath("//*[@data-endpoint]")
    assert not page(site, "").xpath('//*[contains(@class, "tb-most-liked")]')


def test_serve_refuses_an_origin_that_is_not_one(capsys) -> None:
    assert main(["likes", "serve", "--allow-origin", "example.org/path"]) == 2
    assert "is not an origin like https://example.org" in capsys.readouterr().err


def test_serve_names_a_missing_terms_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    missing = tmp_path / "nowhere"
    assert main(["likes", "serve", "--terms-dir", str(missing)]) == 1
    assert not (tmp_path / "likes.db").exists()  # the glossary is read before the database
    err = capsys.readouterr().err
    assert f"termbook likes serve: error: {missing}: not a terms folder" in err


def test_serve_names_a_database_it_cannot_use(make_terms, capsys) -> None:
    terms = make_terms(BASIC_TERMS)
    code = main(["likes", "serve", "--terms-dir", str(terms), "--database", "mysql://x@y/z"])
    assert code == 1
    assert "unknown database URL scheme 'mysql'" in capsys.readouterr().err


def test_help_and_the_docs_list_the_same_options() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "termbook", "likes", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "default 8001" in out
    helped = set(re.findall(r"(--[a-z][a-z-]+)", out)) - {"--help"}
    root = Path(__file__).resolve().parents[1]
    table = (root / "docs" / "likes.md").read_text(encoding="utf-8").split("### Options")[1]
    table = table.split("\n\n", 2)[1]  # the table, up to the blank line after it
    documented = set(re.findall(r"`(--[a-z][a-z-]+)", table))
    assert helped == documented
    reference = (root / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    synopsis = reference.split("termbook likes serve", 1)[1].split("```", 1)[0]
    assert helped == set(re.findall(r"\[(--[a-z][a-z-]+)", synopsis))


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--forwarded-allow-ips", "*"], "would let anyone forge X-Forwarded-For"),
        (["--forwarded-allow-ips", "10.0.0.0/8,proxy"], "'proxy' is not an IP address"),
    ],
)
def test_serve_refuses_proxies_it_cannot_trust(option: list[str], message: str, capsys) -> None:
    assert main(["likes", "serve", *option]) == 2
    assert message in capsys.readouterr().err


def test_serve_refuses_a_limit_that_is_not_one(capsys) -> None:
    for option in (["--address-limit", "-1"], ["--address-limit", "²"], ["--body-timeout", "0"]):
        with pytest.raises(SystemExit) as exited:
            main(["likes", "serve", *option])
        assert exited.value.code == 2
    assert "is not a whole number" in capsys.readouterr().err


def test_behind_a_trusted_proxy_the_read_limit_applies_per_reader(tmp_path: Path) -> None:
    from likesharness import ServiceProcess, catalog_file, request

    terms = catalog_file(tmp_path / "site", 3)
    options = ("--read-limit", "2", "--forwarded-allow-ips", "127.0.0.1")
    service = ServiceProcess(str(tmp_path / "likes.db"), *options, terms=terms).start()
    try:
        url = service.url + "/likes?term=term-00000"

        def status(reader: str) -> int:
            return request("GET", url, headers={"X-Forwarded-For": reader})[0]

        assert [status("203.0.113.7") for _ in range(3)] == [200, 200, 429]
        assert status("198.51.100.9") == 200  # another reader behind the same proxy
    finally:
        service.stop()
