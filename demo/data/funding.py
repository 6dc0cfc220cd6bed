"""Applications and final reports of Samordningsförbundet Exempel: a new intervention
granted for 2026-2027 ("Vägen vidare"), an extension of "Steg till arbete" into 2027, an
application still being prepared, and the final report of "Bryggan" (ended 2025-08-31).
"""

from __future__ import annotations

from demo.data.exempel import (
    AF,
    ASBY_AME,
    ASBY_VUX,
    EKBY_AME,
    EXEMPEL_AME,
    FK,
    LOKUS_EXEMPEL,
    PRIMARVARDEN,
)
from demo.data.specs import (
    ApplicationSpec,
    AssessmentSpec,
    DecisionSpec,
    FinalReportSpec,
    GoalSpec,
    SignatureSpec,
    d,
)
from followup.models import YesPartlyNo
from funding.models import Outcome, Recommendation
from interventions.models import Aim, FollowUp, Kind

#: The conditions the board attaches to every grant (seed 001).
GRANT_CONDITIONS = (
    "Finansieringen gäller under förutsättning att förbundet beviljas medel från "
    "medlemmarna och att insatsen följer ansökan, gällande lagstiftning och förbundets "
    "styrdokument."
)

VAGEN_VIDARE = ApplicationSpec(
    name="Vägen vidare",
    code="VAGEN-26",
    extends=None,
    owner=EXEMPEL_AME,
    partners=(AF, FK, PRIMARVARDEN),
    kind=Kind.INDIVIDUAL,
    aim=Aim.WORK,
    follow_up=FollowUp.COUNTS,
    start=d(2026, 1, 1),
    end=d(2027, 12, 31),
    target_group="Personer 20–64 år i Exempel kommun som har avslutat en arbetsförberedande "
    "insats men inte kommit vidare till arbete eller studier inom sex månader.",
    method="En arbetskonsulent och en studie- och yrkesvägledare ger individuellt stöd i upp "
    "till sex månader, med arbetsgivarkontakter och gemensam planering med "
    "Arbetsförmedlingen.",
    follow_up_plan="Antal deltagare per månad och utfall vid avslut redovisas i "
    "kvartalsrapporterna; progressionen mäts med SMAIL.",
    expected_participants=60,
    received_on=d(2025, 9, 15),
    years=((2026, 1_200_000), (2027, 1_250_000)),
    goals=(
        GoalSpec(
            "Deltagarna ska komma vidare till arbete eller studier.",
            "40 % av deltagarna har arbete eller studier sex månader efter avslut",
        ),
        GoalSpec(
            "Fler arbetsgivare ska ta emot personer från insatserna.",
            "30 nya arbetsgivarkontakter per år",
        ),
    ),
    assessment=AssessmentSpec(
        text="Ansökan bygger på erfarenheterna från Steg till arbete och Praktikplatsen, där "
        "en del deltagare inte kommer vidare efter avslut. Bedömningen är att insatsen ligger "
        "i linje med förbundets inriktning vad gäller målgrupp och innehåll. Målen är mätbara "
        "och uppföljningen sker löpande. Ansökan har diskuterats i lokusgruppen Exempel och är "
        "förankrad hos parterna.",
        recommendation=Recommendation.GRANT,
        assessed_on=d(2025, 10, 20),
    ),
    decision=DecisionSpec(
        outcome=Outcome.GRANTED,
        decided_on=d(2025, 11, 14),
        meeting_reference="§ 8, styrelsemöte 2025-11-14",
        conditions=GRANT_CONDITIONS,
        start=d(2026, 1, 1),
        end=d(2027, 12, 31),
        years=((2026, 1_200_000), (2027, 1_250_000)),
    ),
    steering_group=LOKUS_EXEMPEL,
    lead="insatsansvarig@exempel.se",
)

STEG_EXTENSION = ApplicationSpec(
    name="Exempel, Steg till arbete – förlängning 2027",
    code="",
    extends="STEG-24",
    owner=EXEMPEL_AME,
    partners=(FK, AF),
    kind=Kind.INDIVIDUAL,
    aim=Aim.WORK,
    follow_up=FollowUp.PERSONAL_DATA,
    start=d(2027, 1, 1),
    end=d(2027, 12, 31),
    target_group="Som tidigare: personer 18–64 år i Exempel kommun som står långt från "
    "arbetsmarknaden och behöver samordnat stöd från flera parter.",
    method="Arbetet fortsätter enligt ansökan 2024 med två arbetsspecialister och en "
    "samordnare; arbetsgivarkontakterna tas över av Vägen vidare.",
    follow_up_plan="Kvartalsrapporter och deltagaruppföljning som tidigare.",
    expected_participants=25,
    received_on=d(2026, 8, 20),
    years=((2027, 1_850_000),),
    assessment=AssessmentSpec(
        text="Insatsen når sin målgrupp och andelen avslut till arbete eller studier ligger "
        "nära målet. En förlängning ger parterna tid att besluta om implementering i "
        "ordinarie verksamhet. Kansliet föreslår att förlängningen beviljas med villkoret att "
        "en implementeringsplan redovisas senast 2027-06-30.",
        recommendation=Recommendation.GRANT,
        assessed_on=d(2026, 9, 15),
    ),
    decision=DecisionSpec(
        outcome=Outcome.GRANTED,
        decided_on=d(2026, 10, 9),
        meeting_reference="§ 5, styrelsemöte 2026-10-09",
        conditions=f"{GRANT_CONDITIONS} En implementeringsplan redovisas senast 2027-06-30.",
        start=d(2027, 1, 1),
        end=d(2027, 12, 31),
        years=((2027, 1_850_000),),
    ),
)

HALSOSTEGET = ApplicationSpec(
    name="Hälsosteget – hälsofrämjande stöd på väg mot arbete",
    code="HALSA-27",
    extends=None,
    owner=EKBY_AME,
    partners=(FK, AF, PRIMARVARDEN),
    kind=Kind.INDIVIDUAL,
    aim=Aim.PRE_REHABILITATION,
    follow_up=FollowUp.PERSONAL_DATA,
    start=d(2027, 3, 1),
    end=d(2029, 2, 28),
    target_group="Personer i Ekby kommun med långvarig ohälsa och försörjningsstöd som "
    "behöver stärka sin hälsa innan arbetsförberedande insatser.",
    method="Hälsocoacher och fysioterapeut från primärvården ger stöd i levnadsvanor i "
    "grupp och individuellt; samordning med Försäkringskassan och Arbetsförmedlingen.",
    follow_up_plan="Stegförflyttning mäts var tredje månad.",
    expected_participants=45,
    received_on=d(2026, 11, 2),
    years=((2027, 900_000), (2028, 1_100_000), (2029, 200_000)),
    goals=(
        GoalSpec(
            "Deltagarna ska förbättra sin hälsa och ta steg mot arbete.",
            "60 % av deltagarna visar stegförflyttning efter sex månader",
        ),
    ),
)

EXEMPEL_APPLICATIONS = (VAGEN_VIDARE, STEG_EXTENSION, HALSOSTEGET)

_MET, _NOT_MET = YesPartlyNo.YES, YesPartlyNo.NO
BRYGGAN_FINAL_REPORT = FinalReportSpec(
    code="BRYGGAN-22",
    submitted_on=d(2025, 10, 24),
    texts={
        "purpose": "Att genom samordnat stöd från kommunen, Försäkringskassan, "
        "Arbetsförmedlingen och Vuxenutbildningen hjälpa personer i Åsby som står långt från "
        "arbetsmarknaden vidare till arbete eller studier.",
        "results": "Insatsen har tagit emot fler deltagare än de 40 som planerades. Drygt en "
        "tredjedel av de avslutade deltagarna gick till arbete eller studier. Den gemensamma "
        "kartläggningen har inte beslutats som ordinarie arbetssätt.",
        "gender_perspective": "Kvinnorna var fler bland deltagarna men gick oftare vidare till "
        "studier än till arbete. Styrgruppen har diskuterat skillnaden vid två möten.",
        "background": "Många personer i Åsby med försörjningsstöd hade kontakt med flera "
        "myndigheter utan gemensam planering.",
        "need_changed": "Behovet finns kvar, men Vuxenutbildningen har byggt upp en egen "
        "studievägledning för målgruppen.",
        "target_group": "Personer 18–64 år i Åsby kommun med försörjningsstöd eller "
        "aktivitetsstöd som behöver stöd från flera parter.",
        "methods": "Gemensam kartläggning vid inskrivning, individuell coachning, praktik och "
        "studiebesök; handlingsplan inom två månader.",
        "follow_up": "Kvartalsrapporter till styrgruppen och kansliet; deltagaruppgifter i "
        "förbundets uppföljningssystem.",
        "implementation": "Arbetsmarknadsenheten behåller coachningen inom ordinarie budget. "
        "Den gemensamma kartläggningen implementeras inte.",
        "budget_outcome": "Insatsen avslutades fyra månader tidigare än beviljat. Ej "
        "förbrukade medel har inte rekvirerats och 35 000 kr betalas tillbaka till förbundet.",
        "returned_funds": "Det tidiga avslutet innebar att färre deltagare än planerat hann "
        "slutföra sin planering inom insatsen.",
        "lessons": "Insatsen är sårbar när få medarbetare bär arbetet. En gemensam "
        "kartläggning kräver beslut hos alla parter redan från start.",
    },
    goals=(
        (
            "38 % av de avslutade deltagarna gick till arbete eller studier (mål 35 %).",
            _MET,
        ),
        (
            "Inget beslut om implementering fattades före insatsens slut.",
            _NOT_MET,
        ),
    ),
    signatures=(
        SignatureSpec(ASBY_AME, "Henrik Moberg", "Åsby", d(2025, 10, 20)),
        SignatureSpec(FK, "Linnea Borg", "Exempelstad", d(2025, 10, 21)),
        SignatureSpec(AF, "Ahmed Yusuf", "Exempelstad", d(2025, 10, 21)),
        SignatureSpec(ASBY_VUX, "Sofie Lindahl", "Åsby", d(2025, 10, 22)),
    ),
)

EXEMPEL_FINAL_REPORTS = (BRYGGAN_FINAL_REPORT,)
