"""A revision's files read from git's object store into a folder, without a checkout.

`termbook diff` compares two revisions of a glossary while the working tree stays as it is
(a contributor's uncommitted edits, CI's merge commit): each side is copied out of git with one
`git ls-tree` and one `git cat-file --batch`, however many files it has.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

GIT_TIMEOUT = 300
"""Seconds a git call may take: a whole tree's blobs come through one call."""

REGULAR_FILES = ("100644", "100755")
"""Tree modes read; links and submodules are not copied (the loader never follows a link out of
the terms folder, and a link inside a temporary copy would lead out of it)."""


class GitError(Exception):
    """A revision that cannot be read; the message says which and why."""


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=repo,
            input=data,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git {args[0]} failed: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def resolve_commit(repo: Path, revision: str) -> str:
    """The commit a revision names (a branch, a tag, a SHA, ``HEAD~2``)."""
    if not revision or revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision")
    try:
        out = _git(
            repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
    except GitError:
        out = b""
    if not out.strip():
        raise GitError(f"'{revision}' names no commit of the repository at {repo}")
    return out.decode().strip()


def repo_prefix(folder: Path) -> tuple[Path, str]:
    """The repository's top folder, and ``folder``'s path inside it (``""`` or ``"site/"``)."""
    top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    prefix = _git(folder, "rev-parse", "--show-prefix").decode().strip()
    return Path(top), prefix


def export_tree(repo: Path, commit: str, folders: Sequence[str], into: Path) -> int:
    """Copy the regular files below ``folders`` (paths from the repository's top) at ``commit``
    into ``into``, keeping their paths; returns how many were copied."""
    wanted = [f.strip("/") for f in folders if f.strip("/")]
    if not wanted:
        return 0
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *wanted)
    blobs: list[tuple[str, PurePosixPath]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        path = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        if kind == "blob" and mode in REGULAR_FILES and ".." not in path.parts:
            blobs.append((oid, path))
    if not blobs:
        return 0
    out = _git(repo, "cat-file", "--batch", data="".join(f"{oid}\n" for oid, _ in blobs).encode())
    offset = 0
    for _, path in blobs:
        header_end = out.index(b"\n", offset)
        size = int(out[offset:header_end].split()[2])
        start = header_end + 1
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[start : start + size])
        offset = start + size + 1
    return len(blobs)
