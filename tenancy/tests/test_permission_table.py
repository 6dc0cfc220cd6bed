"""The persona × permission matrix, checked against the permission table.

``EXPECTED`` is written by hand from the product's rules (spec/product.md, spec/board.md,
docs/privacy.md), independently of ``tenancy.permissions``: for each permission, which
personas may do it against the association itself, and against a row of intervention A.
Every permission of the table must appear here, and ``user.has_perm`` (the predicate
derived from the table) must agree with it for every persona. ``restrict`` must then
return exactly the rows ``has_perm`` allows, for every permission and persona."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import rules

from interventions.models import Budget, Intervention
from meetings.models import Meeting, Organ, OrganKind
from meetings.tests.helpers import make_meeting, published_organ_meeting
from tenancy.permissions import PERMISSIONS, restrict
from testing.factories import BudgetFactory
from testing.personas import PERSONAS, World

pytestmark = pytest.mark.django_db

AD, EC, POA, POB, LA, BO, AU, LR = (
    "admin",
    "economist",
    "participant_officer_a",
    "participant_officer_b",
    "intervention_lead_a",
    "board",
    "auditor",
    "log_reviewer",
)
NOBODY: frozenset[str] = frozenset()
ADMIN = frozenset({AD})
OFFICE = frozenset({AD, EC})
READERS = frozenset({AD, EC, BO, AU})
EVERYONE = frozenset({AD, EC, POA, POB, LA, BO, AU, LR})
OFFICERS = frozenset({POA, POB})


def same(personas: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    return personas, personas


#: permission -> (personas allowed on the association, personas allowed on a row of A)
EXPECTED: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "tenancy.view_association": same(EVERYONE),
    "tenancy.view_masterdata": same(EVERYONE),
    "tenancy.change_masterdata": same(ADMIN),
    "tenancy.manage_roles": same(ADMIN),
    "tenancy.manage_associations": same(NOBODY),
    "audit.view_log": same(frozenset({LR})),
    "dashboard.view_timeline": (READERS, READERS | {LA}),
    "dashboard.view_quarter": same(OFFICE),
    "dashboard.view_board_quarter": same(READERS),
    "documents.view_memo": same(READERS),
    "documents.edit_memo": same(ADMIN),
    "finance.view_money": same(READERS | {LA}),
    "finance.submit_cost": same(frozenset({EC, LA})),
    "finance.approve_cost": same(frozenset({EC})),
    "finance.view_own_budget": same(READERS),
    "finance.set_thresholds": same(OFFICE),
    "finance.override_status": same(OFFICE),
    "followup.view_report": (READERS, READERS | {LA}),
    "followup.fill_report": (NOBODY, frozenset({LA})),
    "followup.review_report": same(ADMIN),
    "followup.reopen_report": same(ADMIN),
    "followup.view_deviation": (READERS, READERS | {LA}),
    "followup.register_deviation": (ADMIN, ADMIN | {LA}),
    "followup.decide_deviation": same(ADMIN),
    "followup.view_followup": same(READERS | {LA}),
    "funding.view_application": same(READERS),
    "funding.change_application": same(ADMIN),
    "funding.assess_application": same(ADMIN),
    "funding.record_decision": same(ADMIN),
    "funding.view_economic_information": same(READERS),
    "funding.try_economic_information": same(OFFICE),
    "funding.change_equity_brackets": same(OFFICE),
    "funding.change_own_budget": same(OFFICE),
    "imports.import_workbook": same(ADMIN),
    "imports.export_workbook": same(ADMIN),
    "imports.import_participants": same(OFFICERS),
    "imports.export_participants": same(OFFICERS),
    "imports.open_workbook": same(ADMIN | OFFICERS),
    "interventions.view_intervention": same(EVERYONE),
    "interventions.change_intervention": same(ADMIN),
    "interventions.view_budget": (READERS, READERS | {LA}),
    "interventions.change_budget": same(OFFICE),
    "ledger.view_ledger": same(READERS),
    "ledger.import_ledger": same(OFFICE),
    "ledger.change_mapping": same(OFFICE),
    "ledger.view_annual_report": same(READERS),
    "ledger.adopt_annual_report": same(OFFICE),
    "ledger.change_annual_report_texts": same(OFFICE),
    # meetings: against the association or an intervention only the unconditioned roles
    # count (a meeting's own matrix is below)
    "meetings.view_meetings": same(frozenset({AD, BO, AU})),
    "meetings.view_meeting": same(ADMIN),
    "meetings.change_meeting": same(ADMIN),
    "meetings.report_attendance": same(ADMIN),
    "meetings.record_delegated_decision": same(ADMIN),
    "meetings.call_substitute": same(ADMIN),
    "meetings.change_minutes": same(ADMIN),
    "meetings.check_minutes": same(NOBODY),
    "meetings.view_decisions": same(frozenset({AD, BO, AU})),
    "participants.view_participation": (NOBODY, frozenset({POA})),
    "participants.change_participation": (NOBODY, frozenset({POA})),
    "participants.view_counts": same(EVERYONE),
    "participants.change_activities": same(ADMIN),
    "participants.manage_retention": same(ADMIN),
    "participants.withdraw_consent_everywhere": same(ADMIN),
    "participants.report_national_counts": same(ADMIN),
    "participants.make_access_report": same(OFFICERS),
    "participants.search_participants": same(OFFICERS),
    "stats.view_unsuppressed": same(ADMIN),
    "survey.view_survey": same(READERS | {LA}),
    "survey.manage_links": same(ADMIN),
    "survey.change_comments": same(ADMIN),
    "survey.enter_answers": same(ADMIN | {LA}),
    "survey.manage_progression": same(ADMIN),
    "survey.assess_progression": same(OFFICERS),
}


def test_permission_table_and_expectation_name_the_same_permissions() -> None:
    assert sorted(PERMISSIONS) == sorted(EXPECTED)


def test_every_registered_rule_comes_from_the_table() -> None:
    registered = {name for name in rules.permissions.permissions if "." in name}

    assert registered - set(PERMISSIONS) == set()


def test_permission_matrix_matches_the_expectation(world: World) -> None:
    budget = BudgetFactory.create(intervention=world.intervention_a)
    targets = (world.association, budget)

    allowed = {
        name: tuple(
            frozenset(p for p in PERSONAS if world.users[p].has_perm(name, target))
            for target in targets
        )
        for name in PERMISSIONS
    }

    assert allowed == EXPECTED


def _agreement(world: World, name: str, objects: list[Any]) -> dict[str, bool]:
    """Per persona: does restrict() return exactly the objects has_perm allows?"""
    model = type(objects[0])
    result = {}
    for persona in PERSONAS:
        user = world.users[persona]
        restricted = set(restrict(model.objects.all(), user, world.association, name))
        result[persona] = restricted == {o for o in objects if user.has_perm(name, o)}
    return result


def test_restrict_agrees_with_has_perm_on_every_row(world: World) -> None:
    BudgetFactory.create(intervention=world.intervention_a)
    BudgetFactory.create(intervention=world.intervention_b, year=2023)
    BudgetFactory.create(intervention=world.other_intervention)
    interventions = list(Intervention.objects.filter(association=world.association))
    budgets = list(Budget.objects.filter(association=world.association))
    committee = Organ.objects.create(
        association=world.association, kind=OrganKind.ARBETSUTSKOTT, name="Arbetsutskottet"
    )
    make_meeting(world, date=dt.date(2026, 6, 1))
    published_organ_meeting(world, None)
    published_organ_meeting(world, committee)
    meetings = list(Meeting.objects.filter(association=world.association))
    rows: list[list[Any]] = [interventions, budgets]
    meeting_rows: list[list[Any]] = [meetings]
    conditioned = {name for name, entry in PERMISSIONS.items() if entry.conditions}

    disagreements = {
        (name, persona)
        for name in PERMISSIONS
        for objects in (meeting_rows if name in conditioned else rows)
        for persona, agrees in _agreement(world, name, objects).items()
        if not agrees
    }

    assert disagreements == set()


def test_meeting_matrix_by_persona(world: World) -> None:
    committee = Organ.objects.create(
        association=world.association, kind=OrganKind.ARBETSUTSKOTT, name="Arbetsutskottet"
    )
    draft = make_meeting(world, date=dt.date(2026, 6, 1))
    board_meeting = published_organ_meeting(world, None)
    committee_meeting = published_organ_meeting(world, committee)

    readers = {
        label: {p for p in PERSONAS if world.users[p].has_perm("meetings.view_meeting", m)}
        for label, m in (("draft", draft), ("board", board_meeting), ("au", committee_meeting))
    }

    assert readers == {"draft": {AD}, "board": {AD, BO, AU}, "au": {AD, AU}}
