"""``backup`` and ``restore``: what a backup holds, the checks before a restore changes
anything, and a forced restore over live data. On SQLite and PostgreSQL (``make test``)."""

from __future__ import annotations

import io
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from ops import backup
from ops.backup import BackupError, describe_file
from ops.tests.helpers import empty_database, require_postgres_tools, run_in
from tenancy.models import Association
from testing.factories import AssociationFactory
from testing.personas import World


@pytest.fixture
def media(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "media"
    (root / "imports").mkdir(parents=True)
    (root / "imports" / "arbetsbok.xlsx").write_bytes(b"original workbook")
    with override_settings(MEDIA_ROOT=root):
        yield root


@pytest.fixture
def backed_up(world: World, media: Path, tmp_path: Path) -> Path:
    if connection.vendor == "postgresql":
        require_postgres_tools()
    directory = tmp_path / "backup"
    call_command("backup", "--output", str(directory), stdout=open_null())
    return directory


def open_null() -> io.StringIO:
    return io.StringIO()


def database_part() -> str:
    return backup.POSTGRES_PART if connection.vendor == "postgresql" else backup.SQLITE_PART


def edit_manifest(directory: Path, **changes: Any) -> None:
    path = directory / "manifest.json"
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


@pytest.mark.django_db(transaction=True)
def test_backup_writes_the_parts_and_a_manifest_with_checksums(backed_up: Path) -> None:
    manifest = json.loads((backed_up / "manifest.json").read_text())

    part = database_part()
    assert sorted(p.name for p in backed_up.iterdir()) == sorted(
        ["manifest.json", part, "media.tar.gz"]
    )
    assert manifest["engine"] == connection.vendor
    assert manifest["finsam_version"] == "0.1.0"
    assert manifest["migrations"]["ops"] == "0001_heartbeat"
    assert manifest["migrations"]["tenancy"].startswith("00")
    assert manifest["parts"] == {
        part: describe_file(backed_up / part),
        "media.tar.gz": describe_file(backed_up / "media.tar.gz"),
    }
    assert (backed_up.stat().st_mode & 0o777, (backed_up / part).stat().st_mode & 0o777) == (
        0o700,
        0o600,
    )


@pytest.mark.django_db(transaction=True)
def test_backup_refuses_a_directory_that_already_holds_a_backup(backed_up: Path) -> None:
    with pytest.raises(CommandError, match="innehåller redan en säkerhetskopia"):
        call_command("backup", "--output", str(backed_up))


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_with_data_without_force(backed_up: Path) -> None:
    AssociationFactory.create(slug="nytt")

    with pytest.raises(CommandError, match="Databasen innehåller redan data"):
        call_command("restore", str(backed_up))

    assert Association.objects.filter(slug="nytt").exists()


@pytest.mark.django_db(transaction=True)
def test_restore_with_force_returns_to_the_backup(backed_up: Path, media: Path) -> None:
    AssociationFactory.create(slug="nytt")
    (media / "imports" / "arbetsbok.xlsx").unlink()
    (media / "later.txt").write_text("after the backup")

    call_command("restore", str(backed_up), "--force", stdout=open_null())

    assert sorted(Association.objects.values_list("slug", flat=True)) == ["annat", "exempel"]
    assert sorted(p.relative_to(media).as_posix() for p in media.rglob("*")) == [
        "imports",
        "imports/arbetsbok.xlsx",
    ]
    assert (media / "imports" / "arbetsbok.xlsx").read_bytes() == b"original workbook"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_part_that_does_not_match_its_checksum(backed_up: Path) -> None:
    archive = backed_up / "media.tar.gz"
    archive.write_bytes(archive.read_bytes() + b"\0")
    AssociationFactory.create(slug="nytt")

    with pytest.raises(
        CommandError, match=re.escape("media.tar.gz stämmer inte med kontrollsumman")
    ):
        call_command("restore", str(backed_up), "--force")

    assert Association.objects.filter(slug="nytt").exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_missing_part(backed_up: Path) -> None:
    (backed_up / database_part()).unlink()

    with pytest.raises(CommandError, match=f"Delen {database_part()} saknas"):
        call_command("restore", str(backed_up), "--force")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_of_the_other_engine(backed_up: Path) -> None:
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    other_part = backup.SQLITE_PART if other == "sqlite" else backup.POSTGRES_PART
    (backed_up / database_part()).rename(backed_up / other_part)
    manifest = json.loads((backed_up / "manifest.json").read_text())
    parts = {other_part: manifest["parts"].pop(database_part()), **manifest["parts"]}
    edit_manifest(backed_up, engine=other, parts=parts)

    with pytest.raises(CommandError, match=f"Säkerhetskopian är från {other}"):
        call_command("restore", str(backed_up), "--force")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_from_a_newer_version(backed_up: Path) -> None:
    manifest = json.loads((backed_up / "manifest.json").read_text())
    edit_manifest(backed_up, migrations={**manifest["migrations"], "ops": "0099_future"})

    with pytest.raises(CommandError, match=re.escape("okända migreringar: ops.0099_future")):
        call_command("restore", str(backed_up), "--force")


@pytest.mark.django_db(transaction=True)
def test_restore_takes_a_backup_that_names_a_migration_since_squashed(backed_up: Path) -> None:
    manifest = json.loads((backed_up / "manifest.json").read_text())
    before_squash = {**manifest["migrations"], "tenancy": "0005_invitation_personnummer_hash"}
    edit_manifest(backed_up, migrations=before_squash)

    call_command("restore", str(backed_up), "--force")

    assert backup.latest_migrations(connection)["tenancy"] == manifest["migrations"]["tenancy"]


def test_restore_refuses_a_directory_without_manifest(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=re.escape("saknar manifest.json")):
        call_command("restore", str(tmp_path))


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_refuses_media_already_there(
    backed_up: Path, tmp_path: Path
) -> None:
    occupied = tmp_path / "occupied-media"
    occupied.mkdir()
    (occupied / "someone-else.txt").write_text("not ours")

    with empty_database(tmp_path) as url:
        result = run_in(url, occupied, ["manage.py", "restore", str(backed_up)])

    assert result.returncode == 1
    assert "MEDIA_ROOT innehåller redan filer" in result.stderr
    assert [p.name for p in occupied.iterdir()] == ["someone-else.txt"]


def test_postgres_tools_get_the_password_from_the_environment_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append((command, kwargs["env"]))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(backup.subprocess, "run", fake_run)
    monkeypatch.setattr(backup, "find_binary", lambda name: f"/usr/bin/{name}")

    class FakeConnection:
        settings_dict = {
            "NAME": "finsam",
            "USER": "finsam",
            "PASSWORD": "s3cret-pass",
            "HOST": "db.internal",
            "PORT": 5432,
            "OPTIONS": {"sslmode": "require"},
        }

    backup._dump_postgres(FakeConnection(), tmp_path / "database.dump")  # type: ignore[arg-type]  # a fake connection stands in for Django's

    (command, env) = calls[0]
    assert command == [
        "/usr/bin/pg_dump",
        "--format=custom",
        "--no-password",
        f"--file={tmp_path / 'database.dump'}",
    ]
    assert {k: env[k] for k in sorted(env) if k.startswith("PG")} == {
        "PGDATABASE": "finsam",
        "PGHOST": "db.internal",
        "PGPASSWORD": "s3cret-pass",
        "PGPORT": "5432",
        "PGSSLMODE": "require",
        "PGUSER": "finsam",
    }


def test_find_binary_says_what_to_install_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("PGBIN", raising=False)
    monkeypatch.setattr(backup, "POSTGRES_BIN_DIRS", ())

    with pytest.raises(BackupError, match="pg_dump hittades inte"):
        backup.find_binary("pg_dump")


@pytest.mark.django_db
def test_a_database_that_is_only_migrated_counts_as_empty() -> None:
    assert backup.database_is_empty(connection) is True


def test_a_database_with_an_association_is_not_empty(world: World) -> None:
    assert backup.database_is_empty(connection) is False
