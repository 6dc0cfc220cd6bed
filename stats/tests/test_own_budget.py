"""The own budget of a year beside the ledger's outcome (``stats.own_budget``), against the
operating statement's figures computed by hand in ``stats/tests/test_annual_report.py``."""

from __future__ import annotations

import pytest
from django_scopes import scope

from imports.tests.workbooks import run_import, xlsx_file
from ledger.models import OperatingRow
from ledger.services import import_sie, save_own_budget
from ledger.tests.mapping_samples import mapping_sheets
from ledger.tests.report_sample import REPORT_SIE
from stats.own_budget import OwnBudgetRow, own_budget
from tenancy.models import Association
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def association(tmp_path) -> Association:
    association = AssociationFactory.create(slug="test")
    assert run_import(xlsx_file(tmp_path, mapping_sheets()), association).problems == []
    with scope(association=association.pk):
        import_sie(association=association, data=REPORT_SIE.encode("cp437"))
    return association


def test_own_budget_with_a_ledger_shows_the_outcome_of_each_own_row(association):
    with scope(association=association.pk):
        result = own_budget(association.pk, 2022)

    assert result.has_ledger is True
    assert [(group.group, group.rows, group.budget, group.outcome) for group in result.groups] == [
        (
            "intakter",
            [OwnBudgetRow("medlemsbidrag", "Medlemsbidrag", "intakter", 1100, None, 1200)],
            1100,
            1200,
        ),
        (
            "administration",
            [OwnBudgetRow("kansli", "Kansli", "administration", 450, 460, 600)],
            450,
            600,
        ),
    ]
    assert [row.consumption_ratio for group in result.groups for row in group.rows] == [None, 133]


def test_own_budget_without_a_ledger_has_no_outcome_and_prognosis_falls_back(association):
    with scope(association=association.pk):
        kansli = OperatingRow.objects.get(code="kansli")
        save_own_budget(
            association=association, row=kansli, year=2024, version="budget", amount=500
        )
        save_own_budget(
            association=association, row=kansli, year=2024, version="prognos", amount=480
        )
        bidrag = OperatingRow.objects.get(code="medlemsbidrag")
        save_own_budget(
            association=association, row=bidrag, year=2024, version="budget", amount=900
        )
        result = own_budget(association.pk, 2024)

    assert result.has_ledger is False
    assert [
        (group.group, group.budget, group.prognosis, group.outcome, group.consumption_ratio)
        for group in result.groups
    ] == [("intakter", 900, 900, None, None), ("administration", 500, 480, None, None)]


def test_own_budget_of_another_association_is_not_shown(association):
    other = AssociationFactory.create(slug="annan")

    with scope(association=other.pk):
        result = own_budget(other.pk, 2022)

    assert result.groups == []
