"""The demo association's indicator survey (a year of answers, national figures and last
year's own results) and a clearly fictional progression instrument with assessments.
Deterministic: drawn from a seeded ``random.Random``; written through the services inside
the association's scope."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping

from interventions.models import Intervention
from participants.models import Participation
from survey.choices import INTERVENTION_FORMS, JA, NEJ, Gender, Scale
from survey.instruments import current_instrument, year_bounds
from survey.models import Response
from survey.progression import define_instrument, record_assessment
from survey.services import (
    record_response,
    save_asked_count,
    save_earlier_result,
    save_national_figure,
)
from tenancy.models import Association, User

#: The measurement year with answers; the year before has only the office's own results.
SURVEY_YEAR = 2025
SURVEY_SEED = 4004
#: Only this demo association gets survey and progression data.
SURVEY_ASSOCIATION = "exempel"
#: Interventions of the demo association answered per intervention, and returned forms.
SURVEY_INTERVENTIONS = ("STEG-24", "IPS-23", "BRYGGAN-22")
RESPONDENTS = {
    "deltagare_pagaende": 34,
    "deltagare_avslut": 21,
    "personal": 15,
    "chefer": 9,
    "styrelse": 7,
}
#: Weights of the values 1..6: most answers are positive, as in seed 004.
SCALE_WEIGHTS = (2, 4, 10, 22, 30, 32)
GENDERS: tuple[str, ...] = (Gender.KVINNA, Gender.MAN, Gender.EJ_ANGIVET, Gender.ANNAT)
GENDER_WEIGHTS = (52, 40, 6, 2)
PROGRESSION_ITEMS = (
    ("Fiktivt exempel: Jag har fungerande vardagsrutiner", 1, 10),
    ("Fiktivt exempel: Jag orkar vara aktiv några timmar om dagen", 1, 10),
    ("Fiktivt exempel: Jag har någon att prata med", 1, 10),
    ("Fiktivt exempel: Jag tror att jag kan arbeta eller studera", 1, 10),
    ("Fiktivt exempel: Jag vet vad nästa steg är för mig", 1, 10),
)


def load_survey_data(
    *,
    association: Association,
    interventions: Mapping[str, Intervention],
    officers: Mapping[str, User],
) -> None:
    if association.slug != SURVEY_ASSOCIATION:
        return
    rng = random.Random(SURVEY_SEED)  # noqa: S311  # deterministic demo data, not secrets
    _answers(association, interventions, rng)
    _figures(association, interventions, rng)
    _progression(association, officers, rng)


def _answers(
    association: Association, interventions: Mapping[str, Intervention], rng: random.Random
) -> None:
    instrument = current_instrument()
    start, end = year_bounds(SURVEY_YEAR)
    days = (end - start).days
    codes = [code for code in SURVEY_INTERVENTIONS if code in interventions]
    for form_code, count in RESPONDENTS.items():
        form = instrument.forms[form_code]
        questions = instrument.questions[form_code]
        for number in range(1, count + 1):
            values: dict[int, int] = {}
            for question in questions.values():
                if question.only_after_yes_on and values.get(question.only_after_yes_on) != JA:
                    continue
                if rng.random() < 0.04:
                    continue  # left empty
                if question.scale == Scale.JANEJ:
                    values[question.number] = JA if rng.random() < 0.86 else NEJ
                else:
                    values[question.number] = rng.choices(range(1, 7), SCALE_WEIGHTS)[0]
            record_response(
                association=association,
                form=form,
                date=start + dt.timedelta(days=rng.randrange(days + 1)),
                values=values,
                gender=rng.choices(GENDERS, GENDER_WEIGHTS)[0],
                intervention=(
                    interventions[rng.choice(codes)] if form_code in INTERVENTION_FORMS else None
                ),
                reference=f"demo-{form_code}-{number}",
                source=Response.Source.PAPER,
            )


def _figures(
    association: Association, interventions: Mapping[str, Intervention], rng: random.Random
) -> None:
    instrument = current_instrument()
    rates = {
        "deltagare_pagaende": 47,
        "deltagare_avslut": 41,
        "personal": 79,
        "chefer": 52,
        "styrelse": 61,
    }
    for year in (SURVEY_YEAR - 1, SURVEY_YEAR):
        for form_code, questions in instrument.questions.items():
            for number in questions:
                total = rng.randint(48, 84)
                save_national_figure(
                    association=association,
                    year=year,
                    form_code=form_code,
                    question=number,
                    total=total,
                    women=min(100, total + rng.randint(-4, 5)),
                    men=max(0, total + rng.randint(-5, 4)),
                    response_rate=rates.get(form_code) if number == 1 else None,
                )
                if year == SURVEY_YEAR - 1:
                    own = max(0, min(100, total + rng.randint(-12, 12)))
                    save_earlier_result(
                        association=association,
                        year=year,
                        form_code=form_code,
                        question=number,
                        n=RESPONDENTS[form_code] - rng.randint(0, 5),
                        total=own,
                        women=min(100, own + rng.randint(-6, 6)),
                        men=None if form_code == "styrelse" else max(0, own - rng.randint(0, 8)),
                    )
    for form_code in sorted(INTERVENTION_FORMS):  # a frozenset: sort for the same rows every run
        for code in SURVEY_INTERVENTIONS:
            if code in interventions:
                save_asked_count(
                    association=association,
                    year=SURVEY_YEAR,
                    form_code=form_code,
                    intervention=interventions[code],
                    asked=RESPONDENTS[form_code] // 2 + rng.randint(2, 8),
                )
    for form_code in ("chefer", "styrelse"):
        save_asked_count(
            association=association,
            year=SURVEY_YEAR,
            form_code=form_code,
            intervention=None,
            asked=RESPONDENTS[form_code] + 3,
        )


def _progression(
    association: Association, officers: Mapping[str, User], rng: random.Random
) -> None:
    tool = define_instrument(
        association=association,
        name="Stegmätaren (fiktivt demoinstrument)",
        rater="deltagare",
        items=PROGRESSION_ITEMS,
    )
    for code, officer in sorted(officers.items()):
        participations = Participation.objects.filter(
            intervention__code=code, person__isnull=False
        ).order_by("entry_date", "pk")[:12]
        for participation in participations:
            last = participation.exit_date or dt.date(2026, 6, 30)
            values = [rng.randint(2, 5) for _item in PROGRESSION_ITEMS]
            day = participation.entry_date + dt.timedelta(days=14)
            while day <= last:
                record_assessment(
                    user=officer,
                    participation=participation,
                    instrument=tool,
                    date=day,
                    values=dict(enumerate(values, start=1)),
                )
                values = [max(1, min(10, v + rng.choice((-1, 0, 1, 1, 2)))) for v in values]
                day += dt.timedelta(days=91)
