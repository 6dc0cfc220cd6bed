"""Every change to the survey's data (spec/survey.md): answers, national figures,
earlier results, asked counts and collection links. Views, the workbook import, the
demo loader and the commands call these functions."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from interventions.models import Intervention
from survey.choices import INTERVENTION_FORMS, Gender
from survey.models import (
    Answer,
    AskedCount,
    CollectionLink,
    EarlierResult,
    Form,
    NationalFigure,
    Question,
    ReportComment,
    Response,
)
from tenancy.models import Association

M = TypeVar("M", NationalFigure, EarlierResult, AskedCount)


def check_values(form: Form, values: Mapping[int, int]) -> dict[Question, int]:
    """The answers by question; refuses a question the form lacks or a value outside its
    scale (the Swedish reason names the question)."""
    questions = {question.number: question for question in form.questions.all()}
    checked: dict[Question, int] = {}
    for number, value in sorted(values.items()):
        question = questions.get(number)
        if question is None:
            raise ValidationError(
                _("Formuläret %(form)s har ingen fråga %(number)s.")
                % {"form": form.code, "number": number}
            )
        if value not in question.allowed_values:
            raise ValidationError(
                _("Fråga %(number)s: svaret %(value)s finns inte på skalan.")
                % {"number": number, "value": value}
            )
        checked[question] = value
    return checked


@transaction.atomic
def record_response(
    *,
    association: Association,
    form: Form,
    date: dt.date,
    values: Mapping[int, int],
    gender: str = Gender.EJ_ANGIVET,
    intervention: Intervention | None = None,
    reference: str = "",
    source: str = Response.Source.PAPER,
) -> tuple[Response, str]:
    """Store one returned form; a known ``reference`` (svar_id) replaces the stored one.
    Returns the response and ``created``, ``updated`` or ``unchanged``."""
    if gender not in Gender.values:
        raise ValidationError(_("Okänt kön."))
    if form.code in INTERVENTION_FORMS and intervention is None:
        raise ValidationError(_("Formuläret besvaras per insats; ange insatsen."))
    if form.code not in INTERVENTION_FORMS:
        intervention = None
    if intervention is not None and intervention.association_id != association.pk:
        raise ValidationError(_("Insatsen hör inte till förbundet."))
    checked = check_values(form, values)
    if not reference:
        # Every answer gets a svar_id so that the workbook export round-trips; it is random
        # and says nothing about the respondent.
        reference = f"{source}-{secrets.token_hex(6)}"
    wanted = {question.pk: value for question, value in checked.items()}
    existing = (
        Response.objects.filter(association=association, reference=reference).first()
        if reference
        else None
    )
    if existing is not None:
        stored = dict(existing.answers.values_list("question_id", "value"))
        if (
            existing.form_id == form.pk
            and existing.date == date
            and existing.gender == gender
            and existing.intervention_id == (intervention.pk if intervention else None)
            and stored == wanted
        ):
            return existing, "unchanged"
        existing.form = form
        existing.date = date
        existing.gender = gender
        existing.intervention = intervention
        existing.source = source
        existing.save()
        existing.answers.all().delete()
        response, outcome = existing, "updated"
    else:
        response = Response.objects.create(
            association=association,
            form=form,
            date=date,
            gender=gender,
            intervention=intervention,
            reference=reference,
            source=source,
        )
        outcome = "created"
    Answer.objects.bulk_create(
        Answer(association=association, response=response, question_id=pk, value=value)
        for pk, value in wanted.items()
    )
    return response, outcome


def _percent(value: int | None) -> None:
    if value is not None and not 0 <= value <= 100:
        raise ValidationError(_("En andel anges i hela procent, 0–100."))


def save_national_figure(
    *,
    association: Association,
    year: int,
    form_code: str,
    question: int,
    total: int,
    women: int | None,
    men: int | None,
    response_rate: int | None = None,
) -> tuple[NationalFigure, str]:
    for value in (total, women, men, response_rate):
        _percent(value)
    values = {"total": total, "women": women, "men": men, "response_rate": response_rate}
    return _save(
        NationalFigure,
        {"association": association, "year": year, "form_code": form_code, "question": question},
        values,
    )


def save_earlier_result(
    *,
    association: Association,
    year: int,
    form_code: str,
    question: int,
    n: int | None,
    total: int | None,
    women: int | None,
    men: int | None,
) -> tuple[EarlierResult, str]:
    for value in (total, women, men):
        _percent(value)
    return _save(
        EarlierResult,
        {"association": association, "year": year, "form_code": form_code, "question": question},
        {"n": n, "total": total, "women": women, "men": men},
    )


def save_asked_count(
    *,
    association: Association,
    year: int,
    form_code: str,
    intervention: Intervention | None,
    asked: int,
) -> tuple[AskedCount, str]:
    if form_code not in INTERVENTION_FORMS:
        intervention = None
    return _save(
        AskedCount,
        {
            "association": association,
            "year": year,
            "form_code": form_code,
            "intervention": intervention,
        },
        {"asked": asked},
    )


def _save(model: type[M], key: Mapping[str, object], values: Mapping[str, object]) -> tuple[M, str]:
    row = model.objects.filter(**key).first()
    if row is None:
        return model.objects.create(**key, **values), "created"
    if all(getattr(row, name) == value for name, value in values.items()):
        return row, "unchanged"
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    return row, "updated"


def open_link(
    *,
    association: Association,
    form: Form,
    year: int,
    intervention: Intervention | None = None,
) -> CollectionLink:
    """A new anonymous link; the token is 256 random bits (unguessable)."""
    if form.code in INTERVENTION_FORMS and intervention is None:
        raise ValidationError(_("Formuläret besvaras per insats; ange insatsen."))
    if form.code not in INTERVENTION_FORMS:
        intervention = None
    return CollectionLink.objects.create(
        association=association,
        form=form,
        year=year,
        intervention=intervention,
        token=secrets.token_urlsafe(32),
    )


def close_link(*, link: CollectionLink, today: dt.date) -> CollectionLink:
    if link.closed_on is None:
        link.closed_on = today
        link.save(update_fields=["closed_on"])
    return link


def save_comments(*, association: Association, year: int, texts: Mapping[int, str]) -> None:
    """The office's comments in the report of ``year``; an empty text removes one."""
    for indicator, text in texts.items():
        if not 0 <= indicator <= 16:
            raise ValidationError(_("Okänd indikator."))
        if text:
            ReportComment.objects.update_or_create(
                association=association, year=year, indicator=indicator, defaults={"text": text}
            )
        else:
            ReportComment.objects.filter(
                association=association, year=year, indicator=indicator
            ).delete()
