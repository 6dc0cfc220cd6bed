"""The tables of the management report that the product fills (spec/annual-report.md 2.8),
as plain JSON-able values so that adoption can freeze them: members with fee shares, the
board of the year with substitutes and appointing member, the interventions funded in the
year (by kind, with budget and outcome), those ended in the year with their final report's
summary, and the interventions' short names. The association goals and the participant
statistics are in the report JSON's ``statistics``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from stats.periods import Period
from tenancy.models import Association, BoardMember, Member


def _plain(value: Any) -> Any:
    """A row of the memo's extras as JSON-able values: ISO dates, lists, dicts."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(each) for each in value]
    if isinstance(value, dict):
        return {key: _plain(each) for key, each in value.items()}
    return value


def management_tables(association: Association, year: int) -> dict[str, Any]:
    """Everything of 2.8 beyond the texts and the report JSON (inside the scope). The
    interventions funded and ended in the year and the funds by kind are the follow-up
    memo's sections 2, 4 and 8 for the whole year (``stats.memo_document.memo_extras``)."""
    from interventions.models import Intervention
    from stats.memo_document import memo_extras

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    extras = memo_extras(association, Period(year, 1, 4))
    board = (
        BoardMember.objects.filter(association=association, term_start__lte=last)
        .exclude(term_end__lt=first)
        .select_related("appointed_by")
        .order_by("seat", "role", "appointed_by__name", "name")
    )
    interventions = Intervention.objects.filter(association=association)
    return {
        "members": [
            {"name": m.name, "kind": m.get_kind_display(), "fee_share": str(m.fee_share)}
            for m in Member.objects.filter(association=association).order_by("kind", "name")
        ],
        "board": [
            {
                "name": b.name,
                "appointed_by": b.appointed_by.name,
                "seat": b.get_seat_display(),
                "role": b.get_role_display(),
                "party": b.party,
            }
            for b in board
        ],
        "interventions": [
            {
                "code": r.code,
                "name": r.name,
                "kind": r.kind,
                "start": _plain(r.start),
                "end": _plain(r.end),
            }
            for r in extras.interventions
        ],
        "funds": _plain(extras.funds),
        "ended": _plain(extras.ended),
        "names": {
            code: short or name
            for code, short, name in interventions.values_list("code", "short_name", "name")
        },
    }
