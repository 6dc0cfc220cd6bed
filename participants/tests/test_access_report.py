"""The access report (registerutdrag): its content, the PDF and JSON renderings, the log
row it writes, and who may produce it.

The PDF is read back with pypdf, line by line.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from audit.models import AccessAction, AccessLogEntry, Outcome
from participants.access_report import access_report_for, render_pdf, role_display
from participants.choices import Education, ExitReason, IncomeSource, Referrer
from participants.models import Participation
from participants.services import EntryDetails, register_entry
from testing.participants import MAN_1985, WOMAN_1990, enter_in_a, exit_in_a
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db
D = dt.date
PRODUCED_ON = D(2025, 3, 1)


def arrange(world: World) -> tuple[Participation, Participation]:
    """Anna in intervention A (entered, then exited) and in B (B's officer registered)."""
    with scope(association=world.association.pk):
        in_a = register_entry(
            user=world.users["participant_officer_a"],
            intervention=world.intervention_a,
            number=WOMAN_1990,
            name="Anna Andersson",
            consent_date=D(2022, 2, 1),
            entry_date=D(2022, 2, 1),
            reference="A-1",
            details=EntryDetails(
                education=Education.UPPER_SECONDARY,
                income_before=[IncomeSource.SOCIAL_ASSISTANCE, IncomeSource.SALARY],
                referrer=Referrer.AF,
            ),
        )
        exit_in_a(world, in_a, on=D(2022, 10, 31), reason=ExitReason.STUDIES)
        in_b = register_entry(
            user=world.users["participant_officer_b"],
            intervention=world.intervention_b,
            number=WOMAN_1990,
            consent_date=D(2023, 1, 9),
            entry_date=D(2023, 1, 9),
            reference="B-1",
        )
    return in_a, in_b


def report_as(world: World, persona: str, number: str = WOMAN_1990) -> dict[str, Any] | None:
    with scope(association=world.association.pk):
        return access_report_for(
            user=world.users[persona],
            association=world.association,
            number=number,
            today=PRODUCED_ON,
        )


def expected_report(today: str) -> dict[str, Any]:
    return {
        "title": "Registerutdrag",
        "association": "Samordningsförbundet Exempel",
        "produced_on": "2025-03-01",
        "interventions": ["Insats A"],
        "scope": (
            "Utdraget omfattar de uppgifter som finns om personen i insatserna: Insats A. "
            "Uppgifter i förbundets andra insatser lämnas av deltagaransvarig för respektive "
            "insats och begärs där."
        ),
        "person": {
            "personnummer": "19900314-****",
            "name": "Anna Andersson",
            "birth_date": "1990-03-14",
            "gender": "Kvinna",
        },
        "consents": [
            # B's consent of 2023-01-09 is recorded in B and is not A's to report.
            {"given_on": "2022-02-01", "form_version": "1", "withdrawn_on": None},
        ],
        "participations": [
            {
                "intervention": "Insats A",
                "variables": [
                    {"label": "Deltagar-id", "value": "A-1"},
                    {"label": "Kön", "value": "Kvinna"},
                    {"label": "Inskrivningsdatum", "value": "2022-02-01"},
                    {"label": "Utskrivningsdatum", "value": "2022-10-31"},
                    {"label": "Avslutsanledning", "value": "Studier"},
                    {"label": "Arbetsgrad (%)", "value": None},
                    {"label": "Utbildningsnivå", "value": "Gymnasium"},
                    {"label": "Försörjning före", "value": "Försörjningsstöd, Lön"},
                    {"label": "Tid i offentlig försörjning", "value": None},
                    {"label": "Remittent", "value": "Arbetsförmedlingen"},
                    {"label": "Handlingsplan klar", "value": None},
                    {"label": "Försörjning efter", "value": None},
                ],
                "history": [
                    {"date": today, "action": "Inskriven", "changes": []},
                    {
                        "date": today,
                        "action": "Utskriven",
                        "changes": [
                            {"label": "Utskrivningsdatum", "before": None, "after": "2022-10-31"},
                            {"label": "Avslutsanledning", "before": None, "after": "Studier"},
                        ],
                    },
                ],
            }
        ],
        "purposes": [
            "Uppföljning av insatsen: in- och utskrivning och de uppgifter som behövs för att "
            "följa deltagarens väg mot arbete eller studier.",
            "Statistik till förbundets styrelse och medlemmar, redovisad så att ingen enskild "
            "person kan pekas ut.",
            "Nationell uppföljning av finansiell samordning (Uppföljning Finsam), som bara tar "
            "emot antal deltagare per kön.",
            "Behandlingen sker med stöd av deltagarens samtycke och i enlighet med det. "
            "Samtycket kan återkallas; då tas personuppgifterna bort och deltagandet sparas "
            "bara som antal.",
        ],
        "retention": (
            "Personuppgifter (personnummer, namn och samtycken) tas bort 24 månader efter att "
            "personens sista deltagande avslutades. Deltagandet sparas därefter utan koppling "
            "till personen, med kön och inskrivningsdatum, för statistik. Åtkomstloggens "
            "koppling till deltaganden tas bort efter 36 månader."
        ),
        "accesses": [
            {
                "date": today,
                "role": "Deltagaransvarig",
                "action": "Registrera",
                "purpose": "Registrering av deltagare",
            },
            {
                "date": today,
                "role": "Deltagaransvarig",
                "action": "Ändra",
                "purpose": "Utskrivning",
            },
            {
                "date": today,
                "role": "Deltagaransvarig",
                "action": "Registerutdrag",
                "purpose": "Registerutdrag",
            },
        ],
    }


def test_access_report_content_covers_only_the_officers_interventions(world: World) -> None:
    arrange(world)

    report = report_as(world, "participant_officer_a")

    assert report == expected_report(timezone.localdate().isoformat())


def test_access_report_is_logged_with_the_participations_shown(world: World) -> None:
    in_a, _in_b = arrange(world)

    report_as(world, "participant_officer_a")

    entry = AccessLogEntry.objects.filter(action=AccessAction.ACCESS_REPORT).get()
    assert (entry.user, entry.role, entry.participation_ids, entry.purpose, entry.outcome) == (
        world.users["participant_officer_a"],
        "deltagaransvarig",
        [in_a.pk],
        "Registerutdrag",
        Outcome.OK,
    )


def test_access_report_person_without_participation_here_is_none_and_logged(
    world: World,
) -> None:
    arrange(world)

    report = report_as(world, "participant_officer_a", number=MAN_1985)

    assert report is None
    entry = AccessLogEntry.objects.filter(action=AccessAction.ACCESS_REPORT).get()
    assert entry.participation_ids == []


def test_access_report_for_officer_b_shows_only_b(world: World) -> None:
    arrange(world)

    report = report_as(world, "participant_officer_b")

    assert report is not None
    assert [p["intervention"] for p in report["participations"]] == ["Insats B"]
    assert [a["action"] for a in report["accesses"]] == ["Registrera", "Registerutdrag"]


def test_role_display_names_roles_not_people() -> None:
    assert [
        role_display("deltagaransvarig"),
        role_display("deltagaransvarig,insatsansvarig"),
        role_display("system"),
    ] == ["Deltagaransvarig", "Deltagaransvarig, Insatsansvarig", "System (automatisk körning)"]


# --- the PDF ----------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> list[str]:
    """The text of every page, line by line, in order."""
    import io

    from pypdf import PdfReader

    return [
        line.strip()
        for page in PdfReader(io.BytesIO(pdf)).pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]


def test_access_report_pdf_has_swedish_headings_masked_number_and_page_numbers(
    world: World,
) -> None:
    arrange(world)
    report = report_as(world, "participant_officer_a")
    assert report is not None

    lines = pdf_text(render_pdf(report))

    headings = [
        "Registerutdrag",
        "Identitet",
        "Samtycken",
        "Deltaganden",
        "Insats A",
        "Ändringshistorik",
        "Ändamål med behandlingen",
        "Gallring",
        "Åtkomst till uppgifterna",
    ]
    assert [h for h in headings if h in lines] == headings
    text = " ".join(lines)
    assert "Personnummer 19900314-****" in text
    assert "Sida 1 av " in text
    assert [line for line in lines if WOMAN_1990 in line or "0314-2" in line] == []


def test_access_report_pdf_is_a4(world: World) -> None:
    arrange(world)
    report = report_as(world, "participant_officer_a")
    assert report is not None

    import io

    from pypdf import PdfReader

    pdf = render_pdf(report)

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert pdf.startswith(b"%PDF-")
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_access_report_pdf_is_tagged_in_swedish(world: World) -> None:
    import io

    from pypdf import PdfReader

    arrange(world)
    report = report_as(world, "participant_officer_a")
    assert report is not None

    catalogue: Any = PdfReader(io.BytesIO(render_pdf(report))).trailer["/Root"]

    assert (
        "/StructTreeRoot" in catalogue,
        catalogue["/Lang"],
        catalogue["/MarkInfo"]["/Marked"],
    ) == (
        True,
        "sv",
        True,
    )


# --- the page ---------------------------------------------------------------------------


def no_store(response: Any) -> bool:
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    return "no-store" in directives


def url() -> str:
    return reverse("participant_reports:access_report", args=["exempel"])


class TestAccessReportPage(PersonaViewCases):
    permission = "participants.make_access_report"

    def url(self, world: World) -> str:
        return url()


class TestAccessReportPost(TestAccessReportPage):
    method = "post"
    data = {"personnummer": WOMAN_1990, "format": "json"}

    def arrange(self, world: World) -> None:
        arrange(world)


@pytest.mark.parametrize("persona", ["admin", "board"])
def test_access_report_post_refused_and_logged_for_non_officers(
    world: World, client_as: ClientAs, persona: str
) -> None:
    arrange(world)

    response = client_as(persona).post(url(), {"personnummer": WOMAN_1990, "format": "json"})

    assert response.status_code == 403
    entry = AccessLogEntry.objects.filter(action=AccessAction.ACCESS_REPORT).get()
    assert (entry.user, entry.outcome, entry.participation_ids) == (
        world.users[persona],
        Outcome.DENIED,
        [],
    )


def test_access_report_json_download(world: World, client_as: ClientAs) -> None:
    arrange(world)

    response = client_as("participant_officer_a").post(
        url(), {"personnummer": WOMAN_1990, "format": "json"}
    )

    assert response.status_code == 200
    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        no_store(response),
    ) == ("application/json", 'attachment; filename="registerutdrag.json"', True)
    body = json.loads(response.content)
    expected = expected_report(timezone.localdate().isoformat())
    expected["produced_on"] = timezone.localdate().isoformat()
    assert body == expected


def test_access_report_pdf_download(world: World, client_as: ClientAs) -> None:
    arrange(world)

    response = client_as("participant_officer_a").post(
        url(), {"personnummer": WOMAN_1990, "format": "pdf"}
    )

    assert (
        response["Content-Type"],
        response["Content-Disposition"],
        no_store(response),
    ) == ("application/pdf", 'attachment; filename="registerutdrag.pdf"', True)
    assert "19900314-****" in " ".join(pdf_text(response.content))


def test_access_report_officer_b_gets_nothing_about_a_participant(
    world: World, client_as: ClientAs
) -> None:
    with scope(association=world.association.pk):
        enter_in_a(world, number=MAN_1985, name="Bertil Berg", on=D(2022, 2, 1))

    response = client_as("participant_officer_b").post(
        url(), {"personnummer": MAN_1985, "format": "json"}
    )

    assert (response.status_code, response["Content-Type"]) == (200, "text/html; charset=utf-8")
    html = response.content.decode()
    assert "Det finns inga uppgifter om personen" in html
    assert ("Bertil" in html, "19850702" in html, MAN_1985 in html) == (False, False, False)
    entry = AccessLogEntry.objects.filter(action=AccessAction.ACCESS_REPORT).get()
    assert (entry.user, entry.participation_ids) == (world.users["participant_officer_b"], [])


def test_access_report_invalid_number_is_a_form_error_not_logged(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("participant_officer_a").post(
        url(), {"personnummer": "19900314-0000", "format": "pdf"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["personnummer"] == [
        "Personnumrets kontrollsiffra stämmer inte."
    ]
    assert AccessLogEntry.objects.filter(action=AccessAction.ACCESS_REPORT).count() == 0


def test_access_report_page_lists_the_officers_interventions(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("participant_officer_a").get(url())

    assert [i.code for i in response.context["interventions"]] == ["A"]
    assert no_store(response)
