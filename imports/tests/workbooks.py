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

from imports.workbook import ImportResult, export_workbook, import_workbook
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import SheetChanges
from interventions.models import Budget, Intervention
from participants.models import Participation
from tenancy.models import Association, Organisation

Sheets = dict[str, list[list[Any]]]


def sheet_row(header: list[str], cells: dict[str, Any]) -> list[Any]:
    """The row of a sheet with ``header``: ``cells`` by column, the other cells empty."""
    return [cells.get(column, "") for column in header]


def each_row(outcome: str, rows: dict[str, int]) -> dict[str, SheetChanges]:
    """The changes of an import that gave every row of the sheets (sheet -> rows) ``outcome``."""
    counts: dict[str, dict[str, Any]] = {sheet: {outcome: n} for sheet, n in rows.items()}
    return {sheet: SheetChanges(**count) for sheet, count in counts.items()}


#: sheet -> rows of ``good_sheets``, of ``full_sheets``
GOOD_ROWS = {"Insatser": 2, "Budget": 4}
FULL_ROWS = {**GOOD_ROWS, "Deltagare": 6, "Volym": 2, "Aktiviteter": 2}

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


def export_bytes(association: Association, access: WorkbookAccess | None = None) -> bytes:
    """The association's exported workbook (``access`` as ``export_workbook`` takes it)."""
    buffer = io.BytesIO()
    with scope(association=association.pk):
        export_workbook(buffer, association=association, access=access)
    return buffer.getvalue()


def export_file(tmp_path: Path, association: Association) -> Path:
    """The association's exported workbook, written to ``export.xlsx`` in ``tmp_path``."""
    path = tmp_path / "export.xlsx"
    path.write_bytes(export_bytes(association))
    return path


def export_sheets(
    association: Association, access: WorkbookAccess | None = None, *, header: bool = True
) -> dict[str, list[tuple[Any, ...]]]:
    """The exported workbook's rows per sheet (the header first, unless ``header`` is
    false)."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(export_bytes(association, access)))
    first = 1 if header else 2
    return {
        name: list(workbook[name].iter_rows(min_row=first, values_only=True))
        for name in workbook.sheetnames
    }


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


# --- The participant sheets: Deltagare, Volym, Aktiviteter --------------------------------


DELTAGARE_HEADER = [
    "insats",
    "deltagar_id",
    "anonym",
    "personnummer",
    "samtycke_datum",
    "kön",
    "inskrivningsdatum",
    "utskrivningsdatum",
    "avslutsanledning",
    "arbetsgrad",
    "utbildningsniva",
    "forsorjning_fore",
    "tid_offentlig_forsorjning",
    "remittent",
    "handlingsplan_datum",
    "forsorjning_efter",
]
VOLYM_HEADER = ["insats", "år", "månad", "kvinnor", "män", "annat"]
AKTIVITETER_HEADER = [
    "datum",
    "titel",
    "typ",
    "insats",
    "kvinnor",
    "män",
    "annat",
    "organisationer",
]
#: The notices of an import whose file has none of the three sheets.
MISSING_PARTICIPANT_SHEETS = [
    "Bladet Deltagare finns inte i filen; inga deltagare importerades.",
    "Bladet Volym finns inte i filen; inga volymrader importerades.",
    "Bladet Aktiviteter finns inte i filen; inga aktiviteter importerades.",
]
MISSING_UTFALL = "Bladet Utfall finns inte i filen; inga utfallsrader importerades."
MISSING_REPORT_SHEETS = [
    "Bladet Kvartalsrapporter finns inte i filen; inga kvartalsrapporter importerades.",
    "Bladet Avvikelser finns inte i filen; inga avvikelser importerades.",
]
MISSING_SURVEY_SHEETS = [
    "Bladet Enkätsvar finns inte i filen; inga enkätsvar importerades.",
    "Bladet Riksnitt finns inte i filen; inga riksnitt importerades.",
    "Bladet Enkätresultat finns inte i filen; inga enkätresultat importerades.",
    "Bladet Enkätunderlag finns inte i filen; inga rader om tillfrågade importerades.",
]
#: The notices of an import whose file has none of the ledger mapping sheets.
MISSING_LEDGER_SHEETS = [
    "Bladet Rapportrader finns inte i filen; inga rapportrader importerades.",
    "Bladet Driftrader finns inte i filen; inga driftrader importerades.",
    "Bladet Förbundsbudget finns inte i filen; inga budgetrader importerades.",
    "Bladet Nyckeltal finns inte i filen; inga år med nyckeltal importerades.",
    "Bladet Personal finns inte i filen; inga år med personaluppgifter importerades.",
]
MISSING_APPLICATION_SHEETS = [
    "Bladet Ansökningar finns inte i filen; inga ansökningar importerades.",
    "Bladet Ansökningsbelopp finns inte i filen; inga ansökningsbelopp importerades.",
]
#: The notices of an import whose file has only the sheets Insatser and Budget.
MISSING_AFTER_BUDGET = [
    MISSING_UTFALL,
    *MISSING_PARTICIPANT_SHEETS,
    *MISSING_REPORT_SHEETS,
    *MISSING_SURVEY_SHEETS,
    *MISSING_LEDGER_SHEETS,
    *MISSING_APPLICATION_SHEETS,
]


def dashed(number: str) -> str:
    return f"{number[:8]}-{number[8:]}"


def deltagare(**values: Any) -> list[Any]:
    """A `Deltagare` row: a woman with consent entering ARB, changed by ``values``
    (``kon`` stands for the column kön)."""
    from testing.participants import WOMAN_1990

    row: dict[str, Any] = {
        "insats": "ARB",
        "anonym": "nej",
        "personnummer": dashed(WOMAN_1990),
        "samtycke_datum": "2023-01-10",
        "inskrivningsdatum": "2023-01-15",
    }
    if "kon" in values:
        values["kön"] = values.pop("kon")
    return sheet_row(DELTAGARE_HEADER, row | values)


def anonymous_row(**values: Any) -> list[Any]:
    base: dict[str, Any] = {
        "anonym": "ja",
        "personnummer": "",
        "samtycke_datum": "",
        "kon": "kvinna",
    }
    return deltagare(**{**base, **values})


def full_sheets() -> Sheets:
    """Every sheet the import reads: the interventions and budgets of ``good_sheets`` and
    participations (with consent and anonymous), monthly counts and activities."""
    from testing.participants import MAN_1985, WOMAN_1990

    return {
        **good_sheets(),
        "Deltagare": [
            DELTAGARE_HEADER,
            deltagare(
                deltagar_id="D1",
                utskrivningsdatum="2023-09-30",
                avslutsanledning="arbete_osubventionerat",
                arbetsgrad=50,
                utbildningsniva="gymnasium",
                forsorjning_fore="forsorjningsstod; a_kassa",
                tid_offentlig_forsorjning="1_3",
                remittent="socialtjanst",
                handlingsplan_datum="2023-03-01",
                forsorjning_efter="lon",
            ),
            deltagare(
                personnummer=MAN_1985,
                samtycke_datum=dt.datetime(2023, 2, 1),
                kon="man",
                inskrivningsdatum=dt.datetime(2023, 2, 1),
            ),
            anonymous_row(inskrivningsdatum="2023-03-01"),
            anonymous_row(inskrivningsdatum="2023-03-01"),
            anonymous_row(deltagar_id="D5", kon="annat", inskrivningsdatum="2023-04-01"),
            # The woman comes back after her exit (row 2): a second, open participation.
            deltagare(
                personnummer=WOMAN_1990,
                samtycke_datum="2023-10-15",
                inskrivningsdatum="2023-10-15",
            ),
        ],
        "Volym": [
            VOLYM_HEADER,
            ["NAT", 2023, 1, 4, 2, 0],
            ["NAT", "2023", "2", "5", "3", "1"],
        ],
        "Aktiviteter": [
            AKTIVITETER_HEADER,
            ["2023-05-10", "Nätverksträff våren", "natverkstraff", "NAT", 12, 4, 0, "FK; AF"],
            [dt.datetime(2023, 9, 1), "Webbinarium om samverkan", "webbinarium", "", 30, 8, 1, ""],
        ],
    }


def participant_dump(association: Association) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the participant sheets write, with keys and without timestamps."""
    from participants.models import (
        Activity,
        Consent,
        IdentityRecord,
        ParticipationEvent,
        Person,
        VolumeCount,
    )

    def rows(model: Any, *fields: str) -> list[tuple[Any, ...]]:
        return list(
            model.objects.filter(association=association).order_by("pk").values_list(*fields)
        )

    return {
        **dump(association),
        "persons": rows(
            Person,
            "pk",
            "pnr_hash",
            "birth_date",
            "gender",
        ),
        "identities": rows(
            IdentityRecord,
            "pk",
            "intervention_id",
            "person_id",
            "pnr_encrypted",
            "name_encrypted",
            "protected_identity",
        ),
        "consents": rows(
            Consent,
            "pk",
            "identity_id",
            "given_on",
            "form_version",
            "recorded_by_id",
            "withdrawn_on",
        ),
        "participations": rows(
            Participation,
            *(
                field.attname
                for field in Participation._meta.concrete_fields
                if field.name not in {"created_at", "updated_at"}
            ),
        ),
        "events": rows(
            ParticipationEvent, "pk", "participation_id", "user_id", "action", "changes"
        ),
        "volume_counts": rows(
            VolumeCount, "pk", "intervention_id", "year", "month", "women", "men", "other"
        ),
        "activities": rows(
            Activity,
            "pk",
            "date",
            "title",
            "kind",
            "intervention_id",
            "women",
            "men",
            "other",
            "organisations",
        ),
    }


def participant_content(association: Association) -> dict[str, list[tuple[Any, ...]]]:
    """The participant data of an association without keys, to compare two associations:
    persons by intervention and personnummer with their latest consent there,
    participations, counts, activities."""
    from participants import crypto
    from participants.models import Activity, IdentityRecord, VolumeCount

    def number(identity: IdentityRecord | None) -> str | None:
        return None if identity is None else crypto.decrypt(identity.pnr_encrypted)

    identities = (
        IdentityRecord.objects.filter(association=association)
        .select_related("person", "intervention")
        .prefetch_related("consents")
    )
    participations = Participation.objects.filter(association=association).select_related(
        "intervention", "identity"
    )
    return {
        **content(association),
        "persons": sorted(
            (
                identity.intervention.code,
                number(identity),
                identity.person.birth_date,
                identity.person.gender,
                max(consent.given_on for consent in identity.consents.all()),
            )
            for identity in identities
        ),
        "participations": sorted(
            (
                (
                    p.intervention.code,
                    p.reference,
                    number(p.identity),
                    p.gender,
                    p.entry_date,
                    p.exit_date,
                    p.exit_reason,
                    p.work_extent,
                    p.education,
                    tuple(p.income_before),
                    p.public_support_time,
                    p.referrer,
                    p.action_plan_date,
                    tuple(p.income_after),
                )
                for p in participations
            ),
            key=repr,
        ),
        "volume_counts": sorted(
            VolumeCount.objects.filter(association=association).values_list(
                "intervention__code", "year", "month", "women", "men", "other"
            )
        ),
        "activities": sorted(
            (
                a.date,
                a.title,
                a.kind,
                a.intervention.code if a.intervention else None,
                a.women,
                a.men,
                a.other,
                tuple(a.organisations),
            )
            for a in Activity.objects.filter(association=association).select_related("intervention")
        ),
    }
