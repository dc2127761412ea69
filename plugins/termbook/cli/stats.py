"""`termbook stats`: size, link graph and gaps of a glossary."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from termbook.cli.options import add_terms_dir, terms_folder
from termbook.glossary.rendered import check_terms
from termbook.linking.graph import build_graph, orphans, read_articles


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="orphan terms, the most-referenced terms and per-category counts",
        description=(
            "Report the glossary's link graph: terms nothing mentions or relates to (orphans), "
            "the terms most often mentioned by other terms and by the articles in the docs "
            "folder, and how many terms each category holds."
        ),
    )
    add_terms_dir(parser)
    parser.add_argument("--docs-dir", default="docs", help="folder of articles (default: docs)")
    parser.add_argument(
        "--top", type=int, default=10, help="how many most-referenced terms to list"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    terms_dir = terms_folder(args.terms_dir, "stats")
    if terms_dir is None:
        return 2
    checked = check_terms(terms_dir, Path.cwd(), dates=False)
    if checked.loaded.errors:
        print("termbook stats: the term files have errors; run `termbook check`", file=sys.stderr)
        return 1
    glossary = checked.glossary
    articles = read_articles(Path(args.docs_dir))
    graph = build_graph(glossary, checked.entries, articles)
    mentioned = graph.mentioned_by()
    top = [(slug, count) for slug, count in mentioned.most_common() if count][: args.top]
    lonely = orphans(glossary, graph)
    report = {
        "terms": len(glossary),
        "categories": {c.name: len(c.terms) for c in glossary.categories.values()},
        "articles": len(articles),
        "most_referenced": [
            {"slug": slug, "term": glossary.terms[slug].name, "mentioned_by": count}
            for slug, count in top
        ],
        "orphans": [
            {
                "slug": slug,
                "term": glossary.terms[slug].name,
                "path": glossary.terms[slug].source_path,
            }
            for slug in lonely
        ],
    }
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(
        f"{report['terms']} terms in {len(report['categories'])} categories; {len(articles)} articles"
    )
    print("\nMost referenced (pages that mention them):")
    for item in report["most_referenced"]:
        print(f"  {item['mentioned_by']:4d}  {item['term']}")
    print(f"\nOrphans (nothing mentions or relates to them): {len(lonely)}")
    for item in report["orphans"]:
        print(f"  {item['path']}  {item['term']}")
    print("\nTerms per category:")
    width = max((len(name) for name in report["categories"]), default=0)
    for name, count in report["categories"].items():
        print(f"  {name:<{width}}  {count:4d}")
    return 0
