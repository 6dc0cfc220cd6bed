"""No personnummer or name in clear text anywhere it could stay: after entering, listing,
reading, editing, exiting, searching, revealing and withdrawing through the pages and the
services, no text or JSON column of any table, no session, no log record (DEBUG, SQL
included) and no e-mail holds a number (in any written form) or a name."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Iterator

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from participants.choices import ExitReason
from participants.models import Participation, Person
from testing.participants import (
    MAN_1985,
    WOMAN_1990,
    WOMAN_2001,
    enter_in_a,
    exit_in_a,
    make_personnummer,
)
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db

NUMBERS = (WOMAN_1990, MAN_1985, WOMAN_2001, make_personnummer(dt.date(1977, 12, 24), 460))
NAMES = ("Beata Berglund", "Dagobert Dahlqvist", "Eufemia Ekholm", "Fridolf Fjällström")


def written_forms(number: str) -> tuple[str, ...]:
    """12 digits, 12 with dash, 10 digits, 10 with dash."""
    return (number, f"{number[:8]}-{number[8:]}", number[2:], f"{number[2:8]}-{number[8:]}")


def needles() -> list[str]:
    found = [form for number in NUMBERS for form in written_forms(number)]
    for name in NAMES:
        found.append(name)
        found.extend(name.split())
    return found


def text_columns(model: type[models.Model]) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


def stored_texts() -> Iterator[tuple[str, str]]:
    for model in apps.get_models():
        columns = text_columns(model)
        if not columns:
            continue
        for row in model._base_manager.values(*columns):
            for column, value in row.items():
                if value not in (None, "", [], {}):
                    yield f"{model._meta.label}.{column}", json.dumps(value, ensure_ascii=False)
    for session in Session.objects.all():
        decoded = json.dumps(session.get_decoded(), ensure_ascii=False, default=str)
        yield "session (decoded)", decoded


def reauthenticate(client: Client, world: World) -> None:
    user = world.users["participant_officer_a"]
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': '/'})}", {"code": code})


def use_every_page(world: World, client: Client) -> None:
    def url(name: str, *args: object) -> str:
        return reverse(f"participants:{name}", args=["exempel", *args])

    a = world.intervention_a.pk
    entry = {
        "consent_date": "2022-02-01",
        "consent_form_version": "1",
        "entry_date": "2022-02-01",
        "income_before": ["forsorjningsstod"],
    }
    # Entries through the page, the number in three written forms.
    client.post(url("create", a), {**entry, "personnummer": written_forms(NUMBERS[0])[1],
                                    "name": NAMES[0]})  # fmt: skip
    client.post(url("create", a), {**entry, "personnummer": written_forms(NUMBERS[1])[3],
                                    "name": NAMES[1]})  # fmt: skip
    # Refused entry (consent after entry): the number comes back in the form only.
    client.post(url("create", a), {**entry, "personnummer": NUMBERS[2], "name": NAMES[2],
                                    "consent_date": "2022-03-01"})  # fmt: skip
    client.post(url("create_anonymous", a), {"gender": "annat", "entry_date": "2022-04-01"})
    # Entries through the services.
    enter_in_a(world, number=NUMBERS[2], name=NAMES[2], on=dt.date(2022, 3, 1))
    fourth = enter_in_a(world, number=NUMBERS[3], name=NAMES[3], on=dt.date(2022, 3, 1))
    exit_in_a(world, fourth, on=dt.date(2022, 5, 1), reason=ExitReason.MOVED)
    first, second = (
        Participation.objects.get(person__pnr_hash=Person.objects.order_by("id")[i].pnr_hash)
        for i in (0, 1)
    )
    client.get(url("index"))
    client.get(url("list", a))
    client.get(url("list", a), {"status": "pagaende"}, HTTP_HX_REQUEST="true")
    client.get(url("detail", first.pk))
    client.get(url("update", first.pk))
    client.post(url("update", first.pk), {"entry_date": "2022-02-01", "referrer": "af"})
    client.post(url("exit", first.pk), {"exit_date": "2022-06-01", "exit_reason": "studier"})
    client.get(url("detail", first.pk))
    client.post(url("search"), {"personnummer": written_forms(NUMBERS[1])[2]})
    client.post(url("search"), {"personnummer": make_personnummer(dt.date(1960, 6, 6), 5)})
    client.post(url("reveal", second.pk))  # not fresh: redirected
    reauthenticate(client, world)
    revealed = client.post(url("reveal", second.pk))
    assert written_forms(NUMBERS[1])[1] in revealed.content.decode()
    client.get(url("withdraw_consent", second.pk))
    client.post(url("withdraw_consent", second.pk))
    client.post(url("protected_identity", first.pk))


def test_no_personnummer_or_name_is_stored_or_logged_in_clear(
    world: World,
    client_as: ClientAs,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own default is INFO
    client = client_as("participant_officer_a")

    with CaptureQueriesContext(connection) as queries:
        use_every_page(world, client)

    # The data that could leak exists: two persons left, with names, after two removals.
    assert (Participation.objects.count(), Person.objects.count()) == (5, 2)
    assert len(queries.captured_queries) > 100
    assert any(r.name == "django.db.backends" for r in caplog.records)  # SQL was logged
    haystacks = [
        *stored_texts(),
        *(("log", record.getMessage()) for record in caplog.records),
        *(("sql", query["sql"]) for query in queries.captured_queries),
        *(("mail", f"{m.subject}\n{m.body}") for m in mail.outbox),
    ]
    leaks = [(where, needle) for where, text in haystacks for needle in needles() if needle in text]
    assert leaks == []
