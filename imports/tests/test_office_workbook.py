"""A workbook with `Insatser`, `Budget`, `Utfall`, `Kvartalsrapporter` and `Avvikelser`:
what it writes, idempotent re-import, replacing stored rows with their history, the round
trip through the export, who may import it, and the money figures it implies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from finance.models import CostOutcome
from finance.tests.factories import CostOutcomeFactory
from followup.models import (
    Colour,
    Deviation,
    DeviationEvent,
    QuarterlyReport,
    ReportEvent,
)
from followup.tests.factories import (
    DeviationFactory,
    QuarterlyReportFactory,
    SubmittedReportFactory,
)
from imports.tests.office_workbooks import (
    AVVIKELSER_HEADER,
    KVARTALSRAPPORTER_HEADER,
    NOTHING_WRITTEN,
    UTFALL_HEADER,
    avvikelse,
    kvartalsrapport,
    office_content,
    office_dump,
    office_sheets,
    utfall,
    written,
)
from imports.tests.workbooks import (
    GOOD_ROWS,
    content,
    csv_zip,
    each_row,
    export_file,
    export_sheets,
    run_import,
    xlsx_file,
)
from imports.workbook.base import SheetChanges
from tenancy.models import Association
from testing.factories import AssociationFactory, InterventionFactory
from testing.personas import World

pytestmark = pytest.mark.django_db

IMPORTED = "Importerad från fil."


def stored_q1(code: str, in_phase: str, forecast: str, plan_share: int) -> tuple[Any, ...]:
    """The stored 2023 Q1 report of ``kvartalsrapport()`` changed to ``code``, ``in_phase``,
    ``forecast`` and ``plan_share``: the other answers are ARB's."""
    answers = (True, False, True, True, False, "delvis", True, True, False, True, True)
    head = (code, 2023, 1, "submitted", dt.date(2023, 4, 20), in_phase, forecast)
    return (*head, *answers, plan_share, "Två vakanser under kvartalet.")


ARB_Q1 = stored_q1("ARB", "ja", "delvis", 80)
EXPECTED_CONTENT = {
    "costs": [
        ("ARB", 2023, 1, 250_000, "approved"),
        ("ARB", 2023, 2, 300_000, "approved"),
        ("ARB", 2023, 3, 280_000, "approved"),
        ("ARB", 2023, 4, 310_000, "approved"),
        ("ARB", 2024, 1, 200_000, "approved"),
        ("NAT", 2023, 2, 40_000, "approved"),
        ("NAT", 2023, 3, -5_000, "approved"),
    ],
    "reports": [
        ARB_Q1,
        (
            "ARB",
            2023,
            2,
            "submitted",
            dt.date(2023, 8, 2),
            "for_tidigt",
            "ej_aktuellt",
            None,
            True,
            False,
            True,
            False,
            "nej",
            True,
            True,
            False,
            True,
            True,
            None,
            "",
        ),
        stored_q1("NAT", "ej_angivet", "nej", 0),
    ],
    "deviations": [
        (
            "ARB",
            dt.date(2023, 5, 2),
            "malgrupp",
            "Även unga under 20 år.",
            None,
            "avslag",
            dt.date(2023, 5, 20),
            "forbundschef",
        ),
        (
            "ARB",
            dt.date(2023, 10, 15),
            "overforing",
            "Personalen började senare än planerat.",
            150_000,
            "beviljad",
            dt.date(2023, 11, 1),
            "styrelse",
        ),
        (
            "NAT",
            dt.date(2023, 6, 1),
            "vakans",
            "Samordnaren slutar i juni.",
            None,
            "ej_beslutad",
            None,
            "",
        ),
    ],
}
#: sheet -> rows of ``office_sheets``
OFFICE_ROWS = {**GOOD_ROWS, "Utfall": 7, "Kvartalsrapporter": 3, "Avvikelser": 3}
FIRST_CHANGES = each_row("created", OFFICE_ROWS)


def events(association: Association) -> dict[str, list[tuple[object, ...]]]:
    return {
        "reports": list(
            ReportEvent.objects.filter(association=association)
            .order_by("pk")
            .values_list(
                "report__intervention__code", "report__quarter", "action", "user", "comment"
            )
        ),
        "deviations": list(
            DeviationEvent.objects.filter(association=association)
            .order_by("pk")
            .values_list("deviation__kind", "action", "decision", "user", "comment")
        ),
    }


def test_office_workbook_writes_outcome_reports_deviations_and_history(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, office_sheets()), association)

    assert (result.problems, result.changes) == ([], FIRST_CHANGES)
    assert office_content(association) == EXPECTED_CONTENT
    assert events(association) == {
        "reports": [
            ("ARB", 1, "submitted", None, IMPORTED),
            ("ARB", 2, "submitted", None, IMPORTED),
            ("NAT", 1, "submitted", None, IMPORTED),
        ],
        "deviations": [
            ("overforing", "registered", "ej_beslutad", None, IMPORTED),
            ("overforing", "decided", "beviljad", None, IMPORTED),
            ("malgrupp", "registered", "ej_beslutad", None, IMPORTED),
            ("malgrupp", "decided", "avslag", None, IMPORTED),
            ("vakans", "registered", "ej_beslutad", None, IMPORTED),
        ],
    }


def test_office_workbook_dry_run_counts_changes_and_writes_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create()

    result = run_import(xlsx_file(tmp_path, office_sheets()), association, dry_run=True)

    assert (result.changes, written(association)) == (FIRST_CHANGES, NOTHING_WRITTEN)


def test_office_workbook_as_csv_zip_equals_xlsx(tmp_path: Path) -> None:
    from_xlsx, from_zip = AssociationFactory.create(), AssociationFactory.create()
    run_import(xlsx_file(tmp_path, office_sheets()), from_xlsx)

    result = run_import(csv_zip(tmp_path, office_sheets()), from_zip)

    assert result.problems == []
    assert office_content(from_zip) == office_content(from_xlsx)


def test_office_workbook_imports_twice_to_the_same_database(tmp_path: Path) -> None:
    """The dump leaves out only timestamps (created_at, updated_at, the events' at): the
    second import adds no event rows, so the events are compared too."""
    association = AssociationFactory.create()
    path = xlsx_file(tmp_path, office_sheets())
    run_import(path, association)
    after_first = office_dump(association)

    second = run_import(path, association)

    assert second.changes == each_row("unchanged", OFFICE_ROWS)
    assert office_dump(association) == after_first


def test_office_workbook_changed_rows_replace_stored_rows_with_history(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, office_sheets(), "first.xlsx"), association)
    sheets = office_sheets()
    # An approved cost row is locked (docs/money.md): a changed amount would be a problem.
    sheets["Kvartalsrapporter"][1] = kvartalsrapport(i_fas="nej")
    sheets["Avvikelser"][1] = avvikelse(beslut="delvis", beslutsdatum="2023-11-20")
    sheets["Avvikelser"][3] = avvikelse(
        insats="NAT",
        inkommen_datum="2023-06-01",
        typ="vakans",
        beskrivning="Samordnaren slutar i augusti.",
        belopp="",
        beslut="ej_beslutad",
        beslutsdatum="",
        beslutad_av="",
    )

    result = run_import(xlsx_file(tmp_path, sheets, "second.xlsx"), association)

    assert {
        name: result.changes[name] for name in ("Utfall", "Kvartalsrapporter", "Avvikelser")
    } == {
        "Utfall": SheetChanges(unchanged=7),
        "Kvartalsrapporter": SheetChanges(updated=1, unchanged=2),
        "Avvikelser": SheetChanges(updated=2, unchanged=1),
    }
    assert CostOutcome.objects.get(intervention__code="ARB", year=2023, quarter=1).amount == 250_000
    assert QuarterlyReport.objects.get(intervention__code="ARB", quarter=1).on_track == "nej"
    transfer = Deviation.objects.get(kind="overforing")
    assert (transfer.decision, transfer.decided_on) == ("delvis", dt.date(2023, 11, 20))
    assert events(association)["reports"][3:] == [("ARB", 1, "submitted", None, IMPORTED)]
    assert events(association)["deviations"][5:] == [
        ("overforing", "redecided", "delvis", None, IMPORTED),
        (
            "vakans",
            "registered",
            "ej_beslutad",
            None,
            "Beskrivning eller belopp ändrade vid import från fil.",
        ),
    ]


def test_import_keeps_office_review_of_stored_report(tmp_path: Path, world: World) -> None:
    admin = world.users["admin"]
    stored = SubmittedReportFactory.create(
        intervention=world.intervention_a,
        year=2023,
        quarter=1,
        on_track="ja",
        submitted_by=world.users["intervention_lead_a"],
        colour=Colour.RED,
        review_comment="Bemanningen måste lösas.",
        reviewed_by=admin,
        reviewed_at=dt.datetime(2023, 5, 2, 10, tzinfo=dt.UTC),
        goals_comment="Enligt plan.",
    )
    rows = [KVARTALSRAPPORTER_HEADER, kvartalsrapport(insats="A", i_fas="nej")]

    result = run_import(xlsx_file(tmp_path, {"Kvartalsrapporter": rows}), world.association)

    report = QuarterlyReport.objects.get(pk=stored.pk)
    assert result.changes == {"Kvartalsrapporter": SheetChanges(updated=1)}
    assert (
        report.status,
        report.submitted_on,
        report.submitted_by,
        report.on_track,
        report.colour,
        report.review_comment,
        report.reviewed_by,
        report.goals_comment,
    ) == (
        "submitted",
        dt.date(2023, 4, 20),
        None,
        "nej",
        "red",
        "Bemanningen måste lösas.",
        admin,
        "Enligt plan.",
    )


def test_import_submits_a_draft_report(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association, code="A")
    draft = QuarterlyReportFactory.create(intervention=intervention, year=2023, quarter=1)
    rows = [KVARTALSRAPPORTER_HEADER, kvartalsrapport(insats="A")]

    result = run_import(xlsx_file(tmp_path, {"Kvartalsrapporter": rows}), association)

    report = QuarterlyReport.objects.get(pk=draft.pk)
    assert (result.changes, report.status, report.submitted_on) == (
        {"Kvartalsrapporter": SheetChanges(updated=1)},
        "submitted",
        dt.date(2023, 4, 20),
    )


def test_import_refuses_a_submitted_cost_row_and_keeps_an_equal_approved_one(
    tmp_path: Path,
) -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association, code="A")
    submitted = CostOutcomeFactory.create(
        intervention=intervention, year=2023, quarter=1, amount=1, status="submitted"
    )
    approved = CostOutcomeFactory.create(
        intervention=intervention, year=2023, quarter=2, amount=90_000
    )
    rows = [
        UTFALL_HEADER,
        utfall(insats="A", kvartal=1, belopp=80_000),
        utfall(insats="A", kvartal=2, belopp="90 000"),
    ]

    result = run_import(xlsx_file(tmp_path, {"Utfall": rows}), association)

    assert [(p.sheet, p.row, p.column, p.value) for p in result.problems] == [
        ("Utfall", 2, "belopp", "80000")
    ]
    assert list(
        CostOutcome.objects.filter(pk__in=[submitted.pk, approved.pk])
        .order_by("quarter")
        .values_list("quarter", "amount", "status", "approved_on")
    ) == [
        (1, 1, "submitted", None),
        (2, 90_000, "approved", dt.date(2022, 4, 20)),
    ]


def test_import_decides_a_stored_undecided_deviation(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association, code="A")
    stored = DeviationFactory.create(
        intervention=intervention,
        received_on=dt.date(2023, 10, 15),
        kind="overforing",
        description="Personalen började senare än planerat.",
        amount=150_000,
    )
    rows = [AVVIKELSER_HEADER, avvikelse(insats="A")]

    result = run_import(xlsx_file(tmp_path, {"Avvikelser": rows}), association)

    assert result.changes == {"Avvikelser": SheetChanges(updated=1)}
    assert list(stored.events.values_list("action", "decision", "comment")) == [
        ("decided", "beviljad", IMPORTED)
    ]


# --- export and round trip ----------------------------------------------------------------


def test_office_workbook_export_then_import_into_fresh_association_round_trips(
    tmp_path: Path,
) -> None:
    source, target = AssociationFactory.create(), AssociationFactory.create()
    run_import(xlsx_file(tmp_path, office_sheets()), source)
    path = export_file(tmp_path, source)

    result = run_import(path, target)

    assert (result.problems, result.changes) == (
        [],
        FIRST_CHANGES
        | {
            "Deltagare": SheetChanges(),
            "Volym": SheetChanges(),
            "Aktiviteter": SheetChanges(),
            "Enkätsvar": SheetChanges(),
            "Riksnitt": SheetChanges(),
            "Enkätresultat": SheetChanges(),
            "Enkätunderlag": SheetChanges(),
            "Rapportrader": SheetChanges(),
            "Driftrader": SheetChanges(),
            "Förbundsbudget": SheetChanges(),
            "Nyckeltal": SheetChanges(),
            "Personal": SheetChanges(),
            "Ansökningar": SheetChanges(),
            "Ansökningsbelopp": SheetChanges(),
        },
    )
    assert (content(target), office_content(target)) == (content(source), EXPECTED_CONTENT)


def test_office_workbook_export_imported_again_changes_nothing(tmp_path: Path) -> None:
    association = AssociationFactory.create()
    run_import(xlsx_file(tmp_path, office_sheets()), association)
    before = office_dump(association)
    path = export_file(tmp_path, association)

    result = run_import(path, association)

    assert [result.changes[name] for name in ("Utfall", "Kvartalsrapporter", "Avvikelser")] == [
        SheetChanges(unchanged=7),
        SheetChanges(unchanged=3),
        SheetChanges(unchanged=3),
    ]
    assert office_dump(association) == before


def test_export_office_sheets_have_the_spec_columns_and_only_final_rows() -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association, code="A")
    CostOutcomeFactory.create(intervention=intervention, year=2023, quarter=1, amount=-4_000)
    CostOutcomeFactory.create(intervention=intervention, year=2023, quarter=2, status="submitted")
    SubmittedReportFactory.create(
        intervention=intervention, year=2023, quarter=1, started_on_time=None
    )
    QuarterlyReportFactory.create(intervention=intervention, year=2023, quarter=2)
    DeviationFactory.create(
        intervention=intervention, received_on=dt.date(2023, 3, 1), kind="vakans"
    )

    sheets = export_sheets(association)

    assert {name: sheets[name] for name in ("Utfall", "Kvartalsrapporter", "Avvikelser")} == {
        "Utfall": [tuple(UTFALL_HEADER), ("A", 2023, 1, -4_000)],
        "Kvartalsrapporter": [
            tuple(KVARTALSRAPPORTER_HEADER),
            (
                "A",
                2023,
                1,
                dt.datetime(2023, 4, 20),
                "ja",
                "ja",
                None,
                "nej",
                "nej",
                "ja",
                "ja",
                "ja",
                "ja",
                "ja",
                "ja",
                "ja",
                "ja",
                None,
                None,
            ),
        ],
        "Avvikelser": [
            tuple(AVVIKELSER_HEADER),
            (
                "A",
                dt.datetime(2023, 3, 1),
                "vakans",
                "Lägre kostnader än beräknat på grund av en vakans.",
                None,
                "ej_beslutad",
                None,
                None,
            ),
        ],
    }
