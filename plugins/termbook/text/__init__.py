"""Markdown from term files to safe HTML and to plain text; the ``[[...]]`` link syntax;
sentences and reading time.

The lowest layer beside `termbook.names`: it knows nothing of terms or glossaries.
"""

from termbook.text.complexity import too_complex
from termbook.text.markdown import Rendered, markdown_html, plain_text, render_markdown
from termbook.text.plain import resolve_links_html, visible_text
from termbook.text.sentences import first_sentence, reading_minutes
from termbook.text.wikilinks import Opaque, Piece, WikiLink, resolve_links, shown_words

__all__ = [
    "Opaque",
    "Piece",
    "Rendered",
    "WikiLink",
    "first_sentence",
    "markdown_html",
    "plain_text",
    "reading_minutes",
    "render_markdown",
    "resolve_links",
    "resolve_links_html",
    "shown_words",
    "too_complex",
    "visible_text",
]
