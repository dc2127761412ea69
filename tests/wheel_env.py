"""Termbook as its users install it: the wheel and sdist `python -m build` makes, and a fresh
virtual environment holding only the wheel and its runtime dependencies (from PyPI).

Made once per test session (tests/conftest.py's `wheel_env`): the build takes about 15 s, the
environment about 30 s more with an empty pip cache (less with a warm one).
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class WheelEnv:
    dist: Path
    """The folder with the wheel and the sdist."""
    bin: Path
    """The fresh environment's bin/ (python, pip, mkdocs, termbook)."""

    @property
    def wheel(self) -> Path:
        [wheel] = self.dist.glob("termbook-*.whl")
        return wheel

    def run(self, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
        """A command of the environment, with nothing of the developers' checkout on its path."""
        command = [str(self.bin / str(args[0])), *map(str, args[1:])]
        return subprocess.run(
            command, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=600
        )


def clean_env() -> dict[str, str]:
    """The environment without PYTHONPATH (which points at the checkout's plugins/ in the
    developers' shells) and without a virtual environment of theirs."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def make_wheel_env(root: Path) -> WheelEnv:
    dist = root / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        env=clean_env(),
        timeout=600,
    )
    folder = root / "venv"
    venv.EnvBuilder(with_pip=True).create(folder)
    made = WheelEnv(dist, folder / "bin")
    installed = made.run("python", "-m", "pip", "install", "--quiet", made.wheel)
    if installed.returncode != 0:
        raise RuntimeError(f"pip install of the wheel failed:\n{installed.stderr}")
    return made
