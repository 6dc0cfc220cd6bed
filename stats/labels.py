"""The Swedish labels of the codes in the memo JSON (kinds, answers, exit reasons,
education levels, activity types, goals), derived from the domain's TextChoices so that a
label is written once. Where the memo shows another text than the choice's label, the
difference is spelled out here, in ``MEMO_WORDING`` and the two derivations below it, and
nowhere else (``documents.memo.labels`` re-exports these for the documents).

Import only after Django's apps are ready: the labels are evaluated when this module loads.
"""

from __future__ import annotations

from django.db.models import Choices

from followup.models import Colour, Forecast, OnTrack
from interventions.models import Kind
from participants.choices import ActivityType, Education, ExitReason
from stats.models import COUNT_GOALS as COUNT_GOAL_CODES
from stats.models import GoalCode


def labels(choices: type[Choices], **wording: str) -> dict[str, str]:
    """``{code: label}`` of a TextChoices, with the memo's own wording of some codes."""
    return {str(code): wording.get(str(code), str(label)) for code, label in choices.choices}


#: The memo's wording where it differs from the choice's label (the form's label is longer
#: than a table row holds).
MEMO_WORDING: dict[str, dict[str, str]] = {
    "exit_reasons": {ExitReason.JOB_SEEKING.value: "Aktivt arbetssökande"},
    "education": {Education.UNKNOWN.value: "Okänd utbildning"},
    "goals": {GoalCode.STRUCTURAL_ON_TRACK.value: "Andel strukturinsatser i fas med sina mål"},
}

#: The memo groups interventions under a plural heading of the kind ("Individinsatser").
KIND_PLURALS: dict[str, str] = {
    Kind.INDIVIDUAL.value: "Individinsatser",
    Kind.STRUCTURAL.value: "Strukturinsatser",
    Kind.COMPETENCE.value: "Kompetenshöjande insatser",
    Kind.OTHER.value: "Övriga insatser",
}
ON_TRACK = labels(OnTrack)
FORECAST = labels(Forecast)
#: A review colour's first word ("Grön" of "Grön – i fas").
COLOURS = {code: label.split(" – ")[0] for code, label in labels(Colour).items()}
EXIT_REASONS = labels(ExitReason, **MEMO_WORDING["exit_reasons"])
EDUCATION = labels(Education, **MEMO_WORDING["education"])
ACTIVITY_TYPES = labels(ActivityType)
#: The memo's goals (section 17): the goal's label without the unit "(%)".
MEMO_GOALS = (
    GoalCode.WORK_DIRECTED_TO_WORK_OR_STUDIES.value,
    GoalCode.PREREHAB_ACTION_PLAN.value,
    GoalCode.STRUCTURAL_ON_TRACK.value,
    GoalCode.ACTIVITIES.value,
)
GOALS = {
    code: label.removesuffix(" (%)")
    for code, label in labels(GoalCode, **MEMO_WORDING["goals"]).items()
    if code in MEMO_GOALS
}
#: The memo's goals whose figure is a count, not a share.
COUNT_GOALS = {code.value for code in COUNT_GOAL_CODES}
