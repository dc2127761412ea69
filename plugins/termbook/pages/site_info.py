"""Site-wide facts every generated page and published file needs: names, URLs, options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from termbook.glossary import Term


@dataclass
class SiteInfo:
    """Site-wide facts views need: names and absolute URLs (empty without a site_url)."""

    name: str
    site_url: str = ""
    like_endpoint: str | None = None
    words_per_minute: int = 200
    share: list[str] = field(default_factory=list)
    edit_url: Callable[[Term], str | None] = lambda term: None
    api: bool = True
    """Whether the site publishes the JSON API and oEmbed files (the `api` option)."""
    likes: bool = True
    """Whether term pages have a like button (the `likes` option)."""
