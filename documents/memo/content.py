"""The memo's content: the memo JSON (spec/reports.md, "The JSON form"), the interventions'
short names, the extras and the office's texts, turned into one ordered
:class:`~documents.memo.model.MemoDocument` in the order of spec/reports.md sections 1-19.

The JSON carries only intervention codes and the contract's tables. What else the memo
needs comes with it on the statistics layer's memo object as
:class:`~stats.memo_document.MemoExtras` (``memo.document``: the association's name,
sections 2, 3 (comments), 4 and 8, the interventions' kinds); this module only words and
orders them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from documents.memo import formats as f
from documents.memo import texts as memo_texts
from documents.memo.cells import TableMaker
from documents.memo.charts_data import chart_blocks
from documents.memo.labels import KIND_NAMES
from documents.memo.model import MemoDocument, Placeholder, Section, Text
from documents.memo.phrases import placeholder_values
from documents.memo.progression import progression_tables
from documents.memo.tables import Tables
from finsam.disclosure import DEFAULT_THRESHOLD
from finsam.years import quarter_of
from stats.memo_document import MemoExtras

Json = Mapping[str, Any]

MONTHS = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec")
REFLECTIONS_MARKER = "[Här skriver kansliet sina sammanfattande reflektioner för perioden.]"


@dataclass(frozen=True)
class PeriodWords:
    """How the memo names its period: ``andra halvåret 2022``, ``jan–dec 2022``..."""

    code: str
    year: int
    start: dt.date
    end_date: dt.date
    #: "Kvartal 3 och 4 2022"
    heading: str
    #: "andra halvåret 2022"
    period: str
    #: "kvartal 3 och 4 år 2022"
    quarters: str
    #: "kvartal 3–4 2022" (a column heading; never "Q3–Q4")
    quarters_short: str
    #: "jan–dec 2022"
    ytd: str

    @property
    def end(self) -> str:
        return self.end_date.isoformat()

    @classmethod
    def of(cls, memo: Json) -> PeriodWords:
        code = str(memo["period"])
        start = dt.date.fromisoformat(memo["start"])
        end = dt.date.fromisoformat(memo["end"])
        year = end.year
        first, last = quarter_of(start), quarter_of(end)
        ytd = f"{MONTHS[0]}–{MONTHS[end.month - 1]} {year}"
        if first == last:
            numbers = f"{first}"
            short = f"kvartal {first} {year}"
        elif (first, last) == (1, 4):
            numbers = "1–4"
            short = f"kvartal 1–4 {year}"
        else:
            numbers = " och ".join(str(q) for q in range(first, last + 1))
            short = f"kvartal {first}–{last} {year}"
        if (first, last) == (1, 2):
            period = f"första halvåret {year}"
        elif (first, last) == (3, 4):
            period = f"andra halvåret {year}"
        elif (first, last) == (1, 4):
            period = f"år {year}"
        else:
            period = f"kvartal {numbers} {year}"
        return cls(
            code=code,
            year=year,
            start=start,
            end_date=end,
            heading=f"Kvartal {numbers} {year}",
            period=period,
            quarters=f"kvartal {numbers} år {year}",
            quarters_short=short,
            ytd=ytd,
        )


class Writer:
    """Collects the sections; ``text`` fills the office's or the default text."""

    def __init__(self, texts: Mapping[str, str], values: Mapping[str, str]) -> None:
        self.texts = texts
        self.values = values
        self.sections: list[Section] = []

    def text(self, key: str) -> Text | None:
        spec = memo_texts.SPEC_BY_KEY[key]
        edited = key in self.texts
        source = self.texts[key] if edited else spec.default
        paragraphs = memo_texts.paragraphs(memo_texts.fill(source, self.values))
        return Text(paragraphs, text_key=key, sensitive=spec.sensitive, edited=edited)

    def section(self, key: str, heading: str, level: int, *blocks: Any) -> None:
        self.sections.append(Section(key, heading, level, tuple(b for b in blocks if b)))


def ended_sections(extras: MemoExtras) -> list[Section]:
    """Section 4: the summary of each ended intervention's final report, one sub-section
    per intervention."""
    sections: list[Section] = []
    for each in extras.ended:
        kind = KIND_NAMES.get(each.kind, each.kind).removesuffix("er")
        heading = f"{each.name} ({kind.lower()})"
        lines = [f"Insatsperiod: {f.iso(each.start)}–{f.iso(each.end)}"]
        parties = [p for p in (each.owner, *each.partners) if p]
        if parties:
            lines.append(f"Insatsägare och samverkansparter: {', '.join(parties)}")
        if each.final_report_status != "submitted":
            missing = (
                "Slutrapporten är under arbete och har ännu inte lämnats in."
                if each.final_report_status
                else "Slutrapport har inte lämnats in."
            )
            sections.append(Section(f"ended_{each.code}", heading, 3, (Text((*lines, missing)),)))
            continue
        if each.purpose:
            lines.append(f"Syfte: {each.purpose}")
        for number, goal in enumerate(each.goals, start=1):
            met = f" Målet är uppnått: {f.answer(goal.met)}." if goal.met else ""
            target = f" (mål: {goal.target})" if goal.target else ""
            lines.append(f"Mål {number}: {goal.goal}{target}. Utfall: {goal.outcome}.{met}")
        if each.results:
            lines.append(f"Sammanfattande utfall: {each.results}")
        if each.lessons:
            lines.append(f"Lärdomar: {each.lessons}")
        sections.append(Section(f"ended_{each.code}", heading, 3, (Text(tuple(lines)),)))
    return sections


def goal_comment_block(memo: Json, names: Mapping[str, str], extras: MemoExtras) -> Text | None:
    rows = memo.get("tables", {}).get("goal_status", {}).get("rows", [])
    comments = [
        f"{names.get(row['intervention'], row['intervention'])}: {comment}"
        for row in rows
        if (comment := extras.goal_comments.get(row["intervention"], "").strip())
    ]
    if not comments:
        return None
    return Text(("Kansliets kommentarer:", *comments))


def build_memo(
    memo: Json,
    *,
    names: Mapping[str, str],
    extras: MemoExtras,
    texts: Mapping[str, str],
    produced_at: dt.datetime,
) -> MemoDocument:
    """The whole memo as a document model, sections in the order of spec/reports.md."""
    suppression = memo.get("suppression", {})
    suppressed = bool(suppression.get("applied"))
    threshold = int(suppression.get("threshold") or DEFAULT_THRESHOLD)
    words = PeriodWords.of(memo)
    values = placeholder_values(memo, names=names, extras=extras, words=words)
    note = str(suppression.get("note") or "")
    maker = TableMaker(suppressed=suppressed, threshold=threshold, note=note)
    tables = Tables(memo, names=names, extras=extras, words=words, maker=maker)
    w = Writer(texts, values)

    w.section("summary", "Sammanfattning", 1, w.text("summary"))
    w.section("background", "Bakgrund", 1, w.text("background"))
    w.section("interventions", "Insatser", 1, w.text("interventions"), tables.interventions())
    w.section(
        "goal_status",
        "Resultat av i insatsen angivna mål",
        1,
        w.text("goal_status"),
        tables.goal_status(),
        goal_comment_block(memo, names, extras),
    )
    w.section(
        "ended",
        f"Avslutade insatser {words.quarters.removesuffix(f' år {words.year}')}",
        1,
        w.text("ended"),
    )
    w.sections.extend(ended_sections(extras))
    w.section(
        "conditions",
        "Utfall av beviljad budget",
        1,
        w.text("conditions"),
        tables.conditions(),
        w.text("conditions_comment"),
    )
    w.section("budget", "Prognos och utfall budget", 2, tables.budget(), w.text("budget"))
    w.section("quality", "Kvalitetssäkring av insatsen", 1, w.text("quality"), tables.quality())
    for key in (
        "quality_meetings",
        "quality_follow_up",
        "quality_target_group",
        "quality_equality",
        "quality_implementation",
        "quality_deviations",
    ):
        w.section(key, memo_texts.SPEC_BY_KEY[key].label, 3, w.text(key))
    w.section("statistics", "Statistik och kostnader", 1)
    w.section(
        "funds",
        "Beviljade insatser i förhållande till förbundets mål",
        2,
        w.text("funds"),
        tables.funds(),
    )
    w.section(
        "participants", "Deltagarredovisning", 2, w.text("participants"), tables.participants()
    )
    w.section("outcomes", "Utfall deltagare", 2, w.text("outcomes"), tables.outcomes())
    w.section(
        "anonymous",
        "Anonymt registrerade deltagare",
        3,
        tables.anonymous(),
        w.text("anonymous"),
    )
    w.section(
        "exit_reasons",
        "Avslutningsanledningar",
        3,
        w.text("exit_reasons"),
        tables.exit_reasons(),
    )
    w.section("target_group", "Målgrupp", 2, w.text("target_group"), tables.target_group())
    w.section(
        "time_in_intervention",
        "Tid i insats",
        2,
        w.text("time_in_intervention"),
        tables.time_in_intervention(),
    )
    w.section(
        "expected",
        "Deltagare i förhållande till förväntat antal",
        2,
        w.text("expected"),
        tables.expected(),
    )
    progression = progression_tables(tables)
    if progression:
        w.section("progression", "Progression mot arbete", 2, *progression)
    w.section(
        "activities",
        "Aktiviteter",
        2,
        w.text("activities"),
        tables.activities(),
        tables.attendees(),
    )
    w.section(
        "association_goals",
        "Förbundets resultatmål",
        2,
        w.text("association_goals"),
        tables.association_goals(),
    )
    w.section(
        "charts",
        "Diagram",
        2,
        w.text("charts"),
        *chart_blocks(memo, names=names, words=words, note=note),
    )
    reflections = texts.get(memo_texts.REFLECTIONS, "")
    w.section(
        "reflections",
        "Sammanfattning och reflektioner",
        1,
        Placeholder(
            memo_texts.REFLECTIONS,
            REFLECTIONS_MARKER,
            memo_texts.paragraphs(memo_texts.fill(reflections, values)),
        ),
    )
    return MemoDocument(
        title=f"Uppföljning av insatser inom {extras.association_name}",
        subtitle=words.heading,
        association=str(memo.get("association", "")),
        association_name=extras.association_name,
        period_code=words.code,
        start=words.start,
        end=words.end_date,
        produced_at=produced_at,
        suppressed=suppressed,
        threshold=threshold,
        disclosure_note=note,
        sections=tuple(w.sections),
    )
