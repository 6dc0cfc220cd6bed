"""The worker's heartbeat: the task stamps one row, ``enqueue_heartbeat`` queues it, and
``/healthz`` reports the worker as ok, stale or unknown (failing only when required)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from ops.heartbeat import record_heartbeat, worker_status
from ops.models import Heartbeat
from ops.tasks import heartbeat

pytestmark = pytest.mark.django_db


def test_heartbeat_task_keeps_a_single_row() -> None:
    heartbeat.enqueue()
    heartbeat.enqueue()

    assert Heartbeat.objects.count() == 1


def test_enqueue_heartbeat_command_runs_the_task() -> None:
    out = io.StringIO()

    call_command("enqueue_heartbeat", stdout=out)

    assert out.getvalue().startswith("Livstecken köat (")
    assert worker_status() == "ok"


def test_worker_status_unknown_without_a_heartbeat() -> None:
    assert worker_status() == "unknown"


def test_worker_status_stale_after_fifteen_minutes() -> None:
    now = timezone.now()
    record_heartbeat(at=now - dt.timedelta(minutes=15))

    assert (worker_status(now=now), worker_status(now=now + dt.timedelta(seconds=1))) == (
        "ok",
        "stale",
    )


@override_settings(FINSAM_WORKER_STALE_SECONDS=60)
def test_worker_status_stale_after_the_configured_seconds() -> None:
    now = timezone.now()
    record_heartbeat(at=now - dt.timedelta(seconds=61))

    assert worker_status(now=now) == "stale"


def test_healthz_reports_a_fresh_worker(client: Client) -> None:
    record_heartbeat()

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        200,
        {
            "status": "ok",
            "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "cache": "ok"},
        },
    )


def test_healthz_stale_worker_is_healthy_unless_required(client: Client) -> None:
    record_heartbeat(at=timezone.now() - dt.timedelta(hours=1))

    response = client.get("/healthz")

    assert (response.status_code, response.json()["checks"]["worker"]) == (200, "stale")


@override_settings(FINSAM_REQUIRE_WORKER=True)
def test_healthz_stale_worker_fails_when_required(client: Client) -> None:
    record_heartbeat(at=timezone.now() - dt.timedelta(hours=1))

    response = client.get("/healthz")

    assert (response.status_code, response.json()) == (
        503,
        {
            "status": "error",
            "checks": {"database": "ok", "migrations": "ok", "worker": "stale", "cache": "ok"},
        },
    )


@override_settings(FINSAM_REQUIRE_WORKER=True)
def test_healthz_unknown_worker_fails_when_required(client: Client) -> None:
    response = client.get("/healthz")

    assert (response.status_code, response.json()["checks"]["worker"]) == (503, "unknown")
