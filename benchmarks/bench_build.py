"""Whole-build benchmark: a Termbook site against a plain MkDocs + Material site of the same pages.

Both sites are built in the same run, on the same machine, from the same synthetic corpus
(`corpus.generate_corpus`): the plain site gets one hand-written Markdown page per term, with the
links already in it, and keeps term pages out of the navigation as Termbook does. Printed per N:
build seconds (best of --repeat), peak memory of the build process, search index size, and the
ratios Termbook / plain. Also the linking time alone, per page, and what the Practice section
(practice pages, their questions files and embed cards, the study exports) adds: the same
Termbook site built with `practice: false`.

    python benchmarks/bench_build.py --terms 2000 5000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CATEGORIES, generate_corpus

from termbook.glossary.rendered import check_terms
from termbook.linking.linker import Linker, LinkTarget
from termbook.names.folding import slugify
from termbook.pages.urls import relative, term_page

THEME = {"name": "material"}


def write_termbook_project(root: Path, corpus: list[dict], practice: bool = True) -> Path:
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
    config = {
        "site_name": "Bench",
        "site_url": "https://example.org/",
        "theme": THEME,
        "plugins": ["search", {"termbook": {"practice": practice}}],
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
            body += [f"- [{glossary.terms[s].name}](../{s}.md)" for s in term.related]
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


def timed_build(config_file: Path) -> tuple[float, float, float]:
    """Seconds, peak RSS (MiB) and CPU seconds of one `mkdocs build` in a child process.

    CPU time (user + system) is the steadier figure on a shared machine, where wall time also
    counts the waits for other processes."""
    site = config_file.parent / "site"
    code = (
        "import resource, sys, time\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "start = time.perf_counter()\n"
        f"config = load_config({str(config_file)!r}, site_dir={str(site)!r})\n"
        "config.plugins.on_startup(command='build', dirty=False)\n"
        "build(config)\n"
        "print(time.perf_counter() - start)\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(usage.ru_maxrss / 1024)\n"
        "print(usage.ru_utime + usage.ru_stime)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"build of {config_file} failed:\n{done.stderr[-3000:]}")
    seconds, rss, cpu = done.stdout.split()[-3:]
    return float(seconds), float(rss), float(cpu)


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


def bench(n: int, repeat: int) -> None:
    corpus = generate_corpus(n, seed=7)
    with tempfile.TemporaryDirectory(prefix=f"tb-bench-{n}-") as tmp:
        tmp_path = Path(tmp)
        ours = write_termbook_project(tmp_path / "termbook", corpus)
        unpractised = write_termbook_project(tmp_path / "no-practice", corpus, practice=False)
        plain = write_plain_project(tmp_path / "plain", corpus, tmp_path / "termbook")
        builds = (("plain", plain), ("termbook", ours), ("no-practice", unpractised))
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in builds}
        for _ in range(repeat):  # interleaved, so a busy moment does not fall on one site only
            for name, config in builds:
                runs[name].append(timed_build(config))
        results = {
            name: (min(r[0] for r in found), max(r[1] for r in found), min(r[2] for r in found))
            for name, found in runs.items()
        }
        sizes = {
            name: (config.parent / "site" / "search" / "search_index.json").stat().st_size
            for name, config in (("plain", plain), ("termbook", ours))
        }
        built, linked, pages = linking_time(tmp_path / "termbook")
    (p_time, p_rss, _), (t_time, t_rss, t_cpu) = results["plain"], results["termbook"]
    n_time, n_cpu = results["no-practice"][0], results["no-practice"][2]
    print(f"N = {n} terms ({pages} term pages)")
    print(
        f"  build time     plain {p_time:7.2f} s   termbook {t_time:7.2f} s   ratio {t_time / p_time:5.2f}x"
    )
    print(
        f"  peak memory    plain {p_rss:7.0f} MiB termbook {t_rss:7.0f} MiB ratio {t_rss / p_rss:5.2f}x"
    )
    print(
        f"  search index   plain {sizes['plain'] / 1e6:7.2f} MB  termbook {sizes['termbook'] / 1e6:7.2f} MB  "
        f"ratio {sizes['termbook'] / sizes['plain']:5.2f}x"
    )
    print(
        f"  practice       without {n_time:7.2f} s   with {t_time:7.2f} s   "
        f"adds {(t_time / n_time - 1) * 100:+5.1f} % (wall)"
    )
    print(
        f"  practice CPU   without {n_cpu:7.2f} s   with {t_cpu:7.2f} s   "
        f"adds {(t_cpu / n_cpu - 1) * 100:+5.1f} % (user + system)"
    )
    print(
        f"  linking        matcher {built * 1000:.0f} ms, {linked:.2f} s for {pages} pages, "
        f"{linked / pages * 1000:.3f} ms per page"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--terms", type=int, nargs="+", default=[2000, 5000])
    parser.add_argument(
        "--repeat", type=int, default=1, help="builds per site; the best time counts"
    )
    args = parser.parse_args()
    for n in args.terms:
        bench(n, args.repeat)


if __name__ == "__main__":
    main()
