"""`termbook stats`: size, link graph (with the words that link each term) and gaps of a glossary."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from termbook.cli.options import add_terms_dir, terms_folder
from termbook.glossary.rendered import check_terms
from termbook.linking.graph import build_graph, orphans, read_articles


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="orphan terms, the most-linked terms and the words that link them, per-category counts",
        description=(
            "Report the glossary's link graph: the terms linked on the most pages (other "
            "terms' pages and the articles in the docs folder), most linked first, each with "
            "the words that link it and on how many pages (so an everyday word linked too "
            "often shows: restrict it with the term's `link` field); terms nothing mentions or "
            "relates to (orphans); and how many terms each category holds."
        ),
    )
    add_terms_dir(parser)
    parser.add_argument("--docs-dir", default="docs", help="folder of articles (default: docs)")
    parser.add_argument(
        "--top",
        type=int,
        default=10,
        help="how many most-linked terms to list (default 10; 0: every linked term)",
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
    top = [(slug, count) for slug, count in mentioned.most_common() if count]
    if args.top > 0:
        top = top[: args.top]
    lonely = orphans(glossary, graph)
    report = {
        "terms": len(glossary),
        "categories": {c.name: len(c.terms) for c in glossary.categories.values()},
        "articles": len(articles),
        "most_referenced": [
            {
                "slug": slug,
                "term": glossary.terms[slug].name,
                "mentioned_by": count,
                "phrases": [
                    {"text": text, "pages": pages}
                    for text, pages in graph.phrases.get(slug, Counter()).most_common()
                ],
            }
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
    print("\nMost linked (on how many pages, and by which words):")
    for item in report["most_referenced"]:
        words = ", ".join(f"{p['text']} ({p['pages']})" for p in item["phrases"])
        print(f"  {item['mentioned_by']:4d}  {item['term']}: {words}")
    print(f"\nOrphans (nothing mentions or relates to them): {len(lonely)}")
    for item in report["orphans"]:
        print(f"  {item['path']}  {item['term']}")
    print("\nTerms per category:")
    width = max((len(name) for name in report["categories"]), default=0)
    for name, count in report["categories"].items():
        print(f"  {name:<{width}}  {count:4d}")
    return 0
