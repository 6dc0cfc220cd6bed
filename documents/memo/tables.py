"""The memo's tables (spec/reports.md sections 2-17) built from the memo JSON and the
extras. Each builder returns a :class:`~documents.memo.model.Table`; the numbering and the
disclosure note are shared (``TableMaker``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from documents.memo import formats as f
from documents.memo.cells import (
    Json,
    TableMaker,
    answer_cell,
    by_kind,
    count_cell,
    g_cells,
    label,
    mean_cell,
    share_cell,
    tone_cell,
    tsek_cell,
    yes_no_cell,
)
from documents.memo.labels import (
    ACTIVITY_TYPES,
    COLOURS,
    COUNT_GOALS,
    EDUCATION,
    EXIT_REASONS,
    FORECAST,
    GOALS,
    KIND_NAMES,
    ON_TRACK,
)
from documents.memo.model import (
    Cell,
    HeaderGroup,
    Row,
    Table,
)

if TYPE_CHECKING:
    from documents.memo.content import PeriodWords
    from stats.memo_document import MemoExtras


GENDER_COLUMNS = ("K", "M", "S:a")

#: Amounts are exact in kronor and rounded to TSEK one by one when printed.
TSEK_ROUNDING_NOTE = (
    "Summorna räknas på exakta belopp och avrundas för sig till TSEK; de kan därför skilja "
    "sig någon TSEK från summan av de avrundade raderna."
)


# --- the tables -----------------------------------------------------------------------------


class Tables:
    """Builds every table from one memo JSON; ``name(code)`` gives the short name."""

    def __init__(
        self,
        memo: Json,
        *,
        names: Mapping[str, str],
        extras: MemoExtras,
        words: PeriodWords,
        maker: TableMaker,
    ) -> None:
        self.tables: Json = memo.get("tables", {})
        self.names = names
        self.extras = extras
        self.words = words
        self.maker = maker
        self.kinds = extras.kind_of()

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def rows_of(self, key: str) -> list[Json]:
        return list(self.tables.get(key, {}).get("rows", []))

    def interventions(self) -> Table:
        listed = self.extras.interventions

        def row(code: str) -> Row:
            info = next(each for each in listed if each.code == code)
            end = f.iso(info.end) + ("*" if info.extended_in_period else "")
            return Row((label(info.name), label(f.iso(info.start)), label(end)))

        notes = []
        if any(each.extended_in_period for each in listed):
            notes.append("* Insatsen har beviljats förlängning under perioden.")
        rows = by_kind([each.code for each in listed], self.kinds, row)
        return self.maker.make(
            "interventions",
            "Insatser",
            ("Insats", "Start", "Avslut"),
            rows,
            notes=notes,
            widths=(6, 1.4, 1.4),
        )

    def per_intervention(
        self,
        key: str,
        title: str,
        columns: Sequence[str],
        cells: Callable[[Json], Iterable[Cell]],
        *,
        widths: Sequence[float],
    ) -> Table:
        """One row per intervention of the memo JSON's table ``key``, grouped by kind: the
        short name, then ``cells(row)``."""
        rows_by_code = {row["intervention"]: row for row in self.rows_of(key)}

        def row(code: str) -> Row:
            return Row((label(self.name(code)), *cells(rows_by_code[code])))

        rows = by_kind(list(rows_by_code), self.kinds, row)
        return self.maker.make(key, title, columns, rows, widths=widths)

    def rows_and_total(self, table: Json, cells: Callable[[Json], Iterable[Cell]]) -> list[Row]:
        """A row per intervention of the memo JSON's ``table`` (its short name, then
        ``cells(row)``), then its total ("Summa") when it has one."""
        rows = [
            Row((label(self.name(each["intervention"])), *cells(each)))
            for each in table.get("rows", [])
        ]
        if table.get("total"):
            rows.append(Row((label("Summa"), *cells(table["total"])), kind="total"))
        return rows

    def goal_status(self) -> Table:
        def cells(each: Json) -> list[Cell]:
            colour = each.get("colour") or ""
            return [
                tone_cell(ON_TRACK.get(each.get("on_track") or "", f.DASH), colour),
                label(FORECAST.get(each.get("forecast") or "", f.DASH)),
                tone_cell(COLOURS.get(colour, f.DASH), colour),
            ]

        return self.per_intervention(
            "goal_status",
            "Nuläge mål",
            (
                "Insats",
                "Insatsen ligger i fas gällande uppsatta mål",
                "Styrgruppens prognos för måluppfyllelse",
                "Kansliets bedömning",
            ),
            cells,
            widths=(4, 2, 2, 1.4),
        )

    def conditions(self) -> Table:
        fields = ("vacancy_funded", "vacancy_self_funded", "budget_deviation")
        return self.per_intervention(
            "conditions",
            "Förutsättningar för utfall",
            (
                "Insats",
                "Vakanser SOF-medel",
                "Vakanser egenfinansierade resurser",
                "Inkomna avvikelser gällande budget",
            ),
            lambda each: [yes_no_cell(each.get(name)) for name in fields],
            widths=(4, 1.6, 1.6, 1.6),
        )

    def budget(self) -> Table:
        table = self.tables.get("budget", {})
        fields = ("period_outcome", "period_budget", "ytd_outcome", "ytd_budget")

        def cells(each: Json) -> list[Cell]:
            money = [tsek_cell(each.get(name)) for name in fields]
            return [
                *money,
                share_cell(each.get("consumption_ratio")),
                tsek_cell(each.get("transferred")),
            ]

        rows = self.rows_and_total(table, cells)
        words = self.words
        return self.maker.make(
            "budget",
            "Prognos och utfall budget",
            (
                "Insats",
                "Utfall TSEK",
                "Budget TSEK",
                "Utfall TSEK",
                "Budget TSEK",
                "Förbr. kvot",
                f"Överf. till {words.year + 1} TSEK",
            ),
            rows,
            groups=(
                HeaderGroup("", 1),
                HeaderGroup(words.quarters_short, 2),
                HeaderGroup(f"Ackumulerat {words.ytd}", 3),
                HeaderGroup("", 1),
            ),
            notes=(TSEK_ROUNDING_NOTE,),
            widths=(3.6, 1.1, 1.1, 1.1, 1.1, 1, 1.3),
        )

    QUALITY_COLUMNS = (
        ("meetings_per_agreement", "Styrgruppsmöten enl. avtal"),
        ("ordinary_representation", "Ord. representation i styrgrupp"),
        ("follow_up_per_agreement", "Uppföljning enl. avtal"),
        ("target_group_checked", "Kontroll målgrupp"),
        ("method_checked", "Kontroll metod"),
        ("equality_discussed", "Jämlikhet diskuterad"),
        ("gender_equality_discussed", "Jämställdhet diskuterad"),
        ("implementation_discussed", "Implementering diskuterad"),
    )

    def quality(self) -> Table:
        def cells(each: Json) -> list[Cell]:
            answers = [answer_cell(each.get(name)) for name, _ in self.QUALITY_COLUMNS]
            return [*answers, yes_no_cell(each.get("deviation_goals"))]

        return self.per_intervention(
            "quality",
            "Kvalitetssäkring",
            (
                "Insats",
                *(title for _, title in self.QUALITY_COLUMNS),
                "Avvikelse mål/mål-grupp/metod",
            ),
            cells,
            widths=(3, *([1] * 9)),
        )

    def funds(self) -> Table:
        rows = []
        for each in self.extras.funds:
            rows.append(
                Row(
                    (
                        label(KIND_NAMES.get(each.kind, each.kind)),
                        tsek_cell(each.budget),
                        share_cell(each.budget_share),
                        tsek_cell(each.outcome),
                        share_cell(each.outcome_share),
                        share_cell(each.target),
                    )
                )
            )
        main = [each for each in self.extras.funds if each.target is not None]
        other = [each for each in self.extras.funds if each.target is None]
        if main:
            # The shares and targets are of the three main kinds: their sum is a subtotal
            # when "Övriga insatser" follows, and the last "Summa" adds every row.
            rows = rows[: len(main)]
            main_budget = sum(each.budget for each in main)
            main_outcome = sum(each.outcome for each in main)
            rows.append(
                Row(
                    (
                        label(
                            "Summa individ-, struktur- och kompetenshöjande insatser"
                            if other
                            else "Summa"
                        ),
                        tsek_cell(main_budget),
                        share_cell(100 if main_budget else None),
                        tsek_cell(main_outcome),
                        share_cell(100 if main_outcome else None),
                        share_cell(sum(each.target or 0 for each in main)),
                    ),
                    kind="total",
                )
            )
            for each in other:
                rows.append(
                    Row(
                        (
                            label(KIND_NAMES.get(each.kind, each.kind)),
                            tsek_cell(each.budget),
                            share_cell(None),
                            tsek_cell(each.outcome),
                            share_cell(None),
                            share_cell(None),
                        )
                    )
                )
            if other:
                rows.append(
                    Row(
                        (
                            label("Summa alla insatser"),
                            tsek_cell(sum(each.budget for each in self.extras.funds)),
                            share_cell(None),
                            tsek_cell(sum(each.outcome for each in self.extras.funds)),
                            share_cell(None),
                            share_cell(None),
                        ),
                        kind="total",
                    )
                )
        notes = [
            "Andelarna avser individ-, struktur- och kompetenshöjande insatser.",
            TSEK_ROUNDING_NOTE,
        ]
        return self.maker.make(
            "funds",
            f"Beviljad budget och utfall per insatstyp, {self.words.ytd}",
            (
                "Insatstyp",
                "Beviljad budget TSEK",
                "Andel",
                "Utfall TSEK",
                "Andel",
                "Styrelsens mål",
            ),
            rows,
            notes=notes,
            widths=(3, 1.4, 1, 1.4, 1, 1.2),
        )

    def participants(self) -> Table:
        table = self.tables.get("participants", {})
        fields = ("registered", "exited", "exited_to_date", "ongoing")

        def cells(each: Json) -> list[Cell]:
            return [cell for name in fields for cell in g_cells(each.get(name))]

        rows = self.rows_and_total(table, cells)
        words = self.words
        return self.maker.make(
            "participants",
            "Antal registrerade, avslutade och pågående deltagare",
            ("Insats", *(GENDER_COLUMNS * 4)),
            rows,
            groups=(
                HeaderGroup("", 1),
                HeaderGroup(f"Inregistrerade {words.ytd}", 3),
                HeaderGroup(f"Avslutade {words.ytd}", 3),
                HeaderGroup(f"Avslutade t.o.m. {words.end}", 3),
                HeaderGroup(f"Pågående per {words.end}", 3),
            ),
            notes=("Deltagare registrerade med personuppgifter.",),
            widths=(3.4, *([0.75] * 12)),
            sensitive=True,
        )

    def outcomes(self) -> Table:
        table = self.tables.get("outcomes", {})

        def cells(each: Json) -> list[Cell]:
            return [
                *g_cells(each.get("to_work_or_studies")),
                *g_cells(each.get("share_to_work_or_studies"), share_cell),
                share_cell(each.get("share_with_action_plan")),
            ]

        rows = self.rows_and_total(table, cells)
        return self.maker.make(
            "outcomes",
            "Utfall för deltagare, antal och andel till arbete eller studier samt med "
            "handlingsplan",
            ("Insats", *GENDER_COLUMNS, *GENDER_COLUMNS, "Andel med handlingsplan"),
            rows,
            groups=(
                HeaderGroup("", 1),
                HeaderGroup(f"Antal till arbete eller studier {self.words.ytd}", 3),
                HeaderGroup("Andel av avslutade", 3),
                HeaderGroup("", 1),
            ),
            widths=(3.4, *([0.8] * 6), 1.3),
            sensitive=True,
        )

    def anonymous(self) -> Table:
        table = self.tables.get("anonymous", {})
        rows = [
            Row((label(self.name(each["intervention"])), count_cell(each.get("count"))))
            for each in table.get("rows", [])
        ]
        if "total" in table:
            rows.append(Row((label("Totalt"), count_cell(table.get("total"))), kind="total"))
        return self.maker.make(
            "anonymous",
            f"Antal anonymt registrerade deltagare, {self.words.ytd}",
            ("Insats", f"Anonymt registrerade {self.words.ytd}"),
            rows,
            widths=(4, 2),
            sensitive=True,
        )

    GROUP_ROWS = (
        ("work", "S:a arbete"),
        ("studies", "Studier"),
        ("work_or_studies", "S:a arbete och/eller studier"),
        ("job_seeking", "Aktivt arbetssökande"),
        ("work_studies_job_seeking", "S:a arbete, studier och arbetssökande"),
        ("other", "Övriga avslutningsanledningar"),
        ("all", "Samtliga avslutade"),
    )

    def exit_reasons(self) -> Table:
        table = self.tables.get("exit_reasons", {})
        rows = [
            Row((label(EXIT_REASONS.get(each["reason"], each["reason"])), *g_cells(each["counts"])))
            for each in table.get("rows", [])
        ]
        extents = table.get("work_extent", [])
        if extents:
            rows.append(Row((label("Arbetsgrad vid avslut till arbete"),), kind="group"))
            rows.extend(
                Row((label(f"Arbetar {each['extent']} %"), *g_cells(each["counts"])))
                for each in extents
            )
        groups = table.get("groups", {})
        if groups:
            rows.append(Row((label("Sammanfattning"),), kind="group"))
            rows.extend(
                Row((label(title), *g_cells(groups.get(key))), kind="total")
                for key, title in self.GROUP_ROWS
                if key in groups
            )
        return self.maker.make(
            "exit_reasons",
            f"Avslutningsanledningar {self.words.ytd}",
            ("Avslutningsanledning", "K", "M", "Tot."),
            rows,
            widths=(4, 1, 1, 1),
            sensitive=True,
        )

    def target_group(self) -> Table:
        table = self.tables.get("target_group", {})
        shares = table.get("shares", {})
        rows = [
            Row((label("Antal aktiva deltagare"), *g_cells(table.get("active")))),
            Row(
                (
                    label("Könsfördelning"),
                    share_cell(shares.get("women")),
                    share_cell(shares.get("men")),
                    label(""),
                )
            ),
            Row(
                (
                    label("Yngre än 30 år vid inskrivning"),
                    *g_cells(shares.get("under_30"), share_cell),
                )
            ),
            Row(
                (
                    label("Offentlig försörjning tre år eller mer"),
                    *g_cells(shares.get("public_support_3y_plus"), share_cell),
                )
            ),
        ]
        for level, split in shares.get("education", {}).items():
            title = f"Utbildning: {EDUCATION.get(level, level)}"
            rows.append(Row((label(title), *g_cells(split, share_cell))))
        return self.maker.make(
            "target_group",
            f"Målgrupp bland deltagare inskrivna {self.words.ytd}",
            ("", "Kvinnor", "Män", "Samtliga"),
            rows,
            notes=(
                "Andelar i procent av aktiva deltagare; inom kvinnor respektive män av aktiva "
                "kvinnor respektive män.",
            ),
            widths=(4, 1.2, 1.2, 1.2),
            sensitive=True,
        )

    def time_in_intervention(self) -> Table:
        rows = [
            Row(
                (label(self.name(each["intervention"])), *g_cells(each.get("mean_days"), mean_cell))
            )
            for each in self.rows_of("time_in_intervention")
        ]
        return self.maker.make(
            "time_in_intervention",
            f"Genomsnittlig tid i insats (dagar) för avslutade {self.words.ytd}",
            ("Insats", "Kvinnor", "Män", "Samtliga"),
            rows,
            widths=(4, 1.2, 1.2, 1.2),
            sensitive=True,
        )

    def expected(self) -> Table:
        rows = [
            Row(
                (
                    label(self.name(each["intervention"])),
                    count_cell(each.get("registered_to_date")),
                    count_cell(each.get("expected")),
                )
            )
            for each in self.rows_of("expected")
        ]
        return self.maker.make(
            "expected",
            "Deltagare i förhållande till förväntat antal enligt ansökan",
            ("Insats", f"Registrerade t.o.m. {self.words.end}", "Förväntat antal enligt ansökan"),
            rows,
            widths=(4, 1.8, 1.8),
            sensitive=True,
        )

    def activities(self) -> Table:
        table = self.tables.get("activities", {})
        rows = [
            Row((label(ACTIVITY_TYPES.get(kind, kind)), count_cell(number)))
            for kind, number in table.get("by_type", {}).items()
        ]
        rows.append(Row((label("Summa"), count_cell(table.get("count"))), kind="total"))
        return self.maker.make(
            "activities",
            f"Aktiviteter {self.words.ytd}",
            ("Aktivitetstyp", "Antal"),
            rows,
            widths=(4, 1.5),
        )

    def attendees(self) -> Table:
        attendees = self.tables.get("activities", {}).get("attendees")
        return self.maker.make(
            "attendees",
            f"Deltagare vid aktiviteterna {self.words.ytd}",
            ("", "Kvinnor", "Män", "Totalt"),
            [Row((label("Antal deltagare"), *g_cells(attendees)))],
            widths=(4, 1.2, 1.2, 1.2),
            sensitive=True,
        )

    def association_goals(self) -> Table:
        rows = []
        for each in self.rows_of("association_goals"):
            make = count_cell if each["goal"] in COUNT_GOALS else share_cell
            rows.append(
                Row(
                    (
                        label(str(GOALS.get(each["goal"], each["goal"]))),
                        make(each.get("target")),
                        make(each.get("outcome")),
                        yes_no_cell(each.get("met")),
                    )
                )
            )
        return self.maker.make(
            "association_goals",
            f"Förbundets resultatmål {self.words.year}",
            ("Mål", "Målvärde", f"Utfall {self.words.ytd}", "Uppfyllt"),
            rows,
            widths=(5, 1.2, 1.4, 1.1),
        )
