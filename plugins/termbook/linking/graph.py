"""The link graph of a glossary: who mentions whom, what nothing points to.

Computed from the same rendered entries and the same Linker the site uses, so `termbook stats`
and the site's "Mentioned in" lists agree. Articles are plain Markdown files; they are rendered
with the term renderer, which is close enough to count mentions.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from termbook.glossary.entries import Entry
from termbook.glossary.model import Glossary
from termbook.linking.linker import Linker, LinkResult, LinkTarget
from termbook.text.markdown import render_markdown


@dataclass
class LinkGraph:
    mentions: dict[str, list[str]] = field(default_factory=dict)
    """Source (a term slug, or an article's path) → slugs it mentions."""
    related_in: Counter = field(default_factory=Counter)
    """Slug → how many other terms list it as related."""
    phrases: dict[str, Counter] = field(default_factory=dict)
    """Slug → the words that link it (as a reader sees them, spacing collapsed) → on how many
    sources other than itself: what an editor reads to spot an everyday word linked."""

    def mentioned_by(self) -> Counter:
        """Slug → number of sources that mention it."""
        counts: Counter = Counter()
        for source, slugs in self.mentions.items():
            counts.update(s for s in set(slugs) if s != source)
        return counts


def linker_for(glossary: Glossary) -> Linker:
    """The one way a Linker is made from a glossary (site build and stats alike): from the
    names alone, so it can be made while the entries render."""
    return Linker(LinkTarget(t.slug, t.names, t.autolink, t.forms, t.link) for t in glossary)


def entry_body(entry: Entry) -> str:
    """The parts of a term page that automatic links annotate."""
    return entry.definition + "".join(entry.examples) + "".join(entry.trivia)


def build_graph(
    glossary: Glossary,
    entries: dict[str, Entry],
    articles: dict[str, str] | None = None,
    linker: Linker | None = None,
) -> LinkGraph:
    linker = linker or linker_for(glossary)
    graph = LinkGraph()
    for slug, entry in entries.items():
        result = linker.link_html(entry_body(entry), url_for=lambda s: s, current_slug=slug)
        graph.mentions[slug] = result.mentions
        _note_phrases(graph, slug, result)
    for path, markdown in (articles or {}).items():
        result = linker.link_html(render_markdown(markdown).html, url_for=lambda s: s)
        graph.mentions[path] = result.mentions
        _note_phrases(graph, path, result)
    for term in glossary:
        graph.related_in.update(term.related)
    return graph


_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""A page's YAML front matter, as MkDocs reads it."""


def split_front_matter(markdown: str) -> tuple[dict, str]:
    """A page's front matter (``{}`` when it has none or it does not parse) and its body."""
    found = _FRONT_MATTER.match(markdown)
    if not found:
        return {}, markdown
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return {}, markdown
    return (meta if isinstance(meta, dict) else {}), markdown[found.end() :]


def _note_phrases(graph: LinkGraph, source: str, result: LinkResult) -> None:
    """Count each phrase that links a term once per source (a term's own page aside)."""
    found = {(slug, phrase_of(shown)) for slug, shown in result.links if slug != source}
    for slug, phrase in found:
        graph.phrases.setdefault(slug, Counter())[phrase] += 1


def phrase_of(shown_html: str) -> str:
    """The words of a link as a reader sees them: no tags, references decoded, single spaces."""
    return " ".join(html.unescape(_TAG.sub("", shown_html)).split())


_TAG = re.compile(r"<[^>]*>")


def read_articles(docs_dir: Path) -> dict[str, str]:
    """Every Markdown file below ``docs_dir`` the site links (not those with ``autolink: false``
    in their front matter), by path relative to it, without its front matter."""
    if not docs_dir.is_dir():
        return {}
    articles = {}
    for path in sorted(docs_dir.rglob("*.md")):
        meta, body = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        if meta.get("autolink", True) is not False:
            articles[path.relative_to(docs_dir).as_posix()] = body
    return articles


def orphans(glossary: Glossary, graph: LinkGraph) -> list[str]:
    """Terms that nothing mentions and no other term relates to, nor they to any other."""
    mentioned = graph.mentioned_by()
    return [
        t.slug
        for t in glossary
        if not mentioned[t.slug] and not graph.related_in[t.slug] and not t.related
    ]
