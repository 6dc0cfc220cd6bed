"""Sheets `Riksnitt` (the national figures), `Enkätresultat` (earlier years' own results)
and `Enkätunderlag` (how many were asked) of spec/survey.md section 5."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import parse_number_in_range, parse_whole_number, parse_year
from imports.workbook.sheets.enkatsvar import instrument_of, parse_form
from survey.choices import INTERVENTION_FORMS
from survey.models import AskedCount, EarlierResult, NationalFigure
from survey.services import save_asked_count, save_earlier_result, save_national_figure
from tenancy.models import Association

parse_percent: Callable[[Any], int] = partial(parse_number_in_range, low=0, high=100)


@dataclass(frozen=True)
class QuestionFigureRow:
    """A row keyed by år + formular + fraga with whole-percent figures."""

    year: int
    form: str
    question: int
    figures: tuple[int | None, ...]


def _parse_key(row: RowReader, context: ImportContext) -> tuple[int, str, int] | None:
    instrument = instrument_of(context)
    year = row.value("år", parse_year, required=True)
    form = row.value("formular", lambda v: parse_form(v, instrument), required=True)
    question = row.value("fraga", partial(parse_number_in_range, low=1, high=99), required=True)
    if form is not None and question is not None and instrument.question(form, question) is None:
        row.problem("fraga", _("Formuläret %(form)s har ingen sådan fråga.") % {"form": form})
        return None
    if year is None or form is None or question is None:
        return None
    return year, form, question


#: Both sheets of figures per question: one row a year, form and question.
QUESTION_KEY = (
    "fraga",
    ("year", "form", "question"),
    gettext_lazy("Samma år, formulär och fråga finns redan på rad %(row)s."),
)


class RiksnittSheet(SheetHandler[QuestionFigureRow]):
    sheet_name = "Riksnitt"
    label = "riksnitt"
    columns = (
        Column("år", required=True),
        Column("formular", required=True),
        Column("fraga", required=True),
        Column("alla", required=True),
        Column("kvinnor", required=True),
        Column("man", required=True),
        Column("svarsfrekvens"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> QuestionFigureRow | None:
        key = _parse_key(row, context)
        total = row.value("alla", parse_percent, required=True)
        women = row.value("kvinnor", parse_percent)
        men = row.value("man", parse_percent)
        rate = row.value("svarsfrekvens", parse_percent)
        if not row.ok or key is None:
            return None
        return QuestionFigureRow(*key, figures=(total, women, men, rate))

    repeated_key = QUESTION_KEY

    def write(self, rows: Sequence[QuestionFigureRow], context: ImportContext) -> SheetChanges:
        changes = SheetChanges()
        for row in rows:
            total, women, men, rate = row.figures
            if total is None:  # required: a row without it was refused when parsed
                continue
            _figure, outcome = save_national_figure(
                association=context.association,
                year=row.year,
                form_code=row.form,
                question=row.question,
                total=total,
                women=women,
                men=men,
                response_rate=rate,
            )
            changes.count(outcome)
        return changes

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        for figure in NationalFigure.objects.filter(association=association):
            yield (
                figure.year,
                figure.form_code,
                figure.question,
                figure.total,
                _cell(figure.women),
                _cell(figure.men),
                _cell(figure.response_rate),
            )


class EnkatresultatSheet(SheetHandler[QuestionFigureRow]):
    sheet_name = "Enkätresultat"
    label = "enkätresultat"
    columns = (
        Column("år", required=True),
        Column("formular", required=True),
        Column("fraga", required=True),
        Column("n"),
        Column("alla"),
        Column("kvinnor"),
        Column("man"),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> QuestionFigureRow | None:
        key = _parse_key(row, context)
        n = row.value("n", parse_whole_number)
        total = row.value("alla", parse_percent)
        women = row.value("kvinnor", parse_percent)
        men = row.value("man", parse_percent)
        if not row.ok or key is None:
            return None
        return QuestionFigureRow(*key, figures=(n, total, women, men))

    repeated_key = QUESTION_KEY

    def write(self, rows: Sequence[QuestionFigureRow], context: ImportContext) -> SheetChanges:
        changes = SheetChanges()
        for row in rows:
            n, total, women, men = row.figures
            _result, outcome = save_earlier_result(
                association=context.association,
                year=row.year,
                form_code=row.form,
                question=row.question,
                n=n,
                total=total,
                women=women,
                men=men,
            )
            changes.count(outcome)
        return changes

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        for result in EarlierResult.objects.filter(association=association):
            yield (
                result.year,
                result.form_code,
                result.question,
                _cell(result.n),
                _cell(result.total),
                _cell(result.women),
                _cell(result.men),
            )


@dataclass(frozen=True)
class AskedRow:
    year: int
    form: str
    intervention: str | None
    asked: int


class EnkatunderlagSheet(SheetHandler[AskedRow]):
    sheet_name = "Enkätunderlag"
    label = "rader om tillfrågade"
    columns = (
        Column("år", required=True),
        Column("formular", required=True),
        Column("insats"),
        Column("tillfragade", required=True),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> AskedRow | None:
        instrument = instrument_of(context)
        year = row.value("år", parse_year, required=True)
        form = row.value("formular", lambda v: parse_form(v, instrument), required=True)
        intervention = None
        if form in INTERVENTION_FORMS:
            intervention = context.intervention_code(row)
        elif form is not None and not row.is_empty("insats"):
            row.problem("insats", _("Formuläret besvaras inte per insats; lämna cellen tom."))
        asked = row.value("tillfragade", parse_whole_number, required=True)
        if not row.ok or year is None or form is None or asked is None:
            return None
        return AskedRow(year, form, intervention, asked)

    repeated_key = (
        "insats",
        ("year", "form", "intervention"),
        gettext_lazy("Samma år, formulär och insats finns redan på rad %(row)s."),
    )

    def write(self, rows: Sequence[AskedRow], context: ImportContext) -> SheetChanges:
        interventions = context.interventions_by_code(row.intervention for row in rows)
        return SheetChanges.of(
            save_asked_count(
                association=context.association,
                year=row.year,
                form_code=row.form,
                intervention=interventions[row.intervention] if row.intervention else None,
                asked=row.asked,
            )
            for row in rows
        )

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        counts = AskedCount.objects.filter(association=association).select_related("intervention")
        for count in counts:
            yield (
                count.year,
                count.form_code,
                count.intervention.code if count.intervention else "",
                count.asked,
            )


def _cell(value: int | None) -> int | str:
    return "" if value is None else value
