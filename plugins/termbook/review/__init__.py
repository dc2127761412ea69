"""Reviewing a change to a glossary: what two revisions differ in, as the site will show it."""

from termbook.review.diff import GlossaryDiff, LinkChange, PageRef, TermChange, compare
from termbook.review.gittree import GitError
from termbook.review.report import render_json, render_markdown
from termbook.review.revisions import RevisionDiff, diff_revisions

__all__ = [
    "GitError",
    "GlossaryDiff",
    "LinkChange",
    "PageRef",
    "RevisionDiff",
    "TermChange",
    "compare",
    "diff_revisions",
    "render_json",
    "render_markdown",
]
