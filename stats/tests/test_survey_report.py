"""The survey report object documents render (``stats.survey_report``): the contract JSON
of ``stats.survey.survey_report`` with the words the report shows and the office's
comments."""

from __future__ import annotations

import pytest
from django_scopes import scope

from stats.survey import survey_report
from stats.survey_report import comments_of, survey_report_for
from survey.choices import FormCode
from survey.indicators import INDICATOR_NAMES
from survey.instruments import current_instrument
from survey.models import ReportComment
from testing.personas import World

pytestmark = pytest.mark.django_db


def test_survey_report_for_carries_the_contract_and_its_words(world: World) -> None:
    with scope(association=world.association.pk):
        report = survey_report_for(world.association, 2021)
        data = survey_report(world.association, 2021)
        instrument = current_instrument()

    assert (
        report.data,
        report.association_name,
        report.form_names,
        report.indicator_names,
        report.wordings[("personal", 1)],
    ) == (
        data,
        world.association.name,
        {code.value: str(code.label) for code in FormCode},
        INDICATOR_NAMES,
        instrument.questions["personal"][1].wording,
    )


def test_survey_report_for_has_the_office_comments_of_its_year_only(world: World) -> None:
    ReportComment.objects.create(association=world.association, year=2021, indicator=0, text="A")
    ReportComment.objects.create(association=world.association, year=2021, indicator=3, text="B")
    ReportComment.objects.create(association=world.association, year=2020, indicator=3, text="C")
    ReportComment.objects.create(
        association=world.other_association, year=2021, indicator=4, text="D"
    )

    with scope(association=world.association.pk):
        report = survey_report_for(world.association, 2021)

    assert (report.comments, comments_of(world.association, 2021)) == (
        {0: "A", 3: "B"},
        {0: "A", 3: "B"},
    )
