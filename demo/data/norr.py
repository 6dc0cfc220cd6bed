"""Samordningsförbundet Norr: small, to show that associations are isolated."""

from __future__ import annotations

from decimal import Decimal

from demo.data.specs import (
    AssociationSpec,
    BoardSpec,
    GoalSpec,
    InterventionRow,
    MemberSpec,
    OrganisationSpec,
    SteeringGroupMemberSpec,
    SteeringGroupSpec,
    UserSpec,
    d,
    intervention_specs,
)
from interventions.models import Aim, FollowUp, Kind, SteeringGroupRole
from tenancy.models import BoardRole, BoardSeat, MemberKind, Role

FK = "Försäkringskassan"
NORRA = "Norrå kommun"
NORRA_AME = "Norrå kommun, Arbetsmarknadsenheten"

_GROUP = "Styrgrupp Norrå"
_IND, _STR = Kind.INDIVIDUAL, Kind.STRUCTURAL
_PERSONS, _COUNTS = FollowUp.PERSONAL_DATA, FollowUp.COUNTS

#: The interventions, one row each, as in ``demo.data.exempel``.
_INTERVENTION_ROWS: tuple[InterventionRow, ...] = (
    (
        ("NORRSKEN-24", "Norrå, Norrsken", "Norrsken"),
        (NORRA_AME, (FK,), _GROUP),
        (_IND, Aim.WORK, _PERSONS, d(2024, 1, 1), d(2026, 12, 31), 25, 800_000),
    ),
    # Same code as in Exempel on purpose: codes are unique per association only.
    (
        ("LOKUS-23", "Lokussamordnare Norr", "Lokussamordnare Norr"),
        (NORRA_AME, (FK,), _GROUP),
        (_STR, "", _COUNTS, d(2023, 1, 1), d(2026, 12, 31), None, 400_000),
    ),
)

_GOALS = {
    "NORRSKEN-24": (
        GoalSpec(
            "Deltagarna ska gå vidare till arbete eller studier.",
            "30 % av de avslutade deltagarna går till arbete eller studier",
        ),
    ),
    "LOKUS-23": (
        GoalSpec(
            "Parterna ska samordna sina insatser i Norrå.", "Fyra möten i lokusgruppen per år"
        ),
    ),
}

NORR = AssociationSpec(
    slug="norr",
    name="Samordningsförbundet Norr",
    members=(
        MemberSpec(FK, MemberKind.FORSAKRINGSKASSAN, Decimal("50.00")),
        MemberSpec(NORRA, MemberKind.KOMMUN, Decimal("50.00")),
    ),
    organisations=(OrganisationSpec(FK, FK), OrganisationSpec(NORRA_AME, NORRA)),
    board=(
        BoardSpec("Sven Lidström", NORRA, "S", BoardSeat.ORDINARIE, BoardRole.ORDFORANDE),
        BoardSpec("Maria Jonsson", FK, "", BoardSeat.ORDINARIE, BoardRole.VICE_ORDFORANDE),
        BoardSpec("Kent Nordin", NORRA, "C", BoardSeat.ERSATTARE),
    ),
    steering_groups=(
        SteeringGroupSpec(
            _GROUP,
            (
                SteeringGroupMemberSpec("Hanna Lidén", NORRA_AME, SteeringGroupRole.CHAIR),
                SteeringGroupMemberSpec("Robert Strand", FK),
            ),
        ),
    ),
    interventions=intervention_specs(_INTERVENTION_ROWS, _GOALS),
    users=(UserSpec("admin@norr.se", "Nils", "Norberg", ((Role.FORBUNDSADMINISTRATOR, None),)),),
)
