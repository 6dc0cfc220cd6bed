"""The national counts page and its XLSX download (Uppföljning Finsam)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from participants.choices import Gender
from participants.models import Participation, VolumeCount
from stats.national import GenderCounts, NationalRow
from testing.factories import CountedInterventionFactory, InterventionFactory
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db
D = dt.date


def page_url(name: str = "national") -> str:
    return reverse(f"participant_reports:{name}", args=["exempel"])


def arrange(world: World) -> None:
    for gender, day in [(Gender.WOMAN, 3), (Gender.WOMAN, 4), (Gender.MAN, 5)]:
        Participation.objects.create(
            association=world.association,
            intervention=world.intervention_a,
            gender=gender,
            entry_date=D(2024, 2, day),
        )
    volume = CountedInterventionFactory.create(
        association=world.association, code="V", name="Volyminsats"
    )
    VolumeCount.objects.create(
        association=world.association, intervention=volume, year=2024, month=3, women=2, men=1
    )


class TestNationalPage(PersonaViewCases):
    permission = "participants.report_national_counts"

    def url(self, world: World) -> str:
        return page_url()


class TestNationalXlsx(TestNationalPage):
    data = {"year": "2024"}

    def url(self, world: World) -> str:
        return page_url("national_xlsx")


def test_national_page_anonymous_redirects_to_login(client_as: ClientAs, world: World) -> None:
    response = client_as(None).get(page_url())

    assert response.status_code == 302


def test_national_page_defaults_to_previous_year(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(page_url())

    assert response.context["year"] == timezone.localdate().year - 1


def test_national_page_shows_the_chosen_year(world: World, client_as: ClientAs) -> None:
    arrange(world)

    response = client_as("admin").get(page_url(), {"year": "2024"})

    counts = response.context["counts"]
    assert (counts.year, counts.registered, counts.monthly_sums) == (
        2024,
        [
            NationalRow("A", "Insats A", GenderCounts(women=2, men=1)),
            NationalRow("B", "Insats B", GenderCounts()),
        ],
        [NationalRow("V", "Volyminsats", GenderCounts(women=2, men=1))],
    )
    assert "Kvinnor, summa av månadsantal" in response.content.decode()


def test_national_page_invalid_year_falls_back_to_previous_year(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(page_url(), {"year": "1800"})

    assert response.context["year"] == timezone.localdate().year - 1


def test_national_xlsx_read_back(world: World, client_as: ClientAs) -> None:
    from openpyxl import load_workbook

    arrange(world)

    response = client_as("admin").get(page_url("national_xlsx"), {"year": "2024"})

    assert response["Content-Disposition"] == (
        'attachment; filename="uppfoljning-finsam-exempel-2024.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.title == "Uppföljning Finsam"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Samordningsförbundet Exempel, 2024", None, None, None, None, None, None],
        [None, None, None, None, None, None, None],
        ["Kod", "Insats", "Underlag", "Kvinnor", "Män", "Annat", "Totalt"],
        ["A", "Insats A", "Inskrivna deltagare under året", 2, 1, 0, 3],
        ["B", "Insats B", "Inskrivna deltagare under året", 0, 0, 0, 0],
        ["V", "Volyminsats", "Summa av månadsantal", 2, 1, 0, 3],
    ]


@pytest.mark.parametrize("extra", [1, 3])
def test_national_page_query_count(
    world: World,
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
    extra: int,
) -> None:
    for i in range(extra):
        InterventionFactory.create(association=world.association, code=f"P{i}")
    client = client_as("admin")

    # Session, user, roles, association (middleware), the year list, the three queries of
    # the counts, then the base template's own (associations menu, session save).
    with django_assert_num_queries(12):
        client.get(page_url(), {"year": "2024"})
