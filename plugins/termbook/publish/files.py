"""Files the build publishes besides pages: the JSON API, oEmbed, embed cards, exports, and the
embedding kit's scripts and styles.

Engine-free: returns site paths and contents; the adapter adds them as generated files. The
large, per-term ones (embed cards, exports) come as producers that make their content when it
is written, so a 5,000-term build does not hold every card and export in memory at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache, partial
from pathlib import Path

from termbook.glossary.rendered import RenderedGlossary
from termbook.linking.linker import Linker
from termbook.names.script import assembled_script
from termbook.pages import urls
from termbook.pages.site_info import SiteInfo
from termbook.publish.api import api_files, api_paths
from termbook.publish.embed import embed_files
from termbook.publish.exports import export_files
from termbook.resources import ASSETS
from termbook.study import StudySet

EMBED_ASSETS = ("termbook.css", "embed.css", "embed-host.js")
"""The widget's style, the embed pages' style, and the host page's resize script, as shipped."""
EMBED_SCRIPTS = ("termbook", "embed")
"""The widget and the embed pages' script, assembled with the name rules
(:func:`assembled_script`)."""


Content = str | bytes | Path
"""Text, bytes, or a file already on disk with the content (a cached share card), which the
site links to where the file system allows rather than writing the same bytes again."""
Published = Content | Callable[[], Content]
"""A file's content, or a function that makes it."""


def content_of(value: Published) -> Content:
    """The content itself, made now if it was deferred."""
    return value() if callable(value) else value


def _api_file(api: Callable[[], dict[str, str]], path: str) -> str:
    return api()[path]


def published_files(
    checked: RenderedGlossary,
    site: SiteInfo,
    template_dirs: Sequence[str | Path] = (),
    linker: Linker | None = None,
    study: list[StudySet] | None = None,
    *,
    api: bool = True,
    exports: bool = True,
) -> dict[str, Published]:
    """Site path → content (or its producer) for every data file and embedding asset, by path.

    ``template_dirs`` are searched before the package's templates for the embed pages;
    ``linker`` is the build's (the names index is made from it, so the widget marks what the
    site links). ``study``: the build's practice sets, so they are not made twice; ``[]`` when
    the site has no Practice section (then no practice embed cards and no study exports either).
    ``api``: the JSON API, oEmbed, embed cards and the widget; ``exports``: the export files.
    """
    files: dict[str, Published] = {}
    if api:
        # Made once, where first asked for: in the build's publishing worker, not while it waits.
        made = cache(lambda: api_files(checked, site, linker))
        files.update({p: partial(_api_file, made, p) for p in api_paths(checked.glossary)})
        files.update(embed_files(checked, site, template_dirs, study))
        for name in EMBED_ASSETS:
            files[urls.ASSETS + name] = (ASSETS / name).read_bytes()
        for name in EMBED_SCRIPTS:
            files[urls.ASSETS + name + ".js"] = assembled_script(name)
    if exports:
        files.update(export_files(checked, site, study=study != []))
    return dict(sorted(files.items()))
