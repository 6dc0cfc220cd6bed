"""One request → exactly the expected access-log rows, for every page of the
``participants`` and ``participant_reports`` namespaces. The walk over the URL patterns
fails when a page is not in ``COVERAGE`` or ``REPORT_COVERAGE``: a new page must state
which rows it writes (and be tested for them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pytest
from django.db.models import Max
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from audit.models import AccessLogEntry
from participants.models import Participation
from participants.services import register_entry
from testing.participants import MAN_1985, WOMAN_1990
from testing.personas import World
from testing.reauth import reauthenticate
from testing.views import ClientAs

pytestmark = pytest.mark.django_db

#: Placeholders in expected rows: the participation of the fixture, the one just created.
P = "participation"
NEW = "new"
NONE = "none"
OFFICER = "participant_officer_a"
OTHER_OFFICER = "participant_officer_b"


@dataclass(frozen=True)
class Case:
    """One request and the access-log rows it must write: (action, ids, outcome)."""

    label: str
    method: str
    target: str  # P: the participation's pk; "intervention": its intervention's; NONE
    expected: tuple[tuple[str, str, str], ...]
    data: Mapping[str, object] = field(default_factory=dict)
    persona: str = OFFICER
    fresh_second_factor: bool = False


ENTRY = {
    "personnummer": MAN_1985,
    "consent_date": "2022-03-01",
    "consent_form_version": "1",
    "entry_date": "2022-03-01",
}
EXIT = {"exit_date": "2022-06-01", "exit_reason": "studier"}
UPDATE = {"entry_date": "2022-02-01", "education": "gymnasium"}
DENIED_READ = ("read", P, "denied")

#: Every page of the namespace, with the rows each kind of request writes.
COVERAGE: dict[str, tuple[Case, ...]] = {
    "index": (Case("counts only, nothing personal", "get", NONE, ()),),
    "search": (
        Case("empty form", "get", NONE, ()),
        Case("hit", "post", NONE, (("search", P, "ok"),), {"personnummer": WOMAN_1990}),
        Case("miss", "post", NONE, (("search", NONE, "ok"),), {"personnummer": MAN_1985}),
        Case("invalid number: no search", "post", NONE, (), {"personnummer": "1234"}),
        Case("not an officer", "post", NONE, (("search", NONE, "denied"),), persona="board"),
    ),
    "list": (
        Case("page", "get", "intervention", (("list", P, "ok"),)),
        Case(
            "officer of B",
            "get",
            "intervention",
            (("list", NONE, "denied"),),
            persona=OTHER_OFFICER,
        ),
    ),
    "create": (
        Case("empty form", "get", "intervention", ()),
        Case("saved", "post", "intervention", (("create", NEW, "ok"),), ENTRY),
        Case("invalid: nothing saved", "post", "intervention", (), {**ENTRY, "entry_date": ""}),
    ),
    "create_anonymous": (
        Case("empty form", "get", "intervention", ()),
        Case(
            "saved",
            "post",
            "intervention",
            (("create", NEW, "ok"),),
            {"gender": "kvinna", "entry_date": "2022-03-01"},
        ),
    ),
    "detail": (
        Case("read", "get", P, (("read", P, "ok"),)),
        Case("officer of B", "get", P, (DENIED_READ,), persona=OTHER_OFFICER),
    ),
    "update": (
        Case("form shows the participation", "get", P, (("read", P, "ok"),)),
        Case("saved", "post", P, (("update", P, "ok"),), UPDATE),
        Case("invalid: form shown again", "post", P, (("read", P, "ok"),), {"entry_date": ""}),
    ),
    "exit": (
        Case("form shows the participation", "get", P, (("read", P, "ok"),)),
        Case("saved", "post", P, (("update", P, "ok"),), EXIT),
    ),
    "withdraw_consent": (
        Case("confirmation shows whom", "get", P, (("read", P, "ok"),)),
        Case("identity removed", "post", P, (("anonymise", P, "ok"),)),
    ),
    "protected_identity": (
        Case("confirmation shows whom", "get", P, (("read", P, "ok"),)),
        Case("identity removed", "post", P, (("anonymise", P, "ok"),)),
    ),
    "reveal": (
        Case("not fresh: to reauthentication", "get", P, ()),
        Case("not fresh: to reauthentication", "post", P, ()),
        Case("fresh: button page, no identity", "get", P, (), fresh_second_factor=True),
        Case("fresh: revealed", "post", P, (("reveal", P, "ok"),), fresh_second_factor=True),
    ),
}


#: The report pages (``participant_reports``): only the access report reads a person.
REPORT_COVERAGE: dict[str, tuple[Case, ...]] = {
    "retention": (Case("policy and runs: counts only", "get", NONE, (), persona="admin"),),
    "access_report": (
        Case("empty form", "get", NONE, ()),
        Case(
            "report for a participant",
            "post",
            NONE,
            (("access_report", P, "ok"),),
            {"personnummer": WOMAN_1990, "format": "json"},
        ),
        Case(
            "nobody in the officer's interventions",
            "post",
            NONE,
            (("access_report", NONE, "ok"),),
            {"personnummer": MAN_1985, "format": "json"},
        ),
    ),
    "national": (Case("counts only", "get", NONE, (), persona="admin"),),
    "national_xlsx": (Case("counts only", "get", NONE, (), persona="admin"),),
    "office_withdrawal": (
        Case("empty form", "get", NONE, (), persona="admin"),
        Case(
            "identity removed everywhere",
            "post",
            NONE,
            (("anonymise", P, "ok"),),
            {"personnummer": WOMAN_1990, "confirm": "on"},
            persona="admin",
        ),
        Case(
            "unknown number: a row all the same",
            "post",
            NONE,
            (("anonymise", NONE, "ok"),),
            {"personnummer": MAN_1985, "confirm": "on"},
            persona="admin",
        ),
        Case(
            "not confirmed: nothing",
            "post",
            NONE,
            (),
            {"personnummer": WOMAN_1990},
            persona="admin",
        ),
    ),
}
NAMESPACES = {"participants": COVERAGE, "participant_reports": REPORT_COVERAGE}


def walk(patterns: list[URLPattern | URLResolver]) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def url_names(namespace: str) -> set[str]:
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    return set(walk(resolver.url_patterns))


@pytest.mark.parametrize("namespace", sorted(NAMESPACES))
def test_every_participant_page_is_in_the_coverage_table(namespace: str) -> None:
    missing = url_names(namespace) - set(NAMESPACES[namespace])

    assert missing == set(), f"Pages without access-log coverage: {sorted(missing)}"


@pytest.mark.parametrize("namespace", sorted(NAMESPACES))
def test_coverage_table_names_only_existing_pages(namespace: str) -> None:
    assert set(NAMESPACES[namespace]) - url_names(namespace) == set()


CASES = [
    pytest.param(f"{namespace}:{name}", case, id=f"{namespace}:{name}-{case.method}-{case.label}")
    for namespace, table in NAMESPACES.items()
    for name, cases in table.items()
    for case in cases
]


@pytest.mark.parametrize(("name", "case"), CASES)
def test_request_writes_exactly_the_expected_log_rows(
    world: World, client_as: ClientAs, name: str, case: Case
) -> None:
    participation = register_entry(
        user=world.users[OFFICER],
        intervention=world.intervention_a,
        number=WOMAN_1990,
        consent_date=dt.date(2022, 2, 1),
        entry_date=dt.date(2022, 2, 1),
    )
    client = client_as(case.persona)
    if case.fresh_second_factor:
        reauthenticate(client, world.users[case.persona])
    args: list[object] = ["exempel"]
    if case.target == P:
        args.append(participation.pk)
    elif case.target == "intervention":
        args.append(participation.intervention_id)
    last_id = AccessLogEntry.objects.aggregate(last=Max("id"))["last"]

    response = getattr(client, case.method)(reverse(name, args=args), case.data)

    assert response.status_code in (200, 204, 302, 403)
    new = Participation.objects.exclude(pk=participation.pk).order_by("-pk").first()
    ids = {P: [participation.pk], NEW: [new.pk] if new else [], NONE: []}
    rows = [
        (e.action, e.participation_ids, e.outcome)
        for e in AccessLogEntry.objects.filter(id__gt=last_id).order_by("id")
    ]
    assert rows == [(action, ids[which], outcome) for action, which, outcome in case.expected]
