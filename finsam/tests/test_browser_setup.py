"""The browser tests never skip silently: without Chromium they fail with the command
that installs it, and `make test` runs scripts/ensure-chromium first."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from testing import browser

ROOT = Path(__file__).resolve().parents[2]
INSTALL = "apt-get update && apt-get install -y chromium chromium-driver"


def test_browser_fixture_fails_with_the_install_command_without_chromium(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "chromium")

    with pytest.raises(pytest.fail.Exception, match=re.escape(INSTALL)):
        browser.require_chromium()


def test_ensure_chromium_as_non_root_stops_with_the_install_command(tmp_path: Path) -> None:
    command = ["env", f"FINSAM_CHROMIUM={tmp_path}/chromium", str(ROOT / "scripts/ensure-chromium")]
    if os.geteuid() == 0:  # as root the script would install: ask as an unprivileged user
        command = ["runuser", "-u", "nobody", "--", *command]

    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603 - our script

    assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
        1,
        f"Chromium saknas ({tmp_path}/chromium). Installera den med: {INSTALL}",
    )


def test_make_test_runs_ensure_chromium_before_the_suites() -> None:
    makefile = (ROOT / "Makefile").read_text()

    prerequisites = {
        target: line.split(":", 1)[1].split()
        for line in makefile.splitlines()
        for target in ("test-sqlite", "test-postgres", "chromium")
        if line.startswith(f"{target}:")
    }
    assert prerequisites == {
        "chromium": [],
        "test-sqlite": ["install", "chromium", "redis"],
        "test-postgres": ["install", "chromium", "redis"],
    }
