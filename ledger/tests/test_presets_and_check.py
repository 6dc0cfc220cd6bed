from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from imports.tests.workbooks import run_import, xlsx_file
from ledger.mapping import accounts_taken_twice, parse_account_list
from ledger.models import FiscalYear, ReportLine
from ledger.presets import PRESETS
from ledger.services import import_sie
from ledger.tests.mapping_samples import RAPPORTRADER, mapping_sheets
from ledger.tests.report_sample import REPORT_SIE
from stats.annual.check import mapping_check
from testing.factories import AssociationFactory
from testing.views import PersonaViewCases

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_preset_takes_every_account_once(preset):
    lines = [(row[1], row[4]) for row in PRESETS[preset]]
    accounts = [str(n) for n in range(1000, 8899)]

    twice = accounts_taken_twice(lines, accounts)
    untaken = [a for a in accounts if not any(parse_account_list(t).matches(a) for _c, t in lines)]

    assert (twice, untaken) == ({}, [])


def test_copy_report_preset_command_copies_and_refuses_twice(capsys):
    association = AssociationFactory.create(slug="test")

    call_command("copy_report_preset", "--association", "test", "--preset", "kommun-bas")
    with pytest.raises(CommandError) as error:
        call_command("copy_report_preset", "--association", "test", "--preset", "bas")

    assert capsys.readouterr().out == "Kopierade 20 rapportrader.\n"
    assert str(error.value) == (
        "Förbundet har redan rapportrader. Välj att ersätta dem för att kopiera mallen."
    )
    with scopes_disabled():
        assert ReportLine.objects.filter(association=association).count() == 20


def test_copy_report_preset_replace_gives_the_preset_lines():
    association = AssociationFactory.create(slug="test")
    call_command("copy_report_preset", "--association", "test", "--preset", "kommun-bas")

    call_command("copy_report_preset", "--association", "test", "--preset", "bas", "--replace")

    with scopes_disabled():
        codes = list(
            ReportLine.objects.filter(association=association)
            .order_by("position")
            .values_list("code", flat=True)
        )
    assert codes == [row[1] for row in PRESETS["bas"]]


def _imported(tmp_path, association, sheets):
    assert run_import(xlsx_file(tmp_path, sheets), association).problems == []
    with scope(association=association.pk):
        import_sie(association=association, data=REPORT_SIE.encode("cp437"))
        return FiscalYear.objects.get(year=2022)


def test_mapping_check_lists_unmapped_twice_and_reconciliation(tmp_path):
    association = AssociationFactory.create()
    lines = [row for row in RAPPORTRADER if row[1] not in ("fin_intakter", "fordringar")]
    sheets = mapping_sheets(
        Rapportrader=lines,
        Budget=[["insats", "år", "kvartal", "belopp"], ["ARB", 2022, "", 400]],
        Utfall=[["insats", "år", "kvartal", "belopp"], ["ARB", 2022, 1, 300]],
    )
    fiscal_year = _imported(tmp_path, association, sheets)
    with scope(association=association.pk):
        ReportLine.objects.filter(code="avskrivningar").update(accounts="5000-7899")

        check = mapping_check(fiscal_year)

    assert check.unmapped == [
        ("1510", "Kundfordringar", Decimal("50.00")),
        ("8310", "Ränteintäkter", Decimal("-20.40")),
    ]
    assert check.twice == {"5010": ["kostnader", "avskrivningar"]}
    assert check.reconciliation == [
        {"intervention": "ARB", "ledger": 376, "requisitions": 300, "difference": 76}
    ]


@pytest.mark.usefixtures("imported")
class TestMappingCheckPage(PersonaViewCases):
    permission = "ledger.view_ledger"

    def url(self, world):
        return reverse("ledger:check", args=["exempel", 2022])


def _unmapped_ledger(world):
    with scope(association=world.association.pk):
        import_sie(association=world.association, data=REPORT_SIE.encode("cp437"))


class TestPresetCopyOnCheckPage(PersonaViewCases):
    permission = "ledger.change_mapping"
    method = "post"
    data = {"preset": "bas"}
    allowed = 302

    def arrange(self, world):
        _unmapped_ledger(world)

    def url(self, world):
        return reverse("ledger:check", args=["exempel", 2022])


def test_preset_copy_on_check_page_copies_the_preset(world, client_as):
    _unmapped_ledger(world)

    response = client_as("economist").post(
        reverse("ledger:check", args=["exempel", 2022]), {"preset": "bas"}
    )

    assert response.status_code == 302
    with scopes_disabled():
        assert ReportLine.objects.filter(association=world.association).count() == len(
            PRESETS["bas"]
        )
