"""Benchmark the cross-linker on a synthetic glossary.

    python benchmarks/bench_linker.py --terms 5000

Generates the corpus (``benchmarks/corpus.py``), renders each definition with Markdown (not
timed), builds the matcher once and links every definition's HTML as its own term page, the
way the plugin does. Prints the matcher build time and the total and per-page linking time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "benchmarks")]

import markdown  # noqa: E402
from corpus import generate_corpus  # noqa: E402
from termbook.linker import Linker, LinkTarget  # noqa: E402
from termbook.text import slugify  # noqa: E402


def targets_of(corpus: list[dict]) -> list[LinkTarget]:
    return [LinkTarget(slugify(t["term"]), (t["term"], *t["aliases"])) for t in corpus]


def pages_of(corpus: list[dict]) -> list[tuple[str, str]]:
    """(slug, HTML) for each term page: its definition and examples rendered as Markdown."""
    md = markdown.Markdown()
    pages = []
    for term in corpus:
        source = term["definition"] + "".join(f"\n\n- {e}" for e in term["examples"])
        pages.append((slugify(term["term"]), md.reset().convert(source)))
    return pages


def run(n: int, seed: int, repeat: int) -> None:
    corpus = generate_corpus(n, seed)
    targets = targets_of(corpus)
    pages = pages_of(corpus)
    names = sum(len(t.names) for t in targets)
    size = sum(len(html) for _, html in pages)
    print(f"terms: {n}  names+aliases: {names}  pages: {len(pages)}  HTML: {size / 1e6:.2f} MB")

    start = time.perf_counter()
    linker = Linker(targets)
    build = time.perf_counter() - start
    print(f"matcher build: {build:.3f} s  ({linker.matcher.size} surface forms)")

    totals = []
    links = 0
    for _ in range(repeat):
        links = 0
        start = time.perf_counter()
        for slug, html in pages:
            result = linker.link_html(html, url_for=_url, current_slug=slug)
            links += len(result.mentions)
        totals.append(time.perf_counter() - start)
    best = min(totals)
    print(
        f"linking: {best:.3f} s total (best of {repeat}, median {statistics.median(totals):.3f} s)"
        f"  {best / len(pages) * 1e3:.3f} ms/page  {links} links"
    )


def _url(slug: str) -> str:
    return f"../{slug}/"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    run(args.terms, args.seed, args.repeat)


if __name__ == "__main__":
    main()
