"""The `termbook` plugin's options in mkdocs.yml (the only module besides plugin.py that knows MkDocs)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from termbook.pages.share import NETWORKS


class TermbookConfig(Config):
    terms_dir = c.Type(str, default="terms")
    """Folder of term files, relative to mkdocs.yml."""

    link_mode = c.Choice(("first", "all"), default="first")
    """Link the first mention of each term per page, or every mention."""

    symmetric_related = c.Type(bool, default=False)
    """If A lists B as related, show A on B's page too."""

    glossary_name = c.Optional(c.Type(str))
    """Name of the glossary in structured data and exports (default: site_name)."""

    featured = c.Optional(c.Type(str))
    """Name, alias or slug of the home page's featured term (default: a stable pick)."""

    like_endpoint = c.Optional(c.Type(str))
    """URL that counts likes (GET ?term=slug → {"count": n}; POST {"term", "liked"}). None: likes stay in the browser."""

    share = c.ListOfItems(c.Choice(NETWORKS), default=list(NETWORKS))
    """Networks offered under "Tell friends", in this order."""

    words_per_minute = c.Type(int, default=200)
    """Reading speed for "N min read"."""

    edit_uri_terms = c.Optional(c.Type(str))
    """Edit path for term files below repo_url (default: from edit_uri, with the terms folder)."""

    exports = c.Type(bool, default=True)
    """Write the JSON API, oEmbed files, embed cards, exports and the embeddable widget into the site."""

    cards_cache = c.Type(str, default=".cache/termbook/cards")
    """Folder that keeps drawn share cards by content, relative to mkdocs.yml ("": no cache)."""

    practice = c.Type(bool, default=True)
    """The Practice section (flashcards, quizzes), its embed cards and the study exports."""

    jobs = c.Optional(c.Type(int))
    """Processes that may work at once, the build's own included; 1: everything in the build's process (the TERMBOOK_JOBS variable overrides it)."""
