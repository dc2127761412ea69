"""Files the build publishes besides pages: the JSON API, oEmbed, embed cards and exports.

Engine-free: returns site paths and contents; the adapter adds them as generated files.
"""

from __future__ import annotations

from .pipeline import Checked
from .views import SiteInfo


def published_files(checked: Checked, site: SiteInfo) -> dict[str, str | bytes]:
    """Site path → content for every published data file (filled in by the embedding kit)."""
    return {}
