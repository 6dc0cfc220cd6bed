"""Generated participant data of Samordningsförbundet Exempel: how each individual
intervention takes in participants, the monthly counts of the count-only interventions, the
activities, and the synthetic names. ``demo.participants`` turns these into rows.

The window runs from 2025-01-01 to 2026-11-15, a week before "today" in the demo (2026-11-22),
so that 2025 and both halves of 2026 have data.
"""

from __future__ import annotations

from demo.data.exempel import (
    AF,
    ASBY_AME,
    ASBY_VUX,
    EKBY_AME,
    EXEMPEL_AME,
    FK,
    FOLKHOGSKOLA,
    FORETAGARNA,
    KANSLIET,
    PRIMARVARDEN,
    PSYKIATRIN,
    STRANDVIK_IFO,
    VUXENSKOLAN,
)
from demo.data.specs import (
    ActivitySpec,
    ParticipantDataSpec,
    ParticipantProfile,
    VolumeProfile,
    d,
)
from interventions.models import Aim
from participants.choices import ActivityType, Education, ExitReason, IncomeSource, Referrer
from participants.choices import PublicSupportTime as Support

#: Seed of the random generator of the participant data (separate from the budget seed, so
#: that changing one does not change the other).
PARTICIPANT_SEED = 20251115

#: Serial numbers (the three digits after the birth date) of the synthetic personnummer.
DEMO_SERIALS = range(980, 1000)
#: Share of women among participants with personal data (the personnummer gives the gender).
WOMEN_SHARE = 0.55
#: Share of participations registered anonymously.
ANONYMOUS_SHARE = 0.08
#: Share of persons with personal data who take part again (later, in any intervention).
RETURNING_SHARE = 0.03
#: Number of exits recorded as registration mistakes (felregistrering).
MISTAKES = 2

_R = Referrer
DEFAULT_PROFILE = ParticipantProfile(
    monthly_intake=3.0,
    referrers=((_R.AF, 30), (_R.FK, 20), (_R.SOCIAL_SERVICES, 30), (_R.SELF, 10), (_R.OTHER, 10)),
)

PROFILES: dict[str, ParticipantProfile] = {
    "STEG-24": ParticipantProfile(
        monthly_intake=4.0,
        referrers=((_R.AF, 30), (_R.FK, 20), (_R.SOCIAL_SERVICES, 30), (_R.REGION, 10),
                   (_R.MUNICIPALITY_OTHER, 5), (_R.SELF, 5)),
        action_plan_share=0.6,
    ),
    "IPS-23": ParticipantProfile(
        monthly_intake=3.3,
        referrers=((_R.REGION, 60), (_R.AF, 15), (_R.FK, 10), (_R.SELF, 10),
                   (_R.SOCIAL_SERVICES, 5)),
        action_plan_share=0.5,
    ),
    "BRYGGAN-22": ParticipantProfile(
        monthly_intake=6.0,
        referrers=((_R.AF, 35), (_R.SOCIAL_SERVICES, 30), (_R.FK, 20),
                   (_R.MUNICIPALITY_OTHER, 10), (_R.SELF, 5)),
        action_plan_share=0.5,
    ),
    "UNGA-25": ParticipantProfile(
        monthly_intake=5.0,
        referrers=((_R.SOCIAL_SERVICES, 35), (_R.AF, 25), (_R.MUNICIPALITY_OTHER, 15),
                   (_R.SELF, 10), (_R.REGION, 10), (_R.OTHER, 5)),
        min_age=18,
        max_age=29,
        action_plan_share=0.95,
    ),
    "LOTSEN-24": ParticipantProfile(
        monthly_intake=3.0,
        referrers=((_R.SOCIAL_SERVICES, 40), (_R.REGION, 25), (_R.FK, 20), (_R.SELF, 10),
                   (_R.OTHER, 5)),
        action_plan_share=0.95,
    ),
    "SPRAK-26": ParticipantProfile(
        monthly_intake=4.5,
        referrers=((_R.AF, 60), (_R.MUNICIPALITY_OTHER, 20), (_R.SOCIAL_SERVICES, 15),
                   (_R.OTHER, 5)),
        action_plan_share=0.92,
        typical_income=IncomeSource.ESTABLISHMENT,
        typical_income_share=0.6,
    ),
}  # fmt: skip

_ED = Education
EDUCATION_WEIGHTS: tuple[tuple[str, int], ...] = (
    (_ED.NONE, 8),
    (_ED.COMPULSORY, 27),
    (_ED.UPPER_SECONDARY, 42),
    (_ED.POST_SECONDARY, 15),
    (_ED.UNKNOWN, 8),
)

SUPPORT_WEIGHTS: tuple[tuple[str, int], ...] = (
    (Support.NONE, 8),
    (Support.UNDER_1, 20),
    (Support.Y1_3, 30),
    (Support.Y3_6, 20),
    (Support.Y6_9, 10),
    (Support.Y9_PLUS, 7),
    (Support.UNKNOWN, 5),
)
#: The fewest years of adult life a time on public support needs (an 19-year-old has not
#: had support for 6 years).
SUPPORT_MIN_YEARS: dict[str, int] = {Support.Y3_6: 3, Support.Y6_9: 6, Support.Y9_PLUS: 9}

_IN = IncomeSource
#: Income sources before entry by referrer: (source, weight).
INCOME_BY_REFERRER: dict[str, tuple[tuple[str, int], ...]] = {
    _R.AF: ((_IN.ACTIVITY_SUPPORT, 60), (_IN.UNEMPLOYMENT_FUND, 15), (_IN.NONE, 15),
            (_IN.ESTABLISHMENT, 10)),
    _R.FK: ((_IN.SICKNESS_BENEFIT, 50), (_IN.SICKNESS_COMPENSATION, 20),
            (_IN.ACTIVITY_COMPENSATION, 30)),
    _R.SOCIAL_SERVICES: ((_IN.SOCIAL_ASSISTANCE, 90), (_IN.NONE, 10)),
    _R.MUNICIPALITY_OTHER: ((_IN.SOCIAL_ASSISTANCE, 60), (_IN.NONE, 25), (_IN.OTHER, 15)),
    _R.REGION: ((_IN.SICKNESS_BENEFIT, 40), (_IN.SOCIAL_ASSISTANCE, 35),
                (_IN.ACTIVITY_COMPENSATION, 25)),
    _R.SELF: ((_IN.NONE, 40), (_IN.SOCIAL_ASSISTANCE, 35), (_IN.OTHER, 25)),
    _R.OTHER: ((_IN.OTHER, 60), (_IN.SOCIAL_ASSISTANCE, 40)),
}  # fmt: skip
#: Share of participants with försörjningsstöd on top of their first income source.
SOCIAL_ASSISTANCE_TOP_UP = 0.2

_X = ExitReason
#: Exit reasons and their weights: (reason, weight when the intervention's aim is work,
#: weight when it is pre-rehabilitation).
_EXIT_TABLE: tuple[tuple[str, int, int], ...] = (
    (_X.WORK_UNSUBSIDISED, 18, 6),
    (_X.WORK_SUBSIDISED, 12, 6),
    (_X.OWN_BUSINESS, 2, 1),
    (_X.STUDIES, 12, 14),
    (_X.JOB_SEEKING, 14, 14),
    (_X.CONTINUED_REHABILITATION, 14, 28),
    (_X.ILLNESS, 8, 12),
    (_X.PARENTAL_LEAVE, 4, 4),
    (_X.MOVED, 4, 4),
    (_X.BROKE_OFF, 8, 9),
    (_X.OTHER, 4, 4),
)
#: Exit reasons by the aim of the intervention: (reason, weight). felregistrering is added
#: separately (``MISTAKES``).
EXIT_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    Aim.WORK: tuple((reason, work) for reason, work, _pre in _EXIT_TABLE),
    Aim.PRE_REHABILITATION: tuple((reason, pre) for reason, _work, pre in _EXIT_TABLE),
}
#: Work extents (arbetsgrad, %) of work exits: (extent, weight).
WORK_EXTENT_WEIGHTS: tuple[tuple[int, int], ...] = ((100, 40), (75, 20), (50, 25), (25, 15))
#: Days from entry to exit by aim: (shortest, longest).
DURATION_DAYS: dict[str, tuple[int, int]] = {
    Aim.WORK: (90, 630),
    Aim.PRE_REHABILITATION: (120, 690),
}

WOMEN_NAMES = (
    "Aisha", "Amira", "Camilla", "Ebba", "Elin", "Emma", "Frida", "Hanna", "Hawa", "Ida",
    "Johanna", "Leila", "Linnea", "Malin", "Maria", "Natalia", "Noor", "Sanna", "Sara",
    "Tove", "Wilma", "Zeynep", "Alva", "Rahel",
)  # fmt: skip
MEN_NAMES = (
    "Adam", "Ahmed", "Ali", "Anton", "Dawit", "Elias", "Emil", "Erik", "Filip", "Hassan",
    "Jonas", "Karl", "Lucas", "Marcus", "Mikael", "Mohammed", "Oskar", "Samir", "Tobias",
    "Viktor", "Yusuf", "Albin", "Isak", "Kevin",
)  # fmt: skip
#: Surnames; none of them is a surname of the demo's staff, board or steering groups.
SURNAMES = (
    "Abdi", "Ahmadi", "Axelsson", "Bengtsson", "Berglund", "Blom", "Fredriksson",
    "Gustafsson", "Hansson", "Hermansson", "Hussein", "Håkansson", "Ibrahim", "Isaksson",
    "Jakobsson", "Jansson", "Johansson", "Khalil", "Larsson", "Lindström", "Magnusson",
    "Mattsson", "Mohamed", "Nowak", "Nyberg", "Olsson", "Pettersson", "Sandström",
    "Sjögren", "Sundberg", "Svensson", "Söderberg", "Wallin", "Yilmaz",
)  # fmt: skip

VOLUMES: dict[str, VolumeProfile] = {
    "PRAKTIK-25": VolumeProfile(mean_total=32, women_share=0.45),
    "LOKUS-23": VolumeProfile(mean_total=12, women_share=0.55),
    "DIGITAL-24": VolumeProfile(mean_total=35, women_share=0.5),
    "REKO-23": VolumeProfile(mean_total=18, women_share=0.8),
    "SMAIL-25": VolumeProfile(mean_total=9, women_share=0.7),
    "INDIKATOR-24": VolumeProfile(mean_total=6, women_share=0.65),
    "SEMINARIER-25": VolumeProfile(mean_total=45, women_share=0.7),
}
DEFAULT_VOLUME = VolumeProfile(mean_total=10, women_share=0.55)
#: Seasonal factor of the monthly counts (summer and Christmas are quiet).
SEASON: dict[int, float] = {6: 0.8, 7: 0.3, 8: 0.7, 12: 0.7}

_A = ActivityType
ACTIVITIES = (
    ActivitySpec(d(2025, 1, 28), "Frukostseminarium: Psykisk hälsa och arbete", _A.SEMINAR,
                 "SEMINARIER-25", 34, 9, 0, (FK, AF, PSYKIATRIN, EXEMPEL_AME)),
    ActivitySpec(d(2025, 2, 13), "SMAIL grundkurs, del 1", _A.TRAINING,
                 "SMAIL-25", 14, 4, 0, (EXEMPEL_AME, STRANDVIK_IFO, FK)),
    ActivitySpec(d(2025, 3, 6), "Nätverksträff för rehabiliteringskoordinatorer", _A.NETWORK,
                 "REKO-23", 19, 2, 0, (PRIMARVARDEN, FK)),
    ActivitySpec(d(2025, 3, 20), "Webbinarium: Aktivitetsstöd och försörjningsstöd", _A.WEBINAR,
                 None, 41, 12, 1, (AF, EXEMPEL_AME, EKBY_AME, ASBY_AME, STRANDVIK_IFO)),
    ActivitySpec(d(2025, 4, 10), "Behovsdialog i lokusgruppen Exempel", _A.DIALOGUE,
                 "LOKUS-23", 7, 4, 0, (EXEMPEL_AME, FK, AF, PSYKIATRIN)),
    ActivitySpec(d(2025, 5, 15), "Samverkansdagen 2025", _A.CONFERENCE,
                 "SEMINARIER-25", 96, 31, 2,
                 (FK, AF, PSYKIATRIN, PRIMARVARDEN, EXEMPEL_AME, EKBY_AME, ASBY_AME,
                  STRANDVIK_IFO, VUXENSKOLAN)),
    ActivitySpec(d(2025, 6, 5), "Webbinarium: Digital samhällsorientering på fem språk",
                 _A.WEBINAR, "DIGITAL-24", 22, 10, 0, (VUXENSKOLAN, ASBY_VUX, AF)),
    ActivitySpec(d(2025, 9, 11), "SMAIL grundkurs, del 2", _A.TRAINING,
                 "SMAIL-25", 13, 4, 0, (EXEMPEL_AME, STRANDVIK_IFO, FK)),
    ActivitySpec(d(2025, 9, 25), "Frukostseminarium: Unga som varken arbetar eller studerar",
                 _A.SEMINAR, "SEMINARIER-25", 29, 11, 1, (STRANDVIK_IFO, AF, FOLKHOGSKOLA)),
    ActivitySpec(d(2025, 10, 9), "Dialogmöte med arbetsgivare i Exempel kommun", _A.DIALOGUE,
                 "LOKUS-23", 9, 8, 0, (EXEMPEL_AME, AF, FORETAGARNA)),
    ActivitySpec(d(2025, 10, 23), "Nätverksträff för arbetsmarknadsenheterna", _A.NETWORK,
                 None, 12, 7, 0, (EXEMPEL_AME, EKBY_AME, ASBY_AME)),
    ActivitySpec(d(2025, 11, 20), "Indikatorenkäten 2025: resultat och dialog", _A.OTHER,
                 "INDIKATOR-24", 16, 6, 0, (KANSLIET, FK, AF, PSYKIATRIN, EXEMPEL_AME)),
    ActivitySpec(d(2025, 12, 4), "Studiebesök på Samordningsförbundet Norr", _A.OTHER,
                 None, 5, 2, 0, (KANSLIET, EXEMPEL_AME)),
    ActivitySpec(d(2026, 1, 29), "Frukostseminarium: Våld i nära relationer och arbetsförmåga",
                 _A.SEMINAR, "SEMINARIER-25", 38, 6, 0, (STRANDVIK_IFO, FK, PRIMARVARDEN)),
    ActivitySpec(d(2026, 2, 12), "Webbinarium: Indikatorerna för finansiell samordning",
                 _A.WEBINAR, "INDIKATOR-24", 18, 7, 0, (KANSLIET, FK, AF)),
    ActivitySpec(d(2026, 3, 12), "Utbildning i motiverande samtal", _A.TRAINING,
                 None, 23, 5, 1, (EXEMPEL_AME, EKBY_AME, STRANDVIK_IFO, AF)),
    ActivitySpec(d(2026, 4, 16), "Nätverksträff för handledare i individinsatserna",
                 _A.NETWORK, "SMAIL-25", 15, 6, 0, (EXEMPEL_AME, STRANDVIK_IFO, FOLKHOGSKOLA)),
    ActivitySpec(d(2026, 5, 21), "Samverkansdagen 2026", _A.CONFERENCE,
                 "SEMINARIER-25", 102, 28, 3,
                 (FK, AF, PSYKIATRIN, PRIMARVARDEN, EXEMPEL_AME, EKBY_AME, ASBY_AME,
                  STRANDVIK_IFO, VUXENSKOLAN, FOLKHOGSKOLA)),
    ActivitySpec(d(2026, 9, 17), "Dialog om gemensam kartläggning", _A.DIALOGUE,
                 "LOKUS-23", 8, 5, 0, (EXEMPEL_AME, FK, AF, PRIMARVARDEN)),
    ActivitySpec(d(2026, 10, 8), "Webbinarium: Att följa progressionen med SMAIL",
                 _A.WEBINAR, "SMAIL-25", 27, 8, 0, (EXEMPEL_AME, STRANDVIK_IFO, ASBY_AME)),
    ActivitySpec(d(2026, 10, 22), "Frukostseminarium: Funktionsnedsättning och arbetsliv",
                 _A.SEMINAR, "SEMINARIER-25", 31, 10, 0, (FK, AF, EXEMPEL_AME, VUXENSKOLAN)),
)  # fmt: skip

EXEMPEL_PARTICIPANTS = ParticipantDataSpec(
    start=d(2025, 1, 1),
    end=d(2026, 11, 15),
    seed=PARTICIPANT_SEED,
    profiles=PROFILES,
    volumes=VOLUMES,
    activities=ACTIVITIES,
)
