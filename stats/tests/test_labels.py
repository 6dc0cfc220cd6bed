"""The memo's labels come from the TextChoices; only ``MEMO_WORDING`` differs."""

from __future__ import annotations

from followup.models import Colour, Forecast, OnTrack
from participants.choices import ActivityType, Education, ExitReason
from stats import labels


def _choices(choices: type) -> dict[str, str]:
    return {str(code): str(label) for code, label in choices.choices}  # type: ignore[attr-defined]  # a TextChoices class


def test_labels_equal_the_choices_except_the_memo_wording() -> None:
    derived = {
        "exit_reasons": (labels.EXIT_REASONS, ExitReason),
        "education": (labels.EDUCATION, Education),
    }

    differences = {
        name: {code: text for code, text in memo.items() if _choices(choices)[code] != text}
        for name, (memo, choices) in derived.items()
    }

    assert differences == {
        "exit_reasons": {"arbetssokande": "Aktivt arbetssökande"},
        "education": {"okand": "Okänd utbildning"},
    }


def test_answer_and_activity_labels_are_the_choices() -> None:
    assert (
        _choices(OnTrack),
        _choices(Forecast),
        _choices(ActivityType),
    ) == (labels.ON_TRACK, labels.FORECAST, labels.ACTIVITY_TYPES)


def test_colours_are_the_first_word_of_the_review_colour() -> None:
    assert labels.COLOURS == {"green": "Grön", "yellow": "Gul", "red": "Röd"}
    assert set(labels.COLOURS) == set(Colour.values)


def test_memo_goals_drop_the_unit() -> None:
    assert labels.GOALS == {
        "work_directed_to_work_or_studies": (
            "Andel avslutade till arbete eller studier i arbetsinriktade individinsatser"
        ),
        "prerehab_action_plan": "Andel deltagare med handlingsplan i förrehabiliterande insatser",
        "structural_on_track": "Andel strukturinsatser i fas med sina mål",
        "activities": "Antal aktiviteter",
    }
