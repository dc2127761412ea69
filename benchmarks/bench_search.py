"""Search benchmark: index size and keystroke-to-results time, Termbook against plain Material.

Builds, in the same run and from the same synthetic corpus (`corpus.generate_corpus`), a
Termbook site and a plain MkDocs + Material site of the same pages (`bench_build`'s projects),
prints both `search/search_index.json` sizes and their ratio, then opens each site in
Debian's Chromium and, for a few queries typed into Material's search box as a reader types
(a key every 60 ms), measures the time from the last keystroke to the last change of the
result list, counted only once Material's search worker has answered every query the page sent
it (so a worker still busy with earlier keystrokes is waited for, not missed), and, apart from
that, how long after loading the page the search was ready (index fetched, parsed and built
in the worker); then the same for the A–Z page's instant filter. Apart from the page's own
search, the worker's setup is timed alone: the index fetched and parsed by the page, then from
the setup message to the worker's "ready" (Termbook's worker unpacks the definition words there,
`termbook.pages.searchpack`, before Material's builds its lunr index). The load average is
printed: on a busy machine, repeat and compare medians.

    python benchmarks/bench_search.py --terms 1000 5000
    python benchmarks/bench_search.py --terms 2000 --long-definitions

Targets (issues 4 and 14): at 5,000 terms an index at most half the plain site's, and results
within 150 ms of the last keystroke, every word of a definition findable included (the last two
queries are words only definitions hold).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import timed_build, write_plain_project, write_termbook_project
from corpus import generate_corpus

CHROMIUM = "/usr/bin/chromium"
KEY_DELAY_MS = 60
SETTLE_MS = 400
"""A result list unchanged for this long after the last keystroke is complete."""

WATCH_SCRIPT = """
window.__tbBench = { keyup: 0, changed: 0, asked: 0, answered: 0, answeredAt: 0, lastQuery: null, final: true };
document.addEventListener("keyup", () => { window.__tbBench.keyup = performance.now(); }, true);
// Watch the queries the page sends the search worker and its results (message types of
// Material's worker protocol: 2 query, 3 result): the list is final only once the last query
// typed is answered, however long the worker takes. Material's worker answers every query in
// turn (final: as many results as queries); Termbook's answers only the newest and names the
// query each result answers (final: the result of the last query).
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      const message = event.data;
      if (!message || message.type !== 3) return;
      const bench = window.__tbBench;
      bench.answered++;
      bench.answeredAt = performance.now();
      bench.final = message.data && "query" in message.data
        ? message.data.query === bench.lastQuery
        : bench.answered >= bench.asked;
    });
  }
  postMessage(message, ...rest) {
    if (message && message.type === 2) {
      const bench = window.__tbBench;
      bench.asked++;
      bench.lastQuery = message.data;
      bench.final = false;
    }
    return super.postMessage(message, ...rest);
  }
};
document.addEventListener("DOMContentLoaded", () => {
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  const changed = () => { window.__tbBench.changed = performance.now(); };
  for (const el of [list, meta]) {
    if (el) new MutationObserver(changed).observe(el, { childList: true, subtree: true, characterData: true, attributes: true });
  }
});
"""
SETTLED = (
    "__tbBench.final && performance.now()"
    " - Math.max(__tbBench.changed, __tbBench.keyup, __tbBench.answeredAt) > {settle}"
)
"""Settled: the last query typed is answered, and nothing changed for a while since."""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(
    root: Path, port: int = 0, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """``root`` served on 127.0.0.1 (any free port unless ``port``) for the ``with`` block."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(root))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def queries_for(corpus: list[dict]) -> list[str]:
    """A headword, an alias, the first letters of a word, two words, and two words that only
    definitions hold (one rare, one in hundreds of them): what readers type."""
    with_alias = next(t for t in corpus if t["aliases"])
    words = [w for t in corpus for w in t["term"].split() if w.isalpha() and len(w) >= 7]
    word = words[len(words) // 3]
    return [
        corpus[len(corpus) // 2]["term"],
        with_alias["aliases"][0],
        word[:5],
        " ".join(corpus[-1]["term"].split()[:2]),
        *definition_words(corpus),
    ]


def definition_words(corpus: list[dict]) -> list[str]:
    """The rarest and the most common word (of 6+ letters) found only in definitions, never
    in a name: a reader searching by what a term does."""
    names = {w.lower() for t in corpus for n in (t["term"], *t["aliases"]) for w in n.split()}
    counts: dict[str, int] = {}
    for term in corpus:
        for w in set(re.findall(r"[a-z]+", term["definition"].lower())):
            if len(w) >= 6 and w not in names:
                counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts, key=lambda w: (counts[w], w))
    return [ranked[0], ranked[-1]]


def measure(browser, base_url: str, queries: list[str]) -> tuple[list[float], list[float]]:
    """Per query, in a fresh page: seconds from navigation to a ready search (the index
    fetched, parsed and built by the worker), and ms from the last keystroke to the last change
    of the result list once the worker has answered every query typed."""
    latencies = []
    ready_times = []
    for query in queries:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.add_init_script(WATCH_SCRIPT)
        page.goto(base_url)
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta')?.textContent"
            " === 'Type to start searching'",
            timeout=60_000,
        )
        ready_times.append(page.evaluate("performance.now()") / 1000)
        page.click("input.md-search__input")
        page.keyboard.type(query, delay=KEY_DELAY_MS)
        page.wait_for_function(SETTLED.format(settle=SETTLE_MS), timeout=60_000)
        keyup, changed = page.evaluate("[__tbBench.keyup, __tbBench.changed]")
        latencies.append(max(0.0, changed - keyup))
        context.close()
    return ready_times, latencies


WORKER_SETUP = """async () => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const started = performance.now();
    const index = await (await fetch(new URL("search/search_index.json", location.href))).json();
    const parsed = performance.now();
    const worker = new Worker(new URL(config.search, location.href));
    await new Promise((resolve) => {
        worker.onmessage = (event) => { if (event.data.type === 1) resolve(); };
        const data = { config: index.config, docs: index.docs, options: { suggest: false } };
        worker.postMessage({ type: 0, data });
    });
    const ready = performance.now();
    worker.terminate();
    return [parsed - started, ready - parsed];
}"""
"""ms to fetch and parse the index in the page, and ms from the setup message (the worker
started, the index copied to it) to the worker's "ready"."""


def measure_setup(browser, base_url: str, runs: int = 5) -> tuple[list[float], list[float]]:
    """Per run, in a fresh page whose own search is ready (so nothing else is busy): ms to
    fetch and parse the index, and ms for the search worker's setup (`WORKER_SETUP`)."""
    fetched, setup = [], []
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(base_url)
        page.wait_for_function(
            "document.querySelector('.md-search-result__meta')?.textContent"
            " === 'Type to start searching'",
            timeout=60_000,
        )
        parse_ms, setup_ms = page.evaluate(WORKER_SETUP)
        fetched.append(parse_ms)
        setup.append(setup_ms)
        context.close()
    return fetched, setup


def measure_az(browser, base_url: str, queries: list[str]) -> list[float]:
    """ms from the last keystroke (its input event) in the A–Z filter to the last change of the list."""
    latencies = []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "terms/")
    page.evaluate(
        """() => {
        window.__tbBench = { keyup: 0, changed: 0 };
        document.addEventListener("input", () => { __tbBench.keyup = performance.now(); }, true);
        const note = () => { __tbBench.changed = performance.now(); };
        for (const el of [document.getElementById("tb-az-list"), document.querySelector(".tb-az-count")])
          new MutationObserver(note).observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
    }"""
    )
    box = page.locator("input.tb-az-filter")
    for query in queries:
        box.fill("")
        page.wait_for_timeout(SETTLE_MS)
        box.press_sequentially(query.lower(), delay=KEY_DELAY_MS)
        page.wait_for_function(
            f"performance.now() - Math.max(__tbBench.changed, __tbBench.keyup) > {SETTLE_MS}"
        )
        keyup, changed = page.evaluate("[__tbBench.keyup, __tbBench.changed]")
        latencies.append(max(0.0, changed - keyup))
    context.close()
    return latencies


def bench(n: int, seed: int, keep: Path | None, long_definitions: bool = False) -> None:
    import gzip

    from playwright.sync_api import sync_playwright

    corpus = generate_corpus(n, seed, long_definitions)
    queries = queries_for(corpus)
    with tempfile.TemporaryDirectory(prefix=f"tb-search-{n}-") as tmp:
        tmp_path = keep / str(n) if keep else Path(tmp)
        ours = write_termbook_project(tmp_path / "termbook", corpus)
        plain = write_plain_project(tmp_path / "plain", corpus, tmp_path / "termbook")
        sites = {"plain": plain.parent / "site", "termbook": ours.parent / "site"}
        for config in (plain, ours):
            timed_build(config)
        sizes = {k: (v / "search" / "search_index.json").stat().st_size for k, v in sites.items()}
        zipped = {
            k: len(gzip.compress((v / "search" / "search_index.json").read_bytes(), 9))
            for k, v in sites.items()
        }
        kind = ", long definitions" if long_definitions else ""
        print(f"N = {n} terms{kind}, queries {queries}")
        print(
            f"  search_index.json  plain {sizes['plain'] / 1e6:6.2f} MB ({sizes['plain'] / n / 1e3:.2f} KB/term)"
            f"  termbook {sizes['termbook'] / 1e6:6.2f} MB ({sizes['termbook'] / n / 1e3:.2f} KB/term)"
            f"  ratio {sizes['termbook'] / sizes['plain']:.2f};"
            f" gzip -9 plain {zipped['plain'] / 1e6:.2f} MB termbook {zipped['termbook'] / 1e6:.2f} MB"
            f" ratio {zipped['termbook'] / zipped['plain']:.2f}"
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            for name, site in sites.items():
                with serve(site) as url:
                    fetched, setup = measure_setup(browser, url)
                    ready, latencies = measure(browser, url, queries)
                    az = measure_az(browser, url, queries) if name == "termbook" else []
                print(
                    f"  {name:9} index fetched and parsed: median {statistics.median(fetched):4.0f} ms;"
                    f" worker setup (message to ready): median {statistics.median(setup):4.0f} ms,"
                    f" max {max(setup):4.0f} ms ({', '.join(f'{x:.0f}' for x in setup)})"
                )
                print(
                    f"  {name:9} search ready after load: median {statistics.median(ready):5.2f} s,"
                    f" max {max(ready):5.2f} s; last keystroke → results final"
                    f" median {statistics.median(latencies):4.0f} ms, max {max(latencies):4.0f} ms"
                    f" ({', '.join(f'{x:.0f}' for x in latencies)})"
                )
                if az:
                    print(
                        f"  {name:9} A–Z filter: last keystroke → list filtered"
                        f" median {statistics.median(az):4.0f} ms, max {max(az):4.0f} ms"
                        f" ({', '.join(f'{x:.0f}' for x in az)})"
                    )
            print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the sites in KEEP/N/ and keep them")
    parser.add_argument(
        "--long-definitions",
        action="store_true",
        help="definitions of 300 to 450 words over a rich vocabulary (corpus.generate_corpus)",
    )
    args = parser.parse_args()
    for n in args.terms:
        bench(n, args.seed, args.keep, args.long_definitions)


if __name__ == "__main__":
    main()
