"""Relative links between site paths: what every generated link is made of."""

from __future__ import annotations

import pytest
from mkdocs.utils import get_relative_url

from termbook.pages.urls import absolute, relative


@pytest.mark.parametrize(
    ("target", "base", "expected"),
    [
        ("terms/grip/", "terms/key-grip/", "../grip/"),
        ("terms/grip/", "", "terms/grip/"),
        ("terms/grip/", "articles/a-day-on-set/", "../../terms/grip/"),
        ("api/terms/grip.json", "terms/grip/", "../../api/terms/grip.json"),
        ("terms/", "terms/", "./"),
        ("terms/", "terms/grip/", "../"),
        ("terms/grip/", "terms/", "grip/"),
        ("categories/crew/", "terms/grip/", "../../categories/crew/"),
        ("terms/grip.html", "articles/day.html", "../terms/grip.html"),
        ("images/a.svg", "terms/grip/", "../../images/a.svg"),
    ],
)
def test_relative_links(target, base, expected):
    assert relative(target, base) == expected
    assert get_relative_url(target, base).rstrip("/") == expected.rstrip("/") or expected == "./"


def test_links_to_the_root_keep_a_trailing_slash():
    assert relative("", "terms/grip/") == "../../"


def test_absolute_needs_a_site_url():
    assert absolute("https://example.org/g/", "terms/grip/") == "https://example.org/g/terms/grip/"
    assert absolute("", "terms/grip/") == ""
