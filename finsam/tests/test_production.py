from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client

from testing.commands import run_python
from testing.personas import World


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """This process's environment without Django's, Finsam's and the database's variables,
    with what the production settings require."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "FINSAM", "DATABASE"))
    }
    return env | {
        "DJANGO_DEBUG": "0",
        "SECRET_KEY": "a-production-secret-key-for-this-test-only-0123456789-abcdefghij",
        "FIELD_ENCRYPTION_KEY": "lkSdkLzNMcoFh6sGQ0Q9nF0iX8c5oA6gPd4iKJ1w3mE=",
        "ALLOWED_HOSTS": "finsam.example.se",
        "DATABASE_URL": database_url,
        **extra,
    }


def test_check_deploy_passes_with_production_settings(tmp_path: Path) -> None:
    env = production_env(f"sqlite:///{tmp_path}/db.sqlite3")

    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env=env)

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("debug", "given", "expected"),
    [("0", None, "60 True"), ("1", None, "0 True"), ("0", "0", "0 True"), ("0", "300", "300 True")],
)
def test_database_connections_persist_in_production_by_default(
    debug: str, given: str | None, expected: str
) -> None:
    chosen = {} if given is None else {"DATABASE_CONN_MAX_AGE": given}
    env = production_env(
        "postgres://finsam@localhost:5432/finsam",
        DJANGO_DEBUG=debug,
        DJANGO_SETTINGS_MODULE="finsam.settings",
        **chosen,
    )
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )

    result = run_python(["-c", code], env=env)

    assert (result.returncode, result.stderr, result.stdout.strip()) == (0, "", expected)


@pytest.mark.django_db
def test_healthz_reports_database_and_migrations(client: Client) -> None:
    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        200,
        {
            "status": "ok",
            "checks": {"database": "ok", "migrations": "ok", "worker": "unknown", "cache": "ok"},
        },
    )


def test_pages_send_strict_security_headers(world: World, client_as: object) -> None:
    client = client_as("admin")  # type: ignore[operator]  # the fixture returns a client factory

    response = client.get("/f/exempel/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_script_tag_carries_the_csp_nonce(world: World, client_as: object) -> None:
    response = client_as("admin").get("/f/exempel/")  # type: ignore[operator]  # the fixture returns a client factory

    html = response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in html


def test_session_ends_twelve_hours_after_login(world: World, client_as: object) -> None:
    client = client_as("admin")  # type: ignore[operator]  # the fixture returns a client factory
    client.get("/f/exempel/")
    session = client.session
    session["finsam_login_at"] = session["finsam_login_at"] - 12 * 60 * 60 - 1
    session.save()

    response = client.get("/f/exempel/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
