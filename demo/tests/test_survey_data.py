"""The demo association's survey year and fictional progression instrument (whose
assessments give the demo memo its progression table)."""

from __future__ import annotations

from io import StringIO

import jsonschema
import pytest
from django.core.management import call_command
from django_scopes import scope

from demo.survey import RESPONDENTS, SURVEY_YEAR
from stats.memo import memo_json
from stats.survey import survey_report
from stats.survey_schema import SURVEY_SCHEMA
from survey.models import Assessment, Response
from tenancy.models import Association

pytestmark = pytest.mark.django_db


def test_load_demo_gives_a_survey_year_with_national_figures() -> None:
    call_command("load_demo", stdout=StringIO())
    association = Association.objects.get(slug="exempel")

    with scope(association=association.pk):
        data = survey_report(association, SURVEY_YEAR)
        assessments = Assessment.objects.count()
        responses = Response.objects.filter(association=association).count()
    progression = memo_json(association, "2026H1")["tables"]["progression"]["instruments"]

    jsonschema.validate(data, SURVEY_SCHEMA)
    totals = {row["form"]: row["total"] for row in data["responses"]}
    with_national = [q for q in data["questions"] if q["national"]["total"] is not None]
    with_previous = [q for q in data["questions"] if q["previous"]["total"] is not None]
    assert (totals, responses, len(with_national), len(with_previous), assessments > 20) == (
        {**RESPONDENTS, "remittenter": 0},
        sum(RESPONDENTS.values()),
        41,
        41,
        True,
    )
    # The demo memo shows the fictional instrument's progression table.
    assert [
        (each["instrument"], [row["intervention"] for row in each["rows"]]) for each in progression
    ] == [("Stegmätaren (fiktivt demoinstrument)", ["STEG-24", "UNGA-25"])]
