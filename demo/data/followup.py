"""Steering-group reporting and money of Samordningsförbundet Exempel: quarterly reports
(mostly generated, a few told by hand), deviation reports, cost outcome and the
association's own budget. ``demo.followup`` turns these into rows through the services.

"Today" in the demo is 2026-11-22: reports are due for every quarter from 2025 Q1 to
2026 Q3 (the deadline of 2026 Q3 was 2026-10-31).
"""

from __future__ import annotations

from demo.data.funding import EXEMPEL_APPLICATIONS, EXEMPEL_FINAL_REPORTS
from demo.data.participants import EXEMPEL_PARTICIPANTS
from demo.data.specs import (
    DeviationSpec,
    FollowupDataSpec,
    QuarterKey,
    ReportScript,
    VolumeProfile,
    d,
)
from followup.models import Colour, DecidedBy, Decision, DeviationKind, Forecast, OnTrack

#: Seed of the generated reports and cost amounts (separate from the other demo seeds).
FOLLOWUP_SEED = 20261122
TODAY = d(2026, 11, 22)

#: The office's comment on a red report that asks for a deviation report.
LOW_INTAKE = "Låg inskrivningstakt, kansliet begär avvikelserapport."

_RED, _YELLOW = Colour.RED, Colour.YELLOW
REPORT_SCRIPTS: dict[QuarterKey, ReportScript] = {
    ("UNGA-25", 2025, 2): ReportScript(
        answers={
            "on_track": OnTrack.NO,
            "forecast": Forecast.PARTLY,
            "started_on_time": False,
            "vacancy_funded": True,
            "action_plan_share": 71,
            "goals_comment": "Sju unga inskrivna under kvartalet mot planerade tjugo.",
            "conditions_comment": "Två av tre coachtjänster har varit vakanta sedan mars.",
        },
        colour=_RED,
        review_comment=LOW_INTAKE,
    ),
    ("BRYGGAN-22", 2025, 1): ReportScript(
        answers={
            "on_track": OnTrack.PARTLY,
            "forecast": Forecast.NO,
            "vacancy_funded": True,
            "goals_comment": "Inskrivningen har stannat av sedan två coacher slutade i februari.",
            "conditions_comment": "Två av tre coachtjänster är vakanta; rekrytering bedöms "
            "inte möjlig före sommaren.",
        },
        colour=_RED,
        review_comment="Personalvakanser och låg inskrivning. Kansliet begär avvikelserapport "
        "om insatsens fortsättning.",
    ),
    ("PRAKTIK-25", 2025, 4): ReportScript(
        answers={
            "on_track": OnTrack.YES,
            "forecast": Forecast.YES,
            "goals_comment": "Fler praktikplatser än planerat, men handledningen kostar mer "
            "än budgeterat.",
        },
        colour=_RED,
        review_comment="Förbrukningen ligger över budget. Kansliet begär avvikelserapport om "
        "budgeten.",
    ),
    ("LOTSEN-24", 2026, 1): ReportScript(
        answers={
            "on_track": OnTrack.NO,
            "forecast": Forecast.NO,
            "implementation_discussed": False,
            "action_plan_share": 88,
            "goals_comment": "En av fyra deltagare visar stegförflyttning; målet är hälften.",
        },
        colour=_RED,
        review_comment="Målet om stegförflyttning nås inte och det finns ingen plan för "
        "implementering. Kansliet kallar styrgruppen till möte.",
    ),
    ("STEG-24", 2025, 3): ReportScript(
        answers={
            "on_track": OnTrack.PARTLY,
            "vacancy_funded": True,
            "conditions_comment": "En arbetsspecialist började först i september.",
        },
        colour=_YELLOW,
        review_comment="Vakans under kvartalet; bevakas. Styrgruppen överväger att begära "
        "överföring av medel.",
    ),
    ("IPS-23", 2025, 3): ReportScript(days_late=9),
    ("DIGITAL-24", 2025, 4): ReportScript(days_late=16),
    ("LOTSEN-24", 2026, 2): ReportScript(days_late=5),
    # Came in after the deadline and is not reviewed yet.
    ("INDIKATOR-24", 2026, 3): ReportScript(days_late=12),
    # 2026 Q3: one report never started, one saved as a draft only.
    ("DIGITAL-24", 2026, 3): ReportScript(state="missing"),
    ("SMAIL-25", 2026, 3): ReportScript(
        state="draft",
        answers={"on_track": OnTrack.YES, "goals_comment": "Utkast, kompletteras."},
    ),
}

_TRANSFER, _BOARD, _DIRECTOR = DeviationKind.TRANSFER, DecidedBy.BOARD, DecidedBy.DIRECTOR
EXEMPEL_DEVIATIONS = (
    DeviationSpec(
        code="UNGA-25",
        received_on=d(2025, 1, 28),
        kind=DeviationKind.VACANCY,
        description="Två av tre coachtjänster är vakanta från start. Rekryteringen pågår och "
        "beräknas vara klar i april.",
        decision=Decision.GRANTED,
        decided_on=d(2025, 2, 10),
        decided_by=_DIRECTOR,
        comment="Godkänns. Styrgruppen återrapporterar rekryteringen i nästa kvartalsrapport.",
    ),
    DeviationSpec(
        code="BRYGGAN-22",
        received_on=d(2025, 4, 22),
        kind=DeviationKind.END_DATE,
        description="Styrgruppen begär att insatsen avslutas 2025-08-31 i stället för "
        "2025-12-31. Två av tre coacher har slutat och pågående deltagare kan tas emot av "
        "Vuxenutbildningen och Arbetsförmedlingen.",
        requested_end_date=d(2025, 8, 31),
        decision=Decision.GRANTED,
        decided_on=d(2025, 5, 16),
        decided_by=_BOARD,
        comment="Beviljas. Ej förbrukade medel återförs till förbundet; slutrapport senast två "
        "månader efter slutdatum.",
    ),
    DeviationSpec(
        code="UNGA-25",
        received_on=d(2025, 8, 14),
        kind=DeviationKind.TARGET_GROUP,
        description="Styrgruppen begär att målgruppen utvidgas till unga med "
        "aktivitetsersättning, som i dag remitteras till andra insatser.",
        decision=Decision.GRANTED,
        decided_on=d(2025, 9, 19),
        decided_by=_BOARD,
        comment="Beviljas. Målet om 80 deltagare under insatstiden står kvar.",
    ),
    DeviationSpec(
        code="STEG-24",
        received_on=d(2025, 11, 6),
        kind=_TRANSFER,
        amount=150_000,
        description="Rekryteringen av en arbetsspecialist blev klar först i september. "
        "Styrgruppen begär att 150 000 kr av 2025 års budget förs över till 2026 för att "
        "behålla två arbetsspecialister hela året.",
        decision=Decision.GRANTED,
        decided_on=d(2025, 11, 14),
        decided_by=_BOARD,
        comment="Beviljas enligt begäran.",
    ),
    DeviationSpec(
        code="LOKUS-23",
        received_on=d(2025, 12, 3),
        kind=_TRANSFER,
        amount=80_000,
        description="Behovsanalysen för 2025 blev försenad. Styrgruppen begär att 80 000 kr "
        "förs över till 2026 för en extern analys.",
        decision=Decision.REJECTED,
        decided_on=d(2025, 12, 12),
        decided_by=_DIRECTOR,
        comment="Avslag. Behovsanalysen ryms i 2026 års budget; ej förbrukade medel återförs "
        "enligt förbundets riktlinjer.",
    ),
    DeviationSpec(
        code="PRAKTIK-25",
        received_on=d(2026, 1, 22),
        kind=DeviationKind.BUDGET,
        description="Kostnaderna för handledning hos arbetsgivarna har blivit högre än "
        "beräknat. Styrgruppen begär att budgeten för 2026 omfördelas från lokaler till "
        "handledning.",
        decision=Decision.PARTLY,
        decided_on=d(2026, 2, 5),
        decided_by=_DIRECTOR,
        comment="Beviljas delvis: högst 60 000 kr omfördelas. Insatsen ska hålla sig inom "
        "beviljad ram.",
    ),
    DeviationSpec(
        code="LOTSEN-24",
        received_on=d(2026, 3, 18),
        kind=DeviationKind.GOAL,
        description="Målet att hälften av deltagarna visar stegförflyttning bedöms inte nås. "
        "Styrgruppen föreslår att målet sänks till en tredjedel.",
        decision=Decision.REJECTED,
        decided_on=d(2026, 4, 17),
        decided_by=_BOARD,
        comment="Avslag. Målet står kvar; styrgruppen redovisar en åtgärdsplan till kansliet.",
    ),
    DeviationSpec(
        code="SPRAK-26",
        received_on=d(2026, 11, 10),
        kind=DeviationKind.METHOD,
        description="Styrgruppen vill ersätta språkcaféet på folkhögskolan med digitala "
        "träffar två dagar i veckan, eftersom många deltagare har långa resvägar.",
    ),
)

EXEMPEL_FOLLOWUP = FollowupDataSpec(
    today=TODAY,
    seed=FOLLOWUP_SEED,
    first_quarter=(2025, 1),
    last_quarter=(2026, 3),
    admin="admin@exempel.se",
    economist="ekonom@exempel.se",
    reports=REPORT_SCRIPTS,
    action_plan_shares={
        "STEG-24": 62,
        "IPS-23": 55,
        "BRYGGAN-22": 52,
        "UNGA-25": 92,
        "LOTSEN-24": 90,
        "SPRAK-26": 88,
    },
    late_share=0.06,
    spending={
        ("STEG-24", 2025): (0.62, 0.78),
        "DIGITAL-24": (0.55, 0.72),
        "LOTSEN-24": (0.7, 0.84),
        ("UNGA-25", 2025): (0.55, 0.8),
        "PRAKTIK-25": (1.16, 1.32),
        ("VAGEN-26", 2026): (0.6, 0.85),
    },
    default_spending=(0.88, 1.04),
    fixed_costs={
        # Bryggan ended early (2025-08-31) and paid back, in its last quarter, what its
        # earlier requisitions had overestimated.
        ("BRYGGAN-22", 2025, 3): -35_000,
    },
    pending_costs={
        ("UNGA-25", 2026, 3): d(2026, 11, 12),
        ("SPRAK-26", 2026, 3): d(2026, 11, 18),
    },
    deviations=EXEMPEL_DEVIATIONS,
    applications=EXEMPEL_APPLICATIONS,
    final_reports=EXEMPEL_FINAL_REPORTS,
    volumes={"VAGEN-26": VolumeProfile(mean_total=18, women_share=0.5)},
    counts_end=EXEMPEL_PARTICIPANTS.end,
)
