"""Widget benchmark: what a portal page downloads before its marks appear, and how fast it marks.

For each N, the synthetic glossary (`corpus.generate_corpus`) is checked and its published files
made by the build's own code (`published_files`: the JSON API, the names index, the assembled
widget). A portal page of about 2,000 words of prose mentioning the glossary's terms (the
corpus's definitions, as plain text) loads `termbook.js` with one script tag, served by a
local HTTP server, in Debian's Chromium. Printed per N and per mode (first mentions, every
mention):

- bytes the widget downloaded before its marks appeared (every response the page received
  until the widget said "ready", the page itself excluded), and the names index alone, raw and
  gzip-compressed (what a server with compression sends), against the old approach, which
  fetched `api/terms.json` before marking anything;
- milliseconds from the names index arriving (its Resource Timing `responseEnd`) to the marks
  in the page (the widget's `data-tb-widget="ready"`): parsing the index, building the matcher
  and marking; min, median and max of --repeat page loads, the marks counted, and the
  machine's load average (on a busy machine the minimum is the fairest figure).

    python benchmarks/bench_widget.py --terms 2000 5000

Targets (issue 10): at most 5% of the old bytes; a 2,000-word page marked in under 200 ms after
the index arrives.
"""

from __future__ import annotations

import argparse
import gzip
import html
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import write_termbook_project
from bench_search import CHROMIUM, serve
from corpus import generate_corpus

from termbook.glossary.rendered import check_terms
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.files import content_of, published_files

PAGE_WORDS = 2000
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lesson</title>
<script src="assets/termbook/termbook.js" data-scope="main" data-mode="{mode}" data-max="100000" defer></script>
</head><body><main>
{paragraphs}
</main></body></html>
"""
WATCH = """
window.__tbReady = 0;
new MutationObserver(() => {
  if (document.documentElement.getAttribute("data-tb-widget") === "ready" && !window.__tbReady)
    window.__tbReady = performance.now();
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-tb-widget"] });
"""
_MARKUP = re.compile(r"\*\*|\[\[|\]\]")


def publish(root: Path, corpus: list[dict]) -> dict[str, bytes]:
    """The site's published files (API, names index, embedding kit), as the build makes them."""
    write_termbook_project(root, corpus)
    checked = check_terms(root / "terms", root)
    files = published_files(checked, SiteInfo(name="Bench"))
    wanted = ("api/", urls.ASSETS)
    made = {}
    for path, value in files.items():
        if path.startswith(wanted):
            content = content_of(value)
            made[path] = content.encode("utf-8") if isinstance(content, str) else content
    return made


def portal_page(corpus: list[dict], words: int = PAGE_WORDS) -> str:
    """Paragraphs of the corpus's prose until ``words`` words, as a lesson page would have."""
    paragraphs, count = [], 0
    for item in corpus:
        text = _MARKUP.sub("", item["definition"])
        for paragraph in text.split("\n\n"):
            taken = paragraph.split()[: words - count]
            paragraphs.append(f"<p>{html.escape(' '.join(taken))}</p>")
            count += len(taken)
            if count >= words:
                return "\n".join(paragraphs)
    return "\n".join(paragraphs)


def measure(browser, base: str, page_name: str) -> tuple[int, float, int]:
    """(bytes received before ready, ms from the index's arrival to ready, marks)."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WATCH)
    received: list[tuple[str, int]] = []
    page.on("requestfinished", lambda request: received.append((request.url, request)))
    page.goto(base + page_name)
    page.wait_for_function("window.__tbReady > 0", timeout=60_000)
    ready = page.evaluate("window.__tbReady")
    arrived = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".find(e => e.name.endsWith('api/names.json')).responseEnd"
    )
    marks = page.locator("a.tb-term").count()
    total = 0
    for url, request in received:
        if url.endswith(page_name) or url.endswith("favicon.ico"):
            continue
        response = request.response()
        if response is not None:
            total += len(response.body())
    context.close()
    return total, ready - arrived, marks


def kb(size: int) -> str:
    return f"{size / 1024:8.1f} KB"


def bench(n: int, seed: int, repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    corpus = generate_corpus(n, seed)
    with tempfile.TemporaryDirectory(prefix=f"tb-widget-{n}-") as tmp:
        root = Path(tmp)
        files = publish(root / "project", corpus)
        site = root / "site"
        for path, content in files.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        page_html = portal_page(corpus)
        for mode in ("first", "all"):
            (site / f"lesson-{mode}.html").write_text(
                PAGE.format(mode=mode, paragraphs=page_html), encoding="utf-8"
            )
        old = files[urls.TERMS_API]
        index = files[urls.NAMES_API]
        widget = files[urls.ASSETS + "termbook.js"]
        words = len(re.sub(r"<[^>]+>", " ", page_html).split())
        print(f"N = {n} terms, a page of {words} words")
        print(f"  old: api/terms.json      {kb(len(old))} raw {kb(len(gzip.compress(old)))} gzip")
        print(
            f"  new: api/names.json      {kb(len(index))} raw {kb(len(gzip.compress(index)))} gzip"
            f"   {len(index) / len(old):6.2%} raw, "
            f"{len(gzip.compress(index)) / len(gzip.compress(old)):6.2%} gzip of the old"
        )
        print(
            f"       termbook.js          {kb(len(widget))} raw {kb(len(gzip.compress(widget)))} gzip"
        )
        with sync_playwright() as playwright, serve(site) as base:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for mode in ("first", "all"):
                runs = [measure(browser, base, f"lesson-{mode}.html") for _ in range(repeat)]
                downloaded = runs[0][0]
                times = [run[1] for run in runs]
                print(
                    f"  mode {mode:5}: downloaded before marks {kb(downloaded)} "
                    f"({downloaded / (len(old) + len(widget)):6.2%} of old terms.json + widget); "
                    f"index arrived → marked: min {min(times):5.1f} ms, "
                    f"median {statistics.median(times):5.1f} ms, max {max(times):5.1f} ms "
                    f"({runs[0][2]} marks; load average {os.getloadavg()[0]:.1f} on "
                    f"{os.cpu_count()} CPUs)"
                )
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for n in args.terms:
        bench(n, args.seed, args.repeat)


if __name__ == "__main__":
    main()
