"""The demo data as plain values: two associations, their members, board, organisations,
steering groups, interventions and users. ``demo.loader`` turns these into rows.

Everything is fixed (names, dates, targets); budget amounts, the participant data of
``demo.data.participants`` and the generated quarterly reports and costs of
``demo.data.followup`` vary, and they come from seeded random generators, so every load
gives the same result. Periods lie in 2022-2027 so that the demo has ended, running and
future interventions in 2026.
"""

from __future__ import annotations

from demo.data.exempel import EXEMPEL
from demo.data.followup import EXEMPEL_FOLLOWUP
from demo.data.norr import NORR
from demo.data.participants import EXEMPEL_PARTICIPANTS
from demo.data.specs import (
    DEMO_PASSWORD,
    DEMO_SEED,
    AssociationSpec,
    FollowupDataSpec,
    ParticipantDataSpec,
    UserSpec,
)
from tenancy.models import Role

__all__ = [
    "ASSOCIATIONS",
    "DEMO_PASSWORD",
    "DEMO_SEED",
    "FOLLOWUP_DATA",
    "PARTICIPANT_DATA",
    "SYSTEM_USERS",
    "demo_emails",
]

ASSOCIATIONS: tuple[AssociationSpec, ...] = (EXEMPEL, NORR)

#: Generated participations, monthly counts and activities, by association slug (Norr has
#: none, so that a leak from Exempel would show).
PARTICIPANT_DATA: dict[str, ParticipantDataSpec] = {EXEMPEL.slug: EXEMPEL_PARTICIPANTS}

#: Quarterly and deviation reports, costs, own budget, applications and final reports, by
#: association slug (Norr has none).
FOLLOWUP_DATA: dict[str, FollowupDataSpec] = {EXEMPEL.slug: EXEMPEL_FOLLOWUP}

#: Users with a role for the whole installation rather than one association.
SYSTEM_USERS: tuple[UserSpec, ...] = (
    UserSpec("system@finsam.se", "Sigrid", "Vik", ((Role.SYSTEMADMINISTRATOR, None),)),
)


def demo_emails() -> list[str]:
    """Every demo user's e-mail: these users are deleted and recreated on each load."""
    users = [u for spec in ASSOCIATIONS for u in spec.users] + list(SYSTEM_USERS)
    return [user.email for user in users]
