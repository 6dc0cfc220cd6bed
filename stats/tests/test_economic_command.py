"""``manage.py economic_information``: the contract JSON for an association loaded with the
workbook, validated against the schema, and its refusals."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from imports.tests.workbooks import run_import, xlsx_file
from stats.economic_schema import economic_schema
from stats.tests.economic_sample import seed_sheets
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def test_economic_information_command_writes_the_contract_json(tmp_path):
    association = AssociationFactory.create(slug="uppsala")
    assert run_import(xlsx_file(tmp_path, seed_sheets()), association).problems == []
    output = tmp_path / "ekonomi.json"

    call_command(
        "economic_information",
        "--association=uppsala",
        "--as-of=2023-03-31",
        "--until=2025",
        "--format=json",
        f"--output={output}",
        stderr=io.StringIO(),
    )

    data = json.loads(output.read_text(encoding="utf-8"))
    jsonschema.validate(data, economic_schema(data["columns"]))
    assert data["columns"] == ["2023_budget", "2023_prognos", "2024_budget", "2025_budget"]
    assert data["totals"]["room_after_applications"]["2025_budget"] == 18_179_817


def test_economic_information_command_to_stdout_for_an_empty_association_warns():
    AssociationFactory.create(slug="tom")
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "economic_information",
        "--association=tom",
        "--as-of=2024-05-01",
        "--until=2024",
        stdout=out,
        stderr=err,
    )

    data = json.loads(out.getvalue())
    jsonschema.validate(data, economic_schema(["2024_budget", "2024_prognos"]))
    zero = {"2024_budget": 0, "2024_prognos": 0}
    assert data["totals"]["room"] == zero
    assert data["rows"] == data["interventions"] == data["applications"] == []
    assert "2023" in err.getvalue()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--association=finns-inte", "--as-of=2023-03-31", "--until=2025"], "finns-inte"),
        (["--association=tom", "--as-of=2023-13-01", "--until=2025"], "ÅÅÅÅ-MM-DD"),
        (["--association=tom", "--as-of=2023-03-31", "--until=2022"], "2022"),
    ],
)
def test_economic_information_command_refuses_bad_arguments(arguments, message):
    AssociationFactory.create(slug="tom")

    with pytest.raises(CommandError, match=message):
        call_command("economic_information", *arguments, stderr=io.StringIO())
