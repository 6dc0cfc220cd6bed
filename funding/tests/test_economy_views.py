"""The economic information page and its what-if partial: who opens them, the table in TSEK with
owners and marked transfers, totals that add up, and the what-if that saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from documents.economic.table import economic_table
from funding.models import ApplicationYear, EquityBracket
from imports.tests.workbooks import run_import, xlsx_file
from interventions.models import Budget, Intervention
from ledger.models import OperatingRow, OwnBudgetAmount
from stats.economic import economic_information
from stats.tests.economic_sample import seed_sheets
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db

QUERY = {"as_of": "2023-03-31", "until": "2025"}


def url(name: str) -> str:
    return reverse(f"economy:{name}", args=["exempel"])


@pytest.fixture
def seeded(world: World, tmp_path) -> World:
    assert run_import(xlsx_file(tmp_path, seed_sheets()), world.association).problems == []
    return world


class TestEconomyPage(PersonaViewCases):
    permission = "funding.view_economic_information"
    data = QUERY
    page = "information"

    def url(self, world: World) -> str:
        return url(self.page)


class TestEconomyWhatIf(TestEconomyPage):
    permission = "funding.try_economic_information"
    page = "what_if"


class TestEconomyDownload(TestEconomyPage):
    def url(self, world: World) -> str:
        return reverse("economy:download", args=["exempel", "xlsx"])


class TestEquityBrackets(TestEconomyPage):
    permission = "funding.change_equity_brackets"
    data = {}
    page = "brackets"


class TestBudgetGrid(TestEconomyPage):
    permission = "interventions.change_budget"
    data = {"from": "2023"}
    page = "budget_grid"


class TestOwnBudgetGrid(TestBudgetGrid):
    permission = "funding.change_own_budget"
    page = "own_budget"


def test_economy_page_shows_tsek_owners_and_marked_transfers(
    seeded: World, client_as: ClientAs
) -> None:
    response = client_as("board").get(url("information"), QUERY)

    html = response.content.decode()
    assert "3\xa0968" in html  # room 2023 budget, 3 967 817 kr half up
    assert "18\xa0180" in html  # room after applications 2025
    assert "Älvkarleby" in html
    assert "varav 300 överfört" in html  # JOBB's transfer, not by colour alone
    assert "Pröva ansökningarna" not in html  # the board reads; the office tries


def test_economy_page_offers_the_what_if_to_the_office(seeded: World, client_as: ClientAs) -> None:
    response = client_as("economist").get(url("information"), QUERY)

    html = response.content.decode()
    assert 'name="amount-BRY2-2024" value="1860000"' in html
    assert 'hx-get="/f/exempel/beslutsutrymme/prova/"' in html


def test_economy_what_if_excluding_the_application_restores_the_room(
    seeded: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(url("what_if"), QUERY)

    html = response.content.decode()
    assert response.templates[0].name == "funding/partials/economy_table.html"
    assert "<html" not in html
    # nothing ticked: room after applications = room, 2025 22 520 TSEK
    assert html.count("22\xa0520") == 2


def test_economy_what_if_changed_amount_changes_the_room_and_saves_nothing(
    seeded: World, client_as: ClientAs
) -> None:
    query = {**QUERY, "include": "BRY2", "amount-BRY2-2025": "4 000 000"}

    response = client_as("admin").get(url("what_if"), query)

    html = response.content.decode()
    # 22 519 817 - 620 000 - 1 860 000 - 4 000 000 = 16 039 817
    assert "16\xa0040" in html
    with scope(association=seeded.association.pk):
        assert ApplicationYear.objects.get(application__code="BRY2", year=2025).amount == 1_860_000


def test_economy_what_if_bad_amount_is_named_not_an_error_page(
    seeded: World, client_as: ClientAs
) -> None:
    query = {**QUERY, "include": "BRY2", "amount-BRY2-2025": "mycket"}

    response = client_as("admin").get(url("what_if"), query)

    assert response.status_code == 200
    assert "ange ett belopp i hela kronor" in response.content.decode()
    assert "18\xa0180" in response.content.decode()  # the stored amount is kept


def test_economy_page_bad_period_falls_back_with_a_message(
    seeded: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(url("information"), {"as_of": "31/3", "until": "x"})

    assert response.status_code == 200
    assert "ÅÅÅÅ-MM-DD" in response.content.decode()


def test_economic_table_every_total_is_the_sum_of_the_rows_above_it(seeded: World) -> None:
    with scope(association=seeded.association.pk):
        information = economic_information(
            seeded.association,
            as_of=dt.date(2023, 3, 31),
            until=2025,
        )
    rows = economic_table(information).rows

    def section(label: str) -> list[list[int]]:
        start = next(i for i, r in enumerate(rows) if r.kind == "heading" and r.label == label)
        body = []
        for row in rows[start + 1 :]:
            if row.kind != "row":
                break
            body.append(row.values)
        return body

    def total(label: str) -> list[int]:
        return next(r.values for r in rows if r.label == label)

    def summed(body: list[list[int]]) -> list[int]:
        return [sum(column) for column in zip(*body, strict=True)]

    assert summed(section("Intäkter")) == total("Summa intäkter")
    assert summed(section("Samverkansinsatser")) == total("Summa samverkansinsatser")
    assert summed(section("Övriga samverkansinsatser")) == total("Summa övriga samverkansinsatser")
    assert summed(section("Nya ansökningar, ej beviljade")) == total("Summa nya ansökningar")
    costs = summed(
        [
            *section("Kostnader"),
            total("Summa samverkansinsatser"),
            total("Summa övriga samverkansinsatser"),
        ]
    )
    assert costs == total("Summa kostnader")
    assert [a - b for a, b in zip(total("Summa intäkter"), costs, strict=True)] == total(
        "Årets beräknade resultat"
    )


def test_economy_download_docx_and_unknown_format(seeded: World, client_as: ClientAs) -> None:
    client = client_as("board")

    docx = client.get(reverse("economy:download", args=["exempel", "docx"]), QUERY)
    unknown = client.get(reverse("economy:download", args=["exempel", "exe"]), QUERY)

    assert docx["Content-Disposition"] == (
        'attachment; filename="ekonomisk-information-2023-03-31.docx"'
    )
    assert docx.content[:2] == b"PK"
    assert unknown.status_code == 404


def _brackets_post(*rows: tuple[object, object, object]) -> dict[str, object]:
    data: dict[str, object] = {"tak-TOTAL_FORMS": len(rows), "tak-INITIAL_FORMS": 0}
    for index, (lower, upper, share) in enumerate(rows):
        data.update(
            {
                f"tak-{index}-lower": lower,
                f"tak-{index}-upper": upper,
                f"tak-{index}-max_share": share,
            }
        )
    return data


def test_equity_brackets_saved_then_the_limit_is_shown(seeded: World, client_as: ClientAs) -> None:
    client = client_as("economist")

    response = client.post(
        url("brackets"), _brackets_post((0, 24_000_000, 20), (24_000_000, "", 15), ("", "", ""))
    )
    page = client.get(url("information"), QUERY).content.decode()

    assert response.status_code == 302
    with scope(association=seeded.association.pk):
        assert list(EquityBracket.objects.values_list("lower", "upper", "max_share")) == [
            (0, 24_000_000, 20),
            (24_000_000, None, 15),
        ]
    assert "Rekommenderat tak för eget kapital" in page
    assert "3\xa0620" in page  # 24 136 000 x 15 %


def test_equity_brackets_overlapping_are_refused_and_nothing_saved(
    seeded: World, client_as: ClientAs
) -> None:
    response = client_as("admin").post(
        url("brackets"), _brackets_post((0, 30_000_000, 20), (24_000_000, "", 15))
    )

    assert response.status_code == 200
    assert "överlappa" in response.content.decode()
    with scope(association=seeded.association.pk):
        assert EquityBracket.objects.count() == 0


def _budgets(world: World, code: str) -> list[tuple[int, int | None, int]]:
    with scope(association=world.association.pk):
        return list(
            Budget.objects.filter(intervention__code=code).values_list("year", "quarter", "amount")
        )


def test_budget_grid_saves_yearly_budgets_and_leaves_empty_cells(
    seeded: World, client_as: ClientAs
) -> None:
    with scope(association=seeded.association.pk):
        jobb = Intervention.objects.get(code="JOBB")

    response = client_as("economist").post(
        url("budget_grid"),
        {
            "from": "2023",
            f"budget-{jobb.pk}-2023": "10 000 000",
            f"budget-{jobb.pk}-2024": "7 500 000",
            f"budget-{jobb.pk}-2025": "",
        },
    )

    assert response.status_code == 302
    assert _budgets(seeded, "JOBB") == [
        (2022, None, 9_000_000),
        (2023, None, 10_000_000),
        (2024, None, 7_500_000),
    ]


def test_budget_grid_refuses_quarterly_years_and_bad_amounts_saving_nothing(
    seeded: World, client_as: ClientAs
) -> None:
    with scope(association=seeded.association.pk):
        ids = dict(Intervention.objects.values_list("code", "pk"))

    response = client_as("admin").post(
        url("budget_grid"),
        {
            "from": "2023",
            f"budget-{ids['JOBB']}-2025": "1 000",
            f"budget-{ids['LOKUS']}-2023": "5",
            f"budget-{ids['REG']}-2024": "-3",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "kvartalsbudget" in html
    assert "ange ett belopp i hela kronor" in html
    assert (2025, None, 1_000) not in _budgets(seeded, "JOBB")


def _own(world: World, code: str) -> list[tuple[int, str, int]]:
    with scope(association=world.association.pk):
        return sorted(
            OwnBudgetAmount.objects.filter(row__code=code).values_list("year", "version", "amount")
        )


def test_own_budget_grid_saves_budget_and_prognosis_then_the_room_follows(
    seeded: World, client_as: ClientAs
) -> None:
    with scope(association=seeded.association.pk):
        smail = OperatingRow.objects.get(code="smail")
    client = client_as("economist")

    response = client.post(
        url("own_budget"),
        {
            "from": "2023",
            f"own-{smail.pk}-2023-prognos": "1 200 000",
            f"own-{smail.pk}-2024-budget": "",
        },
    )
    page = client.get(url("information"), QUERY).content.decode()

    assert response.status_code == 302
    assert _own(seeded, "smail") == [(2023, "budget", 1_100_000), (2023, "prognos", 1_200_000)]
    assert "3\xa0467" in page  # 3 366 817 + 100 000 after applications, prognos 2023


def test_own_budget_grid_refuses_negative_amounts_saving_nothing(
    seeded: World, client_as: ClientAs
) -> None:
    with scope(association=seeded.association.pk):
        ids = dict(OperatingRow.objects.values_list("code", "pk"))

    response = client_as("admin").post(
        url("own_budget"),
        {
            "from": "2023",
            f"own-{ids['smail']}-2024-budget": "5",
            f"own-{ids['isa']}-2025-budget": "-1",
        },
    )

    assert response.status_code == 200
    assert "noll eller mer" in response.content.decode()
    assert _own(seeded, "smail") == [(2023, "budget", 1_100_000)]
