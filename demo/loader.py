"""Load the demo data of ``demo.data``: delete the demo associations and users, then create
them again through the domain services. Deterministic: the same rows on every run.
Participant data comes from ``demo.participants``; quarterly and deviation reports, costs,
the own budget, applications and final reports from ``demo.followup``.

The access log is append-only (guards in ``audit.models``, and on PostgreSQL a trigger), yet
the demo's participant data writes log rows that protect the demo association and users.
``_delete_log_rows`` deletes the log rows of a demo association, and only those, with the
trigger switched off inside the loader's transaction; nothing else in Finsam deletes them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django_scopes import scope

from audit.services import purge_association_log
from demo.data import (
    ASSOCIATIONS,
    DEMO_PASSWORD,
    DEMO_SEED,
    FOLLOWUP_DATA,
    PARTICIPANT_DATA,
    SYSTEM_USERS,
    demo_emails,
)
from demo.data.specs import (
    TERM_END,
    TERM_START,
    AssociationSpec,
    InterventionSpec,
    UserSpec,
    first_with_role,
    plan_fields,
)
from demo.economy import load_economy_data
from demo.followup import load_followup_data
from demo.meetings import load_meeting_data
from demo.participants import load_participant_data
from demo.survey import load_survey_data
from interventions.models import (
    Goal,
    Intervention,
    SteeringGroup,
    SteeringGroupMember,
)
from interventions.services import organisation_named, save_budget, save_intervention
from tenancy.models import (
    Association,
    BoardMember,
    Member,
    Organisation,
    Role,
    RoleAssignment,
    User,
)
from tenancy.services import assign_role, create_association

#: Yearly budgets are kept within this range (SEK), also for years the period only touches.
MIN_YEARLY_BUDGET = 300_000
MAX_YEARLY_BUDGET = 3_500_000


@dataclass(frozen=True)
class DemoLogin:
    """One demo user as printed by ``load_demo``."""

    email: str
    roles: tuple[str, ...]
    totp_secret: str | None


@transaction.atomic
def load_demo(*, seed: int = DEMO_SEED) -> list[DemoLogin]:
    """Replace the demo associations and users. Returns the logins to show."""
    remove_demo()
    rng = random.Random(seed)  # noqa: S311 - varies demo amounts, not security
    logins: list[DemoLogin] = []
    for spec in ASSOCIATIONS:
        logins += _load_association(spec, rng)
    for user_spec in SYSTEM_USERS:
        user = _create_user(user_spec)
        for role, _code in user_spec.roles:
            assign_role(user=user, role=role)
        labels = tuple(f"{Role(r).label}, {_('hela installationen')}" for r, _c in user_spec.roles)
        logins.append(DemoLogin(user.email, labels, None))
    return logins


def remove_demo() -> None:
    """Delete the demo associations with everything in them, and the demo users."""
    for spec in ASSOCIATIONS:
        association = Association.objects.filter(slug=spec.slug).first()
        if association is not None:
            _delete_association(association)
    User.objects.filter(email__in=demo_emails()).delete()


def _delete_association(association: Association) -> None:
    """Delete every tenant row of the association, then the association.

    Some foreign keys protect their target (an intervention protects its owner, a board
    member the member who appointed it, a participation its intervention) and some may not
    be nulled (a person's participations), so a plain cascading delete of the association
    refuses. Rows are deleted model by model instead, retrying the blocked models until
    nothing blocks; this keeps working as apps add tenant models.
    """
    _delete_log_rows(association)
    remaining = [model for model in apps.get_models() if _has_association_key(model)]
    while remaining:
        blocked: list[type[models.Model]] = []
        for model in remaining:
            try:
                with transaction.atomic():
                    model._base_manager.filter(association=association).delete()
            except (ProtectedError, RestrictedError, IntegrityError):
                # IntegrityError: a SET_NULL the target's constraints refuse (a person
                # still referenced by participations that may not become anonymous).
                blocked.append(model)
        if len(blocked) == len(remaining):
            raise ProtectedError(
                f"Demo rows of {association.slug} protect each other: {blocked}", set()
            )
        remaining = blocked
    association.delete()


def _delete_log_rows(association: Association) -> None:
    """The demo association's access log and reviews go with it (the log's one delete)."""
    purge_association_log(association=association, reason="Demodata laddas om")


def _has_association_key(model: type[models.Model]) -> bool:
    try:
        field = model._meta.get_field("association")
    except FieldDoesNotExist:
        return False
    return field.is_relation and field.related_model is Association


def _load_association(spec: AssociationSpec, rng: random.Random) -> list[DemoLogin]:
    association = create_association(slug=spec.slug, name=spec.name)
    with scope(association=association.pk):
        members = {
            m.name: Member.objects.create(
                association=association, name=m.name, kind=m.kind, fee_share=m.fee_share
            )
            for m in spec.members
        }
        organisations: dict[str, Organisation] = {}
        for o in spec.organisations:
            organisation = organisation_named(association=association, name=o.name)
            if o.member is not None:
                organisation.member = members[o.member]
                organisation.save(update_fields=["member"])
            organisations[o.name] = organisation
        for b in spec.board:
            BoardMember.objects.create(
                association=association,
                name=b.name,
                appointed_by=members[b.member],
                party=b.party,
                seat=b.seat,
                role=b.role,
                term_start=TERM_START,
                term_end=TERM_END,
            )
        groups: dict[str, SteeringGroup] = {}
        for g in spec.steering_groups:
            group = SteeringGroup.objects.create(association=association, name=g.name)
            SteeringGroupMember.objects.bulk_create(
                SteeringGroupMember(
                    association=association,
                    steering_group=group,
                    name=m.name,
                    organisation=organisations[m.organisation],
                    role=m.role,
                )
                for m in g.members
            )
            groups[g.name] = group
        interventions = {
            i.code: _create_intervention(association, i, organisations, groups, rng)
            for i in spec.interventions
        }
        for user_spec in spec.users:
            _create_office_user(association, user_spec, interventions)
        participant_data = PARTICIPANT_DATA.get(spec.slug)
        if participant_data is not None:
            load_participant_data(
                association=association,
                spec=participant_data,
                intervention_specs=spec.interventions,
                interventions=interventions,
                officers=_participant_officers(spec),
            )
        followup_data = FOLLOWUP_DATA.get(spec.slug)
        if followup_data is not None:
            load_followup_data(
                association=association,
                spec=followup_data,
                users=spec.users,
                interventions=interventions,
            )
        if spec.slug == "exempel":
            load_meeting_data(
                association=association,
                office=User.objects.get(email="admin@exempel.se"),
                board_user=User.objects.get(email="styrelse@exempel.se"),
            )
            from demo.ledger import load_ledger_data

            load_ledger_data(association=association)
            load_economy_data(association=association, interventions=interventions)
        load_survey_data(
            association=association,
            interventions=interventions,
            officers=_participant_officers(spec),
        )
        # Read back: a granted application gives its insatsansvarig a new intervention.
        return [
            DemoLogin(u.email, _role_labels(association, u.email), u.totp_secret)
            for u in spec.users
        ]


def _participant_officers(spec: AssociationSpec) -> dict[str, User]:
    """The demo deltagaransvarig of each intervention that has one, by intervention code."""
    emails = first_with_role(spec.users, Role.DELTAGARANSVARIG)
    return {code: User.objects.get(email=email) for code, email in emails.items()}


def _create_intervention(
    association: Association,
    spec: InterventionSpec,
    organisations: dict[str, Organisation],
    groups: dict[str, SteeringGroup],
    rng: random.Random,
) -> Intervention:
    intervention, _outcome = save_intervention(
        association=association,
        code=spec.code,
        name=spec.name,
        short_name=spec.short_name,
        partners=[organisations[name] for name in spec.partners],
        **plan_fields(spec, organisations),
    )
    if spec.steering_group:
        intervention.steering_group = groups[spec.steering_group]
        intervention.save(update_fields=["steering_group"])
    intervention.full_clean()
    Goal.objects.bulk_create(
        Goal(
            association=association,
            intervention=intervention,
            text=g.text,
            target=g.target,
            status=g.status,
        )
        for g in spec.goals
    )
    for year in range(spec.start.year, spec.end.year + 1):
        amount = yearly_amount(spec, year, rng)
        if year in spec.quarterly_years:
            for quarter, part in enumerate(quarterly_split(amount, rng), start=1):
                save_budget(intervention=intervention, year=year, quarter=quarter, amount=part)
        else:
            save_budget(intervention=intervention, year=year, quarter=None, amount=amount)
    return intervention


def yearly_amount(spec: InterventionSpec, year: int, rng: random.Random) -> int:
    """The year's budget: the base amount for the months of the period that fall in the
    year, varied by up to 8 %, rounded to 5 000 kr and kept within the realistic range."""
    first = max(spec.start, dt.date(year, 1, 1))
    last = min(spec.end, dt.date(year, 12, 31))
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    amount = spec.yearly_budget * months / 12 * rng.uniform(0.92, 1.08)
    rounded = round(amount / 5_000) * 5_000
    return min(max(rounded, MIN_YEARLY_BUDGET), MAX_YEARLY_BUDGET)


def quarterly_split(amount: int, rng: random.Random) -> list[int]:
    """Split a year's amount into four quarters (a slow first quarter, as when staff are
    being recruited), rounded to 1 000 kr; the last quarter takes the remainder."""
    weights = [rng.uniform(0.15, 0.22), 0.25, 0.25, rng.uniform(0.25, 0.3)]
    total = sum(weights)
    parts = [round(amount * w / total / 1_000) * 1_000 for w in weights[:3]]
    return [*parts, amount - sum(parts)]


def _create_user(spec: UserSpec) -> User:
    return User.objects.create_user(
        spec.email, DEMO_PASSWORD, first_name=spec.first_name, last_name=spec.last_name
    )


def _create_office_user(
    association: Association, spec: UserSpec, interventions: dict[str, Intervention]
) -> User:
    user = _create_user(spec)
    for role, code in spec.roles:
        intervention = interventions[code] if code else None
        assign_role(user=user, role=role, association=association, intervention=intervention)
    if spec.totp_secret:
        TOTP.activate(user, spec.totp_secret)
    return user


def _role_labels(association: Association, email: str) -> tuple[str, ...]:
    """ "Role, where" for each of the user's roles in the association, in the order given."""
    assignments = (
        RoleAssignment.objects.filter(association=association, user__email=email)
        .select_related("intervention")
        .order_by("pk")
    )
    return tuple(
        f"{Role(a.role).label}, "
        f"{a.intervention.display_name if a.intervention else association.name}"
        for a in assignments
    )
