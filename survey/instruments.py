"""Reading the shipped instruments and measurement years (spec/survey.md sections 1-2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from survey.choices import FORM_ORDER
from survey.models import Form, Question


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """Measurement year N runs from 1 November N-1 to 31 October N."""
    return dt.date(year - 1, 11, 1), dt.date(year, 10, 31)


def measurement_year(day: dt.date) -> int:
    """The measurement year a date falls in."""
    return day.year + 1 if day.month >= 11 else day.year


@dataclass(frozen=True)
class Instrument:
    """The form in use per code (the highest version) and its questions by number."""

    forms: dict[str, Form]
    questions: dict[str, dict[int, Question]]

    def question(self, form_code: str, number: int) -> Question | None:
        return self.questions.get(form_code, {}).get(number)


def ensure_instruments() -> None:
    """Put back the shipped version-1 instruments when their rows are missing (the data
    migration loads them; a database flushed after the migrations, as tests that truncate
    tables do, has lost them). Only inserts: existing rows are never changed."""
    from survey import instrument_v1 as v1

    if Form.objects.filter(version=v1.VERSION).exists():
        return
    Form.objects.bulk_create(
        Form(
            code=code,
            version=v1.VERSION,
            name=name,
            position=position,
            scale_labels=v1.SCALE_LABELS,
        )
        for position, (code, name) in enumerate(v1.FORMS, start=1)
    )
    forms = {form.code: form for form in Form.objects.filter(version=v1.VERSION)}
    Question.objects.bulk_create(
        Question(
            form=forms[form],
            number=number,
            indicator=indicator,
            scale=scale,
            key_figure=key_figure,
            wording=wording,
            only_after_yes_on=after,
        )
        for form, number, indicator, scale, key_figure, wording, after in v1.QUESTIONS
    )


def current_instrument() -> Instrument:
    ensure_instruments()
    forms: dict[str, Form] = {}
    for form in Form.objects.order_by("code", "-version"):
        forms.setdefault(form.code, form)
    questions: dict[str, dict[int, Question]] = {code: {} for code in forms}
    for question in Question.objects.filter(form__in=list(forms.values())).select_related("form"):
        questions[question.form.code][question.number] = question
    ordered = {code: forms[code] for code in FORM_ORDER if code in forms}
    return Instrument(
        forms=ordered,
        questions={code: dict(sorted(questions[code].items())) for code in ordered},
    )
