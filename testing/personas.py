"""The named personas of STYLE.md: each view is tested as each of them."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from interventions.models import Intervention
from tenancy.models import Association, Role, User
from tenancy.services import assign_role
from testing.factories import AssociationFactory, InterventionFactory, UserFactory

#: persona name -> (role, which intervention: "a", "b" or None for association-wide)
PERSONA_ROLES: dict[str, tuple[str, str | None]] = {
    "admin": (Role.FORBUNDSADMINISTRATOR, None),
    "economist": (Role.EKONOM, None),
    "participant_officer_a": (Role.DELTAGARANSVARIG, "a"),
    "participant_officer_b": (Role.DELTAGARANSVARIG, "b"),
    "intervention_lead_a": (Role.INSATSANSVARIG, "a"),
    "board": (Role.STYRELSE, None),
    "auditor": (Role.REVISOR, None),
    "log_reviewer": (Role.LOGGRANSKARE, None),
    "outsider": (Role.FORBUNDSADMINISTRATOR, None),  # admin of the *other* association
}
PERSONAS = tuple(PERSONA_ROLES)


@dataclass
class World:
    association: Association
    other_association: Association
    intervention_a: Intervention
    intervention_b: Intervention
    other_intervention: Intervention
    users: dict[str, User]


def build_world() -> World:
    association = AssociationFactory.create(slug="exempel", name="Samordningsförbundet Exempel")
    other = AssociationFactory.create(slug="annat", name="Samordningsförbundet Annat")
    intervention_a = InterventionFactory.create(association=association, code="A", name="Insats A")
    intervention_b = InterventionFactory.create(association=association, code="B", name="Insats B")
    other_intervention = InterventionFactory.create(association=other, code="X", name="Insats X")
    users: dict[str, User] = {}
    for name, (role, which) in PERSONA_ROLES.items():
        user = UserFactory.create(email=f"{name}@example.se")
        target = other if name == "outsider" else association
        intervention = {"a": intervention_a, "b": intervention_b}.get(which or "")
        assign_role(user=user, role=role, association=target, intervention=intervention)
        if role == Role.DELTAGARANSVARIG:
            TOTP.activate(user, generate_totp_secret())
        users[name] = user
    return World(association, other, intervention_a, intervention_b, other_intervention, users)


def new_participant_officer(world: World, email: str) -> User:
    """A new user made deltagaransvarig of intervention A, with no second factor set up."""
    user = UserFactory.create(email=email)
    assign_role(
        user=user,
        role=Role.DELTAGARANSVARIG,
        association=world.association,
        intervention=world.intervention_a,
    )
    return user
