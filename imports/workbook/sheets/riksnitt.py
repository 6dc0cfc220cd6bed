"""Sheets `Riksnitt` (the national figures), `Enkätresultat` (earlier years' own results)
and `Enkätunderlag` (how many were asked) of spec/survey.md section 5."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import (
    Column,
    ImportContext,
    RowReader,
    RowT,
    SheetChanges,
    SheetHandler,
)
from imports.workbook.cells import (
    parse_number_in_range,
    parse_percent,
    parse_whole_number,
    parse_year,
)
from imports.workbook.sheets.common import ColumnSheet, read_cells, save_each
from imports.workbook.sheets.enkatsvar import instrument_of, parse_form
from survey.choices import INTERVENTION_FORMS
from survey.models import AskedCount, EarlierResult, NationalFigure
from survey.services import save_asked_count, save_earlier_result, save_national_figure
from tenancy.models import Association


@dataclass(frozen=True)
class NationalFigureRow:
    """A row keyed by år + formular + fraga with the national whole-percent figures."""

    year: int
    form_code: str
    question: int
    total: int
    women: int | None
    men: int | None
    response_rate: int | None


@dataclass(frozen=True)
class EarlierResultRow:
    """A row keyed by år + formular + fraga with an earlier year's own figures."""

    year: int
    form_code: str
    question: int
    n: int | None
    total: int | None
    women: int | None
    men: int | None


def _parse_key(row: RowReader, context: ImportContext) -> tuple[int, str, int] | None:
    """(år, formular, fraga): the question must be one of the form's."""
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
    ("year", "form_code", "question"),
    gettext_lazy("Samma år, formulär och fråga finns redan på rad %(row)s."),
)


class QuestionSheet(ColumnSheet[RowT]):
    """A sheet of figures per question: år, formular and fraga (a question of the form), then
    the figures as the columns declare, each named as its ``model`` field."""

    model: type[NationalFigure | EarlierResult]
    repeated_key = QUESTION_KEY

    def parse_row(self, row: RowReader, context: ImportContext) -> RowT | None:
        key = _parse_key(row, context)
        figures = read_cells(row, context, self.columns)
        if not row.ok or key is None:
            return None
        year, form_code, question = key
        key_cells = {"year": year, "form_code": form_code, "question": question}
        return self.row_type(**key_cells, **figures)

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        fields = ("year", "form_code", "question", *(c.into for c in self.columns if c.into))
        for stored in self.model.objects.filter(association=association):
            values = (getattr(stored, name) for name in fields)
            yield tuple("" if value is None else value for value in values)


#: The key columns of a sheet of figures per question.
QUESTION_COLUMNS = (
    Column("år", required=True),
    Column("formular", required=True),
    Column("fraga", required=True),
)


class RiksnittSheet(QuestionSheet[NationalFigureRow]):
    sheet_name = "Riksnitt"
    label = "riksnitt"
    row_type = NationalFigureRow
    model = NationalFigure
    columns = (
        *QUESTION_COLUMNS,
        Column("alla", required=True, into="total", parse=parse_percent),
        Column("kvinnor", required=True, empty_allowed=True, into="women", parse=parse_percent),
        Column("man", required=True, empty_allowed=True, into="men", parse=parse_percent),
        Column("svarsfrekvens", into="response_rate", parse=parse_percent),
    )

    def write(self, rows: Sequence[NationalFigureRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_national_figure, association=context.association)


class EnkatresultatSheet(QuestionSheet[EarlierResultRow]):
    sheet_name = "Enkätresultat"
    label = "enkätresultat"
    row_type = EarlierResultRow
    model = EarlierResult
    columns = (
        *QUESTION_COLUMNS,
        Column("n", into="n", parse=parse_whole_number),
        Column("alla", into="total", parse=parse_percent),
        Column("kvinnor", into="women", parse=parse_percent),
        Column("man", into="men", parse=parse_percent),
    )

    def write(self, rows: Sequence[EarlierResultRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_earlier_result, association=context.association)


@dataclass(frozen=True)
class AskedRow:
    year: int
    form_code: str
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
        ("year", "form_code", "intervention"),
        gettext_lazy("Samma år, formulär och insats finns redan på rad %(row)s."),
    )

    def write(self, rows: Sequence[AskedRow], context: ImportContext) -> SheetChanges:
        return save_each(rows, context, save_asked_count, association=context.association)

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
