from __future__ import annotations

from pathlib import Path

import pytest

from ledger.tests.annual_fixtures import import_report_ledger
from testing.personas import World


@pytest.fixture
def imported(world: World, tmp_path: Path) -> None:
    """The mapped ledger of 2022 (``annual_fixtures``) in the persona world's association."""
    import_report_ledger(world.association, tmp_path)
