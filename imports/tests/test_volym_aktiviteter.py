"""The `Volym` and `Aktiviteter` sheets: every rule refused with its sheet/row/column and
nothing written; rows replaced by their natural keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from imports.tests.workbooks import (
    AKTIVITETER_HEADER,
    VOLYM_HEADER,
    Sheets,
    good_sheets,
    run_import,
    xlsx_file,
)
from imports.workbook.base import SheetChanges
from interventions.models import Intervention
from participants.models import Activity, VolumeCount
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db

VOLUME = ["NAT", 2023, 1, 4, 2, 0]
ACTIVITY = ["2023-05-10", "Nätverksträff", "natverkstraff", "NAT", 12, 4, 0, "FK; AF"]


def changed(row: list[Any], header: list[str], **values: Any) -> list[Any]:
    copy = list(row)
    for name, value in values.items():
        copy[header.index({"man": "män", "ar": "år", "manad": "månad"}.get(name, name))] = value
    return copy


def volym(**values: Any) -> list[Any]:
    return changed(VOLUME, VOLYM_HEADER, **values)


def aktivitet(**values: Any) -> list[Any]:
    return changed(ACTIVITY, AKTIVITETER_HEADER, **values)


VOLYM_RULES: dict[str, tuple[list[list[Any]], tuple[int, str, str]]] = {
    "insats missing": ([volym(insats="")], (2, "insats", "")),
    "insats unknown": ([volym(insats="OKAND")], (2, "insats", "OKAND")),
    "insats with personuppgifter": ([volym(insats="ARB")], (2, "insats", "ARB")),
    "år missing": ([volym(ar="")], (2, "år", "")),
    "år not a year": ([volym(ar="23")], (2, "år", "23")),
    "månad zero": ([volym(manad=0)], (2, "månad", "0")),
    "månad 13": ([volym(manad=13)], (2, "månad", "13")),
    "månad missing": ([volym(manad="")], (2, "månad", "")),
    "kvinnor negative": ([volym(kvinnor=-1)], (2, "kvinnor", "-1")),
    "män not a number": ([volym(man="fyra")], (2, "män", "fyra")),
    "män a fraction": ([volym(man="2,5")], (2, "män", "2,5")),
    "annat missing": ([volym(annat="")], (2, "annat", "")),
    "same month twice": ([volym(), volym(kvinnor=5)], (3, "månad", "1")),
}

AKTIVITETER_RULES: dict[str, tuple[list[list[Any]], tuple[int, str, str]]] = {
    "datum missing": ([aktivitet(datum="")], (2, "datum", "")),
    "datum not a date": ([aktivitet(datum="maj 2023")], (2, "datum", "maj 2023")),
    "titel missing": ([aktivitet(titel="")], (2, "titel", "")),
    "titel too long": ([aktivitet(titel="t" * 301)], (2, "titel", "t" * 79 + "…")),
    "typ missing": ([aktivitet(typ="")], (2, "typ", "")),
    "typ unknown": ([aktivitet(typ="fest")], (2, "typ", "fest")),
    "insats unknown": ([aktivitet(insats="OKAND")], (2, "insats", "OKAND")),
    "kvinnor negative": ([aktivitet(kvinnor=-3)], (2, "kvinnor", "-3")),
    "män missing": ([aktivitet(man="")], (2, "män", "")),
    "annat not a number": ([aktivitet(annat="x")], (2, "annat", "x")),
    "same datum and titel twice": (
        [aktivitet(), aktivitet(kvinnor=1)],
        (3, "titel", "Nätverksträff"),
    ),
}


def workbook(sheet: str, header: list[str], rows: list[list[Any]]) -> Sheets:
    return {"Insatser": good_sheets()["Insatser"], sheet: [header, *rows]}


def counts() -> tuple[int, int, int]:
    return (Intervention.objects.count(), VolumeCount.objects.count(), Activity.objects.count())


@pytest.mark.parametrize(("rows", "refused"), list(VOLYM_RULES.values()), ids=list(VOLYM_RULES))
def test_volym_rule_refuses_file_and_writes_nothing(
    tmp_path: Path, rows: list[list[Any]], refused: tuple[int, str, str]
) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, workbook("Volym", VOLYM_HEADER, rows)), association)

    assert [(p.sheet, p.row, p.column, p.value) for p in result.problems] == [("Volym", *refused)]
    assert result.problems[0].reason
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("rows", "refused"), list(AKTIVITETER_RULES.values()), ids=list(AKTIVITETER_RULES)
)
def test_aktiviteter_rule_refuses_file_and_writes_nothing(
    tmp_path: Path, rows: list[list[Any]], refused: tuple[int, str, str]
) -> None:
    association = AssociationFactory.create()
    sheets = workbook("Aktiviteter", AKTIVITETER_HEADER, rows)

    result = run_import(xlsx_file(tmp_path, sheets), association)

    assert [(p.sheet, p.row, p.column, p.value) for p in result.problems] == [
        ("Aktiviteter", *refused)
    ]
    assert result.problems[0].reason
    assert counts() == (0, 0, 0)


def test_volym_same_key_replaces_counts(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, workbook("Volym", VOLYM_HEADER, [volym()])), association)
    stored = VolumeCount.objects.get()
    sheets = workbook("Volym", VOLYM_HEADER, [volym(kvinnor=7), volym(manad=2)])

    result = run_import(xlsx_file(tmp_path, sheets, "andra.xlsx"), association)

    assert result.changes["Volym"] == SheetChanges(created=1, updated=1)
    assert list(
        VolumeCount.objects.order_by("month").values_list("pk", "month", "women", "men", "other")
    ) == [(stored.pk, 1, 7, 2, 0), (stored.pk + 1, 2, 4, 2, 0)]


def test_aktiviteter_same_key_replaces_activity(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(
        xlsx_file(tmp_path, workbook("Aktiviteter", AKTIVITETER_HEADER, [aktivitet()])),
        association,
    )
    stored = Activity.objects.get()
    sheets = workbook(
        "Aktiviteter", AKTIVITETER_HEADER, [aktivitet(typ="dialog", insats="", organisationer="")]
    )

    result = run_import(xlsx_file(tmp_path, sheets, "andra.xlsx"), association)

    assert result.changes["Aktiviteter"] == SheetChanges(updated=1)
    assert list(
        Activity.objects.values_list("pk", "date", "title", "kind", "intervention", "organisations")
    ) == [(stored.pk, dt.date(2023, 5, 10), "Nätverksträff", "dialog", None, [])]
