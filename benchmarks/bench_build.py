"""Whole-build benchmark: a Termbook site against a plain MkDocs + Material site of the same pages.

Both sites are built in the same run, on the same machine, from the same synthetic corpus
(`corpus.generate_corpus`): the plain site gets one hand-written Markdown page per term, with the
links already in it, and keeps term pages out of the navigation as Termbook does. The Termbook
site has the embedding kit on (API, embed cards, exports: the default).

First one Termbook build with an empty share-card cache (cold: every card drawn), then --repeat
builds of each site, interleaved, with the cards warm, each into a site folder of its own that
no build used before: what CI does on a clean checkout. Then --repeat rebuilds of plain and
Termbook, interleaved, each over its last build's site: what a second `mkdocs build` does.

The two differ most on file systems that are slow to make a file soon after many were deleted:
ext4 without a journal (this project's CI machines) skips the file numbers freed in the last
5 to 35 seconds, looking at each of them again for every file it makes. A rebuild deletes the
last site and makes a new one, so its time there grows with the site's file count; the
deletions of one build even slow down the next one (the other site's). That is why the fresh
builds of every size come first and delete nothing (every site stays until the end), and why
the two ratios are printed apart. Deletions made just before the benchmark starts (a test run's
temporary folders) still slow its first builds: the cold build, which draws every share card
and is not compared, takes those.

Printed per N: the load average before and after; the cold build; median wall and CPU time (user
+ system of the build and of the worker process it starts) and the ratios Termbook / plain, for
fresh builds and for rebuilds; the kernel's share of each; peak memory of the build process and
of its worker; search index size; the linking time alone, per page; and, at the
--practice-terms sizes, what the Practice section adds (practice pages, questions files,
practice embed cards, study exports): the same Termbook site built with `practice: false`. On a
shared machine trust the CPU ratios more than the wall ones, and look at the load average. With
--one-process, the Termbook site is also built with TERMBOOK_JOBS=1: what its work beside the
build (termbook.runner) saves.

At the --long-terms sizes, the search index is also measured on a glossary of long definitions
in everyday prose's vocabulary (`corpus.generate_corpus(long_definitions=True)`: 300 to 450
words, few of them repeated), where an index of every definition word is largest; each site is
built once there, for its index, whose size is compared as written and gzip -9'd (what a server
that compresses sends; Termbook's definition words are packed, `termbook.pages.searchpack`).

    python benchmarks/bench_build.py --terms 2000 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CATEGORIES, generate_corpus

from termbook.glossary.rendered import check_terms
from termbook.linking.linker import Linker, LinkTarget
from termbook.names.folding import slugify
from termbook.pages.urls import relative, term_page
from termbook.runner import JOBS_VARIABLE

THEME = {"name": "material"}


def write_termbook_project(
    root: Path, corpus: list[dict], practice: bool = True, cards_cache: Path | None = None
) -> Path:
    """A Termbook site of ``corpus``; ``cards_cache``: a share-card cache other sites share."""
    terms = root / "terms"
    terms.mkdir(parents=True)
    for item in corpus:
        data = {k: v for k, v in item.items() if v}
        (terms / f"{slugify(item['term'])}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    categories = {name: {"description": f"Terms about {name.lower()}."} for name in CATEGORIES}
    (terms / "_categories.yaml").write_text(yaml.safe_dump(categories), encoding="utf-8")
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("---\ntemplate: termbook/home.html\n---\n\nWelcome.\n")
    options: dict = {"practice": practice}
    if cards_cache is not None:
        options["cards_cache"] = str(cards_cache)
    config = {
        "site_name": "Bench",
        "site_url": "https://example.org/",
        "theme": THEME,
        "plugins": ["search", {"termbook": options}],
        "nav": [
            {"Home": "index.md"},
            {"A–Z": "terms/index.md"},
            {"Categories": "categories/index.md"},
        ],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def write_plain_project(root: Path, corpus: list[dict], termbook_root: Path) -> Path:
    """The same pages as plain Markdown, with the links written in by hand (here: by our linker,
    run on the Markdown source, which stands in for an author who links every first mention)."""
    checked = check_terms(termbook_root / "terms", termbook_root, dates=False)
    glossary = checked.glossary
    linker = Linker(LinkTarget(t.slug, t.names) for t in glossary)
    docs = root / "docs"
    (docs / "terms").mkdir(parents=True)
    index_lines = ["# A–Z", ""]
    for term in glossary:
        page_url = term_page(term.slug)

        def url_for(slug: str, base: str = page_url) -> str:
            return relative(term_page(slug), base)

        body = [f"# {term.name}", ""]
        if term.aliases:
            body += [f"*Also known as {', '.join(term.aliases)}*", ""]
        body += [
            linker.link_html(term.definition, url_for=url_for, current_slug=term.slug).html,
            "",
        ]
        if term.examples:
            body += ["## Examples", ""] + [f"> {e}\n" for e in term.examples]
        if term.related:
            body += ["## Related terms", ""]
            body += [f"- [{glossary.terms[s].name}]({s}.md)" for s in term.related]
        (docs / "terms" / f"{term.slug}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
        index_lines.append(f"- [{term.name}]({term.slug}.md)")
    (docs / "terms" / "index.md").write_text("\n".join(index_lines) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Bench\n\nWelcome.\n")
    config = {
        "site_name": "Bench",
        "site_url": "https://example.org/",
        "theme": THEME,
        "plugins": ["search"],
        "nav": [{"Home": "index.md"}, {"A–Z": "terms/index.md"}],
        "not_in_nav": "/terms/*.md\n!/terms/index.md",
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


@dataclass(frozen=True)
class Build:
    """One `mkdocs build` in a child process, as `timed_build` measured it."""

    seconds: float
    """Wall time."""
    cpu: float
    """User + system seconds of the build process and of every process it started (the
    embedding kit's worker): the steadier figure on a shared machine, where wall time also
    counts the waits for other processes."""
    rss: float
    """Peak resident memory of the build process, MiB."""
    own_cpu: float
    """CPU seconds of the build process alone: on an idle machine with a core to spare for the
    worker, the build's wall time follows this one."""
    child_rss: float
    """Peak resident memory of the largest process it started (the publishing worker, or the
    one rendering half the entries), MiB; 0 if none. Forked, so pages it shares with the build
    count in both figures."""
    system: float = 0.0
    """System (kernel) seconds of the build process and the processes it started: making and
    deleting files, mostly."""

    @property
    def peak(self) -> float:
        """Build and child together: an upper bound (shared pages counted twice)."""
        return self.rss + self.child_rss


def timed_build(
    config_file: Path, environment: dict[str, str] | None = None, site: Path | None = None
) -> Build:
    """Wall time, CPU time and peak memory of one `mkdocs build` in a child process, into
    ``site`` (default: the project's `site` folder, over the last build there)."""
    site = site or config_file.parent / "site"
    code = (
        "import resource, sys, time\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "start = time.perf_counter()\n"
        f"config = load_config({str(config_file)!r}, site_dir={str(site)!r})\n"
        "config.plugins.on_startup(command='build', dirty=False)\n"
        "build(config)\n"
        "print(time.perf_counter() - start)\n"
        "me = resource.getrusage(resource.RUSAGE_SELF)\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime)\n"
        "try:\n"  # the build's own peak: ru_maxrss would count the benchmark's, from before exec
        "    status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
        "    print(int(status.split()[0]) / 1024)\n"
        "except (OSError, IndexError):\n"
        "    print(me.ru_maxrss / 1024)\n"
        "print(me.ru_utime + me.ru_stime)\n"
        "print(kids.ru_maxrss / 1024)\n"
        "print(me.ru_stime + kids.ru_stime)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            **_passed_environment(),
            **(environment or {}),
        },
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"build of {config_file} failed:\n{done.stderr[-3000:]}")
    return Build(*map(float, done.stdout.split()[-6:]))


def _passed_environment() -> dict[str, str]:
    """PYTHONPATH, if set, so another checkout's package can be measured with this script, and
    TERMBOOK_JOBS (``TERMBOOK_JOBS=1``: what the build costs without its children)."""
    return {
        name: value
        for name, value in os.environ.items()
        if name == "PYTHONPATH" or name.startswith("TERMBOOK_")
    }


def typical(builds: list[Build]) -> Build:
    """Median wall and CPU time of several builds; the worst peak memory."""
    return Build(
        statistics.median(b.seconds for b in builds),
        statistics.median(b.cpu for b in builds),
        max(b.rss for b in builds),
        statistics.median(b.own_cpu for b in builds),
        max(b.child_rss for b in builds),
        statistics.median(b.system for b in builds),
    )


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages: how busy it was while we measured."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def linking_time(root: Path) -> tuple[float, float, int]:
    """Matcher build seconds, total linking seconds over all term bodies, and the page count."""
    checked = check_terms(root / "terms", root, dates=False)
    start = time.perf_counter()
    linker = Linker(LinkTarget(t.slug, t.names, t.autolink) for t in checked.glossary)
    built = time.perf_counter() - start
    bodies = [(e.term.slug, e.definition + "".join(e.examples)) for e in checked.entries.values()]
    start = time.perf_counter()
    for slug, body in bodies:
        linker.link_html(body, url_for=lambda s: f"../{s}/", current_slug=slug)
    return built, time.perf_counter() - start, len(bodies)


def index_sizes(plain: Path, ours: Path, compressed: bool = False) -> tuple[int, int]:
    """The search index's size in bytes, plain and Termbook, of two built sites (their
    folders); ``compressed``: gzip -9'd, as a server that compresses sends it."""
    files = [site / "search" / "search_index.json" for site in (plain, ours)]
    if compressed:
        return tuple(len(gzip.compress(f.read_bytes(), 9)) for f in files)  # type: ignore[return-value]
    return tuple(f.stat().st_size for f in files)  # type: ignore[return-value]


def long_definitions_index(n: int) -> None:
    """Build both sites once from a corpus of long definitions and print the index ratio."""
    corpus = generate_corpus(n, seed=7, long_definitions=True)
    words = statistics.mean(len(t["definition"].split()) for t in corpus)
    with tempfile.TemporaryDirectory(prefix=f"tb-bench-long-{n}-") as tmp:
        tmp_path = Path(tmp)
        ours = write_termbook_project(tmp_path / "termbook", corpus, cards_cache=tmp_path / "c")
        plain = write_plain_project(tmp_path / "plain", corpus, tmp_path / "termbook")
        timed_build(plain)
        timed_build(ours)
        sites = plain.parent / "site", ours.parent / "site"
        p, t = index_sizes(*sites)
        pz, tz = index_sizes(*sites, compressed=True)
    print(
        f"N = {n} terms, long definitions ({words:.0f} words on average, rich vocabulary)\n"
        f"  search index   plain {p / 1e6:7.2f} MB  termbook {t / 1e6:7.2f} MB  "
        f"ratio {t / p:5.2f}x; gzip -9 plain {pz / 1e6:.2f} MB termbook {tz / 1e6:.2f} MB "
        f"ratio {tz / pz:5.2f}x"
    )
    sys.stdout.flush()


def fresh_site(config: Path, name: str, turn: int) -> Path:
    """The site folder of fresh build ``turn`` of the build named ``name`` (the Termbook project
    is built under several names: each gets folders of its own)."""
    return config.parent / f"site-{name.replace(' ', '-')}-{turn}"


@dataclass
class Bench:
    """One size's projects and measurements. The fresh builds of every size are measured before
    any rebuild, and nothing is deleted until the end: a deletion slows the builds after it."""

    n: int
    root: Path
    repeat: int
    practice: bool
    one_process: bool
    runs: dict[str, list[Build]] = field(default_factory=dict)
    rebuilds: dict[str, list[Build]] = field(default_factory=dict)
    loads: list[str] = field(default_factory=list)
    cold: Build | None = None
    cached: int = 0

    def __post_init__(self) -> None:
        corpus = generate_corpus(self.n, seed=7)
        self.cache = self.root / "cards"  # one card cache for both Termbook sites: same cards
        self.ours = write_termbook_project(self.root / "termbook", corpus, cards_cache=self.cache)
        self.plain = write_plain_project(self.root / "plain", corpus, self.root / "termbook")
        self.builds = [("plain", self.plain), ("termbook", self.ours)]
        if self.one_process:
            self.builds.append(("one process", self.ours))
        if self.practice:
            unpractised = write_termbook_project(
                self.root / "no-practice", corpus, False, self.cache
            )
            self.builds.append(("no-practice", unpractised))

    def fresh(self) -> None:
        """The cold build (every share card drawn), then each site into new folders."""
        self.loads.append(load_average())
        self.cold = timed_build(self.ours)
        self.cached = sum(1 for _ in self.cache.rglob("*.png"))
        self.runs = {name: [] for name, _ in self.builds}
        for turn in range(self.repeat):  # interleaved: a busy moment does not hit one site only
            for name, config in self.builds:
                alone = {JOBS_VARIABLE: "1"} if name == "one process" else {}
                fresh = fresh_site(config, name, turn)  # no build used it: a clean checkout
                self.runs[name].append(timed_build(config, alone, fresh))

    def rebuild(self) -> None:
        """Plain and Termbook, each over its last build's site."""
        timed_build(self.plain)  # the site the plain rebuilds start from (Termbook's: the cold one)
        self.rebuilds = {"plain": [], "termbook": []}
        for _ in range(self.repeat):
            for name, config in (("plain", self.plain), ("termbook", self.ours)):
                self.rebuilds[name].append(timed_build(config))
        self.loads.append(load_average())


def report(bench: Bench) -> None:
    """Print what ``bench`` measured."""
    n, repeat, cold, cached = bench.n, bench.repeat, bench.cold, bench.cached
    assert cold is not None
    drawn_warm = sum(1 for _ in bench.cache.rglob("*.png")) - cached
    load_before, load_after = bench.loads[0], bench.loads[-1]
    result = {name: typical(found) for name, found in bench.runs.items()}
    again = {name: typical(found) for name, found in bench.rebuilds.items()}
    sizes = dict(
        zip(
            ("plain", "termbook"),
            index_sizes(fresh_site(bench.plain, "plain", 0), fresh_site(bench.ours, "termbook", 0)),
            strict=True,
        )
    )
    built, linked, pages = linking_time(bench.root / "termbook")
    one_process, practice = bench.one_process, bench.practice
    p, t = result["plain"], result["termbook"]
    print(f"N = {n} terms ({pages} term pages), exports on; median of {repeat} build(s) per site")
    print(f"  load average   {load_before} before, {load_after} after (1, 5, 15 min; 2 cores)")
    print(
        f"  share cards    cold cache: first Termbook build drew {cached} cards, "
        f"{cold.seconds:.2f} s wall, {cold.cpu:.2f} s CPU; "
        f"builds below: warm cache ({drawn_warm} drawn)"
    )
    print(
        f"  build time     plain {p.seconds:7.2f} s   termbook {t.seconds:7.2f} s   "
        f"ratio {t.seconds / p.seconds:5.2f}x (wall; each into a new site folder, as in CI)"
    )
    print(
        f"  build CPU      plain {p.cpu:7.2f} s   termbook {t.cpu:7.2f} s   "
        f"ratio {t.cpu / p.cpu:5.2f}x (user + system, worker included)"
    )
    print(
        f"  main CPU       plain {p.own_cpu:7.2f} s   termbook {t.own_cpu:7.2f} s   "
        f"ratio {t.own_cpu / p.own_cpu:5.2f}x (build process alone: the wall time of an idle "
        f"2-core machine, the worker on the other core)"
    )
    print(
        f"  kernel CPU     plain {p.system:7.2f} s   termbook {t.system:7.2f} s   "
        f"(system time, worker included: making files, mostly)"
    )
    rp, rt = again["plain"], again["termbook"]
    print(
        f"  rebuild        plain {rp.seconds:7.2f} s   termbook {rt.seconds:7.2f} s   "
        f"ratio {rt.seconds / rp.seconds:5.2f}x (wall; over the last build's site); main CPU "
        f"{rt.own_cpu / rp.own_cpu:.2f}x; kernel CPU plain {rp.system:.2f} s, termbook "
        f"{rt.system:.2f} s"
    )
    print(
        f"  peak memory    plain {p.rss:7.0f} MiB termbook {t.rss:7.0f} MiB ratio "
        f"{t.rss / p.rss:5.2f}x (build process); termbook's worker {t.child_rss:.0f} MiB, "
        f"both {t.peak:.0f} MiB at most ({t.peak / p.peak:.2f}x)"
    )
    print(
        f"  search index   plain {sizes['plain'] / 1e6:7.2f} MB  termbook {sizes['termbook'] / 1e6:7.2f} MB  "
        f"ratio {sizes['termbook'] / sizes['plain']:5.2f}x"
    )
    if one_process:
        o = result["one process"]
        print(
            f"  one process    TERMBOOK_JOBS=1 {o.seconds:7.2f} s wall ({o.seconds / p.seconds:5.2f}x), "
            f"{o.cpu:.2f} s CPU ({o.cpu / p.cpu:5.2f}x): the children save "
            f"{o.seconds - t.seconds:+.2f} s wall, {o.own_cpu - t.own_cpu:+.2f} s of the build's CPU"
        )
    if practice:
        u = result["no-practice"]
        print(
            f"  practice       without {u.seconds:7.2f} s   with {t.seconds:7.2f} s   "
            f"adds {(t.seconds / u.seconds - 1) * 100:+5.1f} % (wall)"
        )
        print(
            f"  practice CPU   without {u.cpu:7.2f} s   with {t.cpu:7.2f} s   "
            f"adds {(t.cpu / u.cpu - 1) * 100:+5.1f} % (user + system, worker included)"
        )
    print(
        f"  linking        matcher {built * 1000:.0f} ms, {linked:.2f} s for {pages} pages, "
        f"{linked / pages * 1000:.3f} ms per page"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument(
        "--repeat", type=int, default=3, help="builds per site after the cold one; medians count"
    )
    parser.add_argument(
        "--practice-terms",
        type=int,
        nargs="*",
        default=[2000],
        help="sizes at which a site without the Practice section is built too (default 2000)",
    )
    parser.add_argument(
        "--long-terms",
        type=int,
        nargs="*",
        default=[2000],
        help="sizes at which the index of a glossary of long definitions is measured (2000)",
    )
    parser.add_argument(
        "--one-process",
        action="store_true",
        help="also build the Termbook site with TERMBOOK_JOBS=1: what its child processes save",
    )
    args = parser.parse_args()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tb-bench-") as tmp:
        benches = [
            Bench(n, Path(tmp, str(n)), args.repeat, n in args.practice_terms, args.one_process)
            for n in args.terms
        ]
        for bench in benches:
            bench.fresh()
        for bench in benches:
            bench.rebuild()
        for bench in benches:
            report(bench)
    for n in args.long_terms:
        long_definitions_index(n)
    print(f"benchmark took {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
