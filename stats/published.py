"""The participant tables as the memo's JSON publishes them, with disclosure control.

Each published table is built as one ``stats.disclosure.Table`` holding its counts and the
sums between them (row totals, the gender identity total = women + men + annat, group
sums), suppressed together, and rendered: a hidden count or share becomes ``".."``.
Unsuppressed output goes through the same code with nothing hidden, so the office's
version and the board's differ only in what is hidden.

The memo's person tables (participants, outcomes, exit reasons, target group, expected
and the participant goals) are one table, linked by every identity between them
(``participant_tables``): suppressed apart, one could be recomputed from another.

A shown share of a shown denominator gives its numerator, so a numerator is a published
cell here (hidden, with its share, when it is small or would reveal a small count), and
so is, in effect, its complement: the rest of the denominator is an unpublished cell
that is protected like any count. Shares are hidden when their numerator or denominator
is hidden. A mean of days is hidden when its number of exits is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _

from stats.disclosure import (
    GENDERS,
    HIDDEN,
    OTHER,
    Suppressed,
    Table,
    suppress,
    unsuppressed,
)
from stats.participant_tables.shapes import (
    ActivitiesTable,
    AnonymousTable,
    ExitReasonsTable,
    ExpectedTable,
    MeanSplit,
    OutcomesTable,
    ParticipantGoals,
    ParticipantsTable,
    ParticipantTables,
    ShareSplit,
    Split,
    TargetGroupTable,
    TimeInInterventionTable,
)

Key = tuple[Hashable, ...]
TOTAL_ROW = "__total__"
PARTICIPANT_MEASURES = ("registered", "exited", "exited_to_date", "ongoing")
#: Exit-reason groups: which reason codes each sums (``all`` is every row).
EXIT_GROUP_CODES: dict[str, tuple[str, ...]] = {
    "work": ("arbete_osubventionerat", "arbete_subventionerat", "eget_foretag"),
    "studies": ("studier",),
    "job_seeking": ("arbetssokande",),
}


@dataclass(frozen=True)
class Published:
    """A JSON fragment and the note saying what was hidden."""

    json: dict[str, Any]
    note: str
    hidden: int


def _g(split: Split) -> dict[str, int]:
    return {"women": split.women, "men": split.men, "total": split.total}


class _Render:
    """Suppresses a table (unless ``result`` is its suppression already, e.g. from
    ``stats.disclosure_periods``) and renders its cells and shares."""

    def __init__(
        self,
        table: Table,
        k: int,
        applied: bool,
        blocks: Callable[[Hashable], Hashable | None] | None = None,
        result: Suppressed | None = None,
    ) -> None:
        if result is not None and applied:
            self.result = result
        elif applied:
            self.result = suppress(table, k, blocks=blocks)
        else:
            # Keep the association's threshold in the output even when nothing is hidden.
            self.result = Suppressed(table, k, False, {}, frozenset())

    def g(self, prefix: Key) -> dict[str, int | str]:
        return {gender: self.result.value((*prefix, gender)) for gender in GENDERS}

    def share_g(self, numerator: Key, denominator: Key, shares: ShareSplit) -> dict[str, Any]:
        values = {"women": shares.women, "men": shares.men, "total": shares.total}
        return {
            gender: self.result.share((*numerator, gender), (*denominator, gender), values[gender])
            for gender in GENDERS
        }

    def share(self, numerator: Key, denominator: Key, value: int | None) -> int | str | None:
        return self.result.share(numerator, denominator, value)

    def published(
        self, json: dict[str, Any], section: Callable[[Hashable], bool] | None = None
    ) -> Published:
        """The fragment with the note for its own cells (``section`` picks them when
        several sections share the table)."""
        result = self.result
        if section is not None:
            result = replace(
                result,
                hidden={key: why for key, why in result.hidden.items() if section(key)},
                sensitive=frozenset(key for key in result.sensitive if section(key)),
            )
        return Published(json, result.note, len(result.hidden))


def _add_g(
    table: Table, prefix: Key, split: Split, *, published: tuple[str, ...] = GENDERS
) -> None:
    """Add a G with the gender identity. ``published`` names the genders that are published
    cells (shown, or given away by a shown share); the others only express sums."""
    if published == GENDERS:
        table.add_g(prefix, _g(split))
        return
    other = split.total - split.women - split.men
    for gender, value in (("women", split.women), ("men", split.men), ("total", split.total)):
        table.add_cell((*prefix, gender), value, published=gender in published)
    table.add_cell((*prefix, OTHER), other, published=False)
    if other >= 0:
        table.add_sum([(*prefix, "women"), (*prefix, "men"), (*prefix, OTHER)], (*prefix, "total"))


def participants_and_outcomes(
    participants: ParticipantsTable, outcomes: OutcomesTable, *, k: int, applied: bool
) -> tuple[Published, Published]:
    """Sections 9 and 10, suppressed together: the outcomes' exits to work or studies are
    part of the participants' exits, and their shares use those exits as denominator."""
    table = Table()
    _add_participants_outcomes(table, participants, outcomes)
    render = _Render(table, k, applied)
    return (
        render.published(_participants_json(render, participants)),
        render.published(_outcomes_json(render, outcomes)),
    )


@dataclass(frozen=True)
class LinkedTables:
    """The person tables of the memo, suppressed as one table (``participant_tables``)."""

    participants: Published
    outcomes: Published
    exit_reasons: Published
    target_group: Published
    expected: Published
    #: ``association_goals`` outcome per participant goal: a share, ``".."`` or None.
    goals: dict[str, int | str | None]


#: Prefixes of the cells of the exit reasons, the target group and the goals when they
#: share a table with the participants (see ``participant_tables``).
EXITS: Key = ("exit_reasons",)
TARGET_GROUP: Key = ("target_group",)
GOAL: Key = ("goal",)
REGISTERED_TO_DATE = "registered_to_date"
#: The participant goals: (code, numerator measure, denominator measure).
GOAL_MEASURES = (
    ("work_directed_to_work_or_studies", "to_work_or_studies", "exited"),
    ("prerehab_action_plan", "planned", "active"),
)


def participant_tables(
    tables: ParticipantTables,
    *,
    goal_members: Mapping[str, Sequence[str]],
    k: int,
    applied: bool,
    result: Suppressed | None = None,
) -> LinkedTables:
    """The person tables rendered from ``person_table`` suppressed (or from ``result``, its
    suppression among the other periods of the year: ``stats.disclosure_periods``)."""
    table, codes = person_table(tables, goal_members=goal_members)
    render = _Render(
        table, k, applied, blocks=lambda key: _intervention_of(key, codes), result=result
    )

    def section(name: str) -> Callable[[Hashable], bool]:
        return lambda key: _section_of(key) == name

    goals = tables.goals
    values = {
        "work_directed_to_work_or_studies": goals.work_directed_to_work_or_studies,
        "prerehab_action_plan": goals.prerehab_action_plan,
    }
    return LinkedTables(
        participants=render.published(
            _participants_json(render, tables.participants), section("participants")
        ),
        outcomes=render.published(_outcomes_json(render, tables.outcomes), section("participants")),
        exit_reasons=render.published(
            _exit_reasons_json(render, tables.exit_reasons, EXITS), section("exit_reasons")
        ),
        target_group=render.published(
            _target_group_json(render, tables.target_group), section("target_group")
        ),
        expected=render.published(_expected_json(render, tables.expected), section("expected")),
        goals={
            goal: render.share((*GOAL, goal, numerator), (*GOAL, goal, denominator), values[goal])
            for goal, numerator, denominator in GOAL_MEASURES
        },
    )


def person_table(
    tables: ParticipantTables, *, goal_members: Mapping[str, Sequence[str]]
) -> tuple[Table, set[str]]:
    """Sections 9, 10, 12, 13, 15 and the participant goals of 17 as one table, so that no
    hidden cell of one can be recomputed with the figures another publishes. The
    identities between them (each added only where it holds in the data):

    - exits "all" are the participants' exits ytd; exits to "work or studies" are the
      outcomes' total;
    - per row and gender, active ytd = ongoing at E + exited ytd = carried over from
      before the year + registered ytd (carried is 0 for an intervention that starts in
      the year, which its start date tells), and exited to date = exited ytd + exited
      before the year;
    - the target group's active are the total row's active; its share numerators are
      counts (a shown share of a shown denominator gives them) with the gender identity,
      complements, and education levels adding up to active;
    - ``expected`` registered to date = exited to date + ongoing at E;
    - a participant goal's numerator and denominator are sums over its interventions'
      rows (``goal_members``: goal code -> intervention codes)."""
    table = Table()
    _add_participants_outcomes(table, tables.participants, tables.outcomes)
    _add_exit_reasons(table, tables.exit_reasons, EXITS)
    for gender in (*GENDERS, OTHER):
        _sum_if_consistent(table, [(*EXITS, "group", "all", gender)], (TOTAL_ROW, "exited", gender))
        _sum_if_consistent(
            table,
            [(*EXITS, "group", "work_or_studies", gender)],
            (TOTAL_ROW, "to_work_or_studies", gender),
        )
    for code in [row.intervention for row in tables.participants.rows] + [TOTAL_ROW]:
        _add_flows(table, code)
    _add_target_group(table, tables.target_group)
    _add_expected(table, tables.expected)
    _add_goals(table, tables.goals, goal_members)
    return table, {row.intervention for row in tables.participants.rows}


def person_blocks(codes: set[str]) -> Callable[[Hashable], Hashable | None]:
    """The blocks of ``person_table`` for ``suppress`` (one per intervention row)."""
    return lambda key: _intervention_of(key, codes)


def _intervention_of(key: Hashable, codes: set[str]) -> str | None:
    """The intervention row a cell belongs to (a block for ``suppress``), or None."""
    if not isinstance(key, tuple) or not key:
        return None
    if key[0] == "rest":
        return _intervention_of(key[1], codes)
    return key[0] if key[0] in codes else None


def _section_of(key: Hashable) -> str:
    """Which published table a cell of ``participant_tables`` belongs to (for its note)."""
    if not isinstance(key, tuple) or not key:
        return "participants"
    head = key[:1]
    if head == EXITS:
        return "exit_reasons"
    if head == TARGET_GROUP:
        return "target_group"
    if head == GOAL:
        return "goals"
    if head == ("rest",):
        return _section_of(key[1])
    if len(key) > 1 and key[1] == REGISTERED_TO_DATE:
        return "expected"
    return "participants"


def _add_flows(table: Table, code: str) -> None:
    """Per gender: active = ongoing + exited = carried + registered, and exited to date =
    exited + exited before the year (carried and before are linking cells; like every
    unpublished 0 they count as known when 0, which covers an intervention that started
    in the year: its start date is public)."""
    for gender in (*GENDERS, OTHER):
        active = (code, "active", gender)
        if active not in table.values:
            continue
        _sum_if_consistent(table, [(code, "ongoing", gender), (code, "exited", gender)], active)
        for rest, part, whole in (
            ("carried", (code, "registered", gender), active),
            ("exited_before", (code, "exited", gender), (code, "exited_to_date", gender)),
        ):
            value = table.values[whole] - table.values[part]
            if value >= 0:
                table.add_cell((code, rest, gender), value, published=False, linking=True)
                table.add_sum([part, (code, rest, gender)], whole)


def _add_target_group(table: Table, target_group: TargetGroupTable) -> None:
    active = (*TARGET_GROUP, "active")
    table.add_g(active, _g(target_group.active))
    for gender in (*GENDERS, OTHER):
        if (TOTAL_ROW, "active", gender) in table.values:
            _sum_if_consistent(table, [(TOTAL_ROW, "active", gender)], (*active, gender))
    levels = [name for name in target_group.counts if name.startswith("education:")]
    for name, counts in target_group.counts.items():
        table.add_g((*TARGET_GROUP, name), _g(counts))
        if name not in levels:
            for gender in (*GENDERS, OTHER):
                key = (*TARGET_GROUP, name, gender)
                _add_complement(table, key, (*active, gender))
    for gender in (*GENDERS, OTHER):
        parts = [(*TARGET_GROUP, level, gender) for level in levels]
        rest = table.values[(*active, gender)] - sum(table.values[p] for p in parts)
        if rest >= 0:
            table.add_cell(
                (*TARGET_GROUP, "education:none", gender), rest, published=False, linking=True
            )
            table.add_sum([*parts, (*TARGET_GROUP, "education:none", gender)], (*active, gender))


def _add_expected(table: Table, expected_in: ExpectedTable) -> None:
    for row in expected_in.rows:
        key = (row.intervention, REGISTERED_TO_DATE)
        table.add_cell(key, row.registered_to_date)
        parts = [
            (row.intervention, "exited_to_date", "total"),
            (row.intervention, "ongoing", "total"),
        ]
        if all(part in table.values for part in parts):
            _sum_if_consistent(table, parts, key)


def _add_goals(table: Table, goals: ParticipantGoals, members: Mapping[str, Sequence[str]]) -> None:
    counts = {
        "work_directed_to_work_or_studies": (goals.work_to_work_or_studies, goals.work_exited),
        "prerehab_action_plan": (goals.prerehab_planned, goals.prerehab_active),
    }
    for goal, numerator, denominator in GOAL_MEASURES:
        part, whole = (*GOAL, goal, numerator), (*GOAL, goal, denominator)
        table.add_cell(whole, counts[goal][1])
        _add_part(part, counts[goal][0], whole, table)
        for key, measure in ((part, numerator), (whole, denominator)):
            # An intervention without a row has no participation in the year: it adds 0.
            rows = [(code, measure, "total") for code in members.get(goal, ())]
            rows = [row for row in rows if row in table.values]
            if rows:
                _sum_if_consistent(table, rows, key)


def _add_participants_outcomes(
    table: Table, participants: ParticipantsTable, outcomes: OutcomesTable
) -> None:
    table.add_g_rows(
        {
            row.intervention: {m: _g(getattr(row, m)) for m in PARTICIPANT_MEASURES}
            for row in participants.rows
        },
        total_row=TOTAL_ROW if participants.rows else None,
    )
    if not participants.rows:
        for measure in PARTICIPANT_MEASURES:
            table.add_g((TOTAL_ROW, measure), _g(getattr(participants.total, measure)))
    outcome_rows = [(row.intervention, row) for row in outcomes.rows]
    outcome_rows.append((TOTAL_ROW, outcomes.total))  # type: ignore[arg-type]  # the total row has the row's shape under another key type
    for code, row in outcome_rows:
        _add_g(table, (code, "to_work_or_studies"), row.to_work_or_studies)
        # The outcomes' exits are the participants' exits when the row exists there.
        exited_key: Key = (code, "exited")
        if (*exited_key, "total") not in table.values:
            _add_g(table, exited_key, row.exited)
        for gender in (*GENDERS, OTHER):
            rest = (code, "exited_elsewhere", gender)
            value = (
                table.values[(*exited_key, gender)]
                - table.values[(code, "to_work_or_studies", gender)]
            )
            table.add_cell(rest, max(value, 0), published=False)
            if value >= 0:
                table.add_sum([(code, "to_work_or_studies", gender), rest], (*exited_key, gender))
        # The action-plan share's denominator: a shown share of a known count with a plan
        # gives it, so its total is a published cell (hidden with the share if need be).
        _add_g(table, (code, "active"), row.active, published=("total",))
        # The share with an action plan and its denominator give the count with a plan
        # and the count without one.
        _add_part((code, "planned", "total"), row.planned.total, (code, "active", "total"), table)
    # The total row sums the rows (where it does: an intervention may lack a row).
    codes = [row.intervention for row in outcomes.rows]
    if codes:
        for measure, genders in (
            ("to_work_or_studies", (*GENDERS, OTHER)),
            ("active", (*GENDERS, OTHER)),
            ("planned", ("total",)),
        ):
            for gender in genders:
                _sum_if_consistent(
                    table,
                    [(code, measure, gender) for code in codes],
                    (TOTAL_ROW, measure, gender),
                )


def _participants_json(render: _Render, participants: ParticipantsTable) -> dict[str, Any]:
    def figures(code: str) -> dict[str, Any]:
        return {measure: render.g((code, measure)) for measure in PARTICIPANT_MEASURES}

    return {
        "rows": [
            {"intervention": row.intervention, **figures(row.intervention)}
            for row in participants.rows
        ],
        "total": figures(TOTAL_ROW),
    }


def _outcomes_json(render: _Render, outcomes: OutcomesTable) -> dict[str, Any]:
    def outcome(code: str, row: Any) -> dict[str, Any]:
        return {
            "to_work_or_studies": render.g((code, "to_work_or_studies")),
            "share_to_work_or_studies": render.share_g(
                (code, "to_work_or_studies"), (code, "exited"), row.share_to_work_or_studies
            ),
            "share_with_action_plan": render.share(
                (code, "planned", "total"), (code, "active", "total"), row.share_with_action_plan
            ),
        }

    return {
        "rows": [
            {"intervention": row.intervention, **outcome(row.intervention, row)}
            for row in outcomes.rows
        ],
        "total": outcome(TOTAL_ROW, outcomes.total),
    }


def anonymous_table(table_in: AnonymousTable) -> Table:
    table = Table()
    table.add_counts({(row.intervention,): row.count for row in table_in.rows}, total=(TOTAL_ROW,))
    return table


def anonymous(
    table_in: AnonymousTable, *, k: int, applied: bool, result: Suppressed | None = None
) -> Published:
    render = _Render(anonymous_table(table_in), k, applied, result=result)
    return render.published(
        {
            "rows": [
                {
                    "intervention": row.intervention,
                    "count": render.result.value((row.intervention,)),
                }
                for row in table_in.rows
            ],
            "total": render.result.value((TOTAL_ROW,)),
        }
    )


def exit_reasons(
    table_in: ExitReasonsTable,
    *,
    k: int,
    applied: bool,
    known_all: Mapping[str, int | str] | None = None,
) -> Published:
    """Section 12 alone: reasons, work extents and groups, with every group sum as a
    constraint (the memo suppresses it together with sections 9 and 10 instead, see
    ``participant_tables``).

    ``known_all`` is the G of exits ytd as another published table shows it (the
    participants table's total); its whole counts that equal ``all`` here are fixed: never
    hidden to protect another cell, since the reader has them anyway."""
    table = Table()
    _add_exit_reasons(table, table_in)
    for gender, known in (known_all or {}).items():
        key = ("group", "all", gender)
        if gender in GENDERS and known == table.values.get(key):
            table.fix(key)
    render = _Render(table, k, applied)
    return render.published(_exit_reasons_json(render, table_in))


def _add_exit_reasons(table: Table, table_in: ExitReasonsTable, prefix: Key = ()) -> None:
    reasons = {row.reason: row.counts for row in table_in.rows}
    for code, counts in reasons.items():
        table.add_g((*prefix, "reason", code), _g(counts))
    for row in table_in.work_extent:
        table.add_g((*prefix, "extent", row.extent), _g(row.counts))
    for name, counts in vars(table_in.groups).items():
        table.add_g((*prefix, "group", name), _g(counts))
    members: dict[str, list[Key]] = {
        name: [("reason", code) for code in codes if code in reasons]
        for name, codes in EXIT_GROUP_CODES.items()
    }
    members["all"] = [("reason", code) for code in reasons]
    members["work_or_studies"] = [("group", "work"), ("group", "studies")]
    members["work_studies_job_seeking"] = [("group", "work_or_studies"), ("group", "job_seeking")]
    grouped = {code for name in EXIT_GROUP_CODES for code in EXIT_GROUP_CODES[name]}
    members["other"] = [("reason", code) for code in reasons if code not in grouped]
    if table_in.work_extent:
        members["work_by_extent"] = [("extent", row.extent) for row in table_in.work_extent]
    for name, parts in members.items():
        if not parts:
            continue
        group = "work" if name == "work_by_extent" else name
        for gender in (*GENDERS, OTHER):
            _sum_if_consistent(
                table,
                [(*prefix, *part, gender) for part in parts],
                (*prefix, "group", group, gender),
            )


def _exit_reasons_json(
    render: _Render, table_in: ExitReasonsTable, prefix: Key = ()
) -> dict[str, Any]:
    return {
        "rows": [
            {"reason": row.reason, "counts": render.g((*prefix, "reason", row.reason))}
            for row in table_in.rows
        ],
        "work_extent": [
            {"extent": row.extent, "counts": render.g((*prefix, "extent", row.extent))}
            for row in table_in.work_extent
        ],
        "groups": {name: render.g((*prefix, "group", name)) for name in vars(table_in.groups)},
    }


def _sum_if_consistent(table: Table, parts: Sequence[Key], total: Key) -> None:
    if sum(table.values[p] for p in parts) == table.values[total]:
        table.add_sum(parts, total)


def _add_part(key: Key, value: int, whole: Key, table: Table) -> None:
    """A count that a shown share reveals (so a published cell, hidden with its share)
    and its complement (``_add_complement``)."""
    table.add_cell(key, value)
    _add_complement(table, key, whole)


def _add_complement(table: Table, key: Key, whole: Key) -> None:
    """The unpublished ``whole`` - ``key`` with its sum: when a share is shown, a small
    complement (80 % of 10: 2 without an action plan) must be protected too."""
    rest = table.values[whole] - table.values[key]
    if rest >= 0:
        table.add_cell(("rest", key), rest, published=False, linking=True)
        table.add_sum([key, ("rest", key)], whole)


def _target_group_json(render: _Render, table_in: TargetGroupTable) -> dict[str, Any]:
    """Section 13: shares of the active participations; a share is hidden with its count."""
    active = (*TARGET_GROUP, "active")
    shares = table_in.shares
    return {
        "active": render.g(active),
        "shares": {
            "women": render.share((*active, "women"), (*active, "total"), shares.women),
            "men": render.share((*active, "men"), (*active, "total"), shares.men),
            "under_30": render.share_g((*TARGET_GROUP, "under_30"), active, shares.under_30),
            "public_support_3y_plus": render.share_g(
                (*TARGET_GROUP, "public_support_3y_plus"), active, shares.public_support_3y_plus
            ),
            "education": {
                level: render.share_g((*TARGET_GROUP, f"education:{level}"), active, split)
                for level, split in shares.education.items()
            },
        },
    }


def time_in_intervention(
    table_in: TimeInInterventionTable, exits: Published, *, k: int, applied: bool
) -> Published:
    """Section 14: a mean is hidden when its number of exits (from the participants table,
    suppressed already) is hidden."""
    by_code = {row["intervention"]: row["exited"] for row in exits.json["rows"]}

    def mean(code: str, means: MeanSplit) -> dict[str, float | str | None]:
        exited = by_code.get(code, {})
        values = {"women": means.women, "men": means.men, "total": means.total}
        return {
            gender: HIDDEN if applied and exited.get(gender) == HIDDEN else values[gender]
            for gender in GENDERS
        }

    means = {row.intervention: mean(row.intervention, row.mean_days) for row in table_in.rows}
    rows = [{"intervention": code, "mean_days": values} for code, values in means.items()]
    hidden = sum(1 for values in means.values() for value in values.values() if value == HIDDEN)
    note = (
        _(
            "..: medelvärdet visas inte eftersom antalet avslutade bakom det inte visas "
            "(det kan röja enskilda personer)."
        )
        if hidden
        else _("Inga medelvärden har dolts.")
    )
    return Published({"rows": rows}, note if applied else unsuppressed(Table()).note, hidden)


def _expected_json(render: _Render, table_in: ExpectedTable) -> dict[str, Any]:
    return {
        "rows": [
            {
                "intervention": row.intervention,
                "registered_to_date": render.result.value((row.intervention, REGISTERED_TO_DATE)),
                "expected": row.expected,
            }
            for row in table_in.rows
        ]
    }


def activities_table(table_in: ActivitiesTable) -> Table:
    table = Table()
    table.add_g(("attendees",), _g(table_in.attendees))
    return table


def activities(
    table_in: ActivitiesTable, *, k: int, applied: bool, result: Suppressed | None = None
) -> Published:
    """Section 16: attendance by gender is suppressed like the participant counts; the
    number of activities is not about people and is always shown."""
    render = _Render(activities_table(table_in), k, applied, result=result)
    return render.published(
        {
            "count": table_in.count,
            "attendees": render.g(("attendees",)),
            "by_type": dict(table_in.by_type),
        }
    )


def count_rows(
    rows: dict[str, dict[str, Any]], *, k: int, applied: bool
) -> tuple[dict[str, dict[str, Any]], str]:
    """A simple page table: per row a G (``entered``: women, men, total with annat) and a
    plain count (``ongoing``), each column with a total row. Returns the rendered rows
    (``".."`` for hidden cells) and the note."""
    table = Table()
    table.add_g_rows(
        {code: {"entered": values["entered"]} for code, values in rows.items()},
        total_row=TOTAL_ROW if rows else None,
    )
    table.add_counts(
        {(code, "ongoing"): values["ongoing"] for code, values in rows.items()},
        total=(TOTAL_ROW, "ongoing") if rows else None,
    )
    render = _Render(table, k, applied)
    codes = [*rows, TOTAL_ROW] if rows else []
    rendered = {
        code: {
            "entered": render.g((code, "entered")),
            "ongoing": render.result.value((code, "ongoing")),
        }
        for code in codes
    }
    return rendered, render.result.note
