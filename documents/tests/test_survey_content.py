"""The survey report's document renders the statistics layer's object only: its figures,
and the names, wordings, mode labels and comments it carries (no instrument, no model)."""

from __future__ import annotations

from typing import Any

from documents.survey.content import survey_document
from stats.survey_report import SurveyReport


def split(total: Any, women: Any, men: Any) -> dict[str, Any]:
    return {"total": total, "women": women, "men": men}


def report() -> SurveyReport:
    question = {
        "form": "personal",
        "question": 7,
        "indicator": 2,
        "key_figure": "topp2",
        "n": 12,
        "share": split(75, "masked", 80),
        "previous": split(70, None, None),
        "national": split(60, 61, 59),
        "national_previous": split(58, 57, 59),
        "mode": 5,
        "vs_national": split("higher", None, "higher"),
        "vs_previous": split("up", None, None),
    }
    data = {
        "association": "exempel",
        "year": 2021,
        "start": "2020-11-01",
        "end": "2021-10-31",
        "responses": [
            {
                "form": "personal",
                "total": 12,
                "previous_total": None,
                "women": 7,
                "men": 5,
                "other": 0,
                "rate": 80,
                "national_rate": None,
                "by_intervention": [],
            }
        ],
        "questions": [question],
        "indicators": [
            {
                "indicator": 2,
                "vs_national": split("higher", None, "higher"),
                "vs_previous": split("up", None, None),
            }
        ],
    }
    return SurveyReport(
        data=data,
        association_name="Förbundet Prov",
        comments={0: "Om svaren.", 2: "Om indikatorn."},
        form_names={"personal": "Personalformen"},
        indicator_names={2: "Indikatorns namn"},
        wordings={("personal", 7): "Frågans lydelse?"},
        mode_labels={("personal", 7): "Ofta"},
    )


def test_survey_document_renders_the_words_of_the_report_object() -> None:
    document = survey_document(report())

    section = document.sections[0]
    table = section.tables[0]
    assert document.matrix is not None
    assert (
        document.association,
        document.responses.rows[0][0].text,
        document.responses_comment,
        section.title,
        section.comment,
        table.caption,
        [cell.text for cell in table.rows[0]],
        document.matrix.rows[0][1].text,
    ) == (
        "Förbundet Prov",
        "Personalformen",
        "Om svaren.",
        "Indikator 2: Indikatorns namn",
        "Om indikatorn.",
        "Tabell 2: Frågans lydelse? (Personalformen) n 12 (föregående års mätning i parentes)",
        [
            "Personalformen",
            "75 % (70 %)",
            "* (–)",
            "80 % (–)",
            "60 % (58 %)",
            "61 % (57 %)",
            "59 % (59 %)",
            "Ofta",
        ],
        "Indikatorns namn",
    )
