"""An independent attacker on the disclosure control of the memo JSON (test helper).

It plays the reader of a suppressed memo (spec/reports.md, "Shared rules": no hidden cell
may be recomputed, across tables too); the unsuppressed memo of the same period is only the
truth that judges what it finds. It shares no code with ``stats.disclosure`` or
``stats.published``: it reads the JSON, writes down the identities that hold by the
definitions of the figures (spec/reports.md sections 9-17) and solves them by its own
exact elimination.

What the attacker knows: every count and share the suppressed memo shows; each
intervention's start date, kind and aim (the interventions table); every unpublished count
that is 0 (the threat model of ``stats.disclosure``: "nobody is annat" is a good guess);
and the identities below, each used only where it holds in the truth (one that fails is
kept in ``Attack.dropped``, so a broken assumption shows instead of passing silently).

Identities (each section's function lists its own): G = women + men + annat, rows add up to
the total row, per row active ytd = ongoing at E + exited ytd = carried over + registered
ytd, and the links between tables (exits, target group, expected, goals).

A share whose denominator is known and whose percent fits exactly one count reveals its
numerator (and the other way round); the attacker alternates that with the elimination
until nothing new follows. Means of days (``time_in_intervention``) are not attacked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from interventions.models import Aim, Kind

Cell = tuple[str, ...]
GENDERS = ("women", "men", "total")
OTHER = "annat"
TOTAL_ROW = "(total)"
P, X, T = "participants", "exit_reasons", "target_group"
MEASURES = ("registered", "exited", "exited_to_date", "ongoing")
#: Exit-reason groups made of reason codes (spec/reports.md section 12).
EXIT_GROUPS = {
    "work": ("arbete_osubventionerat", "arbete_subventionerat", "eget_foretag"),
    "studies": ("studier",),
    "job_seeking": ("arbetssokande",),
}
SUMS_OF_GROUPS = {
    "work_or_studies": ("work", "studies"),
    "work_studies_job_seeking": ("work_or_studies", "job_seeking"),
}


@dataclass(frozen=True)
class Facts:
    """What the interventions table tells about an intervention."""

    start: dt.date
    kind: str
    aim: str


@dataclass(frozen=True)
class Leak:
    """A count the memo does not show that the attacker recomputed."""

    cell: Cell
    value: int


def percent(numerator: int, denominator: int) -> int:
    """numerator / denominator x 100 rounded half up (the memo's shares)."""
    return (200 * numerator + denominator) // (2 * denominator)


def numerators(share: int, denominator: int) -> list[int]:
    """The counts 0..denominator whose share of ``denominator`` is ``share``."""
    if denominator == 0:
        return []
    return [c for c in range(denominator + 1) if percent(c, denominator) == share]


def denominators(share: int, numerator: int) -> list[int]:
    """The denominators of which ``numerator`` is ``share`` (all of them, or [] when
    there are infinitely many: a share of 0 %)."""
    if share <= 0:
        return []
    # percent(n, d) >= share needs 200n + d >= 2d * share, so d <= 200n / (2 share - 1).
    largest = 200 * numerator // (2 * share - 1)
    return [d for d in range(max(numerator, 1), largest + 1) if percent(numerator, d) == share]


@dataclass
class Attack:
    """The attacker's system: cells with their true values, which it knows, sums, shares."""

    threshold: int
    truth: dict[Cell, int] = field(default_factory=dict)
    shown: set[Cell] = field(default_factory=set)
    #: Published cells the memo shows as "..".
    hidden: set[Cell] = field(default_factory=set)
    known: set[Cell] = field(default_factory=set)
    sums: list[tuple[tuple[Cell, ...], Cell]] = field(default_factory=list)
    shares: list[tuple[Cell, Cell, int]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    linking: set[Cell] = field(default_factory=set)

    # -- building ------------------------------------------------------------------------

    def cell(self, key: Cell, true: int, shown: object = None) -> None:
        """A cell with its true value; ``shown`` is what the memo prints (None for an
        unpublished cell, which the attacker knows only when it is 0)."""
        if key in self.truth and self.truth[key] != true:
            raise AssertionError(f"{key}: two true values, {self.truth[key]} and {true}")
        self.truth[key] = true
        if isinstance(shown, int) and not isinstance(shown, bool):
            if shown != true:
                raise AssertionError(f"{key}: the memo shows {shown}, the truth is {true}")
            self.shown.add(key)
            self.known.add(key)
        elif shown is None and true == 0:
            self.known.add(key)
        elif shown == "..":
            self.hidden.add(key)
        elif shown is not None:
            raise AssertionError(f"{key}: unexpected shown value {shown!r}")

    def g(self, prefix: Cell, true: Mapping[str, int], shown: Mapping[str, object]) -> None:
        """A gender split with its unpublished ``annat`` and the gender identity."""
        for gender in GENDERS:
            self.cell((*prefix, gender), true[gender], shown[gender])
        self.rest((*prefix, OTHER), [(*prefix, "women"), (*prefix, "men")], (*prefix, "total"))

    def rest(
        self,
        key: Cell,
        parts: Sequence[Cell],
        whole: Cell,
        *,
        zero: bool = False,
        linking: bool = False,
    ) -> None:
        """The unpublished whole - sum(parts) as a cell, with its sum; ``zero``: a public
        fact says it is 0; ``linking``: a cell that only expresses an identity (carried
        over, exited before the year, complements of shares): spec/reports.md protects
        hidden cells, the gender split's ``annat`` and the exits elsewhere, not these."""
        if any(cell not in self.truth for cell in (*parts, whole)):
            self.dropped.append(f"{key}: a part or the whole is missing")
            return
        value = self.truth[whole] - sum(self.truth[p] for p in parts)
        if value < 0 or (zero and value != 0):
            self.dropped.append(f"{key}: whole - parts = {value}")
            return
        self.cell(key, value)
        if zero:
            self.known.add(key)
        if linking:
            self.linking.add(key)
        self.add_sum([*parts, key], whole)

    def add_sum(self, parts: Iterable[Cell], total: Cell) -> None:
        """The identity sum(parts) = total, if it holds in the truth (else it is dropped)."""
        parts = tuple(parts)
        if any(cell not in self.truth for cell in (*parts, total)):
            self.dropped.append(f"sum {parts} = {total}: a cell is missing")
            return
        if sum(self.truth[p] for p in parts) != self.truth[total]:
            self.dropped.append(f"sum {parts} = {total}")
            return
        self.sums.append((parts, total))

    def share(self, numerator: Cell, denominator: Cell, shown: object) -> None:
        """A share the memo prints; only a whole percent tells something."""
        if isinstance(shown, int) and not isinstance(shown, bool):
            expected = percent(self.truth[numerator], self.truth[denominator])
            if shown != expected:
                raise AssertionError(f"{numerator}: the memo shows {shown} %, truth {expected} %")
            self.shares.append((numerator, denominator, shown))

    # -- attacking -----------------------------------------------------------------------

    def recomputed(self) -> list[Leak]:
        """Every cell the memo does not show whose value the attacker can work out."""
        known = set(self.known)
        while True:
            known |= determined(self.sums, [c for c in self.truth if c not in known])
            found = {cell for share in self.shares if (cell := self._from_share(share, known))}
            if not found:
                break
            known |= found
        return [Leak(c, self.truth[c]) for c in self.truth if c in known - self.known]

    def _from_share(self, share: tuple[Cell, Cell, int], known: set[Cell]) -> Cell | None:
        """The cell a shown share gives away: its numerator when the denominator is known,
        its denominator when the numerator is known (if exactly one count fits)."""
        numerator, denominator, value = share
        if denominator in known and numerator not in known:
            fits = numerators(value, self.truth[denominator])
            return numerator if len(fits) == 1 else None
        if numerator in known and denominator not in known:
            fits = denominators(value, self.truth[numerator])
            return denominator if len(fits) == 1 else None
        return None

    def leaks(self) -> list[Leak]:
        """The recomputed counts from 1 to k-1: what disclosure control must prevent."""
        return [
            leak
            for leak in self.recomputed()
            if 1 <= leak.value < self.threshold and leak.cell not in self.linking
        ]


def determined(sums: Sequence[tuple[tuple[Cell, ...], Cell]], unknown: Sequence[Cell]) -> set[Cell]:
    """The unknown cells fixed by the sums once every other cell is known: e_x lies in
    the row space, i.e. the reduced row echelon form has the row e_x (Gauss-Jordan over
    Fractions; known cells only move to the right-hand side)."""
    order = {cell: index for index, cell in enumerate(unknown)}
    pivots: dict[Cell, dict[Cell, Fraction]] = {}
    for parts, total in sums:
        row: dict[Cell, Fraction] = {}
        for cell, sign in [*((p, 1) for p in parts), (total, -1)]:
            if cell in order:
                row[cell] = row.get(cell, Fraction(0)) + sign
        for pivot in [c for c in row if c in pivots]:
            _subtract(row, pivots[pivot], pivot)
        row = {c: v for c, v in row.items() if v}
        if not row:
            continue
        pivot = min(row, key=order.__getitem__)
        row = {c: v / row[pivot] for c, v in row.items()}
        for other in pivots.values():
            _subtract(other, row, pivot)
        pivots[pivot] = row
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def _subtract(row: dict[Cell, Fraction], pivot_row: Mapping[Cell, Fraction], pivot: Cell) -> None:
    """Clear ``pivot`` from ``row`` with a multiple of ``pivot_row`` (1 at ``pivot``)."""
    factor = row.get(pivot)
    if not factor:
        return
    for cell, value in pivot_row.items():
        updated = row.get(cell, Fraction(0)) - factor * value
        if updated:
            row[cell] = updated
        else:
            row.pop(cell, None)


# -- reading the memo ----------------------------------------------------------------------


def build(shown: Mapping[str, Any], truth: Mapping[str, Any], facts: Mapping[str, Facts]) -> Attack:
    """The attacker's system for a suppressed memo ``shown`` and its unsuppressed ``truth``."""
    attack = Attack(threshold=shown["suppression"]["threshold"])
    s, u = shown["tables"], truth["tables"]
    ytd_start = dt.date.fromisoformat(shown["ytd_start"])
    codes = _participants(attack, s["participants"], u["participants"], facts, ytd_start)
    _outcomes(attack, s["outcomes"], u["outcomes"], codes)
    _exit_reasons(attack, s["exit_reasons"], u["exit_reasons"])
    _target_group(attack, s["target_group"], u["target_group"])
    for s_row, u_row in zip(s["expected"]["rows"], u["expected"]["rows"], strict=True):
        code = u_row["intervention"]
        attack.cell(("expected", code), u_row["registered_to_date"], s_row["registered_to_date"])
        parts = [(P, code, "exited_to_date", "total"), (P, code, "ongoing", "total")]
        attack.add_sum(parts, ("expected", code))
    for s_row, u_row in zip(s["anonymous"]["rows"], u["anonymous"]["rows"], strict=True):
        attack.cell(("anonymous", u_row["intervention"]), u_row["count"], s_row["count"])
    attack.cell(("anonymous", TOTAL_ROW), u["anonymous"]["total"], s["anonymous"]["total"])
    rows = [("anonymous", row["intervention"]) for row in u["anonymous"]["rows"]]
    attack.add_sum(rows, ("anonymous", TOTAL_ROW))
    attack.g(("activities",), u["activities"]["attendees"], s["activities"]["attendees"])
    _goals(attack, s["association_goals"], u["association_goals"], codes, facts)
    if "progression" in u:
        _progression(attack, s["progression"], u["progression"])
    return attack


PROGRESSION_OUTCOMES = ("improved", "unchanged", "fell")


def _progression(attack: Attack, s: Any, u: Any) -> None:
    """The progression aggregates (spec/survey.md section 4): per instrument and row the
    outcomes add up to the participations with two assessments, the rows to the total
    row; a shown share of a shown count."""
    for s_instrument, u_instrument in zip(s["instruments"], u["instruments"], strict=True):
        tag = f"{u_instrument['instrument']} v{u_instrument['version']} {u_instrument['rater']}"
        codes = [row["intervention"] for row in u_instrument["rows"]]
        pairs = [
            *zip(s_instrument["rows"], u_instrument["rows"], strict=True),
            (s_instrument["total"], u_instrument["total"]),
        ]
        for code, (s_row, u_row) in zip([*codes, TOTAL_ROW], pairs, strict=True):
            cell = ("progression", tag, code)
            for measure in ("participations", *PROGRESSION_OUTCOMES):
                attack.cell((*cell, measure), u_row[measure], s_row[measure])
            attack.add_sum(
                [(*cell, outcome) for outcome in PROGRESSION_OUTCOMES], (*cell, "participations")
            )
            for outcome in PROGRESSION_OUTCOMES:
                attack.share((*cell, outcome), (*cell, "participations"), s_row["shares"][outcome])
        for measure in ("participations", *PROGRESSION_OUTCOMES):
            attack.add_sum(
                [("progression", tag, code, measure) for code in codes],
                ("progression", tag, TOTAL_ROW, measure),
            )


def attack_memo(
    shown: Mapping[str, Any], truth: Mapping[str, Any], facts: Mapping[str, Facts]
) -> list[Leak]:
    """The counts from 1 to k-1 that the suppressed memo ``shown`` lets a reader recompute."""
    return build(shown, truth, facts).leaks()


def _participants(
    attack: Attack, s: Any, u: Any, facts: Mapping[str, Facts], ytd_start: dt.date
) -> list[str]:
    """Section 9 with its flows; returns the intervention codes of its rows."""
    codes = [row["intervention"] for row in u["rows"]]
    pairs = [*zip(s["rows"], u["rows"], strict=True), (s["total"], u["total"])]
    for code, (s_row, u_row) in zip([*codes, TOTAL_ROW], pairs, strict=True):
        for measure in MEASURES:
            attack.g((P, code, measure), u_row[measure], s_row[measure])
    for measure in MEASURES:
        for gender in (*GENDERS, OTHER):
            rows = [(P, c, measure, gender) for c in codes]
            attack.add_sum(rows, (P, TOTAL_ROW, measure, gender))
    for code in [*codes, TOTAL_ROW]:
        # Nobody was in an intervention that starts in the year before the year.
        new = code in facts and facts[code].start >= ytd_start
        for gender in (*GENDERS, OTHER):
            cell = {m: (P, code, m, gender) for m in (*MEASURES, "active")}
            ongoing, exited = attack.truth[cell["ongoing"]], attack.truth[cell["exited"]]
            attack.cell(cell["active"], ongoing + exited)
            attack.add_sum([cell["ongoing"], cell["exited"]], cell["active"])
            carried = (P, code, "carried", gender)
            attack.rest(carried, [cell["registered"]], cell["active"], zero=new, linking=True)
            before = (P, code, "exited_before", gender)
            attack.rest(before, [cell["exited"]], cell["exited_to_date"], zero=new, linking=True)
    return codes


def _outcomes(attack: Attack, s: Any, u: Any, codes: Sequence[str]) -> None:
    """Section 10: exits to work or studies (part of the participants' exits) and the two
    shares; the count with an action plan is a share of active ytd."""
    rows = [*zip(s["rows"], u["rows"], strict=True), (s["total"], u["total"])]
    for s_row, u_row in rows:
        code = u_row.get("intervention", TOTAL_ROW)
        tws = ("outcomes", code, "to_work_or_studies")
        attack.g(tws, u_row["to_work_or_studies"], s_row["to_work_or_studies"])
        for gender in (*GENDERS, OTHER):
            exited = (P, code, "exited", gender)
            attack.rest(("outcomes", code, "elsewhere", gender), [(*tws, gender)], exited)
            if gender != OTHER:
                shown = s_row["share_to_work_or_studies"][gender]
                attack.share((*tws, gender), exited, shown)
        active, planned = (P, code, "active", "total"), ("outcomes", code, "planned")
        if _numerator(attack, planned, u_row["share_with_action_plan"], active):
            attack.rest(("outcomes", code, "not_planned"), [planned], active, linking=True)
            attack.share(planned, active, s_row["share_with_action_plan"])
    for gender in (*GENDERS, OTHER):
        rows_ = [("outcomes", c, "to_work_or_studies", gender) for c in codes]
        attack.add_sum(rows_, ("outcomes", TOTAL_ROW, "to_work_or_studies", gender))
    attack.add_sum([("outcomes", c, "planned") for c in codes], ("outcomes", TOTAL_ROW, "planned"))


def _numerator(attack: Attack, key: Cell, true_share: object, denominator: Cell) -> bool:
    """Add the unpublished count ``key`` that the truth gives only as a share of
    ``denominator``; False when the share does not pin it (a denominator over 100)."""
    whole = attack.truth[denominator]
    counts = numerators(true_share, whole) if isinstance(true_share, int) else []
    if whole == 0:
        counts = [0]
    if len(counts) != 1:
        attack.dropped.append(f"{key}: the true share {true_share} of {whole} is ambiguous")
        return False
    attack.cell(key, counts[0])
    return True


def _exit_reasons(attack: Attack, s: Any, u: Any) -> None:
    """Section 12: reasons, work extents and their groups; ``all`` is the participants'
    exits, ``work_or_studies`` the outcomes' total."""
    reasons = [row["reason"] for row in u["rows"]]
    extents = [str(row["extent"]) for row in u["work_extent"]]
    for s_row, u_row in zip(s["rows"], u["rows"], strict=True):
        attack.g((X, "reason", u_row["reason"]), u_row["counts"], s_row["counts"])
    for s_row, u_row, extent in zip(s["work_extent"], u["work_extent"], extents, strict=True):
        attack.g((X, "extent", extent), u_row["counts"], s_row["counts"])
    for name in u["groups"]:
        attack.g((X, "group", name), u["groups"][name], s["groups"][name])
    grouped = {code for codes in EXIT_GROUPS.values() for code in codes}
    members: list[tuple[str, list[Cell]]] = [
        (name, [(X, "reason", c) for c in codes if c in reasons])
        for name, codes in EXIT_GROUPS.items()
    ]
    members += [
        ("all", [(X, "reason", c) for c in reasons]),
        ("other", [(X, "reason", c) for c in reasons if c not in grouped]),
        ("work", [(X, "extent", extent) for extent in extents]),
    ]
    for name, (first, second) in SUMS_OF_GROUPS.items():
        members.append((name, [(X, "group", first), (X, "group", second)]))
    for gender in (*GENDERS, OTHER):
        for name, parts in members:
            if parts:
                attack.add_sum([(*part, gender) for part in parts], (X, "group", name, gender))
        attack.add_sum([(X, "group", "all", gender)], (P, TOTAL_ROW, "exited", gender))
        total = ("outcomes", TOTAL_ROW, "to_work_or_studies", gender)
        attack.add_sum([(X, "group", "work_or_studies", gender)], total)


def _target_group(attack: Attack, s: Any, u: Any) -> None:
    """Section 13: active ytd (the participants' total) and shares of it, whose
    numerators are counts with the gender identity; under 30 and support have
    complements, the education levels and "no level" add up to active."""
    active = (T, "active")
    attack.g(active, u["active"], s["active"])
    for gender in (*GENDERS, OTHER):
        attack.add_sum([(P, TOTAL_ROW, "active", gender)], (*active, gender))
    for gender in ("women", "men"):
        attack.share((*active, gender), (*active, "total"), s["shares"][gender])
    shares = {name: (s["shares"][name], u["shares"][name]) for name in COMPLEMENTED}
    levels = s["shares"]["education"], u["shares"]["education"]
    shares |= {f"education:{level}": (levels[0][level], levels[1][level]) for level in levels[1]}
    for name, (s_split, u_split) in shares.items():
        prefix = (T, name)
        if not all(_numerator(attack, (*prefix, g), u_split[g], (*active, g)) for g in GENDERS):
            continue
        attack.rest((*prefix, OTHER), [(*prefix, "women"), (*prefix, "men")], (*prefix, "total"))
        for gender in GENDERS:
            attack.share((*prefix, gender), (*active, gender), s_split[gender])
        for gender in (*GENDERS, OTHER) if name in COMPLEMENTED else ():
            not_in = (T, f"not {name}", gender)
            attack.rest(not_in, [(*prefix, gender)], (*active, gender), linking=True)
    for gender in (*GENDERS, OTHER):
        parts = [(T, f"education:{level}", gender) for level in levels[1]]
        attack.rest((T, "education:none", gender), parts, (*active, gender), linking=True)


def _goals(
    attack: Attack, s: Any, u: Any, codes: Sequence[str], facts: Mapping[str, Facts]
) -> None:
    """Section 17's participant goals: a share of sums over the goal's interventions' rows
    (an intervention without a row had nobody in the year, so it adds 0)."""
    shown = {row["goal"]: row["outcome"] for row in s["rows"]}
    true = {row["goal"]: row["outcome"] for row in u["rows"]}
    for goal, (numerator_cell, denominator_cell) in GOALS.items():
        members = [c for c in codes if c in facts and _is_member(goal, facts[c])]
        cells = numerator, denominator = ("goal", goal, "numerator"), ("goal", goal, "denominator")
        for key, (table, *measure) in zip(cells, (numerator_cell, denominator_cell), strict=True):
            parts = [(table, code, *measure) for code in members]
            attack.cell(key, sum(attack.truth.get(part, 0) for part in parts))
            attack.add_sum(parts, key)
        attack.rest(("goal", goal, "rest"), [numerator], denominator, linking=True)
        whole = attack.truth[denominator]
        if true[goal] != (percent(attack.truth[numerator], whole) if whole else None):
            attack.dropped.append(f"goal {goal}: the truth is not the share of its rows")
            continue
        attack.share(numerator, denominator, shown[goal])


#: Participant goals: the row cells of numerator and denominator.
GOALS = {
    "work_directed_to_work_or_studies": (
        ("outcomes", "to_work_or_studies", "total"),
        (P, "exited", "total"),
    ),
    "prerehab_action_plan": (("outcomes", "planned"), (P, "active", "total")),
}
#: Target-group shares whose complement (active - count) is a count as well.
COMPLEMENTED = ("under_30", "public_support_3y_plus")


def _is_member(goal: str, facts: Facts) -> bool:
    if goal == "prerehab_action_plan":
        return facts.aim == Aim.PRE_REHABILITATION
    return facts.kind == Kind.INDIVIDUAL and facts.aim == Aim.WORK
