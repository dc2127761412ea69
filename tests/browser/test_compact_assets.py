"""The shipped style sheet is its source without comments and spare whitespace: Chromium reads
the same rules from both (the shipped scripts run in every other browser test)."""

from __future__ import annotations

from playwright.sync_api import Page

from termbook.resources import ASSETS, compact_css

RULES = """(css) => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return Array.from(sheet.cssRules, (rule) => rule.cssText);
}"""


def test_compacted_site_css_has_the_rules_of_its_source(page: Page):
    source = (ASSETS / "site.css").read_text(encoding="utf-8")
    shipped = compact_css(source)
    assert len(shipped) < 0.8 * len(source)
    page.set_content("<!doctype html><title>Rules</title>")
    rules = page.evaluate(RULES, source)
    assert len(rules) > 100
    assert page.evaluate(RULES, shipped) == rules
