"""Plain share links ("Tell friends"): URLs only, no third-party scripts, no tracking."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

NETWORKS = ("email", "x", "facebook", "linkedin", "reddit", "whatsapp", "bluesky")


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str


def share_links(
    url: str, title: str, networks: tuple[str, ...] | list[str] = NETWORKS
) -> list[ShareLink]:
    """One link per network, in the order given; unknown names are skipped."""
    text = f"{title} — {url}"
    builders = {
        "email": (
            "E-mail",
            "mailto:?" + urlencode({"subject": title, "body": text}, quote_via=quote),
        ),
        "x": ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        "facebook": (
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        "linkedin": (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        "reddit": (
            "Reddit",
            "https://www.reddit.com/submit?" + urlencode({"url": url, "title": title}),
        ),
        "whatsapp": ("WhatsApp", "https://wa.me/?" + urlencode({"text": text})),
        "bluesky": ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
    }
    return [ShareLink(n, *builders[n]) for n in networks if n in builders]
