"""Who runs an import or export, and which sheets and participant rows they may touch.

- The office's sheets (`Insatser`, `Budget`, `Utfall`, `Volym`, `Aktiviteter`,
  `Kvartalsrapporter`, `Avvikelser`): the förbundsadministratör (``imports.import_workbook``)
  and the host's administrator on the command line, nobody else. The ekonom, an
  insatsansvarig and a deltagaransvarig enter money and reports on the pages instead,
  where each step has its own rule; a file with rows in these sheets from anyone else is
  refused as a whole.
- `Deltagare` rows (personal data the förbundsadministratör may not see): a
  deltagaransvarig for their own interventions only; the command line for all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from participants.queries import officer_intervention_ids
from tenancy.models import Association


@dataclass(frozen=True)
class WorkbookAccess:
    #: The user; ``None`` is the host's administrator running a command (logged as "system").
    user: Any
    #: May import and export the office's sheets (every sheet without personal data).
    all_sheets: bool
    #: Interventions whose `Deltagare` rows may be imported and exported; ``None`` = all.
    participant_intervention_ids: frozenset[int] | None

    @classmethod
    def system(cls, *, include_personal_data: bool = True) -> WorkbookAccess:
        """The command line: everything, participant rows only when asked for."""
        return cls(
            user=None,
            all_sheets=True,
            participant_intervention_ids=None if include_personal_data else frozenset(),
        )

    @classmethod
    def for_user(cls, user: Any, association: Association) -> WorkbookAccess:
        return cls(
            user=user,
            all_sheets=user.has_perm("imports.import_workbook", association),
            participant_intervention_ids=officer_intervention_ids(user, association),
        )

    @property
    def is_system(self) -> bool:
        return self.user is None

    @property
    def any_participants(self) -> bool:
        """May touch `Deltagare` rows of at least one intervention."""
        return self.participant_intervention_ids is None or bool(self.participant_intervention_ids)

    def may_touch_participants_of(self, intervention_id: int) -> bool:
        ids = self.participant_intervention_ids
        return ids is None or intervention_id in ids
