"""Run this project's Python in a child process, for tests of what is read only at start
(settings from the environment, commands against another database)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_python(
    args: list[str], *, env: dict[str, str], timeout: int = 60
) -> subprocess.CompletedProcess[str]:
    """``python <args>`` in the project folder with exactly ``env``; the output as text."""
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
