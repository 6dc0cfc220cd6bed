"""Workbooks built in the tests (no binary fixtures) and a full dump of what an import
writes, to compare databases."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from django_scopes import scope

from imports.workbook import ImportResult, import_workbook
from interventions.models import Budget, Intervention
from tenancy.models import Association, Organisation

Sheets = dict[str, list[list[Any]]]

INSATSER_HEADER = [
    "kod",
    "namn",
    "kortnamn",
    "insatsägare",
    "samverkansparter",
    "inriktning",
    "syfte",
    "uppföljning",
    "startdatum",
    "slutdatum",
    "förväntat_antal_deltagare",
]
BUDGET_HEADER = ["insats", "år", "kvartal", "belopp"]


def good_sheets() -> Sheets:
    return {
        "Insatser": [
            INSATSER_HEADER,
            [
                "ARB",
                "Arbetsträning i Exempel",
                "Arbetsträning",
                "Exempels kommun",
                "Arbetsförmedlingen; Försäkringskassan",
                "individ",
                "arbete",
                "personuppgifter",
                "2023-01-01",
                "2025-12-31",
                60,
            ],
            [
                "NAT",
                "Nätverk för handläggare",
                "",
                "Samordningsförbundet Exempel",
                "",
                "struktur",
                "",
                "antal",
                dt.datetime(2023, 3, 1),
                None,
                None,
            ],
        ],
        "Budget": [
            BUDGET_HEADER,
            ["ARB", 2023, None, "1 290 000"],
            ["ARB", "2024", "1", 300000],
            ["ARB", 2024, 2, "300000,00"],
            ["NAT", 2023, "", "150\u00a0000"],
        ],
    }


def xlsx_bytes(sheets: Sheets) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # only the named sheets
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file(tmp_path: Path, sheets: Sheets, name: str = "importmall.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(sheets))
    return path


def csv_bytes(rows: list[list[Any]], delimiter: str = ";") -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    for row in rows:
        writer.writerow(
            [
                ""
                if cell is None
                else cell.date().isoformat()
                if isinstance(cell, dt.datetime)
                else cell
                for cell in row
            ]
        )
    return text.getvalue().encode("utf-8")


def csv_folder(tmp_path: Path, sheets: Sheets, delimiter: str = ";") -> Path:
    folder = tmp_path / "importmall"
    folder.mkdir()
    for name, rows in sheets.items():
        (folder / f"{name}.csv").write_bytes(csv_bytes(rows, delimiter))
    return folder


def csv_zip(tmp_path: Path, sheets: Sheets, delimiter: str = ",") -> Path:
    path = tmp_path / "importmall.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, rows in sheets.items():
            archive.writestr(f"importmall/{name}.csv", csv_bytes(rows, delimiter))
    return path


def run_import(source: Path, association: Association, *, dry_run: bool = False) -> ImportResult:
    with scope(association=association.pk):
        return import_workbook(source, association=association, dry_run=dry_run)


def triples(result: ImportResult) -> list[tuple[str, int | None, str]]:
    return [(problem.sheet, problem.row, problem.column) for problem in result.problems]


def dump(association: Association) -> dict[str, list[tuple[Any, ...]]]:
    """Every row an import writes, with primary keys (to prove nothing is re-created)."""
    interventions = Intervention.objects.filter(association=association).order_by("code")
    return {
        "organisations": list(
            Organisation.objects.filter(association=association)
            .order_by("name")
            .values_list("pk", "name", "member_id")
        ),
        "interventions": list(
            interventions.values_list(
                "pk",
                "code",
                "name",
                "short_name",
                "owner_id",
                "kind",
                "aim",
                "follow_up",
                "start_date",
                "end_date",
                "expected_participants",
                "steering_group_id",
            )
        ),
        "partners": list(
            Intervention.partners.through.objects.filter(intervention__association=association)
            .order_by("intervention_id", "organisation_id")
            .values_list("pk", "intervention_id", "organisation_id")
        ),
        "budgets": list(
            Budget.objects.filter(association=association)
            .order_by("pk")
            .values_list("pk", "intervention_id", "year", "quarter", "amount")
        ),
    }


def content(association: Association) -> dict[str, list[tuple[Any, ...]]]:
    """The data of an association without keys, to compare two associations."""
    interventions = (
        Intervention.objects.filter(association=association)
        .select_related("owner")
        .prefetch_related("partners")
        .order_by("code")
    )
    return {
        "interventions": [
            (
                i.code,
                i.name,
                i.short_name,
                i.owner.name,
                tuple(sorted(p.name for p in i.partners.all())),
                i.kind,
                i.aim,
                i.follow_up,
                i.start_date,
                i.end_date,
                i.expected_participants,
            )
            for i in interventions
        ],
        "budgets": sorted(
            Budget.objects.filter(association=association).values_list(
                "intervention__code", "year", "quarter", "amount"
            ),
            key=lambda row: (row[0], row[1], row[2] or 0),
        ),
    }
