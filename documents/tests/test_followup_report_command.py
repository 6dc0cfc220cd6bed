from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django_scopes import scope

from stats.memo import memo_json
from stats.memo_schema import MEMO_SCHEMA
from testing.personas import World

pytestmark = pytest.mark.django_db


def report_2022h2(*options: str, **streams: io.StringIO) -> None:
    """``followup_report`` for the example association's second half of 2022."""
    call_command(
        "followup_report", "--association", "exempel", "--period", "2022H2", *options, **streams
    )


@pytest.mark.parametrize("period", ["2022H1", "2022H2", "2022"])
def test_followup_report_json_is_the_contract(world: World, period: str) -> None:
    out = io.StringIO()

    call_command("followup_report", "--association", "exempel", "--period", period, stdout=out)

    data = json.loads(out.getvalue())
    jsonschema.validate(data, MEMO_SCHEMA)
    with scope(association=world.association.pk):
        assert data == memo_json(world.association, period, suppress=True)


def test_followup_report_unsuppressed_says_so(world: World) -> None:
    out = io.StringIO()

    report_2022h2("--unsuppressed", stdout=out)

    assert json.loads(out.getvalue())["suppression"] == {
        "applied": False,
        "threshold": 5,
        "note": "Alla antal visas, utan röjandeskydd.",
    }


@pytest.mark.parametrize(("fmt", "magic"), [("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_followup_report_writes_documents(
    world: World, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    target = tmp_path / f"pm.{fmt}"

    report_2022h2(
        "--format",
        fmt,
        "--output",
        str(target),
        stderr=io.StringIO(),
    )

    assert target.read_bytes()[: len(magic)] == magic


def test_followup_report_refuses_unknown_association(world: World) -> None:
    with pytest.raises(CommandError, match="finns inte"):
        call_command("followup_report", "--association", "saknas", "--period", "2022H2")


def test_followup_report_refuses_a_bad_period(world: World) -> None:
    with pytest.raises(CommandError):
        call_command("followup_report", "--association", "exempel", "--period", "2022H3")
