from __future__ import annotations

import pytest

from followup.models import Colour, QuarterlyReport, ReportAction, ReportEvent
from followup.tests.cases import InterventionPageCases, url
from followup.tests.factories import (
    COMPLETE_ANSWERS,
    QuarterlyReportFactory,
    SubmittedReportFactory,
)
from testing.factories import InterventionFactory
from testing.personas import World
from testing.queries import AssertPageQueries
from testing.views import ClientAs, PersonaViewCases, each_page

pytestmark = pytest.mark.django_db


def quarter_url(name: str, intervention_pk: int, year: int = 2023, quarter: int = 1) -> str:
    return url(name, intervention_pk, year, quarter)


# --- who opens which page -------------------------------------------------------------------


class TestIndex(PersonaViewCases):
    permission = "followup.view_followup"

    def url(self, world: World) -> str:
        return url("index")


class TestInterventionReports(InterventionPageCases):
    permission = "followup.view_report"
    page = "intervention"


class TestReportDetail(InterventionPageCases):
    permission = "followup.view_report"
    page = "report_detail"
    more_args = (2023, 1)

    def arrange(self, world: World) -> None:
        SubmittedReportFactory.create(intervention=self.intervention(world))


class TestReportFill(InterventionPageCases):
    permission = "followup.fill_report"
    page = "report_fill"
    more_args = (2023, 1)


class TestSubmittedReportPages(TestReportDetail):
    case = each_page(
        {"permission": "followup.review_report", "page": "report_review"},
        {"permission": "followup.reopen_report", "page": "report_reopen"},
    )


def test_index_shows_a_lead_only_their_interventions(world: World, client_as: ClientAs) -> None:
    response = client_as("intervention_lead_a").get(url("index"))

    assert [row.intervention.code for row in response.context["rows"]] == ["A"]


def test_index_shows_the_office_every_intervention_of_the_association(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("board").get(url("index"))

    assert [row.intervention.code for row in response.context["rows"]] == ["A", "B"]


def test_intervention_reports_of_other_association_is_404(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("admin").get(url("intervention", world.other_intervention.pk))

    assert response.status_code == 404


def test_report_detail_shows_the_questions_with_the_answers(
    world: World, client_as: ClientAs
) -> None:
    SubmittedReportFactory.create(
        intervention=world.intervention_a, on_track="delvis", action_plan_share=40
    )

    response = client_as("board").get(quarter_url("report_detail", world.intervention_a.pk))

    assert response.context["answers"][0] == (
        "Mål",
        [
            ("Ligger insatsen i fas med målen?", "Delvis"),
            ("Vilken är styrgruppens prognos: kommer målen att nås?", "Ja"),
            ("Startade insatsen i tid?", "–"),
            ("Hur stor andel av deltagarna har en handlingsplan (%)?", "40"),
            ("Kommentar om målen", "–"),
        ],
    )
    assert (response.context["can_fill"], response.context["can_review"]) == (False, False)


def test_report_detail_outside_the_period_is_404(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(
        quarter_url("report_detail", world.intervention_a.pk, 2021, 4)
    )

    assert response.status_code == 404


def test_report_review_of_a_draft_is_404(world: World, client_as: ClientAs) -> None:
    QuarterlyReportFactory.create(intervention=world.intervention_a)

    response = client_as("admin").get(quarter_url("report_review", world.intervention_a.pk))

    assert response.status_code == 404


# --- filling in ---------------------------------------------------------------------------


def test_report_form_asks_the_kvartalsrapporter_questions_in_three_sections(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("intervention_lead_a").get(
        quarter_url("report_fill", world.intervention_a.pk)
    )

    sections = [
        (title, [field.name for field in fields])
        for title, fields in response.context["form"].sections()
    ]
    assert sections == [
        ("Mål", ["on_track", "forecast", "started_on_time", "action_plan_share", "goals_comment"]),
        ("Förutsättningar", ["vacancy_funded", "vacancy_self_funded", "conditions_comment"]),
        (
            "Kvalitetssäkring",
            [
                "meetings_per_agreement",
                "ordinary_representation",
                "follow_up_per_agreement",
                "target_group_checked",
                "method_checked",
                "equality_discussed",
                "gender_equality_discussed",
                "implementation_discussed",
                "quality_comment",
            ],
        ),
        ("Övrigt", ["comment"]),
    ]
    assert "Ligger insatsen i fas med målen?" in response.content.decode()


def test_report_save_draft_then_submit(world: World, client_as: ClientAs) -> None:
    client = client_as("intervention_lead_a")
    fill = quarter_url("report_fill", world.intervention_a.pk)

    draft = client.post(fill, {"on_track": "delvis", "action": "draft"})
    submitted = client.post(fill, {**COMPLETE_ANSWERS, "action": "submit"})

    report = QuarterlyReport.objects.get()
    assert (draft.status_code, submitted.status_code) == (302, 302)
    assert (report.status, report.on_track, report.vacancy_funded, report.action_plan_share) == (
        QuarterlyReport.Status.SUBMITTED,
        "ja",
        False,
        80,
    )


def test_report_submit_incomplete_shows_swedish_field_errors(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("intervention_lead_a").post(
        quarter_url("report_fill", world.intervention_a.pk),
        {**COMPLETE_ANSWERS, "forecast": "", "method_checked": "", "action": "submit"},
    )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.errors == {
        "forecast": ["Besvara frågan innan rapporten lämnas in."],
        "method_checked": ["Besvara frågan innan rapporten lämnas in."],
    }
    assert QuarterlyReport.objects.count() == 0


def test_submitted_report_cannot_be_changed_by_the_lead(world: World, client_as: ClientAs) -> None:
    SubmittedReportFactory.create(intervention=world.intervention_a, on_track="ja")
    client = client_as("intervention_lead_a")
    fill = quarter_url("report_fill", world.intervention_a.pk)

    page = client.get(fill)
    post = client.post(fill, {**COMPLETE_ANSWERS, "on_track": "nej", "action": "draft"})

    assert (page.status_code, page["Location"]) == (
        302,
        quarter_url("report_detail", world.intervention_a.pk),
    )
    assert post.status_code == 403
    assert QuarterlyReport.objects.get().on_track == "ja"


def test_office_reopens_and_the_lead_edits_again(world: World, client_as: ClientAs) -> None:
    SubmittedReportFactory.create(intervention=world.intervention_a, on_track="ja")
    intervention_pk = world.intervention_a.pk

    reopened = client_as("admin").post(
        quarter_url("report_reopen", intervention_pk), {"comment": "Prognosen behöver ses över."}
    )
    edited = client_as("intervention_lead_a").post(
        quarter_url("report_fill", intervention_pk),
        {**COMPLETE_ANSWERS, "on_track": "nej", "action": "draft"},
    )

    report = QuarterlyReport.objects.get()
    assert (reopened.status_code, edited.status_code) == (302, 302)
    assert (report.status, report.on_track) == (QuarterlyReport.Status.DRAFT, "nej")
    assert list(ReportEvent.objects.values_list("action", "comment")) == [
        (ReportAction.REOPENED.value, "Prognosen behöver ses över.")
    ]


def test_review_by_admin_sets_the_colour(world: World, client_as: ClientAs) -> None:
    SubmittedReportFactory.create(intervention=world.intervention_a)

    response = client_as("admin").post(
        quarter_url("report_review", world.intervention_a.pk),
        {"colour": Colour.RED, "comment": "Insatsen behöver skicka in en avvikelserapport."},
    )

    report = QuarterlyReport.objects.get()
    assert response.status_code == 302
    assert (report.colour, report.review_comment) == (
        Colour.RED,
        "Insatsen behöver skicka in en avvikelserapport.",
    )


def test_review_post_by_lead_is_403(world: World, client_as: ClientAs) -> None:
    SubmittedReportFactory.create(intervention=world.intervention_a)

    response = client_as("intervention_lead_a").post(
        quarter_url("report_review", world.intervention_a.pk), {"colour": Colour.GREEN}
    )

    assert response.status_code == 403
    assert QuarterlyReport.objects.get().colour == ""


# --- query counts -------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "queries"), [(1, 12), (3, 12)])
def test_index_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    for _ in range(count):
        intervention = InterventionFactory.create(association=world.association)
        SubmittedReportFactory.create(intervention=intervention)

    assert_page_queries("admin", url("index"), queries)


@pytest.mark.parametrize(("count", "queries"), [(1, 11), (3, 11)])
def test_intervention_reports_query_count(
    world: World, assert_page_queries: AssertPageQueries, count: int, queries: int
) -> None:
    for quarter in range(1, count + 1):
        SubmittedReportFactory.create(intervention=world.intervention_a, quarter=quarter)

    assert_page_queries(
        "intervention_lead_a", url("intervention", world.intervention_a.pk), queries
    )
