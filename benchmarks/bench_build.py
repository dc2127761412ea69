"""Whole-build benchmark: a Termbook site against a plain MkDocs + Material site of the same pages.

Both sites are built in the same run, on the same machine, from the same synthetic corpus
(`corpus.generate_corpus`): the plain site gets one hand-written Markdown page per term, with the
links already in it, and keeps term pages out of the navigation as Termbook does. Printed per N:
build seconds (best of --repeat), peak memory of the build process, search index size, and the
ratios Termbook / plain. Peak memory is the build process's and, beside it, its largest child's
(Termbook writes the embedding kit in a worker process while the pages build). Also the linking
time alone, per page.

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


def write_termbook_project(root: Path, corpus: list[dict]) -> Path:
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
        "plugins": ["search", "termbook"],
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
    """Seconds, peak RSS (MiB) and the largest child's peak RSS (MiB) of one `mkdocs build` in a
    child process."""
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
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
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
    seconds, rss, child_rss = done.stdout.split()[-3:]
    return float(seconds), float(rss), float(child_rss)


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
        plain = write_plain_project(tmp_path / "plain", corpus, tmp_path / "termbook")
        results: dict[str, tuple[float, float, float]] = {}
        runs: dict[str, list[tuple[float, float, float]]] = {"plain": [], "termbook": []}
        for _ in range(repeat):  # alternate, so a busy moment of the machine hits both
            for name, config in (("plain", plain), ("termbook", ours)):
                runs[name].append(timed_build(config))
        for name, measured in runs.items():
            results[name] = (
                min(r[0] for r in measured),
                max(r[1] for r in measured),
                max(r[2] for r in measured),
            )
        sizes = {
            name: (config.parent / "site" / "search" / "search_index.json").stat().st_size
            for name, config in (("plain", plain), ("termbook", ours))
        }
        built, linked, pages = linking_time(tmp_path / "termbook")
    (p_time, p_rss, _), (t_time, t_rss, t_child) = results["plain"], results["termbook"]
    print(f"N = {n} terms ({pages} term pages)")
    print(
        f"  build time     plain {p_time:7.2f} s   termbook {t_time:7.2f} s   ratio {t_time / p_time:5.2f}x"
    )
    print(
        f"  peak memory    plain {p_rss:7.0f} MiB termbook {t_rss:7.0f} MiB ratio {t_rss / p_rss:5.2f}x"
        f"   (termbook's worker {t_child:.0f} MiB, shared pages counted in both)"
    )
    print(
        f"  search index   plain {sizes['plain'] / 1e6:7.2f} MB  termbook {sizes['termbook'] / 1e6:7.2f} MB  "
        f"ratio {sizes['termbook'] / sizes['plain']:5.2f}x"
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
