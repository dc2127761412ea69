"""Markdown from term files to safe HTML and to plain text; sentences and reading time.

The lowest layer beside `termbook.names`: it knows nothing of terms or glossaries.
"""

from termbook.text.markdown import (
    Rendered,
    html_to_text,
    markdown_html,
    plain_text,
    render_markdown,
    too_complex,
)
from termbook.text.sentences import first_sentence, reading_minutes

__all__ = [
    "Rendered",
    "first_sentence",
    "html_to_text",
    "markdown_html",
    "plain_text",
    "reading_minutes",
    "render_markdown",
    "too_complex",
]
