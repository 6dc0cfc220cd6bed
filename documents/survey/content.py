"""The survey report in the shape of seed 004's Bilaga 4, as plain tables that every format
renders the same way. Every figure and name comes from the statistics layer's
``stats.survey_report.SurveyReport``; this module only words and formats them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from stats.survey import MASKED
from stats.survey_report import SurveyReport

NATIONAL_WORDS = {"higher": "Högre", "same": "Samma", "lower": "Lägre", "mixed": "Tar ut varandra*"}
ARROWS = {"up": "↑", "flat": "→", "down": "↓", "mixed": "↕"}
ARROW_WORDS = {"up": "bättre", "flat": "oförändrat", "down": "sämre", "mixed": "tar ut varandra"}
KEY_FIGURE_WORDS = {"topp2": "Klart positiva svar", "topp3": "Positiva svar", "ja": "Andel ja"}


@dataclass(frozen=True)
class Cell:
    text: str
    #: A class name for the colour of a matrix cell (never the only carrier of meaning).
    tone: str = ""
    #: Spoken text of the arrow, for screen readers and the legend.
    note: str = ""


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[Cell]]


@dataclass
class Section:
    indicator: int
    title: str
    tables: list[Table]
    comment: str


@dataclass
class SurveyDocument:
    title: str
    association: str
    year: int
    period: str
    responses: Table
    responses_comment: str
    sections: list[Section] = field(default_factory=list)
    matrix: Table | None = None
    legend: list[str] = field(default_factory=list)


def pct(value: Any) -> str:
    if value is None:
        return "–"
    if value == MASKED:
        return "*"
    return f"{value} %"


def with_previous(value: Any, previous: Any) -> str:
    return f"{pct(value)} ({pct(previous)})"


def count_with_previous(value: int, previous: int | None) -> str:
    return f"{value}" if previous is None else f"{value} ({previous})"


def verdict_cell(national: str | None, previous: str | None) -> Cell:
    word = NATIONAL_WORDS.get(national or "", "–")
    arrow = ARROWS.get(previous or "", "")
    note = ARROW_WORDS.get(previous or "", "")
    return Cell(f"{word} {arrow}".strip(), tone=national or "", note=note)


def responses_table(data: dict[str, Any], form_names: dict[str, str]) -> Table:
    rows: list[list[Cell]] = []
    total = previous_total = 0
    any_previous = False
    for row in data["responses"]:
        rows.append(
            [
                Cell(form_names[row["form"]]),
                Cell(count_with_previous(row["total"], row["previous_total"])),
                Cell(str(row["women"])),
                Cell(str(row["men"])),
                Cell(str(row["other"])),
                Cell(pct(row["rate"])),
                Cell(pct(row["national_rate"])),
            ]
        )
        for part in row["by_intervention"]:
            rows.append(
                [Cell(f"– {part['intervention']}"), Cell(str(part["total"]))] + [Cell("")] * 5
            )
        total += row["total"]
        if row["previous_total"] is not None:
            any_previous = True
            previous_total += row["previous_total"]
    rows.append(
        [
            Cell(_("Totalt antal enkäter")),
            Cell(count_with_previous(total, previous_total if any_previous else None)),
        ]
        + [Cell("")] * 5
    )
    return Table(
        caption=_(
            "Tabell 1: Svarsfrekvens samtliga respondentgrupper, fördelat på kön, lokalt och "
            "riksnittet (föregående års mätning i parentes)"
        ),
        header=[
            _("Respondentgrupp"),
            _("Inkomna svar"),
            _("Varav kvinnor"),
            _("Varav män"),
            _("Ej uppgivet kön"),
            _("Svarsfrekvens"),
            _("Riksnittet"),
        ],
        rows=rows,
    )


def question_table(question: dict[str, Any], report: SurveyReport, number: int) -> Table:
    share, previous = question["share"], question["previous"]
    national, national_previous = question["national"], question["national_previous"]
    name = report.form_names[question["form"]]
    wording = report.wordings[(question["form"], question["question"])]
    return Table(
        caption=_(
            "Tabell %(number)s: %(wording)s (%(form)s) n %(n)s (föregående års mätning i parentes)"
        )
        % {"number": number, "wording": wording, "form": name, "n": question["n"]},
        header=[
            _("Fråga %(number)s") % {"number": question["question"]},
            KEY_FIGURE_WORDS[question["key_figure"]],
            _("Varav kvinnor"),
            _("Varav män"),
            _("Riksnittet"),
            _("Varav kvinnor"),
            _("Varav män"),
            _("Typvärde"),
        ],
        rows=[
            [
                Cell(name),
                Cell(with_previous(share["total"], previous["total"])),
                Cell(with_previous(share["women"], previous["women"])),
                Cell(with_previous(share["men"], previous["men"])),
                Cell(with_previous(national["total"], national_previous["total"])),
                Cell(with_previous(national["women"], national_previous["women"])),
                Cell(with_previous(national["men"], national_previous["men"])),
                Cell(mode_text(question, report)),
            ]
        ],
    )


def mode_text(question: dict[str, Any], report: SurveyReport) -> str:
    value = question["mode"]
    if value is None:
        return "–"
    if isinstance(value, str):
        return value.capitalize()
    return report.mode_labels[(question["form"], question["question"])]


def survey_document(report: SurveyReport) -> SurveyDocument:
    data, comments = report.data, report.comments
    document = SurveyDocument(
        title=_("Indikatorrapport %(year)s") % {"year": data["year"]},
        association=report.association_name,
        year=data["year"],
        period=f"{data['start']} – {data['end']}",
        responses=responses_table(data, report.form_names),
        responses_comment=comments.get(0, ""),
    )
    number = 2
    by_indicator: dict[int, list[dict[str, Any]]] = {}
    for question in data["questions"]:
        by_indicator.setdefault(question["indicator"], []).append(question)
    for indicator in sorted(by_indicator):
        tables = []
        for question in by_indicator[indicator]:
            tables.append(question_table(question, report, number))
            number += 1
        document.sections.append(
            Section(
                indicator=indicator,
                title=_("Indikator %(number)s: %(name)s")
                % {"number": indicator, "name": report.indicator_names[indicator]},
                tables=tables,
                comment=comments.get(indicator, ""),
            )
        )
    previous_year = data["year"] - 1
    document.matrix = Table(
        caption=_(
            "Tabell %(number)s: Indikatorredovisning jämfört med riksnittet %(year)s / eget "
            "resultat %(previous)s (pil), totalt och könsuppdelat"
        )
        % {"number": number, "year": data["year"], "previous": previous_year},
        header=[
            _("Indikator"),
            _("Namn"),
            _("Resultat jämfört med riksnittet / %(previous)s (pil)") % {"previous": previous_year},
            _("Kvinnor"),
            _("Män"),
        ],
        rows=[
            [Cell(str(row["indicator"])), Cell(report.indicator_names[row["indicator"]])]
            + [
                verdict_cell(row["vs_national"][key], row["vs_previous"][key])
                for key in ("total", "women", "men")
            ]
            for row in data["indicators"]
        ],
    )
    document.legend = [
        _(
            "Ordet i varje ruta bär resultatet; färgen upprepar det: grön = högre än riket, "
            "gul = samma som riket, röd = lägre än riket, ingen färg = tar ut varandra."
        ),
        _(
            "Pilen jämför med förbundets resultat %(previous)s: ↑ bättre, → oförändrat, "
            "↓ sämre, ↕ tar ut varandra."
        )
        % {"previous": previous_year},
        _("”Samma” och ”→” betyder en skillnad inom ±2 procentenheter."),
        _(
            "* = färre än 6 svar (visas inte); – = uppgift saknas. "
            "Indikator 11 mäts i en nationell registerstudie."
        ),
    ]
    return document
