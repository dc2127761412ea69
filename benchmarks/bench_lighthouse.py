"""Lighthouse benchmark: what a reader's browser makes of Termbook's pages, against plain Material.

Builds, in the same run and from the same synthetic corpus (`corpus.generate_corpus`), a Termbook
site and a plain MkDocs + Material site of the same pages (`bench_build`'s projects, plus plain
Markdown pages for a letter and a category, listing their terms with a one-line summary as
Termbook's do), serves each with a local server that compresses text with gzip as real hosts do,
and runs Lighthouse (npm `lighthouse`, on Debian's Chromium, offline) on five pages: home, a
term page, the A–Z entry page, the fullest letter's page and the largest category's page, with
the desktop and the mobile preset. Prints one table: performance, accessibility, best practices
and SEO per page, Termbook / plain, and the HTML weight of each page.

    python benchmarks/bench_lighthouse.py --terms 2000 5000

Targets (issue 14): at 5,000 terms, performance ≥ 95 on desktop and ≥ 90 on mobile on every
page, accessibility 100, and no score below the plain site's for the same page.
Slow (a minute or so per Lighthouse run on two cores): `--pages` and `--presets` narrow it.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import yaml
from bench_build import timed_build, write_plain_project, write_termbook_project
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
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(QuietHandler):
    """Static files, text gzipped when the browser accepts it, cached ten minutes (GitHub
    Pages' policy): what a reader's browser gets from a real host."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
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


def lighthouse(url: str, preset: str, out: Path, tries: int = 2) -> dict[str, float | None]:
    """Scores (0–100) of one Lighthouse run; None each when it failed ``tries`` times (a
    protocol timeout on a loaded machine), shown as "-" rather than ending the run."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--max-wait-for-load=60000",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for _ in range(tries):
        out.unlink(missing_ok=True)
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if not done.returncode and out.is_file():
            break
        print(f"  lighthouse failed on {url}: {done.stderr.strip()[-300:]}", file=sys.stderr)
    else:
        return dict.fromkeys(CATEGORIES)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def html_size(site: Path, path: str) -> int:
    return (site / path / "index.html").stat().st_size


def bench(
    n: int, presets: list[str], pages: list[str], keep: Path | None, sites_run: list[str]
) -> list[str]:
    corpus = generate_corpus(n, seed=7)
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"tb-lighthouse-{n}-") as tmp:
        tmp_path = keep / str(n) if keep else Path(tmp)
        ours, plain = tmp_path / "termbook" / "mkdocs.yml", tmp_path / "plain" / "mkdocs.yml"
        built = all((c.parent / "site" / "index.html").is_file() for c in (ours, plain))
        if built:  # a --keep folder of an earlier run: the same sites, served where they were
            ports = {k: port_of(c) for k, c in (("termbook", ours), ("plain", plain))}
            paths = add_plain_lists(plain.parent / "docs", tmp_path / "termbook")
        else:
            ours = write_termbook_project(tmp_path / "termbook", corpus)
            plain = write_plain_project(tmp_path / "plain", corpus, tmp_path / "termbook")
            paths = add_plain_lists(plain.parent / "docs", tmp_path / "termbook")
            ports = {"termbook": free_port(), "plain": free_port()}
            host_here(ours, ports["termbook"])
            host_here(plain, ports["plain"])
            for config in (plain, ours):
                timed_build(config)
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
            serve(sites["termbook"], ports["termbook"], GzipHandler) as ours_url,
            serve(sites["plain"], ports["plain"], GzipHandler) as plain_url,
        ):
            bases = {"termbook": ours_url, "plain": plain_url}
            for preset in presets:
                for page in pages:
                    scores = {}
                    for name in ("termbook", "plain"):
                        out = tmp_path / f"lh-{name}-{preset}-{page}.json"
                        if name not in sites_run:
                            scores[name] = dict.fromkeys(CATEGORIES)
                            continue
                        scores[name] = lighthouse(bases[name] + targets[name][page], preset, out)
                    sizes = {k: html_size(sites[k], targets[k][page]) for k in sites}
                    cells = "  ".join(
                        f"{SHORT[c]} {_score(scores['termbook'][c]):>3}/{_score(scores['plain'][c]):<3}"
                        for c in CATEGORIES
                    )
                    worse = [
                        c
                        for c in CATEGORIES
                        if (scores["termbook"][c] or 0) < (scores["plain"][c] or 0)
                    ]
                    row = (
                        f"| {n:5} | {preset:7} | {page:8} | {cells} | "
                        f"{sizes['termbook'] / 1e3:6.0f} KB / {sizes['plain'] / 1e3:6.0f} KB |"
                        + (f" below plain: {', '.join(worse)}" if worse else "")
                    )
                    print(row, flush=True)
                    rows.append(row)
    return rows


def _score(value: float | None) -> str:
    return "-" if value is None else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument("--presets", nargs="+", default=["desktop", "mobile"])
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES)
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the sites in KEEP/N/ and keep them (sites already there are used again)",
    )
    parser.add_argument(
        "--sites",
        nargs="+",
        default=["termbook", "plain"],
        choices=["termbook", "plain"],
        help="run Lighthouse on these only (both are built; a skipped one shows '-')",
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("npm install first: Lighthouse is a dev dependency in package.json")
    print("Scores termbook/plain (0–100); HTML of the page termbook / plain.")
    print("|     N | preset  | page     | scores" + " " * 54 + "| HTML |")
    rows = [
        row for n in args.terms for row in bench(n, args.presets, args.pages, args.keep, args.sites)
    ]
    low = Counter(row.split("|")[3].strip() for row in rows if "below plain" in row)
    print(f"{len(rows)} rows, {sum(low.values())} with a score below plain's")


if __name__ == "__main__":
    main()
