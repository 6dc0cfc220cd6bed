"""Settings come from the environment: development defaults with DJANGO_DEBUG=1, and a
refusal to start without secrets in production."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from testing.commands import run_python


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO", "FINSAM", "SECRET", "FIELD_"))
    }
    clean.update(env)
    return run_python(["manage.py", "check"], env=clean)


def test_production_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    result = run_check({"DJANGO_DEBUG": "0", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("secret_key", "refusal"),
    [
        ("django-insecure-development-only-key", "SECRET_KEY must be set"),
        ("a-real-secret-for-this-test-only-0123456789", "FIELD_ENCRYPTION_KEY must be set"),
    ],
    ids=["development_secret_key", "no_field_encryption_key"],
)
def test_production_refuses_to_start_with_a_missing_secret(
    tmp_path: Path, secret_key: str, refusal: str
) -> None:
    result = run_check(
        {
            "DJANGO_DEBUG": "0",
            "SECRET_KEY": secret_key,
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        }
    )

    assert result.returncode != 0
    assert refusal in result.stderr


def test_debug_starts_with_nothing_but_a_database_url(tmp_path: Path) -> None:
    result = run_check({"DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"})

    assert (result.returncode, result.stderr) == (0, "")


def test_secret_may_come_from_a_file(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("a-real-secret-read-from-a-file-0123456789\n")
    key_file = tmp_path / "key"
    key_file.write_text("lkSdkLzNMcoFh6sGQ0Q9nF0iX8c5oA6gPd4iKJ1w3mE=")

    result = run_check(
        {
            "DJANGO_DEBUG": "0",
            "SECRET_KEY_FILE": str(secret_file),
            "FIELD_ENCRYPTION_KEY_FILE": str(key_file),
            "ALLOWED_HOSTS": "finsam.example.se",
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        }
    )

    assert result.returncode == 0, result.stderr
