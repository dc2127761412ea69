"""Benchmark the cross-linker on a synthetic glossary.

    python benchmarks/bench_linker.py --terms 5000

Generates the corpus (``benchmarks/corpus.py``), renders each definition with Markdown (not
timed), builds the matcher once and links every definition's HTML as its own term page, the
way the plugin does. Prints the matcher build time and the total and per-page linking time.

``--compare`` also runs the same pages through an Aho-Corasick matcher (pyahocorasick) with the
same rules, checks that the output is identical and prints its times: the evidence for which
matcher the linker ships.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "benchmarks")]

import ahocorasick  # noqa: E402
import markdown  # noqa: E402
from corpus import generate_corpus  # noqa: E402

from termbook.linking._match import Matcher  # noqa: E402
from termbook.linking.linker import Linker, LinkTarget  # noqa: E402
from termbook.names import exact_form, fold_same_length, is_unspaced  # noqa: E402
from termbook.names.folding import slugify  # noqa: E402


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


class AhoCorasickMatcher:
    """The regex matcher's contract on pyahocorasick, for comparison: the automaton reports
    every occurrence of every form; Python keeps the longest whole-word one at each start."""

    def __init__(self, forms: dict[str, tuple[str, object]]) -> None:
        self._forms = forms
        self._automaton = ahocorasick.Automaton()
        for key in forms:
            self._automaton.add_word(key, (len(key), key))
        self._automaton.make_automaton()
        self.size = len(forms)

    def finditer(self, text: str, pos: int = 0):
        folded = fold_same_length(text)
        squeezed, where = _squeeze(folded)
        start_at = where.index(pos) if where is not None else pos
        longest: dict[int, tuple[int, str]] = {}
        size = len(squeezed)
        for end, (length, key) in self._automaton.iter(squeezed, start_at):
            start = end - length + 1
            if not is_unspaced(key[0]) and start > 0 and _word(squeezed[start - 1]):
                continue
            if not is_unspaced(key[-1]) and end + 1 < size and _word(squeezed[end + 1]):
                continue
            if longest.get(start, (-1,))[0] < end:
                longest[start] = (end, key)
        after = start_at
        for start in sorted(longest):
            if start < after:
                continue
            end, key = longest[start]
            slug, exact = self._forms[key]
            begin, stop = (start, end + 1) if where is None else (where[start], where[end + 1])
            if exact is not None and exact_form(text[begin:stop]) != exact:
                continue
            yield begin, stop, slug
            after = end + 1


_OTHER_SPACE = re.compile(r"[^\S ]")


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _squeeze(text: str) -> tuple[str, list[int] | None]:
    """Whitespace runs as one space (names match across line breaks), with a position map."""
    if "  " not in text and not _OTHER_SPACE.search(text):
        return text, None
    out, where = [], []
    previous_space = False
    for index, ch in enumerate(text):
        if ch.isspace():
            if previous_space:
                continue
            previous_space = True
            ch = " "
        else:
            previous_space = False
        out.append(ch)
        where.append(index)
    where.append(len(text))
    return "".join(out), where


def link_all(linker: Linker, pages: list[tuple[str, str]]) -> tuple[list[str], int]:
    outputs, links = [], 0
    for slug, html in pages:
        result = linker.link_html(html, url_for=_url, current_slug=slug)
        outputs.append(result.html)
        links += len(result.mentions)
    return outputs, links


def best_of(repeat: int, function, *args) -> tuple[float, float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function(*args)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), value


def run(n: int, seed: int, repeat: int, compare: bool) -> None:
    corpus = generate_corpus(n, seed)
    targets = targets_of(corpus)
    pages = pages_of(corpus)
    names = sum(len(t.names) for t in targets)
    size = sum(len(html) for _, html in pages)
    print(f"terms: {n}  names+aliases: {names}  pages: {len(pages)}  HTML: {size / 1e6:.2f} MB")

    build, _, linker = best_of(1, Linker, targets)
    print(f"regex matcher build: {build:.3f} s  ({linker.matcher.size} surface forms)")
    best, median, (outputs, links) = best_of(repeat, link_all, linker, pages)
    print(
        f"regex linking: {best:.3f} s total (best of {repeat}, median {median:.3f} s)"
        f"  {best / len(pages) * 1e3:.3f} ms/page  {links} links"
    )
    if not compare:
        return
    regex_matcher: Matcher = linker.matcher
    build, _, linker.matcher = best_of(1, AhoCorasickMatcher, regex_matcher._forms)
    print(f"aho-corasick build: {build:.3f} s (automaton only; names indexed above)")
    best, median, (ac_outputs, _) = best_of(repeat, link_all, linker, pages)
    print(
        f"aho-corasick linking: {best:.3f} s total (best of {repeat}, median {median:.3f} s)"
        f"  {best / len(pages) * 1e3:.3f} ms/page"
    )
    same = sum(a == b for a, b in zip(outputs, ac_outputs, strict=True))
    print(f"identical output: {same}/{len(pages)} pages")


def _url(slug: str) -> str:
    return f"../{slug}/"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--compare", action="store_true", help="also time Aho-Corasick")
    args = parser.parse_args(argv)
    run(args.terms, args.seed, args.repeat, args.compare)


if __name__ == "__main__":
    main()
