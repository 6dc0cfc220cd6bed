from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from funding.tests.test_workbook_applications import AMOUNT_HEADER, APPLICATION_HEADER
from imports.tests.office_workbooks import (
    AVVIKELSER_HEADER,
    KVARTALSRAPPORTER_HEADER,
    UTFALL_HEADER,
)
from imports.tests.workbooks import (
    AKTIVITETER_HEADER,
    BUDGET_HEADER,
    DELTAGARE_HEADER,
    INSATSER_HEADER,
    VOLYM_HEADER,
    content,
    export_bytes,
    export_file,
    good_sheets,
    run_import,
    xlsx_file,
)
from ledger.tests.mapping_samples import FORBUNDSBUDGET_HEADER, NYCKELTAL_HEADER
from testing.factories import (
    AssociationFactory,
    BudgetFactory,
    InterventionFactory,
    OrganisationFactory,
    SteeringGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_export_then_import_into_empty_association_round_trips(tmp_path: Path) -> None:
    source = AssociationFactory.create()
    intervention = InterventionFactory.create(
        association=source,
        code="ARB",
        name="Arbetsträning",
        short_name="AT",
        steering_group=SteeringGroupFactory.create(association=source),
    )
    intervention.partners.set(
        [
            OrganisationFactory.create(association=source, name="Försäkringskassan"),
            OrganisationFactory.create(association=source, name="Arbetsförmedlingen"),
        ]
    )
    InterventionFactory.create(
        association=source,
        code="NAT",
        kind="struktur",
        aim="",
        end_date=None,
        expected_participants=None,
    )
    BudgetFactory.create(intervention=intervention, year=2023, quarter=None, amount=1_290_000)
    BudgetFactory.create(intervention=intervention, year=2024, quarter=1, amount=250_000)
    BudgetFactory.create(intervention=intervention, year=2024, quarter=4, amount=0)
    path = export_file(tmp_path, source)
    target = AssociationFactory.create()

    result = run_import(path, target)

    assert result.problems == []
    assert content(target) == content(source)


def test_export_of_imported_file_round_trips(tmp_path: Path) -> None:
    first, second = AssociationFactory.create(), AssociationFactory.create()
    run_import(xlsx_file(tmp_path, good_sheets()), first)
    path = export_file(tmp_path, first)

    run_import(path, second)

    assert content(second) == content(first)


def test_export_headers_are_the_importmall_column_names() -> None:
    from openpyxl import load_workbook

    association = AssociationFactory.create()
    InterventionFactory.create(association=association, start_date=dt.date(2023, 1, 31))

    workbook = load_workbook(io.BytesIO(export_bytes(association)))

    assert {name: [c.value for c in workbook[name][1]] for name in workbook.sheetnames} == {
        "Insatser": INSATSER_HEADER,
        "Budget": BUDGET_HEADER,
        "Utfall": UTFALL_HEADER,
        "Deltagare": DELTAGARE_HEADER,
        "Volym": VOLYM_HEADER,
        "Aktiviteter": AKTIVITETER_HEADER,
        "Kvartalsrapporter": KVARTALSRAPPORTER_HEADER,
        "Avvikelser": AVVIKELSER_HEADER,
        "Enkätsvar": ["svar_id", "formular", "datum", "insats", "kon"]
        + [f"f{number}" for number in range(1, 12)],
        "Riksnitt": ["år", "formular", "fraga", "alla", "kvinnor", "man", "svarsfrekvens"],
        "Enkätresultat": ["år", "formular", "fraga", "n", "alla", "kvinnor", "man"],
        "Enkätunderlag": ["år", "formular", "insats", "tillfragade"],
        "Rapportrader": [
            "rapport",
            "rad",
            "rubrik",
            "grupp",
            "konton",
            "not",
            "specifikation",
            "bunden",
        ],
        "Driftrader": ["rad", "rubrik", "grupp", "konton", "objekt", "insats"],
        "Förbundsbudget": FORBUNDSBUDGET_HEADER,
        "Nyckeltal": NYCKELTAL_HEADER,
        "Personal": ["år", "anstallda", "slutat", "bytt_tjanst"],
        "Ansökningar": APPLICATION_HEADER,
        "Ansökningsbelopp": AMOUNT_HEADER,
    }
    start = workbook["Insatser"]["I2"]
    assert (start.value, start.number_format) == (dt.datetime(2023, 1, 31), "yyyy-mm-dd")
