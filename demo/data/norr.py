"""Samordningsförbundet Norr: small, to show that associations are isolated."""

from __future__ import annotations

from decimal import Decimal

from demo.data.specs import (
    AssociationSpec,
    BoardSpec,
    GoalSpec,
    InterventionSpec,
    MemberSpec,
    OrganisationSpec,
    SteeringGroupMemberSpec,
    SteeringGroupSpec,
    UserSpec,
    d,
)
from interventions.models import Aim, FollowUp, Kind, SteeringGroupRole
from tenancy.models import BoardRole, BoardSeat, MemberKind, Role

FK = "Försäkringskassan"
NORRA = "Norrå kommun"
NORRA_AME = "Norrå kommun, Arbetsmarknadsenheten"

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
            "Styrgrupp Norrå",
            (
                SteeringGroupMemberSpec("Hanna Lidén", NORRA_AME, SteeringGroupRole.CHAIR),
                SteeringGroupMemberSpec("Robert Strand", FK),
            ),
        ),
    ),
    interventions=(
        InterventionSpec(
            code="NORRSKEN-24",
            name="Norrå, Norrsken",
            short_name="Norrsken",
            owner=NORRA_AME,
            partners=(FK,),
            kind=Kind.INDIVIDUAL,
            aim=Aim.WORK,
            follow_up=FollowUp.PERSONAL_DATA,
            start=d(2024, 1, 1),
            end=d(2026, 12, 31),
            expected_participants=25,
            steering_group="Styrgrupp Norrå",
            yearly_budget=800_000,
            goals=(
                GoalSpec(
                    "Deltagarna ska gå vidare till arbete eller studier.",
                    "30 % av de avslutade deltagarna går till arbete eller studier",
                ),
            ),
        ),
        # Same code as in Exempel on purpose: codes are unique per association only.
        InterventionSpec(
            code="LOKUS-23",
            name="Lokussamordnare Norr",
            short_name="Lokussamordnare Norr",
            owner=NORRA_AME,
            partners=(FK,),
            kind=Kind.STRUCTURAL,
            aim="",
            follow_up=FollowUp.COUNTS,
            start=d(2023, 1, 1),
            end=d(2026, 12, 31),
            expected_participants=None,
            steering_group="Styrgrupp Norrå",
            yearly_budget=400_000,
            goals=(
                GoalSpec(
                    "Parterna ska samordna sina insatser i Norrå.",
                    "Fyra möten i lokusgruppen per år",
                ),
            ),
        ),
    ),
    users=(UserSpec("admin@norr.se", "Nils", "Norberg", ((Role.FORBUNDSADMINISTRATOR, None),)),),
)
