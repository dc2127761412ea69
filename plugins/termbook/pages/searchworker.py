"""Put Termbook's search worker (`assets/search-worker.js`) in the place of Material's.

Material's pages load the search worker named in their configuration
(`assets/javascripts/workers/search.<hash>.min.js`). Rather than rewrite that name in every
page, the build moves Material's worker aside (`search-material.<hash>.min.js`, unchanged) and
writes Termbook's at its name; Termbook's loads Material's, answers only the newest query and
unpacks the index's definition words (see the script's header for why). A build that finds
Termbook's worker already in place (`mkdocs serve` rebuilding without copying the theme again)
leaves it. Only a site where Termbook's worker is in place gets a packed index
(`searchpack`, `termbook_worker_in`): another search reads the plain word lists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from termbook.pages.searchindex import HIDDEN_FIELDS
from termbook.pages.searchpack import CONTINUING, FINAL, PACKED_FIELDS, VOCABULARY
from termbook.resources import ASSETS

WORKERS = Path("assets") / "javascripts" / "workers"
MARK = "Termbook's search worker"
"""Opens the script: how a build tells its own worker from Material's."""


_STOP_WORDS = re.compile(r"\.stopWordFilter=\w+\.generateStopWordFilter\((\[[^\]]*\])\)")
STOP_WORD_FILTER = "stopWordFilter"
"""The name of lunr's stop-word filter in the search plugin's ``pipeline`` option."""


def unindexed_words(theme_dirs: Iterable[str | Path], pipeline: Iterable[str]) -> frozenset[str]:
    """Words the site's search never indexes: lunr's stop words, read from the worker script
    the theme ships (Material's), when the search ``pipeline`` runs its stop-word filter; none
    otherwise (another theme, another pipeline), so that no findable word is ever left out."""
    if STOP_WORD_FILTER not in pipeline:
        return frozenset()
    for folder in theme_dirs:
        for path in sorted((Path(folder) / WORKERS).glob("search.*.min.js")):
            found = _STOP_WORDS.search(path.read_text(encoding="utf-8", errors="replace"))
            if found is not None:
                return frozenset(json.loads(found.group(1)))
    return frozenset()


def install_search_worker(site_dir: Path) -> Path | None:
    """Termbook's worker written in place of Material's; the moved worker's path, or None
    when the site has no (single) Material worker to wrap."""
    found = [
        path
        for path in (site_dir / WORKERS).glob("search.*.min.js")
        if not _is_termbook_worker(path)
    ]
    if len(found) != 1:
        return None
    worker = found[0]
    moved = worker.with_name("search-material." + worker.name.removeprefix("search."))
    worker.replace(moved)
    script = (ASSETS / "search-worker.js").read_text(encoding="utf-8")
    script = script.replace("__HIDDEN_FIELDS__", json.dumps(list(HIDDEN_FIELDS)))
    script = script.replace("__MATERIAL_WORKER__", json.dumps(moved.name))
    packed = {
        "vocabulary": VOCABULARY,
        "fields": list(PACKED_FIELDS),
        "final": FINAL,
        "continuing": CONTINUING,
    }
    script = script.replace("__PACKED__", json.dumps(packed))
    worker.write_text(script, encoding="utf-8")
    return moved


def termbook_worker_in(site_dir: Path) -> bool:
    """Whether the site's search worker is Termbook's (installed now or by an earlier build):
    then, and only then, its search index may be packed (`searchpack`)."""
    workers = list((site_dir / WORKERS).glob("search.*.min.js"))
    return len(workers) == 1 and _is_termbook_worker(workers[0])


def _is_termbook_worker(path: Path) -> bool:
    return path.read_text(encoding="utf-8", errors="replace").startswith(f"/* {MARK}")
