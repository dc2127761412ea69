"""A glossary diff as JSON (for tools) or Markdown (a pull request's comment).

Everything shown comes from contributors' files, so the Markdown escapes it: a term's name
cannot add a link, an image, a heading or an @mention to the comment. Long lists are cut with
a count, so a pull request that touches thousands of terms still fits in one comment.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from termbook.glossary.fmt import NAME_LISTS
from termbook.review.diff import LinkChange, TermChange
from termbook.review.revisions import RevisionDiff

LIST_LIMIT = 50
"""Items a Markdown list shows before "… and N more"; JSON lists everything."""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|~>])")
_LIST_START = re.compile(r"^(\d+)([.)])|^([-+])")


def text(value: str) -> str:
    """Contributor text as literal Markdown: no markup, no HTML, no mentions, one line."""
    value = " ".join(str(value).split())
    value = html.escape(value, quote=False)
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    value = _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", value)
    return value.replace("@", "@\u200b")


def code(value: str) -> str:
    """Contributor text in a code span: backticks and line breaks cannot end it early."""
    return "`" + " ".join(str(value).replace("`", "'").split()) + "`"


def render_json(result: RevisionDiff) -> str:
    document: dict[str, Any] = {
        "base": {"revision": result.base.name, "commit": result.base.commit},
        "head": {"revision": result.head.name, "commit": result.head.commit},
        **result.diff.as_json(),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def render_markdown(result: RevisionDiff, site_url: str = "") -> str:
    """The summary a reviewer reads; with ``site_url``, page names link to that copy of the site."""
    diff = result.diff

    def page(url: str, title: str) -> str:
        shown = f"{text(title)} (`/{url}`)" if url else text(title)
        if site_url:
            return f"[{text(title)}]({site_url.rstrip('/')}/{url})"
        return shown

    def term(change: TermChange) -> str:
        return page(f"terms/{change.slug}/", change.name)

    lines = [
        f"### Glossary changes: `{result.base.commit[:10]}` → `{result.head.commit[:10]}`",
        "",
    ]
    if diff.empty and not diff.names_gained and not diff.names_lost:
        lines.append("No term, name, link or problem changes.")
        return "\n".join(lines) + "\n"
    counts = [
        f"{len(items)} {label}"
        for items, label in (
            (diff.added, "added"),
            (diff.changed, "changed"),
            (diff.renamed, "renamed"),
            (diff.removed, "removed"),
        )
        if items
    ]
    if counts:
        lines += ["**Terms:** " + ", ".join(counts) + ".", ""]

    def section(title: str, items: Sequence, show: Callable[[Any], str]) -> None:
        if not items:
            return
        lines.append(f"#### {title}")
        lines.append("")
        lines.extend(f"- {show(item)}" for item in items[:LIST_LIMIT])
        if len(items) > LIST_LIMIT:
            lines.append(f"- … and {len(items) - LIST_LIMIT} more (`termbook diff --format json`)")
        lines.append("")

    section("Added", diff.added, term)

    def fields(change: TermChange) -> str:
        return ", ".join(
            _field_change(key, *change.values.get(key, (None, None))) for key in change.fields
        )

    section("Changed", diff.changed, lambda c: f"{term(c)}: " + fields(c))
    section(
        "Renamed",
        diff.renamed,
        lambda c: (
            f"{text(c.old_name)} (`{c.old_slug}`) → {term(c)}"
            + (": " + fields(c) if c.fields else "")
        ),
    )
    section(
        "Removed",
        diff.removed,
        lambda c: (
            f"{text(c.name)} ({code(c.path)})"
            + (" — its file now has errors" if c.reason == "has errors" else "")
        ),
    )
    section("Names gained", diff.names_gained, lambda n: f"{text(n['name'])} → `{n['slug']}`")
    section("Names lost", diff.names_lost, lambda n: f"{text(n['name'])} (was `{n['slug']}`)")

    def links(change: LinkChange) -> str:
        shown = ", ".join(page(p.url, p.title) for p in change.pages[:10])
        more = f" and {len(change.pages) - 10} more" if len(change.pages) > 10 else ""
        return f"{text(change.name)} ← {shown}{more}"

    section("Pages that now link a term", diff.links_gained, links)
    section("Links lost", diff.links_lost, links)
    section(
        "Problems introduced",
        diff.problems_introduced,
        lambda p: (
            f"{code(f'{p.path}:{p.line}:{p.column}')} {p.severity.value}: "
            f"{text(p.message)} `[{p.code}]`"
        ),
    )
    section("Problems fixed", diff.problems_fixed, lambda p: f"{code(p.path)} {text(p.message)}")
    section("Pages to look at", diff.pages(), lambda p: page(p.url, p.title))
    return "\n".join(lines).rstrip() + "\n"


NAMES_SHOWN = 6
"""Names a changed list shows as added and removed before a count."""


def _field_change(key: str, before: Any, after: Any) -> str:
    """A changed field, with the names a list of short names gained and lost (aliases,
    categories, related): what a reviewer would otherwise look for in the YAML diff."""

    def names(value: Any) -> list[str] | None:
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
            return [str(v) for v in value]
        return None

    if key not in NAME_LISTS:
        return f"`{key}`"
    old, new = names(before), names(after)
    if old is None or new is None or not (old or new):
        return f"`{key}`"
    gained = [n for n in new if n not in old]
    lost = [n for n in old if n not in new]
    parts = [f"+{text(n)}" for n in gained[:NAMES_SHOWN]] + [
        f"−{text(n)}" for n in lost[:NAMES_SHOWN]
    ]
    more = len(gained) + len(lost) - len(parts)
    if more > 0:
        parts.append(f"{more} more")
    return f"`{key}` ({', '.join(parts)})" if parts else f"`{key}` (order)"
