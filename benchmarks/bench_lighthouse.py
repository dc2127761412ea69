"""Lighthouse benchmark: what a reader's browser makes of Termbook's pages, against plain Material.

Builds, in the same run and from the same synthetic corpus (`corpus.generate_corpus`), a Termbook
site and a plain MkDocs + Material site of the same pages (`bench_build`'s projects, plus plain
Markdown pages for a letter and a category, listing their terms with a one-line summary as
Termbook's do), serves each as a real host does (brotli or gzip, a year's cache for Material's
fingerprinted bundles and ten minutes for the rest) and runs Lighthouse (npm `lighthouse`, on
Debian's Chromium, offline, simulated throttling) on five pages: home, a term page, the A–Z
entry page, the fullest letter's page and the largest category's page, with the desktop and the
mobile preset, each several times, Termbook and plain alternating so both meet the same load.

Prints a Markdown table, one row per page and site, ready to paste into a note: the four scores
of the median run (by performance, with the spread of all runs), the metrics behind performance
(FCP, LCP, TBT, CLS), bytes transferred, HTML size, DOM elements, Lighthouse's CPU index (lower
on a busy machine: scores then drop with it) and the load average; then the audits each page did
not pass. The last column names every target a Termbook page misses.

Reading it: Lighthouse simulates a slow phone from what it observed, so a busy machine (a low CPU
index) lowers scores of both sites. A mobile LCP seconds after FCP with the same LCP element
means the simulation counted a download that started before the observed paint. The largest one,
`search/search_index.json` (the bulk of "transfer"), is held back until the page has loaded
(`assets/termbook/theme-scope.js`); the plain site fetches its index while the page paints.

    python benchmarks/bench_lighthouse.py --terms 2000 5000 --runs 3

Targets (issue 14): at 5,000 terms, performance ≥ 95 on desktop and ≥ 90 on mobile on every
page, accessibility 100, and no score below the plain site's for the same page.
Slow (20–60 s per Lighthouse run on two cores): `--pages`, `--presets` and `--runs` narrow it,
`--keep` builds the sites once for several runs.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import brotli
import yaml
from bench_build import load_average, timed_build, write_plain_project, write_termbook_project
from bench_search import QuietHandler, serve
from corpus import generate_corpus

from termbook.glossary.rendered import check_terms
from termbook.names.folding import slugify

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
PAGES = ("home", "term", "a-z", "letter", "category")
PERFORMANCE_TARGET = {"desktop": 95, "mobile": 90}
LOCAL = "http://127.0.0.1:"
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")  # Material's fingerprinted bundles
_compressed_cache: dict[tuple[Path, str], bytes] = {}


def compressed(path: Path, encoding: str) -> bytes:
    """The file's bytes in ``encoding``, made once per file (hosts keep them too)."""
    key = (path, encoding)
    if key not in _compressed_cache:
        data = path.read_bytes()
        _compressed_cache[key] = (
            brotli.compress(data, quality=5) if encoding == "br" else gzip.compress(data, 6)
        )
    return _compressed_cache[key]


def cache_control(path: str) -> str:
    """A year for fingerprinted bundles, ten minutes for the rest (GitHub Pages' policy)."""
    if HASHED.search(path.split("?")[0]):
        return "public, max-age=31536000, immutable"
    return "public, max-age=600"


class HostHandler(QuietHandler):
    """Static files as a real host serves them: over persistent connections, text in brotli or
    gzip (whichever the browser accepts, brotli first, as Netlify and Cloudflare do), with
    caching headers. (Real hosts speak HTTP/2; HTTP/1.1 keep-alive is the nearest the standard
    library gets, and Lighthouse's simulation then allows six connections per host.)"""

    protocol_version = "HTTP/1.1"

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        accepted = {
            e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")
        }
        encoding = next((e for e in ("br", "gzip") if e in accepted), None)
        if encoding is None or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = compressed(path, encoding)
        self.send_response(200)
        self.send_header("Content-Type", f"{self.guess_type(str(path))}; charset=utf-8")
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", cache_control(self.path))
        super().end_headers()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def host_here(config_file: Path, port: int) -> None:
    """The site's URL is where it is served (so canonical and oEmbed links resolve offline), and
    no Google Fonts (unreachable offline: a failed request on every page of both sites)."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["site_url"] = f"http://127.0.0.1:{port}/"
    config["theme"] = {**config["theme"], "font": False}
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def port_of(config_file: Path) -> int:
    site_url = yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"]
    return int(site_url.rstrip("/").rsplit(":", 1)[1])


def add_plain_lists(plain_docs: Path, termbook_root: Path) -> dict[str, str]:
    """Plain Markdown pages for the fullest letter and the largest category, each term with
    its link and summary; returns the plain site's path of every benchmarked page."""
    checked = check_terms(termbook_root / "terms", termbook_root, dates=False)
    glossary, entries = checked.glossary, checked.entries
    letter, terms = max(glossary.by_letter().items(), key=lambda item: len(item[1]))
    category = max(glossary.categories.values(), key=lambda c: len(c.terms))
    lists = {
        "letters": (letter, terms),
        "categories": (category.name, [glossary.terms[s] for s in category.terms]),
    }
    for folder, (title, members) in lists.items():
        (plain_docs / folder).mkdir(exist_ok=True)
        lines = [f"# {title}", ""]
        lines += [f"- [{t.name}](../terms/{t.slug}.md): {entries[t.slug].summary}" for t in members]
        name = slugify(title) or "other"
        (plain_docs / folder / f"{name}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    term = list(glossary)[len(glossary) // 2]
    return {
        "home": "",
        "term": f"terms/{term.slug}/",
        "a-z": "terms/",
        "letter": f"letters/{slugify(letter) or 'other'}/",
        "category": f"categories/{slugify(category.name)}/",
        "_termbook_letter": f"terms/{'0-9' if letter == '#' else letter.lower()}/",
        "_termbook_category": f"categories/{category.slug}/",
    }


@dataclass
class Run:
    """What one Lighthouse run measured: the four scores (0–100) and, to tell why performance
    is what it is, the metrics behind it, the bytes sent and the machine's speed at the time."""

    scores: dict[str, int]
    fcp: float  # seconds
    lcp: float  # seconds
    tbt: float  # milliseconds
    cls: float
    transfer: int  # bytes over the wire, headers included
    dom: int  # elements
    benchmark_index: float  # Lighthouse's measure of the CPU (lower: slower or busier)
    offsite: list[str]  # requests that left 127.0.0.1 (must stay empty: offline)
    failing: list[str]  # accessibility, best-practice and SEO audits that did not pass


def run_from(report: dict) -> Run:
    audits = report["audits"]

    def value(audit: str) -> float:
        return audits[audit].get("numericValue") or 0

    requests = audits["network-requests"].get("details", {}).get("items", [])
    offsite = [
        r["url"] for r in requests if r["url"].startswith("http") and not r["url"].startswith(LOCAL)
    ]
    failing = [
        ref["id"]
        for c in CATEGORIES[1:]
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] and audits[ref["id"]]["score"] not in (None, 1)
    ]
    return Run(
        scores={c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES},
        fcp=value("first-contentful-paint") / 1000,
        lcp=value("largest-contentful-paint") / 1000,
        tbt=value("total-blocking-time"),
        cls=value("cumulative-layout-shift"),
        transfer=int(value("total-byte-weight")),
        dom=int(value("dom-size")),
        benchmark_index=report["environment"]["benchmarkIndex"],
        offsite=offsite,
        failing=failing,
    )


def lighthouse(url: str, preset: str, out: Path, tries: int = 2) -> Run | None:
    """One Lighthouse run (simulated throttling, its default: what the targets mean) in
    Debian's Chromium; None when it failed ``tries`` times (a protocol timeout on a loaded
    machine), shown as "-" rather than ending the run. Offline: every host but this one goes to
    a proxy that does not exist, so a request off the machine fails and is reported."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--throttling-method=simulate",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"
        " --proxy-server=http://127.0.0.1:9",
        "--max-wait-for-load=60000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for _ in range(tries):
        out.unlink(missing_ok=True)
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if not done.returncode and out.is_file():
            return run_from(json.loads(out.read_text(encoding="utf-8")))
        print(f"  lighthouse failed on {url}: {done.stderr.strip()[-300:]}", file=sys.stderr)
    return None


def median_run(runs: list[Run]) -> Run | None:
    """The run with the median performance score (the lower middle of an even count): its
    metrics belong together, as Lighthouse's own median-run advice has it."""
    if not runs:
        return None
    return sorted(runs, key=lambda r: r.scores["performance"])[(len(runs) - 1) // 2]


def html_size(site: Path, path: str) -> int:
    return (site / path / "index.html").stat().st_size


HEADER = (
    "| N | preset | page | site | perf | a11y | bp | seo | FCP s | LCP s | TBT ms | CLS "
    "| transfer KB | HTML KB | DOM | CPU index | load (1 min) | misses |"
)


def row(
    n: int, preset: str, page: str, name: str, runs: list[Run], html: int, plain: Run | None
) -> str:
    """A table row; ``misses`` names every target this page misses (Termbook's rows only)."""
    best = median_run(runs)
    if best is None:
        cells = ["-"] * 12
        misses = ["no run"]
    else:
        perfs = sorted(r.scores["performance"] for r in runs)
        spread = f" ({perfs[0]}–{perfs[-1]})" if perfs[0] != perfs[-1] else ""
        index = statistics.median(r.benchmark_index for r in runs)
        cells = [
            f"{best.scores['performance']}{spread}",
            *(str(best.scores[c]) for c in CATEGORIES[1:]),
            f"{best.fcp:.1f}",
            f"{best.lcp:.1f}",
            f"{best.tbt:.0f}",
            f"{best.cls:.3f}",
            f"{best.transfer / 1e3:.0f}",
            f"{html / 1e3:.0f}",
            str(best.dom),
            f"{index:.0f}",
        ]
        misses = misses_of(preset, name, best, plain)
    return (
        f"| {n} | {preset} | {page} | {name} | "
        + " | ".join(cells)
        + f" | {os.getloadavg()[0]:.1f} | {', '.join(misses)} |"
    )


def misses_of(preset: str, name: str, run: Run, plain: Run | None) -> list[str]:
    misses = [f"offline: {len(run.offsite)} requests left the host"] if run.offsite else []
    if name != "termbook":
        return misses
    floor = PERFORMANCE_TARGET[preset]
    if run.scores["performance"] < floor:
        misses.append(f"perf < {floor}")
    if run.scores["accessibility"] < 100:
        misses.append("a11y < 100")
    if plain is not None:
        misses += [f"{SHORT[c]} < plain" for c in CATEGORIES if run.scores[c] < plain.scores[c]]
    return misses


def bench(
    n: int, presets: list[str], pages: list[str], keep: Path | None, runs: int
) -> tuple[list[str], list[str]]:
    """Both sites built (or found in ``keep``) and served; the table's rows for ``n`` terms and
    the audits each page did not pass."""
    corpus = generate_corpus(n, seed=7)
    rows, failing = [], []
    with tempfile.TemporaryDirectory(prefix=f"tb-lighthouse-{n}-") as tmp:
        tmp_path = keep / str(n) if keep else Path(tmp)
        ours, plain = tmp_path / "termbook" / "mkdocs.yml", tmp_path / "plain" / "mkdocs.yml"
        if not (ours.is_file() and plain.is_file()):
            shutil.rmtree(tmp_path, ignore_errors=True)
            write_termbook_project(tmp_path / "termbook", corpus)
            write_plain_project(tmp_path / "plain", corpus, tmp_path / "termbook")
            for config in (ours, plain):
                host_here(config, free_port())
        paths = add_plain_lists(plain.parent / "docs", tmp_path / "termbook")
        for config in (plain, ours):  # a --keep folder's sites are used again, unless deleted
            if not (config.parent / "site" / "index.html").is_file():
                timed_build(config)
        ports = {"termbook": port_of(ours), "plain": port_of(plain)}
        sites = {"termbook": ours.parent / "site", "plain": plain.parent / "site"}
        targets = {
            "termbook": {
                **paths,
                "letter": paths["_termbook_letter"],
                "category": paths["_termbook_category"],
            },
            "plain": paths,
        }
        with (
            serve(sites["termbook"], ports["termbook"], HostHandler) as ours_url,
            serve(sites["plain"], ports["plain"], HostHandler) as plain_url,
        ):
            bases = {"termbook": ours_url, "plain": plain_url}
            for preset in presets:
                for page in pages:
                    measured: dict[str, list[Run]] = {"termbook": [], "plain": []}
                    for i in range(runs):  # alternating, so both sites meet the same load
                        for name in measured:
                            out = tmp_path / f"lh-{name}-{preset}-{page}-{i}.json"
                            url = bases[name] + targets[name][page]
                            if (done := lighthouse(url, preset, out)) is not None:
                                measured[name].append(done)
                    plain_median = median_run(measured["plain"])
                    for name, done in measured.items():
                        size = html_size(sites[name], targets[name][page])
                        line = row(n, preset, page, name, done, size, plain_median)
                        print(line, flush=True)
                        rows.append(line)
                        if best := median_run(done):
                            failing.append(
                                f"{n} {preset} {page} {name}: {', '.join(best.failing) or '-'}"
                            )
    return rows, failing


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--presets", nargs="+", default=["desktop", "mobile"])
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument(
        "--runs", type=int, default=3, help="Lighthouse runs per page and site; the median shows"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the sites in KEEP/N/ and keep them: a site already there is used again (delete KEEP/N/termbook/site to rebuild Termbook's after a change)",
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("npm install first (make browser): Lighthouse is in package.json")
    version = subprocess.run(
        [str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    chromium = subprocess.run(
        [CHROMIUM, "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"Lighthouse {version}, {chromium}, simulated throttling, median of {args.runs} runs")
    print(f"load average at start: {load_average()} ({os.cpu_count()} cores)\n")
    print(HEADER)
    print("|" + "---|" * (HEADER.count("|") - 1))
    rows, failing = [], []
    for n in args.terms:
        more_rows, more_failing = bench(n, args.presets, args.pages, args.keep, args.runs)
        rows += more_rows
        failing += more_failing
    missing = [
        r for r in rows if r.split("|")[4].strip() == "termbook" and r.split("|")[-2].strip()
    ]
    print(f"\nload average at end: {load_average()}")
    print(f"{len(rows)} rows; Termbook misses a target on {len(missing)} of them")
    print("\nAudits that did not pass (accessibility, best practices, SEO; median run):")
    for line in failing:
        print(f"- {line}")


if __name__ == "__main__":
    main()
