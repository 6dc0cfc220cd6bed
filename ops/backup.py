"""Backup and restore of a whole installation: the database and the uploaded files.

A backup is a directory::

    manifest.json      created, engine, Finsam version, latest migration per app,
                       size and SHA-256 of every part
    database.dump      PostgreSQL: pg_dump --format=custom
    database.sqlite3   SQLite: the online backup API (consistent while in use)
    media.tar.gz       MEDIA_ROOT

The database holds names and personnummer encrypted under ``FIELD_ENCRYPTION_KEY``; the
backup does not contain that key, which must be kept (separately) to read it again.

PostgreSQL's tools get the connection from ``PGHOST``/``PGPORT``/``PGUSER``/
``PGPASSWORD``/``PGDATABASE`` in their environment, never from the command line (where
other users of the host could read the password).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
POSTGRES_PART = "database.dump"
SQLITE_PART = "database.sqlite3"
MEDIA_PART = "media.tar.gz"
MANIFEST_FORMAT = 1
#: Where Debian puts PostgreSQL 15's programs when they are not on PATH.
POSTGRES_BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"),)
#: Tables that a freshly migrated, empty database already fills (the survey's locked
#: instruments are shipped by a data migration).
_FILLED_BY_MIGRATE = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    "survey_form",
    "survey_question",
}
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore cannot go on; ``str(error)`` is a Swedish explanation."""


@dataclass
class RestoreResult:
    engine: str
    unapplied_migrations: int
    media_files: int


@dataclass
class Manifest:
    created: str
    engine: str
    finsam_version: str
    migrations: dict[str, str]
    parts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "format": MANIFEST_FORMAT,
            "created": self.created,
            "engine": self.engine,
            "finsam_version": self.finsam_version,
            "migrations": self.migrations,
            "parts": self.parts,
        }


# -- helpers ---------------------------------------------------------------------------


def engine_of(connection: BaseDatabaseWrapper) -> str:
    """ "postgresql" or "sqlite" (the only two Finsam supports)."""
    if connection.vendor in ("postgresql", "sqlite"):
        return connection.vendor
    raise BackupError(_("Databastypen %(vendor)s stöds inte.") % {"vendor": connection.vendor})


def find_binary(name: str) -> str:
    """``name`` (pg_dump, pg_restore) from ``$PGBIN``, ``PATH`` or PostgreSQL 15's folder."""
    candidates: list[Path] = []
    if os.environ.get("PGBIN"):
        candidates.append(Path(os.environ["PGBIN"]) / name)
    on_path = shutil.which(name)
    if on_path:
        candidates.append(Path(on_path))
    candidates.extend(directory / name for directory in POSTGRES_BIN_DIRS)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(
        _("Programmet %(name)s hittades inte (Debian: apt-get install postgresql-client-15).")
        % {"name": name}
    )


#: Connection OPTIONS that libpq also reads from the environment.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def postgres_environment(settings_dict: Mapping[str, Any]) -> dict[str, str]:
    """The process environment plus the PG* variables of a Django database setting."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG") or k == "PGBIN"}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
    }
    options = settings_dict.get("OPTIONS") or {}
    for option, variable in _LIBPQ_OPTIONS.items():
        values[variable] = options.get(option)
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def _run(command: list[str], *, env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed program, arguments we built
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s misslyckades: %(error)s")
            % {"program": Path(command[0]).name, "error": result.stderr.strip()[-2000:]}
        )


def describe_file(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return {"size": path.stat().st_size, "sha256": digest.hexdigest()}


def finsam_version() -> str:
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def latest_migrations(connection: BaseDatabaseWrapper) -> dict[str, str]:
    """The latest applied migration of every app (by name: they are numbered)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if app not in latest or name > latest[app]:
            latest[app] = name
    return dict(sorted(latest.items()))


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if not path.is_dir())


def database_is_empty(connection: BaseDatabaseWrapper) -> bool:
    """True when no table holds a row, apart from what ``migrate`` itself writes."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in _FILLED_BY_MIGRATE or table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608 - quoted name from the catalogue
            if cursor.fetchone() is not None:
                return False
    return True


# -- backup ----------------------------------------------------------------------------


def create_backup(output: Path, *, using: str = "default") -> Manifest:
    """Write a backup of database ``using`` and MEDIA_ROOT into the directory ``output``
    (created; refused if it already holds a backup). The directory and its files are
    readable by the owner only."""
    connection = connections[using]
    engine = engine_of(connection)
    if (output / MANIFEST).exists():
        raise BackupError(
            _("Mappen %(path)s innehåller redan en säkerhetskopia.") % {"path": output}
        )
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    output.chmod(0o700)
    old_umask = os.umask(0o077)
    try:
        manifest = Manifest(
            created=timezone.now().isoformat(timespec="seconds"),
            engine=engine,
            finsam_version=finsam_version(),
            migrations=latest_migrations(connection),
        )
        if engine == "postgresql":
            part = POSTGRES_PART
            _dump_postgres(connection, output / part)
        else:
            part = SQLITE_PART
            _dump_sqlite(connection, output / part)
        manifest.parts[part] = describe_file(output / part)
        _archive_media(media_root(), output / MEDIA_PART)
        manifest.parts[MEDIA_PART] = describe_file(output / MEDIA_PART)
        (output / MANIFEST).write_text(
            json.dumps(manifest.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    finally:
        os.umask(old_umask)
    return manifest


def _dump_postgres(connection: BaseDatabaseWrapper, target: Path) -> None:
    command = [find_binary("pg_dump"), "--format=custom", "--no-password", f"--file={target}"]
    _run(command, env=postgres_environment(connection.settings_dict))


def _dump_sqlite(connection: BaseDatabaseWrapper, target: Path) -> None:
    connection.ensure_connection()
    source = connection.connection
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
        # One self-contained file: no write-ahead log beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def _archive_media(root: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz") as archive:
        if root.is_dir():
            archive.add(root, arcname="media", recursive=False)
        for path in media_files(root):
            archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")


# -- restore ---------------------------------------------------------------------------


def read_manifest(directory: Path) -> Manifest:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(
            _("%(path)s saknar manifest.json: ingen säkerhetskopia.") % {"path": directory}
        ) from None
    except (OSError, ValueError):
        raise BackupError(_("manifest.json går inte att läsa.")) from None
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        raise BackupError(_("manifest.json har ett okänt format."))
    return Manifest(
        created=str(data["created"]),
        engine=str(data["engine"]),
        finsam_version=str(data["finsam_version"]),
        migrations=dict(data["migrations"]),
        parts=dict(data["parts"]),
    )


def verify_backup(directory: Path) -> Manifest:
    """The manifest, after checking that every part it lists is there with the recorded
    size and SHA-256, and that the database part fits the engine."""
    manifest = read_manifest(directory)
    expected_part = {"postgresql": POSTGRES_PART, "sqlite": SQLITE_PART}.get(manifest.engine)
    if expected_part is None or {expected_part, MEDIA_PART} - set(manifest.parts):
        raise BackupError(_("manifest.json saknar delar av säkerhetskopian."))
    for name, recorded in sorted(manifest.parts.items()):
        path = directory / name
        if Path(name).name != name or not path.is_file():
            raise BackupError(_("Delen %(name)s saknas.") % {"name": name})
        actual = describe_file(path)
        if actual != {"size": recorded.get("size"), "sha256": recorded.get("sha256")}:
            raise BackupError(
                _("Delen %(name)s stämmer inte med kontrollsumman i manifest.json.")
                % {"name": name}
            )
    return manifest


def unknown_migrations(manifest: Manifest, connection: BaseDatabaseWrapper) -> list[str]:
    """Migrations the backup has applied that this version of Finsam does not know: the
    backup comes from a newer version. The migrations a squashed one replaces are known:
    a backup from before the squash names them."""
    disk = MigrationLoader(connection, ignore_no_migrations=True).disk_migrations
    known = set(disk) | {name for migration in disk.values() for name in migration.replaces}
    return sorted(
        f"{app}.{name}" for app, name in manifest.migrations.items() if (app, name) not in known
    )


def restore_backup(
    directory: Path, *, force: bool = False, using: str = "default"
) -> RestoreResult:
    """Restore the backup in ``directory`` into database ``using`` and MEDIA_ROOT.

    Checks first, changes nothing if any fails: checksums, same engine, no migration
    newer than this code, and (unless ``force``) an empty database and MEDIA_ROOT."""
    connection = connections[using]
    engine = engine_of(connection)
    manifest = verify_backup(directory)
    if manifest.engine != engine:
        raise BackupError(
            _("Säkerhetskopian är från %(backup)s men databasen är %(engine)s.")
            % {"backup": manifest.engine, "engine": engine}
        )
    newer = unknown_migrations(manifest, connection)
    if newer:
        raise BackupError(
            _(
                "Säkerhetskopian kommer från en nyare version av Finsam (okända migreringar: "
                "%(names)s). Installera den versionen först."
            )
            % {"names": ", ".join(newer)}
        )
    if not force:
        if not database_is_empty(connection):
            raise BackupError(
                _(
                    "Databasen innehåller redan data. Återställ till en tom databas, eller "
                    "ange --force för att skriva över den."
                )
            )
        if media_files(media_root()):
            raise BackupError(
                _("MEDIA_ROOT innehåller redan filer. Ange --force för att ersätta dem.")
            )
    if engine == "postgresql":
        _restore_postgres(connection, directory / POSTGRES_PART)
    else:
        _restore_sqlite(connection, directory / SQLITE_PART)
    restored_files = _restore_media(directory / MEDIA_PART, media_root())
    executor = MigrationExecutor(connection)
    unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return RestoreResult(engine=engine, unapplied_migrations=unapplied, media_files=restored_files)


def _restore_postgres(connection: BaseDatabaseWrapper, dump: Path) -> None:
    env = postgres_environment(connection.settings_dict)
    connection.close()  # our own session must not hold locks on the tables dropped
    command = [
        find_binary("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--exit-on-error",
        "--single-transaction",
        "--no-password",
        f"--dbname={env['PGDATABASE']}",
        str(dump),
    ]
    _run(command, env=env)


def _restore_sqlite(connection: BaseDatabaseWrapper, database: Path) -> None:
    """SQLite's backup API, from the backup file into the configured database: the same
    pages as copying the file into place, but safe for the write-ahead log beside the
    live file and for an in-memory database."""
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError(_("Återställningen kan inte köras inuti en transaktion."))
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _restore_media(archive_path: Path, root: Path) -> int:
    with tempfile.TemporaryDirectory(prefix="finsam-restore-") as temporary:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(temporary, filter="data")
        extracted = Path(temporary) / "media"
        root.mkdir(parents=True, exist_ok=True)
        for child in list(root.iterdir()):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        if not extracted.is_dir():
            return 0
        for child in extracted.iterdir():
            shutil.move(str(child), root / child.name)
    return len(media_files(root))
