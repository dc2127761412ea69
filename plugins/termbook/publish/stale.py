"""The last build's site, deleted beside the new build instead of before it.

A rebuild starts by emptying the site folder, and a glossary site holds several files per term
(page, API documents, oEmbed, embed card, share card): at 5,000 terms, deleting the last
build's 30,000 files kept the build waiting for seconds before its first page. ``set_aside``
renames the folder's entries into one hidden folder inside it: a rename within one file system,
instant whatever the folder holds. The engine's own clean leaves hidden entries alone (MkDocs
keeps them, as it keeps `.git`), so it finds nothing left to delete, and ``remove`` deletes the
hidden folder while the pages build (the build's work beside it, ``termbook.runner``). The build
waits for it before it ends, so the finished site holds nothing stale, hidden or not.

What cannot be renamed stays where it is, for the engine's clean, as before; a folder left by a
build that was killed is deleted by the next one.

The files the build writes itself (the embedding kit and the "Mentioned in" lists:
``publish.parallel``) are not deleted but taken back from the hidden folder and written over:
``remove`` leaves them (``keep``) for the writer to take. Deleting thousands of files and then
making thousands of new ones is what a file system is slowest at. Ext4 without a journal, for
one, does not give a new file a number freed in the last seconds, and looks past each of them,
one by one, for every file it makes (``recently_deleted`` in its inode allocator): a rebuild of
2,000 terms then spent seconds of kernel time making files. A file taken back has its number
already. The last sweep (``remove`` with nothing kept, once the writers are done) deletes what
was not taken.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

STALE = ".termbook-stale"
"""Name of the hidden folder the last build's files wait in (with the process id after it)."""


def set_aside(site_dir: Path) -> list[Path]:
    """Move the visible entries of ``site_dir`` into a new hidden folder in it; return the
    folders to delete: that one and any a killed build left behind."""
    try:
        entries = list(os.scandir(site_dir))
    except OSError:  # no site yet, or not a folder: nothing to clean
        return []
    left_behind = [Path(e.path) for e in entries if e.name.startswith(STALE)]
    visible = [e for e in entries if not e.name.startswith(".")]
    if not visible:
        return left_behind
    stale = site_dir / f"{STALE}-{os.getpid()}"
    try:
        stale.mkdir()
    except OSError:  # read-only, or a folder of that name already: the engine cleans as usual
        return left_behind
    for entry in visible:
        with contextlib.suppress(OSError):  # what cannot move stays for the engine's clean
            os.rename(entry.path, stale / entry.name)
    return [stale, *left_behind]


def remove(folders: Sequence[Path], keep: frozenset[str] = frozenset()) -> None:
    """Delete the folders and all they hold, but for the files at the site paths in ``keep``
    (and the folders that hold them): the build takes those back while this runs. What cannot
    be deleted is skipped, as the engine's clean skips it."""
    for folder in folders:
        if keep:
            _remove_all_but(folder, keep)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _remove_all_but(folder: Path, keep: frozenset[str]) -> None:
    """Bottom-up: every file not kept, then each folder that is empty by then. The writer moves
    kept files and folders out meanwhile, so a vanished entry is no error."""
    root = str(folder)
    for here, folders, files in os.walk(root, topdown=False):
        prefix = here[len(root) + 1 :].replace(os.sep, "/")
        for name in files:
            if (f"{prefix}/{name}" if prefix else name) not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(here, name))
        for name in folders:
            path = os.path.join(here, name)
            with contextlib.suppress(OSError):  # not empty: it holds a kept file
                if os.path.islink(path):
                    os.unlink(path)
                else:
                    os.rmdir(path)
    with contextlib.suppress(OSError):
        os.rmdir(root)
