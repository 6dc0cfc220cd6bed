"""Walks EVERY URL pattern of the project as every persona (and anonymously), with the
arguments filled from a world that holds one of each kind of object, and checks for each
GET: no server error; the security headers on HTML; no caching for logged-in users; and
that nobody but the participant's own deltagaransvarig receives a participant's
personnummer (in any written form) or name, in a page or inside a downloaded file.

One world for the module, inside a transaction that is rolled back at the end; each test
runs in a savepoint of it, so nothing one persona's walk does reaches another's.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from documents.memo.texts import SPEC_BY_KEY
from finance.tests.factories import CostOutcomeFactory
from followup.tests.factories import DeviationFactory, SubmittedReportFactory
from funding.tests.factories import ApplicationFactory
from interventions.models import SteeringGroupMember
from participants.choices import Gender
from participants.models import Participation
from participants.services import register_anonymous, register_entry
from tenancy.models import RoleAssignment
from testing.factories import (
    BoardMemberFactory,
    BudgetFactory,
    GoalFactory,
    MemberFactory,
    OrganisationFactory,
    SteeringGroupFactory,
)
from testing.participants import WOMAN_1990
from testing.personas import PERSONAS, World, build_world

pytestmark = pytest.mark.django_db

PARTICIPANT_NAME = "Ingrid Hemligsson"
#: The only persona who may receive the participant's identity (officer of intervention A).
OWN_OFFICER = "participant_officer_a"
REPORT_YEAR, REPORT_QUARTER = 2023, 1
#: Query strings for the pages that need one to show data.
QUERIES = {
    "api:memo": {"period": f"{REPORT_YEAR}H1", "unsuppressed": "1"},
    "api:national": {"year": str(REPORT_YEAR)},
    "documents:memo": {"period": f"{REPORT_YEAR}H1"},
    "documents:memo_download": {"period": f"{REPORT_YEAR}H1"},
}


@dataclass
class WalkWorld:
    world: World
    #: (url name, kwarg) -> value; ``("*", kwarg)`` is the default for a kwarg.
    args: dict[tuple[str, str], Any]
    clients: dict[str | None, Client]
    secrets: list[str]


def pattern_kwargs(pattern: URLPattern | URLResolver) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def walk(
    patterns: list[URLPattern | URLResolver],
    namespace: str = "",
    kwargs: tuple[str, ...] = (),
    prefix: str = "",
) -> Iterator[tuple[str, list[str]]]:
    """(namespaced URL name, its keyword arguments) for every pattern; an unnamed pattern
    (which takes no arguments) is named by its path."""
    for pattern in patterns:
        names = (*kwargs, *pattern_kwargs(pattern))
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner, names, route)
        elif pattern.name is None:
            assert not names, f"unnamed pattern with arguments: {route}"
            yield "/" + route, []
        else:
            yield f"{namespace}{pattern.name}", list(names)


def all_routes() -> list[tuple[str, list[str]]]:
    return list(walk(get_resolver().url_patterns))


def secret_forms(number: str, name: str) -> list[str]:
    """Every way a personnummer is commonly written, and the name and surname."""
    century, rest = number[:2], number[2:]
    return [
        number,
        f"{century}{rest[:6]}-{rest[6:]}",
        rest,
        f"{rest[:6]}-{rest[6:]}",
        f"{rest[:6]}+{rest[6:]}",
        name,
        name.split()[-1],
    ]


def build_walk_world() -> WalkWorld:
    world = build_world()
    association = world.association
    a = world.intervention_a
    officer = world.users[OWN_OFFICER]
    member = MemberFactory.create(association=association)
    organisation = OrganisationFactory.create(association=association)
    board_member = BoardMemberFactory.create(association=association)
    group = SteeringGroupFactory.create(association=association)
    a.steering_group = group
    a.save(update_fields=["steering_group"])
    group_member = SteeringGroupMember.objects.create(
        association=association, steering_group=group, name="Sture Styrgrupp"
    )
    goal = GoalFactory.create(intervention=a)
    budget = BudgetFactory.create(intervention=a, year=REPORT_YEAR)
    participation = register_entry(
        user=officer,
        intervention=a,
        number=WOMAN_1990,
        name=PARTICIPANT_NAME,
        consent_date=dt.date(REPORT_YEAR, 1, 10),
        entry_date=dt.date(REPORT_YEAR, 1, 10),
    )
    register_anonymous(
        user=officer, intervention=a, gender=Gender.MAN, entry_date=dt.date(REPORT_YEAR, 2, 1)
    )
    SubmittedReportFactory.create(intervention=a, year=REPORT_YEAR, quarter=REPORT_QUARTER)
    deviation = DeviationFactory.create(intervention=a)
    cost = CostOutcomeFactory.create(intervention=a, year=REPORT_YEAR, quarter=REPORT_QUARTER)
    application = ApplicationFactory.create(
        association=association,
        owner=OrganisationFactory.create(association=association),
    )
    role = RoleAssignment.objects.filter(user=world.users["board"]).get()
    args: dict[tuple[str, str], Any] = {
        ("*", "association"): association.slug,
        ("*", "intervention_pk"): a.pk,
        ("*", "group_pk"): group.pk,
        ("*", "year"): REPORT_YEAR,
        ("*", "quarter"): REPORT_QUARTER,
        ("*", "pk"): a.pk,
        ("*", "section"): next(iter(SPEC_BY_KEY)),
        ("documents:memo_download", "fmt"): "xlsx",
        ("meetings:notice", "fmt"): "json",
        ("tenancy:member_detail", "pk"): member.pk,
        ("tenancy:member_update", "pk"): member.pk,
        ("tenancy:board_update", "pk"): board_member.pk,
        ("tenancy:organisation_detail", "pk"): organisation.pk,
        ("tenancy:organisation_update", "pk"): organisation.pk,
        ("tenancy:revoke_role", "pk"): role.pk,
        ("interventions:goal_update", "pk"): goal.pk,
        ("interventions:budget_update", "pk"): budget.pk,
        ("interventions:budget_delete", "pk"): budget.pk,
        ("interventions:steeringgroup_detail", "pk"): group.pk,
        ("interventions:steeringgroup_update", "pk"): group.pk,
        ("interventions:steeringgroupmember_update", "pk"): group_member.pk,
        ("interventions:steeringgroupmember_delete", "pk"): group_member.pk,
        ("followup:deviation_detail", "pk"): deviation.pk,
        ("followup:deviation_decide", "pk"): deviation.pk,
        ("finance:cost_decide", "pk"): cost.pk,
        ("finance:cost_payment", "pk"): cost.pk,
        ("finance:cost_correct", "pk"): cost.pk,
        ("funding:detail", "pk"): application.pk,
        ("funding:update", "pk"): application.pk,
        ("funding:assess", "pk"): application.pk,
        ("funding:decide", "pk"): application.pk,
    }
    for name, _kwargs in all_routes():
        if name.startswith("participants:") and name != "participants:list":
            args[(name, "pk")] = participation.pk
    clients: dict[str | None, Client] = {None: Client()}
    for persona in PERSONAS:
        client = Client()
        client.force_login(world.users[persona])
        clients[persona] = client
    assert Participation.objects.filter(person__isnull=False).count() == 1
    return WalkWorld(world, args, clients, secret_forms(WOMAN_1990, PARTICIPANT_NAME))


@pytest.fixture(scope="module")
def walk_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[WalkWorld]:
    with django_db_blocker.unblock(), scopes_disabled(), transaction.atomic():
        yield build_walk_world()
        transaction.set_rollback(True)


def concrete_url(name: str, kwarg_names: list[str], walk_world: WalkWorld) -> str:
    if name.startswith("/"):
        return name  # an unnamed pattern without arguments: its path
    kwargs: dict[str, Any] = {}
    for kwarg in kwarg_names:
        value = walk_world.args.get((name, kwarg), walk_world.args.get(("*", kwarg)))
        kwargs[kwarg] = value if value is not None else ("1" if kwarg != "key" else "x-1")
    if "key" in kwargs and "uidb36" in kwargs:
        kwargs["uidb36"] = "1"
    return reverse(name, kwargs=kwargs)


def texts_of(content: bytes) -> str:
    """The response as text; a zip file (XLSX, DOCX) as the text of all its parts."""
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return "\n".join(
                    archive.read(member).decode("utf-8", "replace") for member in archive.namelist()
                )
        except zipfile.BadZipFile:
            pass
    return content.decode("utf-8", "replace")


def header_problems(response: Any, logged_in: bool) -> list[str]:
    problems = []
    if response.get("Content-Type", "").startswith("text/html"):
        csp = response.get("Content-Security-Policy", "")
        if not csp or "unsafe-inline" in csp:
            problems.append(f"CSP {csp!r}")
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append("X-Content-Type-Options")
        if response.get("X-Frame-Options") != "DENY":
            problems.append("X-Frame-Options")
        if not response.get("Referrer-Policy"):
            problems.append("Referrer-Policy")
    if logged_in and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control {response.get('Cache-Control')!r}")
    return problems


def test_walk_covers_every_route(walk_world: WalkWorld) -> None:
    unreversible = []
    for name, kwarg_names in all_routes():
        try:
            concrete_url(name, kwarg_names, walk_world)
        except NoReverseMatch:
            unreversible.append(name)

    assert unreversible == []
    assert len(all_routes()) >= 100


@pytest.mark.parametrize("persona", [None, *PERSONAS], ids=lambda p: p or "anonymous")
def test_walk_every_url_as_persona(walk_world: WalkWorld, persona: str | None) -> None:
    client = walk_world.clients[persona]
    may_see_identity = persona == OWN_OFFICER
    problems: list[str] = []
    statuses: dict[int, int] = {}

    for name, kwarg_names in all_routes():
        url = concrete_url(name, kwarg_names, walk_world)
        response = client.get(url, QUERIES.get(name, {}))
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            problems.append(f"{name} {url}: {response.status_code}")
        problems += [f"{name}: {p}" for p in header_problems(response, persona is not None)]
        if not may_see_identity and not response.streaming:
            text = texts_of(response.content)
            leaked = [form for form in walk_world.secrets if form in text]
            if leaked:
                problems.append(f"{name}: participant identity in the response ({len(leaked)})")

    assert problems == []
    assert sum(statuses.values()) == len(all_routes())


def test_walk_finds_the_identity_where_it_is_shown(walk_world: WalkWorld) -> None:
    """The leak check can see: the participant's own officer gets the name on the detail
    page (and the walk above lets only that persona through)."""
    participation = Participation.objects.filter(person__isnull=False).get()
    url = reverse("participants:detail", args=["exempel", participation.pk])

    response = walk_world.clients[OWN_OFFICER].get(url)

    assert response.status_code == 200
    assert PARTICIPANT_NAME in texts_of(response.content)


def test_secret_forms_cover_the_written_forms() -> None:
    assert secret_forms("199003142420", "Ingrid Hemligsson") == [
        "199003142420",
        "19900314-2420",
        "9003142420",
        "900314-2420",
        "900314+2420",
        "Ingrid Hemligsson",
        "Hemligsson",
    ]


def test_identity_pattern_is_not_in_urls(walk_world: WalkWorld) -> None:
    urls = [concrete_url(name, kwarg_names, walk_world) for name, kwarg_names in all_routes()]

    assert [url for url in urls if re.search(r"\d{6}[-+]?\d{4}", url)] == []
