import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from survey.choices import FORM_ORDER
from survey.instruments import current_instrument, measurement_year, year_bounds
from survey.models import Answer, Form, NationalFigure, Question, Response
from survey.services import record_response
from testing.factories import AssociationFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_instruments_ship_six_forms_and_41_questions() -> None:
    instrument = current_instrument()

    assert (list(instrument.forms), [len(q) for q in instrument.questions.values()]) == (
        list(FORM_ORDER),
        [7, 10, 11, 8, 5, 0],
    )


def test_instruments_indicators_are_1_to_16_without_11() -> None:
    indicators = set(Question.objects.values_list("indicator", flat=True))

    assert indicators == set(range(1, 17)) - {11}


def test_instrument_question_cannot_be_changed() -> None:
    question = Question.objects.get(form__code="personal", number=1)
    question.wording = "Annan formulering"

    with pytest.raises(ValidationError):
        question.save()


def test_instrument_forms_cannot_be_deleted_or_updated_in_bulk() -> None:
    with pytest.raises(ValidationError):
        Form.objects.all().delete()
    with pytest.raises(ValidationError):
        Question.objects.update(wording="x")


def test_measurement_year_runs_november_to_october() -> None:
    assert (
        measurement_year(dt.date(2020, 10, 31)),
        measurement_year(dt.date(2020, 11, 1)),
        year_bounds(2021),
    ) == (2020, 2021, (dt.date(2020, 11, 1), dt.date(2021, 10, 31)))


def test_response_has_no_link_to_a_person() -> None:
    names = {field.name for field in Response._meta.get_fields()}

    assert names == {
        "id",
        "association",
        "form",
        "date",
        "gender",
        "intervention",
        "reference",
        "source",
        "answers",
    }


def test_record_response_stores_values_per_question() -> None:
    association = AssociationFactory.create()
    intervention = InterventionFactory.create(association=association)
    form = current_instrument().forms["deltagare_pagaende"]

    response, outcome = record_response(
        association=association,
        form=form,
        date=dt.date(2021, 3, 1),
        values={1: 6, 4: 1},
        gender="kvinna",
        intervention=intervention,
        reference="S1",
    )

    assert (outcome, sorted(response.answers.values_list("question__number", "value"))) == (
        "created",
        [(1, 6), (4, 1)],
    )


def test_record_response_same_reference_replaces_and_is_idempotent() -> None:
    association = AssociationFactory.create()
    form = current_instrument().forms["styrelse"]
    day = dt.date(2021, 3, 1)
    record_response(association=association, form=form, date=day, values={1: 2}, reference="S1")

    _r, second = record_response(
        association=association, form=form, date=day, values={1: 5}, reference="S1"
    )
    _r, third = record_response(
        association=association, form=form, date=day, values={1: 5}, reference="S1"
    )

    assert (second, third, list(Answer.objects.values_list("value", flat=True))) == (
        "updated",
        "unchanged",
        [5],
    )


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({8: 3}, "Formuläret styrelse har ingen fråga 8."),
        ({1: 7}, "Fråga 1: svaret 7 finns inte på skalan."),
        ({1: 0}, "Fråga 1: svaret 0 finns inte på skalan."),
    ],
)
def test_record_response_refuses_bad_values(values: dict[int, int], message: str) -> None:
    association = AssociationFactory.create()
    form = current_instrument().forms["styrelse"]

    with pytest.raises(ValidationError) as error:
        record_response(association=association, form=form, date=dt.date(2021, 1, 1), values=values)

    assert (error.value.messages, Response.objects.count()) == ([message], 0)


def test_record_response_participant_form_needs_intervention() -> None:
    association = AssociationFactory.create()
    form = current_instrument().forms["personal"]

    with pytest.raises(ValidationError):
        record_response(association=association, form=form, date=dt.date(2021, 1, 1), values={})


def test_national_figure_percent_out_of_range_is_refused_by_database() -> None:
    association = AssociationFactory.create()

    with pytest.raises(IntegrityError):
        NationalFigure.objects.create(
            association=association, year=2021, form_code="chefer", question=1, total=101
        )


@pytest.mark.django_db(transaction=True)
def test_instruments_come_back_after_tables_are_flushed() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM survey_question")
        cursor.execute("DELETE FROM survey_form")

    instrument = current_instrument()

    assert [len(q) for q in instrument.questions.values()] == [7, 10, 11, 8, 5, 0]
