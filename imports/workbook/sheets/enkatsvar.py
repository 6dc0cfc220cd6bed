"""Sheet `Enkätsvar` (spec/survey.md section 5): one row per returned survey form. Natural
key: svar_id (the office's own reference); a known svar_id replaces the stored answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import (
    CellError,
    CellValue,
    cell_text,
    choice_of,
    fold,
    parse_code,
    parse_date,
)
from survey.choices import INTERVENTION_FORMS, JA, YES_NO_CODES, Gender, Scale
from survey.instruments import Instrument, current_instrument
from survey.models import Response
from survey.services import record_response
from tenancy.models import Association

#: Most questions of any form (personal has 11).
ANSWER_COLUMNS = tuple(f"f{number}" for number in range(1, 12))


@dataclass(frozen=True)
class SurveyAnswerRow:
    reference: str
    form: str
    date: dt.date
    intervention: str | None
    gender: str
    values: tuple[tuple[int, int], ...]


def instrument_of(context: ImportContext) -> Instrument:
    """The instruments in use, read once per import."""
    cached = getattr(context, "_survey_instrument", None)
    if cached is None:
        cached = current_instrument()
        context._survey_instrument = cached  # type: ignore[attr-defined]  # per-import cache
    return cached


def parse_form(value: CellValue, instrument: Instrument) -> str:
    code = fold(cell_text(value))
    if code not in instrument.forms:
        raise CellError(
            _("Okänt formulär. Ange ett av: %(codes)s.") % {"codes": ", ".join(instrument.forms)}
        )
    return code


def parse_answer(value: CellValue, scale: str) -> int:
    """1-6 on the frekvens and omfattning scales, ja/nej on the janej scale."""
    text = fold(cell_text(value))
    if scale == Scale.JANEJ:
        if text not in YES_NO_CODES:
            raise CellError(_("Frågan besvaras med ja eller nej."))
        return YES_NO_CODES[text]
    if text not in {"1", "2", "3", "4", "5", "6"}:
        raise CellError(_("Svaret ska vara ett heltal från 1 till 6."))
    return int(text)


class EnkatsvarSheet(SheetHandler[SurveyAnswerRow]):
    sheet_name = "Enkätsvar"
    label = "enkätsvar"
    columns = (
        Column("svar_id", required=True),
        Column("formular", required=True),
        Column("datum", required=True),
        Column("insats"),
        Column("kon"),
        *(Column(name) for name in ANSWER_COLUMNS),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> SurveyAnswerRow | None:
        instrument = instrument_of(context)
        reference = row.value("svar_id", parse_code, required=True)
        form = row.value("formular", lambda v: parse_form(v, instrument), required=True)
        date = row.value("datum", parse_date, required=True)
        gender = row.value("kon", choice_of(Gender.values))
        intervention = None
        if form in INTERVENTION_FORMS:
            intervention = context.intervention_code(row)
        values: list[tuple[int, int]] = []
        if form is not None:
            questions = instrument.questions[form]
            for number, column in enumerate(ANSWER_COLUMNS, start=1):
                if row.is_empty(column):
                    continue
                question = questions.get(number)
                if question is None:
                    row.problem(
                        column,
                        _("Formuläret %(form)s har ingen fråga %(number)s; lämna cellen tom.")
                        % {"form": form, "number": number},
                    )
                    continue
                value = row.value(column, partial(parse_answer, scale=question.scale))
                if value is not None:
                    values.append((number, value))
        if not row.ok or reference is None or form is None or date is None:
            return None
        return SurveyAnswerRow(
            reference, form, date, intervention, gender or Gender.EJ_ANGIVET, tuple(values)
        )

    repeated_key = (
        "svar_id",
        ("reference",),
        gettext_lazy("svar_id finns redan på rad %(row)s i bladet."),
    )

    def write(self, rows: Sequence[SurveyAnswerRow], context: ImportContext) -> SheetChanges:
        instrument = instrument_of(context)
        interventions = context.interventions_by_code(row.intervention for row in rows)
        return SheetChanges.of(
            record_response(
                association=context.association,
                form=instrument.forms[row.form],
                date=row.date,
                values=dict(row.values),
                gender=row.gender,
                intervention=interventions[row.intervention] if row.intervention else None,
                reference=row.reference,
                source=Response.Source.IMPORT,
            )
            for row in rows
        )

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        responses = (
            Response.objects.filter(association=association)
            .select_related("form", "intervention")
            .prefetch_related("answers__question")
            .order_by("date", "reference")
        )
        for response in responses:
            cells: list[Any] = [""] * len(ANSWER_COLUMNS)
            for answer in response.answers.all():
                question = answer.question
                if question.scale == Scale.JANEJ:
                    cells[question.number - 1] = "ja" if answer.value == JA else "nej"
                else:
                    cells[question.number - 1] = answer.value
            yield (
                response.reference,
                response.form.code,
                response.date,
                response.intervention.code if response.intervention else "",
                response.gender,
                *cells,
            )
