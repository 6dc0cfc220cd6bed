"""The restore drill, as docs/deployment.md describes it: a small association with
participants, reports and money; its memo; a backup; a restore into an EMPTY database (a
fresh SQLite file, or a second PostgreSQL database on the same server) by ``manage.py
restore`` in another process; the same memo there, byte for byte. Runs on both engines
(``make test``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from ops.backup import create_backup
from ops.fingerprint import memo_text
from ops.tests.helpers import (
    REPORT_SCRIPT,
    build_small_association,
    empty_database,
    require_postgres_tools,
    run_in,
)


@pytest.mark.django_db(transaction=True)
def test_restore_drill_gives_the_same_memo_in_an_empty_database(tmp_path: Path) -> None:
    if connection.vendor == "postgresql":
        require_postgres_tools()
    media = tmp_path / "media"
    (media / "imports").mkdir(parents=True)
    (media / "imports" / "arbetsbok.xlsx").write_bytes(b"workbook bytes")
    world = build_small_association()
    expected = memo_text(world.association, "2022H2")
    assert json.loads(expected)["tables"]["participants"]["total"]["registered"] == {
        "women": 4,
        "men": 4,
        "total": 8,
    }
    with override_settings(MEDIA_ROOT=media):
        create_backup(tmp_path / "backup")
    restored_media = tmp_path / "restored-media"

    with empty_database(tmp_path) as url:
        restore = run_in(url, restored_media, ["manage.py", "restore", str(tmp_path / "backup")])
        report = run_in(url, restored_media, ["-c", REPORT_SCRIPT])

    assert (restore.returncode, restore.stderr) == (0, "")
    assert (report.returncode, report.stderr) == (0, "")
    memo, persons_found = report.stdout.splitlines()
    assert memo == expected
    assert persons_found == "8"
    assert (restored_media / "imports" / "arbetsbok.xlsx").read_bytes() == b"workbook bytes"
