from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessAction, AccessLogEntry, LogReview, Outcome
from audit.queries import LOCAL_TZ, previous_month
from audit.tests.entries import local, make_entry
from testing.participants import WOMAN_1990, enter_in_a
from testing.personas import World
from testing.queries import AssertPageQueries
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def url(name: str) -> str:
    return reverse(name, args=["exempel"])


def shown_ids(response: object) -> list[int]:
    return [row.entry.pk for row in response.context["rows"]]  # type: ignore[attr-defined]  # the test client's response has a context


class TestAuditPages(PersonaViewCases):
    permission = "audit.view_log"
    page = ""

    @pytest.fixture(autouse=True, params=["log", "sample", "anomalies", "reviews"])
    def _page(self, request: pytest.FixtureRequest) -> None:
        self.page = request.param

    def url(self, world: World) -> str:
        return url(f"audit:{self.page}")


class TestReviewCreate(PersonaViewCases):
    permission = "audit.view_log"
    method = "post"
    data = {"scope": "Åtkomstlogg", "entry_ids": "", "conclusion": "utan_anmarkning"}
    allowed = 302

    def url(self, world: World) -> str:
        return url("audit:review_create")


def test_audit_page_anonymous_redirects_to_login(client_as: ClientAs) -> None:
    response = client_as(None).get(url("audit:log"))

    assert response.status_code == 302


# --- the log --------------------------------------------------------------------------------


def test_log_lists_newest_first_and_only_this_association(
    world: World, client_as: ClientAs
) -> None:
    older = make_entry(world.association, at=local(2026, 3, 1))
    newer = make_entry(world.association, at=local(2026, 3, 2))
    make_entry(world.other_association, at=local(2026, 3, 3))

    response = client_as("log_reviewer").get(url("audit:log"))

    assert shown_ids(response) == [newer.pk, older.pk]


def test_log_shows_local_time_roles_and_intervention_codes(
    world: World, client_as: ClientAs
) -> None:
    make_entry(
        world.association,
        at=dt.datetime(2026, 3, 1, 11, 30, tzinfo=dt.UTC),
        role="deltagaransvarig",
        participation_ids=[41, 42],
        intervention_ids=[world.intervention_a.pk, world.intervention_b.pk],
    )

    response = client_as("log_reviewer").get(url("audit:log"))

    row = response.context["rows"][0]
    assert (row.time, row.time_iso, row.roles, row.interventions) == (
        "2026-03-01 12:30:00",
        "2026-03-01T12:30:00+01:00",
        "Deltagaransvarig",
        "A, B",
    )
    assert "41, 42" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"deltagande": "7"}, ["with_7"]),
        ({"atgard": AccessAction.EXPORT}, ["export"]),
        ({"utfall": Outcome.DENIED}, ["denied"]),
        ({"fran": "2026-02-01", "till": "2026-02-28"}, ["february"]),
    ],
)
def test_log_filter_keeps_matching_rows(
    world: World, client_as: ClientAs, params: dict[str, str], expected: list[str]
) -> None:
    entries = {
        "with_7": make_entry(world.association, participation_ids=[7, 8]),
        "export": make_entry(world.association, action=AccessAction.EXPORT),
        "denied": make_entry(world.association, outcome=Outcome.DENIED),
        "february": make_entry(world.association, at=local(2026, 2, 14)),
    }

    response = client_as("log_reviewer").get(url("audit:log"), params)

    assert shown_ids(response) == [entries[name].pk for name in expected]


def test_log_filter_by_user_keeps_that_users_rows(world: World, client_as: ClientAs) -> None:
    officer = world.users["participant_officer_a"]
    mine = make_entry(world.association, user=officer)
    make_entry(world.association, user=world.users["participant_officer_b"])

    response = client_as("log_reviewer").get(url("audit:log"), {"anvandare": officer.pk})

    assert shown_ids(response) == [mine.pk]


def test_log_user_filter_offers_only_users_with_a_role_here(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("log_reviewer").get(url("audit:log"))

    offered = {user.email for user in response.context["form"].fields["anvandare"].queryset}
    assert offered == {f"{name}@example.se" for name in world.users if name != "outsider"}


def test_log_invalid_filter_shows_no_rows(world: World, client_as: ClientAs) -> None:
    make_entry(world.association)

    response = client_as("log_reviewer").get(
        url("audit:log"), {"fran": "2026-03-31", "till": "2026-03-01"}
    )

    assert (shown_ids(response), response.context["form"].is_valid()) == ([], False)


def test_log_pages_by_hundred(world: World, client_as: ClientAs) -> None:
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            association=world.association,
            at=local(2026, 3, 1) + dt.timedelta(minutes=i),
            role="deltagaransvarig",
            action=AccessAction.READ,
            purpose="Deltagarsida",
            outcome=Outcome.OK,
        )
        for i in range(101)
    )

    first = client_as("log_reviewer").get(url("audit:log"))
    second = client_as("log_reviewer").get(url("audit:log"), {"sida": "2"})

    assert (len(first.context["rows"]), len(second.context["rows"])) == (100, 1)


def test_log_review_form_carries_the_rows_and_filter(world: World, client_as: ClientAs) -> None:
    entry = make_entry(world.association, action=AccessAction.EXPORT)

    response = client_as("log_reviewer").get(url("audit:log"), {"atgard": AccessAction.EXPORT})

    assert response.context["review_form"].initial == {
        "scope": "Åtkomstlogg, åtgärd Exportera, sida 1",
        "entry_ids": str(entry.pk),
    }


def test_log_never_shows_a_personnummer(world: World, client_as: ClientAs) -> None:

    enter_in_a(world, number=WOMAN_1990, name="Anna Andersson", on=dt.date(2022, 2, 1))

    content = client_as("log_reviewer").get(url("audit:log")).content.decode()

    assert (WOMAN_1990 in content, WOMAN_1990[2:] in content, "Andersson" in content) == (
        False,
        False,
        False,
    )


@pytest.mark.parametrize(("count", "queries"), [(1, 12), (3, 12)])
def test_log_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    for _ in range(count):
        make_entry(
            world.association,
            user=world.users["participant_officer_a"],
            intervention_ids=[world.intervention_a.pk],
            participation_ids=[1],
        )

    assert_page_queries("log_reviewer", url("audit:log"), queries)


# --- the sample -----------------------------------------------------------------------------


def test_sample_same_seed_gives_same_rows(world: World, client_as: ClientAs) -> None:
    for day in range(1, 29):
        make_entry(world.association, at=local(2026, 2, day))
    params = {"manad": "2026-02", "antal": "5", "fro": "4711"}

    first = client_as("log_reviewer").get(url("audit:sample"), params)
    second = client_as("log_reviewer").get(url("audit:sample"), params)

    assert shown_ids(first) == shown_ids(second)
    assert (len(shown_ids(first)), first.context["population"]) == (5, 28)


def test_sample_takes_only_the_months_rows(world: World, client_as: ClientAs) -> None:
    inside = make_entry(world.association, at=local(2026, 2, 10))
    make_entry(world.association, at=local(2026, 3, 1, 0, 10))

    response = client_as("log_reviewer").get(
        url("audit:sample"), {"manad": "2026-02", "antal": "20", "fro": "1"}
    )

    assert shown_ids(response) == [inside.pk]


def test_sample_defaults_to_last_month_twenty_rows_and_shows_the_seed(
    world: World, client_as: ClientAs
) -> None:
    year, month = previous_month(timezone.localdate(timezone=LOCAL_TZ))

    response = client_as("log_reviewer").get(url("audit:sample"))

    data = response.context["form"].cleaned_data
    assert (data["manad"], data["antal"]) == (dt.date(year, month, 1), 20)
    assert f"<dd>{data['fro']}</dd>" in response.content.decode()


# --- anomalies ------------------------------------------------------------------------------


def test_anomalies_page_lists_denied_attempt_in_period(world: World, client_as: ClientAs) -> None:
    denied = make_entry(
        world.association, user=world.users["participant_officer_b"], outcome=Outcome.DENIED
    )

    response = client_as("log_reviewer").get(
        url("audit:anomalies"), {"fran": "2026-03-01", "till": "2026-03-31"}
    )

    assert [row.entry.pk for row in response.context["denied_rows"]] == [denied.pk]
    assert response.context["review_form"].initial["entry_ids"] == str(denied.pk)


def test_anomalies_page_shows_volume_per_user(world: World, client_as: ClientAs) -> None:
    officer = world.users["participant_officer_a"]
    make_entry(world.association, user=officer, participation_ids=[1, 2, 3])

    response = client_as("log_reviewer").get(
        url("audit:anomalies"), {"fran": "2026-03-01", "till": "2026-03-31", "grans": "2"}
    )

    rows = [(r.user, r.participations, r.flagged) for r in response.context["volume_rows"]]
    assert rows == [(officer, 3, True)]


# --- reviews --------------------------------------------------------------------------------


def test_review_create_records_the_review(world: World, client_as: ClientAs) -> None:
    first = make_entry(world.association)
    second = make_entry(world.association)

    response = client_as("log_reviewer").post(
        url("audit:review_create"),
        {
            "scope": "Stickprov 2026-02",
            "entry_ids": f"{second.pk},{first.pk}",
            "conclusion": LogReview.Conclusion.FOLLOW_UP,
            "comment": "Fråga handläggaren.",
        },
    )

    review = LogReview.objects.get()
    assert response["Location"] == url("audit:reviews")
    assert (
        review.association,
        review.reviewer,
        review.scope,
        review.entry_ids,
        review.conclusion,
        review.comment,
    ) == (
        world.association,
        world.users["log_reviewer"],
        "Stickprov 2026-02",
        [first.pk, second.pk],
        "uppfoljning",
        "Fråga handläggaren.",
    )


def test_review_create_refuses_entries_of_other_association(
    world: World, client_as: ClientAs
) -> None:
    foreign = make_entry(world.other_association)

    response = client_as("log_reviewer").post(
        url("audit:review_create"),
        {"scope": "Logg", "entry_ids": str(foreign.pk), "conclusion": "utan_anmarkning"},
    )

    assert (response.status_code, LogReview.objects.count()) == (200, 0)


def test_review_create_refuses_malformed_ids(world: World, client_as: ClientAs) -> None:
    response = client_as("log_reviewer").post(
        url("audit:review_create"),
        {"scope": "Logg", "entry_ids": "1;DROP", "conclusion": "utan_anmarkning"},
    )

    assert (response.status_code, LogReview.objects.count()) == (200, 0)


def test_review_create_get_is_not_allowed(world: World, client_as: ClientAs) -> None:
    response = client_as("log_reviewer").get(url("audit:review_create"))

    assert response.status_code == 405


def test_reviews_list_shows_this_associations_reviews_newest_first(
    world: World, client_as: ClientAs
) -> None:
    reviewer = world.users["log_reviewer"]
    older, newer = (
        LogReview.objects.create(
            association=world.association, reviewer=reviewer, at=at, scope=scope, conclusion=c
        )
        for at, scope, c in [
            (local(2026, 1, 5), "Januari", LogReview.Conclusion.NO_REMARK),
            (local(2026, 2, 5), "Februari", LogReview.Conclusion.INCIDENT),
        ]
    )
    LogReview.objects.create(
        association=world.other_association,
        reviewer=world.users["outsider"],
        scope="Annat",
        conclusion=LogReview.Conclusion.NO_REMARK,
    )

    response = client_as("log_reviewer").get(url("audit:reviews"))

    assert list(response.context["object_list"]) == [newer, older]
