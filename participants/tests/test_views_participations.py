"""The participant pages as a deltagaransvarig uses them: start page, list with filters,
entry with and without consent, detail, edit, exit, consent withdrawal, protected
identity and search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AccessLogEntry
from participants import crypto
from participants.choices import ExitReason, Gender
from participants.models import IdentityRecord, Participation, ParticipationEvent, Person
from participants.services import register_entry
from testing.participants import (
    MAN_1985,
    WOMAN_1990,
    WOMAN_2001,
    anonymous_in_a,
    exit_in_a,
    make_personnummer,
    stored_entry,
)
from testing.personas import World
from testing.queries import AssertPageQueries
from testing.views import ClientAs

pytestmark = pytest.mark.django_db
D = dt.date
SLUG = "exempel"


def enter(
    world: World, number: str = WOMAN_1990, *, officer: str = "participant_officer_a", **kw: object
) -> Participation:
    values: dict[str, object] = {
        "user": world.users[officer],
        "intervention": world.intervention_a if officer.endswith("_a") else world.intervention_b,
        "number": number,
        "consent_date": D(2022, 2, 1),
        "entry_date": D(2022, 2, 1),
    }
    values.update(kw)
    return register_entry(**values)  # type: ignore[arg-type]  # keyword values of several types


def url(name: str, *args: object) -> str:
    return reverse(f"participants:{name}", args=[SLUG, *args])


def log_rows() -> list[tuple[str, list[int]]]:
    return [(e.action, e.participation_ids) for e in AccessLogEntry.objects.order_by("id")]


@pytest.fixture
def officer(world: World, client_as: ClientAs) -> Client:
    return client_as("participant_officer_a")


# --- start page -------------------------------------------------------------------------


def test_index_officer_sees_own_interventions_with_ongoing_counts(
    world: World, officer: Client
) -> None:
    enter(world)
    enter(world, MAN_1985)
    enter(world, WOMAN_2001, officer="participant_officer_b")

    response = officer.get(url("index"))

    assert response.status_code == 200
    assert [(r.intervention.code, r.counts.ongoing) for r in response.context["rows"]] == [("A", 2)]
    assert AccessLogEntry.objects.count() == 2 + 1  # the entries only; counts are not logged


def test_index_board_sees_counts_by_gender_and_no_person(world: World, client_as: ClientAs) -> None:
    this_year = dt.date.today()
    enter(world, name="Beata Berglund", consent_date=this_year, entry_date=this_year)
    enter(world, MAN_1985, consent_date=this_year, entry_date=this_year)
    enter(world, WOMAN_2001)  # 2022: ongoing, not entered this year

    response = client_as("board").get(url("index"))

    counts = {r.intervention.code: r.counts for r in response.context["rows"]}
    assert (counts["A"].ongoing, counts["A"].women, counts["A"].men, counts["A"].other) == (
        3,
        1,
        1,
        0,
    )
    assert (counts["B"].ongoing, counts["B"].entered) == (0, 0)
    content = response.content.decode()
    assert "Beata" not in content
    assert "19900314" not in content
    assert url("list", world.intervention_a.pk) not in content


# --- list -------------------------------------------------------------------------------


def test_list_shows_masked_number_name_and_logs_ids_shown(world: World, officer: Client) -> None:
    first = enter(world, name="Beata Berglund")

    response = officer.get(url("list", world.intervention_a.pk))

    content = response.content.decode()
    assert "19900314-****" in content
    assert "Beata Berglund" in content
    assert WOMAN_1990[8:] not in content.replace("19900314-****", "")
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.participation_ids, entry.intervention_ids) == (
        "list",
        [first.pk],
        [world.intervention_a.pk],
    )


def test_list_anonymous_row_shows_gender_and_entry_only(world: World, officer: Client) -> None:
    anonymous_in_a(world, gender=Gender.OTHER, on=D(2022, 4, 5))

    response = officer.get(url("list", world.intervention_a.pk))

    rows = response.context["rows"]
    assert [(r.participation.is_anonymous, r.name) for r in rows] == [(True, "")]
    content = response.content.decode()
    assert ("Anonym" in content, "Annat" in content, "2022-04-05" in content) == (
        True,
        True,
        True,
    )


def test_list_filters_ongoing_and_period(world: World, officer: Client) -> None:
    ongoing = enter(world, entry_date=D(2022, 3, 1))
    exited = enter(world, MAN_1985, entry_date=D(2022, 5, 1))
    exit_in_a(world, exited, on=D(2022, 8, 1), reason=ExitReason.STUDIES)

    only_ongoing = officer.get(url("list", world.intervention_a.pk), {"status": "pagaende"})
    only_exited = officer.get(url("list", world.intervention_a.pk), {"status": "avslutade"})
    exit_period = officer.get(
        url("list", world.intervention_a.pk),
        {"avser": "utskrivning", "fran": "2022-07-01", "till": "2022-08-31"},
    )
    entry_period = officer.get(
        url("list", world.intervention_a.pk), {"fran": "2022-02-01", "till": "2022-03-31"}
    )

    def ids(response: object) -> list[int]:
        return [r.participation.pk for r in response.context["rows"]]  # type: ignore[attr-defined]  # the test client's response has a context

    assert (ids(only_ongoing), ids(only_exited), ids(exit_period), ids(entry_period)) == (
        [ongoing.pk],
        [exited.pk],
        [exited.pk],
        [ongoing.pk],
    )


def test_list_htmx_request_gets_only_the_table(world: World, officer: Client) -> None:
    enter(world)

    response = officer.get(
        url("list", world.intervention_a.pk), {"status": "pagaende"}, HTTP_HX_REQUEST="true"
    )

    content = response.content.decode()
    assert (content.startswith('<div id="participation-table">'), "<form" in content) == (
        True,
        False,
    )
    assert response["Vary"] == "HX-Request, Cookie"
    assert AccessLogEntry.objects.filter(action="list").count() == 1


def test_list_invalid_period_is_a_field_error_and_shows_all(world: World, officer: Client) -> None:
    enter(world)

    response = officer.get(
        url("list", world.intervention_a.pk), {"fran": "2022-05-01", "till": "2022-01-01"}
    )

    assert response.context["filter_form"].errors == {
        "till": ["Slutdatum kan inte vara före startdatum."]
    }
    assert len(response.context["rows"]) == 1


def test_list_paginates_by_50_and_logs_only_the_page(world: World, officer: Client) -> None:
    for serial in range(51):
        anonymous_in_a(world, gender=Gender.WOMAN, on=D(2022, 1, 1) + dt.timedelta(days=serial))

    first = officer.get(url("list", world.intervention_a.pk))
    second = officer.get(url("list", world.intervention_a.pk), {"sida": 2})

    lists = AccessLogEntry.objects.filter(action="list").order_by("id")
    assert [len(e.participation_ids) for e in lists] == [50, 1]
    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 1)
    assert 'href="?sida=2"' in first.content.decode()


@pytest.mark.parametrize(("count", "queries"), [(1, 13), (3, 13)])
def test_list_query_count(
    world: World, officer: Client, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    for serial in range(count):
        enter(world, make_personnummer(D(1980, 1, 1 + serial), 100 + serial), name="N N")

    assert_page_queries(officer, url("list", world.intervention_a.pk), queries)


# --- entry ------------------------------------------------------------------------------


def entry_data(**overrides: str) -> dict[str, object]:
    data: dict[str, object] = {
        "personnummer": WOMAN_1990,
        "name": "Beata Berglund",
        "consent_date": "2022-02-01",
        "consent_form_version": "2",
        "entry_date": "2022-02-01",
        "reference": "",
        "education": "gymnasium",
        "income_before": ["forsorjningsstod", "a_kassa"],
        "public_support_time": "1_3",
        "referrer": "af",
        "action_plan_date": "",
    }
    data.update(overrides)
    return data


def test_create_registers_and_redirects_to_detail(world: World, officer: Client) -> None:
    response = officer.post(url("create", world.intervention_a.pk), entry_data())

    participation = Participation.objects.get()
    assert (response.status_code, response["Location"]) == (
        302,
        url("detail", participation.pk),
    )
    assert (
        participation.intervention,
        participation.gender,
        participation.education,
        participation.income_before,
        participation.referrer,
    ) == (world.intervention_a, Gender.WOMAN, "gymnasium", ["forsorjningsstod", "a_kassa"], "af")
    assert crypto.decrypt(IdentityRecord.objects.get().name_encrypted) == "Beata Berglund"
    assert log_rows() == [("create", [participation.pk])]


def test_create_htmx_post_answers_with_redirect_header(world: World, officer: Client) -> None:
    response = officer.post(
        url("create", world.intervention_a.pk), entry_data(), HTTP_HX_REQUEST="true"
    )

    participation = Participation.objects.get()
    assert (response.status_code, response["HX-Redirect"]) == (204, url("detail", participation.pk))


def test_create_invalid_personnummer_is_a_field_error_and_keeps_input(
    world: World, officer: Client
) -> None:
    wrong = WOMAN_1990[:-1] + str((int(WOMAN_1990[-1]) + 1) % 10)

    response = officer.post(url("create", world.intervention_a.pk), entry_data(personnummer=wrong))

    form = response.context["form"]
    assert (response.status_code, form.errors) == (
        200,
        {"personnummer": ["Personnumrets kontrollsiffra stämmer inte."]},
    )
    assert (form["name"].value(), form["referrer"].value()) == ("Beata Berglund", "af")
    assert (Participation.objects.count(), AccessLogEntry.objects.count()) == (0, 0)


def test_create_consent_after_entry_is_an_error_next_to_consent_date(
    world: World, officer: Client
) -> None:
    response = officer.post(
        url("create", world.intervention_a.pk), entry_data(consent_date="2022-03-01")
    )

    assert response.context["form"].errors == {
        "consent_date": ["Samtycke måste finnas senast på inskrivningsdagen."]
    }
    assert '<p class="error" id="id_consent_date_error">' in response.content.decode()


def test_create_second_open_participation_is_an_error(world: World, officer: Client) -> None:
    enter(world)

    response = officer.post(url("create", world.intervention_a.pk), entry_data())

    assert response.context["form"].errors == {
        "personnummer": ["Personen har redan ett pågående deltagande i insatsen."]
    }


def test_create_in_count_only_intervention_is_a_form_error(world: World, officer: Client) -> None:
    world.intervention_a.follow_up = "antal"
    world.intervention_a.save()

    response = officer.post(url("create", world.intervention_a.pk), entry_data())

    assert response.context["form"].non_field_errors() == [
        "Insatsen följs upp med antal; deltagare registreras inte en och en."
    ]


def test_create_anonymous_registers_gender_and_entry(world: World, officer: Client) -> None:
    response = officer.post(
        url("create_anonymous", world.intervention_a.pk),
        {"gender": "man", "entry_date": "2022-06-01", "reference": ""},
    )

    participation = Participation.objects.get()
    assert (response["Location"], participation.person, participation.gender) == (
        url("detail", participation.pk),
        None,
        "man",
    )


# --- detail -----------------------------------------------------------------------------


def test_detail_shows_fields_history_and_logs_a_read(world: World, officer: Client) -> None:
    participation = enter(world, name="Beata Berglund")
    exit_in_a(
        world, participation, on=D(2022, 9, 1), reason=ExitReason.WORK_SUBSIDISED, work_extent=50
    )

    response = officer.get(url("detail", participation.pk))

    content = response.content.decode()
    assert ("19900314-****" in content, "Beata Berglund" in content, WOMAN_1990 in content) == (
        True,
        True,
        False,
    )
    history = response.context["history"]
    assert [row.event.action for row in history] == ["created", "exited"]
    assert [(c.label, c.old, c.new) for c in history[1].changes] == [
        ("utskrivningsdatum", "–", "2022-09-01"),
        ("avslutsanledning", "–", "Subventionerad anställning"),
        ("arbetsgrad (%)", "–", "50"),
    ]
    assert log_rows()[-1] == ("read", [participation.pk])


def test_detail_of_other_association_is_404(world: World, officer: Client) -> None:
    foreign = stored_entry(world.other_intervention, WOMAN_1990, D(2022, 1, 1))

    response = officer.get(url("detail", foreign.pk))

    assert response.status_code == 404


# --- edit and exit ----------------------------------------------------------------------


def test_update_changes_closed_list_values(world: World, officer: Client) -> None:
    participation = enter(world)
    page = officer.get(url("update", participation.pk))
    data = {
        key: value for key, value in page.context["form"].initial.items() if value not in (None, [])
    }
    data.update({"education": "eftergymnasial", "referrer": "fk"})

    response = officer.post(url("update", participation.pk), data)

    participation.refresh_from_db()
    assert (response.status_code, participation.education, participation.referrer) == (
        302,
        "eftergymnasial",
        "fk",
    )
    assert [e.action for e in ParticipationEvent.objects.order_by("id")] == [
        "created",
        "updated",
    ]


def test_exit_work_reason_without_extent_is_an_error(world: World, officer: Client) -> None:
    participation = enter(world)

    response = officer.post(
        url("exit", participation.pk),
        {"exit_date": "2022-06-01", "exit_reason": ExitReason.WORK_UNSUBSIDISED},
    )

    assert response.context["form"].errors == {
        "work_extent": ["Ange arbetsgrad (1–100 %) när deltagaren går till arbete."]
    }
    participation.refresh_from_db()
    assert participation.exit_date is None


def test_exit_registers_exit(world: World, officer: Client) -> None:
    participation = enter(world)

    response = officer.post(
        url("exit", participation.pk),
        {
            "exit_date": "2022-06-01",
            "exit_reason": ExitReason.OWN_BUSINESS,
            "work_extent": "75",
            "income_after": ["lon"],
        },
    )

    participation.refresh_from_db()
    assert (response["Location"], participation.exit_date, participation.work_extent) == (
        url("detail", participation.pk),
        D(2022, 6, 1),
        75,
    )
    assert participation.income_after == ["lon"]


def test_exit_of_anonymous_participation_redirects_to_detail(world: World, officer: Client) -> None:
    anonymous = anonymous_in_a(world, gender=Gender.WOMAN, on=D(2022, 1, 1))

    response = officer.get(url("exit", anonymous.pk))

    assert (response.status_code, response["Location"]) == (302, url("detail", anonymous.pk))


# --- consent withdrawal and protected identity ------------------------------------------


@pytest.mark.parametrize("name", ["withdraw_consent", "protected_identity"])
def test_identity_removal_asks_then_anonymises(world: World, officer: Client, name: str) -> None:
    participation = enter(world, name="Beata Berglund")

    page = officer.get(url(name, participation.pk))
    response = officer.post(url(name, participation.pk))

    participation.refresh_from_db()
    assert (page.status_code, response.status_code, participation.person) == (200, 302, None)
    assert Person.objects.count() == 0
    assert log_rows()[-2:] == [("read", [participation.pk]), ("anonymise", [participation.pk])]


# --- search -----------------------------------------------------------------------------


def test_search_finds_own_participant_and_logs_hits(world: World, officer: Client) -> None:
    participation = enter(world, name="Beata Berglund")

    response = officer.post(url("search"), {"personnummer": "900314-" + WOMAN_1990[8:]})

    assert [r.participation.pk for r in response.context["rows"]] == [participation.pk]
    assert response.context["form"]["personnummer"].value() is None
    assert log_rows()[-1] == ("search", [participation.pk])


def test_search_does_not_find_participant_of_other_intervention(
    world: World, officer: Client
) -> None:
    enter(world, officer="participant_officer_b")

    response = officer.post(url("search"), {"personnummer": WOMAN_1990})

    assert response.context["rows"] == []
    assert log_rows()[-1] == ("search", [])


def test_search_get_is_a_form_and_logs_nothing(world: World, officer: Client) -> None:
    response = officer.get(url("search"), {"personnummer": WOMAN_1990})

    assert (response.status_code, response.context.get("searched")) == (200, None)
    assert AccessLogEntry.objects.count() == 0


def test_search_invalid_number_is_a_field_error(world: World, officer: Client) -> None:
    response = officer.post(url("search"), {"personnummer": "12345"})

    assert response.context["form"].errors == {
        "personnummer": ["Personnumret ska ha formen ÅÅÅÅMMDD-NNNN (12 siffror) eller ÅÅMMDD-NNNN."]
    }
    assert AccessLogEntry.objects.count() == 0


def test_create_anonymous_duplicate_reference_is_a_field_error(
    world: World, officer: Client
) -> None:
    data = {"gender": "man", "entry_date": "2022-06-01", "reference": "A-17"}
    officer.post(url("create_anonymous", world.intervention_a.pk), data)

    response = officer.post(url("create_anonymous", world.intervention_a.pk), data)

    assert response.context["form"].errors == {
        "reference": ["Deltagar-id:t används redan i förbundet."]
    }
    assert Participation.objects.count() == 1
