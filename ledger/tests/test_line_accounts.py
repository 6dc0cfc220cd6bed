"""The accounts behind a line of the annual report (hand-computed from
``ledger.tests.report_sample``) and the page that lists them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scope

from stats.annual.drilldown import AccountAmount, LineAccounts, line_accounts
from testing.views import PersonaViewCases

pytestmark = pytest.mark.django_db


def _line(world, report, line):
    with scope(association=world.association.pk):
        return line_accounts(world.association, 2022, report, line)


@pytest.mark.parametrize(
    "expected",
    [
        LineAccounts(
            "resultat",
            "kostnader",
            "Verksamhetens kostnader",
            -1026,
            -800,
            (AccountAmount("5010", "Lokalhyra", -1026, -800),),
        ),
        LineAccounts(
            "drift",
            "jobbcentrum",
            "Jobbcentrum",
            -376,
            None,
            (AccountAmount("5010", "Lokalhyra", -376, None),),
        ),
    ],
    ids=["income_line_has_both_years", "operating_row_follows_its_objects"],
)
def test_line_accounts_of_a_line(imported, world, expected):
    assert _line(world, expected.report, expected.line) == expected


def test_line_accounts_of_the_years_result_show_the_result_not_yet_booked(imported, world):
    found = _line(world, "balans", "arets_resultat")

    assert found.rows == (
        AccountAmount("2099", "Årets resultat", 0, 110),
        AccountAmount("", "Årets resultat, ej bokfört", 95, 0),
    )
    assert (found.amount, found.previous) == (95, 110)


def test_line_accounts_of_unallocated_operating_amounts(imported, world):
    found = _line(world, "drift", "ej_fordelat")

    assert [(row.account, row.amount) for row in found.rows] == [
        ("5010", -50),
        ("7830", -100),
        ("8310", 20),
    ]
    assert found.amount == -130


def test_line_accounts_of_an_unknown_line_is_none(imported, world):
    assert (_line(world, "resultat", "nothing"), _line(world, "other", "kostnader")) == (None, None)


@pytest.mark.usefixtures("imported")
class TestLineAccountsPage(PersonaViewCases):
    permission = "ledger.view_ledger"

    def url(self, world):
        return reverse("ledger:line_accounts", args=["exempel", 2022, "resultat", "kostnader"])


def test_line_accounts_page_of_an_unknown_line_is_404(imported, client_as):
    url = reverse("ledger:line_accounts", args=["exempel", 2022, "resultat", "nothing"])

    assert client_as("board").get(url).status_code == 404


def test_annual_report_page_links_each_figure_to_its_accounts(imported, client_as):
    page = client_as("board").get(reverse("ledger:annual_report", args=["exempel", 2022]))
    url = reverse("ledger:line_accounts", args=["exempel", 2022, "drift", "jobbcentrum"])

    response = client_as("board").get(url)

    assert f'href="{url}"' in page.content.decode()
    assert response.context["line"].amount == -376
    assert '#konto-5010"' in response.content.decode()


def test_annual_report_notes_link_to_the_accounts_of_their_line(imported, client_as):
    page = client_as("board").get(reverse("ledger:annual_report", args=["exempel", 2022]))
    notes = page.context["report"]["notes"]
    statements = {"income_statement": "resultat", "balance_sheet": "balans"}
    expected = [
        reverse("ledger:line_accounts", args=["exempel", 2022, kind, note["line"]])
        for note in notes
        for key, kind in statements.items()
        if any(line["line"] == note["line"] for line in page.context["report"][key]["lines"])
    ]

    html = page.content.decode()
    notes_part = html[html.index('id="notes-heading"') :]
    assert (notes != [], expected != []) == (True, True)
    assert [url for url in expected if f'href="{url}"' in notes_part] == expected
