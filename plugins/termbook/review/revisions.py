"""Two revisions of a project compared: each side copied out of git and read like a build reads it."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from termbook.glossary.rendered import RenderedGlossary, check_terms
from termbook.linking.graph import read_articles
from termbook.review.diff import GlossaryDiff, compare
from termbook.review.gittree import export_tree, repo_prefix, resolve_commit


@dataclass(frozen=True)
class Revision:
    name: str
    """As the user wrote it (``main``, ``HEAD``)."""
    commit: str


@dataclass
class RevisionDiff:
    base: Revision
    head: Revision
    diff: GlossaryDiff


def read_revision(
    project: Path, commit: str, terms_dir: str, docs_dir: str, into: Path
) -> tuple[RenderedGlossary, dict[str, str]]:
    """The glossary and articles of ``project`` (a folder of a git repository) at ``commit``.

    ``terms_dir`` and ``docs_dir`` are relative to ``project``; problems name paths relative to
    it, as `termbook check` run there does.
    """
    top, prefix = repo_prefix(project)
    folders = [prefix + terms_dir.strip("/"), prefix + docs_dir.strip("/")]
    export_tree(top, commit, folders, into)
    root = into / prefix
    terms, docs = root / terms_dir, root / docs_dir
    terms.mkdir(parents=True, exist_ok=True)
    checked = check_terms(terms, root, dates=False, docs_dir=docs)
    return checked, read_articles(docs)


def diff_revisions(
    project: Path,
    base: str,
    head: str = "HEAD",
    *,
    terms_dir: str = "terms",
    docs_dir: str = "docs",
) -> RevisionDiff:
    """What changes from ``base`` to ``head``; the working tree is neither read nor touched.

    Raises ``GitError`` for a revision git does not know.
    """
    top, _ = repo_prefix(project)
    sides = Revision(base, resolve_commit(top, base)), Revision(head, resolve_commit(top, head))
    with tempfile.TemporaryDirectory(prefix="termbook-diff-") as scratch:
        read = [
            read_revision(project, side.commit, terms_dir, docs_dir, Path(scratch) / name)
            for side, name in zip(sides, ("base", "head"), strict=True)
        ]
    (old, old_articles), (new, new_articles) = read
    return RevisionDiff(*sides, compare(old, new, old_articles, new_articles))
