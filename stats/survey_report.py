"""The survey report as one object for the documents (``documents.survey``): the JSON
contract of :func:`stats.survey.survey_report` plus the words the report shows (the forms'
names, the questions' wordings, the scale label of each question's mode, the indicators'
names) and the office's comments, so the documents read no model and no instrument."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stats.survey import survey_report
from survey.choices import FormCode
from survey.indicators import INDICATOR_NAMES
from survey.instruments import Instrument, current_instrument
from survey.models import ReportComment
from tenancy.models import Association


@dataclass(frozen=True)
class SurveyReport:
    #: the JSON contract of spec/survey.md section 6
    data: dict[str, Any]
    association_name: str
    #: the office's comment per indicator; 0 is the comment on the responses table
    comments: dict[int, str] = field(default_factory=dict)
    #: form code -> its name ("Deltagare, pågående insats")
    form_names: dict[str, str] = field(default_factory=dict)
    #: indicator number -> its name
    indicator_names: dict[int, str] = field(default_factory=dict)
    #: (form code, question number) -> the question's wording
    wordings: dict[tuple[str, int], str] = field(default_factory=dict)
    #: (form code, question number) -> the label of the mode on the question's scale, for
    #: the questions whose mode is a scale value
    mode_labels: dict[tuple[str, int], str] = field(default_factory=dict)


def comments_of(association: Association, year: int) -> dict[int, str]:
    """The office's comments on the report of ``year``, keyed by indicator (0: responses)."""
    return dict(
        ReportComment.objects.filter(association=association, year=year).values_list(
            "indicator", "text"
        )
    )


def _mode_labels(data: dict[str, Any], instrument: Instrument) -> dict[tuple[str, int], str]:
    labels: dict[tuple[str, int], str] = {}
    for question in data["questions"]:
        value = question["mode"]
        if value is None or isinstance(value, str):
            continue
        form = instrument.forms[question["form"]]
        scale = instrument.questions[question["form"]][question["question"]].scale
        labels[(question["form"], question["question"])] = str(form.scale_labels[scale][str(value)])
    return labels


def survey_report_for(association: Association, year: int) -> SurveyReport:
    """The report of measurement year ``year`` with its words (inside the association's
    scope)."""
    instrument = current_instrument()
    data = survey_report(association, year, instrument=instrument)
    return SurveyReport(
        data=data,
        association_name=association.name,
        comments=comments_of(association, year),
        form_names={code: str(label) for code, label in FormCode.choices},
        indicator_names=dict(INDICATOR_NAMES),
        wordings={
            (form, number): question.wording
            for form, questions in instrument.questions.items()
            for number, question in questions.items()
        },
        mode_labels=_mode_labels(data, instrument),
    )
