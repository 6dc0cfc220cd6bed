"""Issue 18, item 1: a person is never shared between officers' views.

Every test first lets the deltagaransvarig of intervention B register a person (name,
consent, history), then acts as the deltagaransvarig of intervention A with the same
personnummer, and proves that A sees, changes and learns none of B's data: through the
pages, the workbook import (page and API), the access report, search, export and
withdrawal of consent. "Exactly as for a brand-new person" is checked by comparing A's
answers with those for a number nobody has registered.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from audit.models import AccessLogEntry
from imports.tests.workbooks import DELTAGARE_HEADER, dashed, deltagare, xlsx_bytes
from participants import crypto
from participants.access_report import access_report_for
from participants.models import Consent, IdentityRecord, Participation, ParticipationEvent
from participants.services import register_exit
from participants.workbook import export_participations
from testing.participants import MAN_1985, WOMAN_1990, enter_in, enter_in_a
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db
D = dt.date
SLUG = "exempel"
B_NAME = "Bodil Bengtsson"
B_CONSENT = D(2021, 5, 5)


def url(name: str, *args: object) -> str:
    return reverse(f"participants:{name}", args=[SLUG, *args])


def enter_in_b(world: World, **extra: str) -> Participation:
    """B's officer registers WOMAN_1990 in B (consent B_CONSENT, entry 2021-05-10)."""
    return enter_in(world, "b", number=WOMAN_1990, on=D(2021, 5, 10), consent_on=B_CONSENT, **extra)


def arrange_b(world: World) -> Participation:
    """B's officer registers WOMAN_1990 in B, with name, consent, an exit and history."""
    in_b = enter_in_b(world, name=B_NAME, reference="B-1")
    with scope(association=world.association.pk):
        register_exit(
            user=world.users["participant_officer_b"],
            participation=in_b,
            exit_date=D(2021, 12, 1),
            exit_reason="studier",
        )
    return in_b


def b_state(in_b: Participation) -> dict[str, Any]:
    """Everything stored about B's participation and what B recorded about the person."""
    participation = Participation.objects.get(pk=in_b.pk)
    identity = participation.identity
    assert identity is not None
    return {
        "participation": {
            field.attname: getattr(participation, field.attname)
            for field in Participation._meta.concrete_fields
            if field.attname != "updated_at"
        },
        "number": crypto.decrypt(identity.pnr_encrypted),
        "name": crypto.decrypt(identity.name_encrypted),
        "protected": identity.protected_identity,
        "consents": list(
            Consent.objects.filter(identity=identity).values_list(
                "pk", "given_on", "form_version", "withdrawn_on", "recorded_by_id"
            )
        ),
        "events": list(
            ParticipationEvent.objects.filter(participation=participation).values_list(
                "pk", "action", "changes"
            )
        ),
    }


def entry_data(number: str, **overrides: str) -> dict[str, str]:
    data = {
        "personnummer": number,
        "name": "",
        "consent_date": "2023-03-01",
        "consent_form_version": "1",
        "entry_date": "2023-03-01",
        "reference": "",
        "education": "",
        "public_support_time": "",
        "referrer": "",
        "action_plan_date": "",
    }
    data.update(overrides)
    return data


def created_in_a(world: World) -> Participation:
    return Participation.objects.get(intervention=world.intervention_a, person__isnull=False)


@pytest.fixture
def officer_a(world: World, client_as: ClientAs) -> Client:
    return client_as("participant_officer_a")


# --- pages ---------------------------------------------------------------------------


def test_register_in_a_with_number_known_only_in_b_shows_nothing_of_b(
    world: World, officer_a: Client
) -> None:
    in_b = arrange_b(world)
    before = b_state(in_b)

    created = officer_a.post(url("create", world.intervention_a.pk), entry_data(WOMAN_1990))
    in_a = created_in_a(world)
    detail = officer_a.get(url("detail", in_a.pk)).content.decode()

    assert created.status_code == 302
    assert [name for name in (B_NAME, "Bodil", B_CONSENT.isoformat()) if name in detail] == []
    assert [str(c.given_on) for c in detail_consents(officer_a, in_a)] == ["2023-03-01"]
    assert b_state(in_b) == before
    # Create, and two reads of the detail page: every one logged, none with B's ids.
    assert [
        (e.action, e.participation_ids, e.intervention_ids)
        for e in AccessLogEntry.objects.filter(user=world.users["participant_officer_a"]).order_by(
            "pk"
        )
    ] == [
        ("create", [in_a.pk], [world.intervention_a.pk]),
        ("read", [in_a.pk], [world.intervention_a.pk]),
        ("read", [in_a.pk], [world.intervention_a.pk]),
    ]


def detail_consents(client: Client, participation: Participation) -> list[Consent]:
    return list(client.get(url("detail", participation.pk)).context["consents"])


def test_register_in_a_with_a_name_does_not_change_bs_name(world: World, officer_a: Client) -> None:
    in_b = arrange_b(world)
    before = b_state(in_b)

    officer_a.post(
        url("create", world.intervention_a.pk), entry_data(WOMAN_1990, name="Anna Annan")
    )
    in_a = created_in_a(world)
    detail = officer_a.get(url("detail", in_a.pk)).content.decode()

    assert ("Anna Annan" in detail, B_NAME in detail) == (True, False)
    assert b_state(in_b) == before
    officer_b_page = Client()
    officer_b_page.force_login(world.users["participant_officer_b"])
    assert officer_b_page.get(url("detail", in_b.pk)).context["person_name"] == B_NAME


def test_register_in_a_answers_as_for_a_brand_new_person(world: World, officer_a: Client) -> None:
    arrange_b(world)

    def register_and_show(number: str) -> tuple[int, str]:
        response = officer_a.post(url("create", world.intervention_a.pk), entry_data(number))
        participation = Participation.objects.filter(intervention=world.intervention_a).first()
        assert participation is not None and participation.person is not None
        html = officer_a.get(url("detail", participation.pk)).content.decode()
        html = html.replace(f"/{participation.pk}/", "/<pk>/")
        return response.status_code, html.replace(
            participation.person.masked_personnummer, "<number>"
        )

    known_status, known_page = register_and_show(WOMAN_1990)
    new_status, new_page = register_and_show(MAN_1985)

    assert (known_status, new_status) == (302, 302)
    assert strip_gender(known_page) == strip_gender(new_page)


def strip_gender(html: str) -> str:
    """The page without what differs between any two requests (nonce, CSRF token) and
    between the two numbers (gender)."""
    html = re.sub(r'nonce="[^"]*"', 'nonce=""', html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', '"X-CSRFToken": ""', html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return html.replace("Kvinna", "<gender>").replace("Man", "<gender>")


def test_second_open_entry_in_a_is_refused_only_for_as_own_participation(
    world: World, officer_a: Client
) -> None:
    """B's ongoing participation does not stop an entry in A (no "already" message)."""
    enter_in_b(world, name=B_NAME)

    response = officer_a.post(url("create", world.intervention_a.pk), entry_data(WOMAN_1990))

    assert response.status_code == 302
    assert "redan" not in officer_a.get(response["Location"]).content.decode()


def test_withdrawal_in_a_leaves_bs_participation_and_history(
    world: World, officer_a: Client
) -> None:
    in_b = arrange_b(world)
    before = b_state(in_b)
    officer_a.post(url("create", world.intervention_a.pk), entry_data(WOMAN_1990))
    in_a = created_in_a(world)

    response = officer_a.post(url("withdraw_consent", in_a.pk))

    in_a.refresh_from_db()
    assert response.status_code == 302
    assert (in_a.person_id, in_a.identity_id) == (None, None)
    assert b_state(in_b) == before
    anonymise = AccessLogEntry.objects.get(action="anonymise")
    assert (anonymise.participation_ids, anonymise.intervention_ids) == (
        [in_a.pk],
        [world.intervention_a.pk],
    )


def test_protected_identity_in_a_leaves_b(world: World, officer_a: Client) -> None:
    in_b = arrange_b(world)
    before = b_state(in_b)
    officer_a.post(url("create", world.intervention_a.pk), entry_data(WOMAN_1990))

    officer_a.post(url("protected_identity", created_in_a(world).pk))

    assert b_state(in_b) == before


def test_search_and_access_report_of_a_hold_nothing_of_b(world: World, officer_a: Client) -> None:
    in_b = arrange_b(world)
    officer_a.post(url("create", world.intervention_a.pk), entry_data(WOMAN_1990))
    in_a = created_in_a(world)

    search = officer_a.post(url("search"), {"personnummer": WOMAN_1990})
    with scope(association=world.association.pk):
        report = access_report_for(
            user=world.users["participant_officer_a"],
            association=world.association,
            number=WOMAN_1990,
        )

    assert [row.participation.pk for row in search.context["rows"]] == [in_a.pk]
    assert report is not None
    assert (report["person"]["name"], report["consents"], report["interventions"]) == (
        None,
        [{"given_on": "2023-03-01", "form_version": "1", "withdrawn_on": None}],
        ["Insats A"],
    )
    assert B_NAME not in json.dumps(report) and in_b.pk not in logged_by_officer_a(world)


def logged_by_officer_a(world: World) -> set[int]:
    return {
        pk
        for entry in AccessLogEntry.objects.filter(user=world.users["participant_officer_a"])
        for pk in entry.participation_ids
    }


def test_export_of_a_has_as_consent_date_not_bs(world: World) -> None:
    arrange_b(world)
    with scope(association=world.association.pk):
        enter_in_a(world, number=WOMAN_1990, on=D(2023, 3, 1))
        records = export_participations(
            user=world.users["participant_officer_a"], association=world.association
        )

    assert [(r.intervention.code, r.consent_date) for r in records] == [("A", D(2023, 3, 1))]


# --- workbook import: page and API ----------------------------------------------------


def sheet_for_a(number: str) -> bytes:
    row = deltagare(
        insats="A",
        personnummer=dashed(number),
        samtycke_datum="2023-03-01",
        inskrivningsdatum="2023-03-01",
    )
    return xlsx_bytes({"Deltagare": [DELTAGARE_HEADER, row]})


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("importmall.xlsx", data, content_type="application/octet-stream")


def import_known_and_new(client: Client, path: str) -> tuple[Any, Any]:
    """A's officer imports at ``path`` a sheet with WOMAN_1990 (known in B), then one with
    MAN_1985 (new everywhere)."""
    known = client.post(path, {"file": upload(sheet_for_a(WOMAN_1990))})
    new = client.post(path, {"file": upload(sheet_for_a(MAN_1985))})
    return known, new


def test_import_page_in_a_answers_as_for_a_new_person_and_leaves_b(
    world: World, officer_a: Client
) -> None:
    in_b = arrange_b(world)
    before = b_state(in_b)

    known, new = import_known_and_new(officer_a, reverse("imports:workbook", args=[SLUG]))

    assert known.context["result"].summary_lines() == new.context["result"].summary_lines()
    assert known.context["result"].ok is True
    assert b_state(in_b) == before
    in_a = Participation.objects.get(intervention=world.intervention_a, gender="kvinna")
    assert in_a.identity is not None and in_a.identity != in_b.identity
    assert [c.given_on for c in in_a.identity.consents.all()] == [D(2023, 3, 1)]
    assert in_b.pk not in logged_by_officer_a(world)


def test_import_api_in_a_answers_as_for_a_new_person_and_leaves_b(
    world: World, officer_a: Client
) -> None:
    in_b = arrange_b(world)
    before = b_state(in_b)

    known, new = import_known_and_new(officer_a, reverse("api:import", args=[SLUG]))

    assert (known.status_code, new.status_code) == (200, 200)
    assert known.json() == new.json()
    assert b_state(in_b) == before
    assert in_b.pk not in logged_by_officer_a(world)


def test_import_of_an_open_entry_in_a_is_not_refused_for_bs_open_entry(
    world: World, officer_a: Client
) -> None:
    enter_in_b(world)

    response = officer_a.post(
        reverse("api:import", args=[SLUG]), {"file": upload(sheet_for_a(WOMAN_1990))}
    )

    assert (response.status_code, response.json()["errors"]) == (200, [])


def test_one_person_record_still_counts_the_person_once(world: World) -> None:
    """Statistics count distinct persons through the shared matching key."""
    arrange_b(world)
    with scope(association=world.association.pk):
        enter_in_a(world, number=WOMAN_1990, on=D(2023, 3, 1))

    persons = set(Participation.objects.values_list("person_id", flat=True))
    assert (len(persons), IdentityRecord.objects.count()) == (1, 2)


# --- the office-led withdrawal in every intervention ----------------------------------


def office_url() -> str:
    return reverse("participant_reports:office_withdrawal", args=[SLUG])


class TestOfficeWithdrawalPage(PersonaViewCases):
    permission = "participants.withdraw_consent_everywhere"

    def url(self, world: World) -> str:
        return office_url()


def test_office_withdrawal_removes_identity_in_every_intervention_and_logs_it(
    world: World, client_as: ClientAs
) -> None:
    in_b = arrange_b(world)
    with scope(association=world.association.pk):
        in_a = enter_in_a(world, number=WOMAN_1990, on=D(2023, 3, 1))

    response = client_as("admin").post(office_url(), {"personnummer": WOMAN_1990, "confirm": "on"})

    assert response.status_code == 302
    assert list(Participation.objects.values_list("person_id", "identity_id")) == [
        (None, None),
        (None, None),
    ]
    assert IdentityRecord.objects.count() == 0
    entry = AccessLogEntry.objects.get(action="anonymise")
    assert (entry.user, entry.purpose, entry.participation_ids) == (
        world.users["admin"],
        "Samtycke återkallat i alla insatser (kansliet)",
        sorted([in_a.pk, in_b.pk]),
    )


def test_office_withdrawal_answers_the_same_for_an_unknown_number(
    world: World, client_as: ClientAs
) -> None:
    arrange_b(world)
    admin = client_as("admin")

    def answer(number: str) -> tuple[int, str, str]:
        response = admin.post(office_url(), {"personnummer": number, "confirm": "on"})
        page = admin.get(response["Location"]).content.decode()
        return response.status_code, response["Location"], strip_gender(page)

    known = answer(WOMAN_1990)
    unknown = answer(MAN_1985)

    assert known == unknown
    assert [
        (e.action, e.purpose)
        for e in AccessLogEntry.objects.filter(user=world.users["admin"]).order_by("pk")
    ] == [
        ("anonymise", "Samtycke återkallat i alla insatser (kansliet)"),
        ("anonymise", "Samtycke återkallat i alla insatser (kansliet)"),
    ]


def test_office_withdrawal_needs_confirmation(world: World, client_as: ClientAs) -> None:
    in_b = arrange_b(world)
    before = b_state(in_b)

    response = client_as("admin").post(office_url(), {"personnummer": WOMAN_1990})

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["confirm"])
    assert b_state(in_b) == before
