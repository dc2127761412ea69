"""The `termbook` plugin's options in mkdocs.yml (the only module besides plugin.py that knows MkDocs)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from termbook.pages.share import NETWORKS


class WebEditorConfig(Config):
    """The web editor at /admin/ (Decap CMS): docs/web-editing.md."""

    enabled = c.Type(bool, default=False)
    """Publish /admin/. Off by default: it needs a backend the maintainers set up (an OAuth
    app), and a glossary added to someone's site should not gain an editor they did not ask for."""

    backend = c.Choice(
        ("github", "gitlab", "gitea", "forgejo", "bitbucket", "azure", "git-gateway"),
        default="github",
    )
    """Where the repository lives (Decap's backend name)."""

    repo = c.Optional(c.Type(str))
    """owner/name of the repository (default: from repo_url)."""

    branch = c.Type(str, default="main")
    """The branch pull requests go to."""

    base_url = c.Optional(c.Type(str))
    """The OAuth server that logs contributors in (Decap's backend base_url)."""

    auth_endpoint = c.Optional(c.Type(str))
    """Its path, when not Decap's default (auth)."""

    open_authoring = c.Type(bool, default=True)
    """Contributors without write access propose terms from a fork, as a pull request."""

    local_backend = c.Type((bool, str), default=True)
    """On localhost, edit the local repository through `npx decap-server` (true: its default
    address; a URL: another one; false: never)."""

    node_modules = c.Optional(c.Type(str))
    """A node_modules folder with the pinned decap-cms and js-yaml (npm install): their scripts
    are served from the site instead of the pinned releases on unpkg.com; relative to mkdocs.yml."""


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

    api = c.Type(bool, default=True)
    """Publish the JSON API, oEmbed files, embed cards and the embeddable widget (termbook.js)."""

    exports = c.Type(bool, default=True)
    """Publish the export files in exports/ (Moodle, TBX, SKOS, CSV; with `practice`, the study
    exports: Anki, Moodle questions, SCORM quiz)."""

    share_cards = c.Type(bool, default=True)
    """Draw a share card (og:image) for every page."""

    likes = c.Type(bool, default=True)
    """A like button on every term page (counted in the browser, or by `like_endpoint`);
    false: no button, and no like or share counts asked of the likes service."""

    cards_cache = c.Type(str, default=".cache/termbook/cards")
    """Folder that keeps drawn share cards by content, relative to mkdocs.yml ("": no cache)."""

    practice = c.Type(bool, default=True)
    """The Practice section (flashcards, quizzes), its embed cards and the study exports."""

    web_editor = c.SubConfig(WebEditorConfig)
    """The web editor at /admin/: a form for term files that ends in a pull request."""

    jobs = c.Optional(c.Type(int))
    """Processes that may work at once, the build's own included; 1: everything in the build's process (the TERMBOOK_JOBS variable overrides it)."""
