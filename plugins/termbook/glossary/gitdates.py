"""When each term file last changed, from one `git log` call for the whole folder.

One call per build, not one per file: at 5,000 terms a call per file would cost minutes. Outside
a git checkout (a tarball, a fresh `termbook new` file) the file's modification time stands in,
silently: a missing history is normal, not a problem to warn about.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path


def last_updated(files: Iterable[Path], folder: Path) -> dict[Path, datetime]:
    """Last commit date of each file (its mtime where git has none), in UTC."""
    files = [f.resolve() for f in files]
    committed = _git_dates(folder.resolve())
    dates = {}
    for path in files:
        stamp = committed.get(path)
        if stamp is None:
            try:
                stamp = int(path.stat().st_mtime)
            except OSError:
                continue
        dates[path] = datetime.fromtimestamp(stamp, tz=timezone.utc)
    return dates


def _git_dates(folder: Path) -> dict[Path, int]:
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse_log(log, Path(top))


def parse_log(log: str, top: Path) -> dict[Path, int]:
    """Newest commit time per path from `git log --format=%x00%ct --name-only` output."""
    dates: dict[Path, int] = {}
    for chunk in log.split("\0"):
        lines = chunk.strip().splitlines()
        if not lines or not lines[0].isdigit():
            continue
        stamp = int(lines[0])
        for name in lines[1:]:
            if name:
                dates.setdefault((top / name).resolve(), stamp)
    return dates
