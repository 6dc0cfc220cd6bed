"""A realistic memo JSON (the contract of spec/reports.md) built by hand, with names and
extras, for the renderer and view tests. ``sample_memo(suppressed=True)`` hides every
count from 1 to 4 as ``".."`` (and the shares built on them), as disclosure control would;
``suppressed=False`` is the office's version of the same figures."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from stats.disclosure import hidden_note
from stats.memo_document import (
    EndedGoal,
    EndedIntervention,
    FundsByKind,
    InterventionInfo,
    MemoExtras,
)

PRODUCED_AT = dt.datetime(2023, 2, 1, 10, 15)

NAMES = {
    "JOBB": "Jobbcentrum",
    "FRAM": "Framsteget 2.0",
    "BRYG": "Bryggan",
    "UNG": "Ung framtid",
    "LOKUS": "Lokussamordnare",
    "DIGI": "Digital plattform",
}


def g(women: Any, men: Any, total: Any) -> dict[str, Any]:
    return {"women": women, "men": men, "total": total}


def _unsuppressed() -> dict[str, Any]:
    return {
        "association": "exempel",
        "period": "2022H2",
        "start": "2022-07-01",
        "end": "2022-12-31",
        "ytd_start": "2022-01-01",
        "suppression": {
            "applied": False,
            "threshold": 5,
            "note": "Alla antal visas, utan röjandeskydd.",
        },
        "tables": {
            "participants": {
                "rows": [
                    {
                        "intervention": "JOBB",
                        "registered": g(56, 63, 119),
                        "exited": g(30, 34, 64),
                        "exited_to_date": g(30, 34, 64),
                        "ongoing": g(26, 29, 55),
                    },
                    {
                        "intervention": "FRAM",
                        "registered": g(45, 61, 106),
                        "exited": g(21, 30, 51),
                        "exited_to_date": g(21, 30, 51),
                        "ongoing": g(24, 31, 55),
                    },
                    {
                        "intervention": "BRYG",
                        "registered": g(6, 21, 27),
                        "exited": g(8, 23, 31),
                        "exited_to_date": g(25, 38, 63),
                        "ongoing": g(2, 18, 20),
                    },
                    {
                        "intervention": "UNG",
                        "registered": g(12, 39, 52),
                        "exited": g(3, 17, 20),
                        "exited_to_date": g(3, 17, 20),
                        "ongoing": g(9, 22, 32),
                    },
                ],
                "total": {
                    "registered": g(119, 184, 304),
                    "exited": g(62, 104, 166),
                    "exited_to_date": g(79, 119, 198),
                    "ongoing": g(61, 100, 162),
                },
            },
            "outcomes": {
                "rows": [
                    {
                        "intervention": "JOBB",
                        "to_work_or_studies": g(20, 17, 37),
                        "share_to_work_or_studies": g(67, 50, 58),
                        "share_with_action_plan": 100,
                    },
                    {
                        "intervention": "FRAM",
                        "to_work_or_studies": g(16, 27, 43),
                        "share_to_work_or_studies": g(76, 90, 84),
                        "share_with_action_plan": 100,
                    },
                    {
                        "intervention": "BRYG",
                        "to_work_or_studies": g(2, 11, 13),
                        "share_to_work_or_studies": g(25, 48, 42),
                        "share_with_action_plan": 96,
                    },
                    {
                        "intervention": "UNG",
                        "to_work_or_studies": g(0, 8, 8),
                        "share_to_work_or_studies": g(0, 47, 40),
                        "share_with_action_plan": None,
                    },
                ],
                "total": {
                    "to_work_or_studies": g(38, 63, 101),
                    "share_to_work_or_studies": g(61, 61, 61),
                    "share_with_action_plan": 97,
                },
            },
            "anonymous": {
                "rows": [
                    {"intervention": "JOBB", "count": 3},
                    {"intervention": "FRAM", "count": 7},
                    {"intervention": "BRYG", "count": 0},
                    {"intervention": "UNG", "count": 26},
                ],
                "total": 36,
            },
            "exit_reasons": {
                "rows": [
                    {"reason": "arbete_osubventionerat", "counts": g(15, 24, 39)},
                    {"reason": "arbete_subventionerat", "counts": g(12, 18, 30)},
                    {"reason": "eget_foretag", "counts": g(0, 1, 1)},
                    {"reason": "studier", "counts": g(11, 20, 31)},
                    {"reason": "arbetssokande", "counts": g(9, 17, 26)},
                    {"reason": "fortsatt_rehabilitering", "counts": g(8, 12, 20)},
                    {"reason": "sjukdom", "counts": g(4, 6, 10)},
                    {"reason": "flytt", "counts": g(3, 6, 9)},
                ],
                "work_extent": [
                    {"extent": 50, "counts": g(8, 8, 16)},
                    {"extent": 75, "counts": g(5, 7, 12)},
                    {"extent": 100, "counts": g(14, 28, 42)},
                ],
                "groups": {
                    "work": g(27, 43, 70),
                    "studies": g(11, 20, 31),
                    "work_or_studies": g(38, 63, 101),
                    "job_seeking": g(9, 17, 26),
                    "work_studies_job_seeking": g(47, 80, 127),
                    "other": g(15, 24, 39),
                    "all": g(62, 104, 166),
                },
            },
            "budget": {
                "rows": [
                    {
                        "intervention": "JOBB",
                        "period_outcome": 1199000,
                        "period_budget": 1337500,
                        "ytd_outcome": 2489000,
                        "ytd_budget": 2675000,
                        "consumption_ratio": 93,
                        "transferred": 0,
                    },
                    {
                        "intervention": "FRAM",
                        "period_outcome": 1514000,
                        "period_budget": 1799000,
                        "ytd_outcome": 2988000,
                        "ytd_budget": 3598000,
                        "consumption_ratio": 83,
                        "transferred": 0,
                    },
                    {
                        "intervention": "BRYG",
                        "period_outcome": 1022000,
                        "period_budget": 890000,
                        "ytd_outcome": 1805000,
                        "ytd_budget": 1780000,
                        "consumption_ratio": 101,
                        "transferred": 0,
                    },
                    {
                        "intervention": "UNG",
                        "period_outcome": 1554000,
                        "period_budget": 1402000,
                        "ytd_outcome": 2670000,
                        "ytd_budget": 2804000,
                        "consumption_ratio": 95,
                        "transferred": 100000,
                    },
                    {
                        "intervention": "LOKUS",
                        "period_outcome": 158000,
                        "period_budget": 180000,
                        "ytd_outcome": 336000,
                        "ytd_budget": 360000,
                        "consumption_ratio": 93,
                        "transferred": 0,
                    },
                    {
                        "intervention": "DIGI",
                        "period_outcome": 294000,
                        "period_budget": 622500,
                        "ytd_outcome": 636000,
                        "ytd_budget": 1245000,
                        "consumption_ratio": 51,
                        "transferred": 250000,
                    },
                ],
                "total": {
                    "period_outcome": 5741000,
                    "period_budget": 6231000,
                    "ytd_outcome": 10924000,
                    "ytd_budget": 12462000,
                    "consumption_ratio": 88,
                    "transferred": 350000,
                },
            },
            "target_group": {
                "active": g(180, 247, 430),
                "shares": {
                    "women": 42,
                    "men": 57,
                    "under_30": g(48, 63, 57),
                    "public_support_3y_plus": g(35, 28, 31),
                    "education": {
                        "saknas": g(11, 14, 13),
                        "grundskola": g(33, 48, 42),
                        "gymnasium": g(40, 32, 36),
                        "eftergymnasial": g(12, 6, 9),
                        "okand": g(0, 0, 0),
                    },
                },
            },
            "time_in_intervention": {
                "rows": [
                    {"intervention": "JOBB", "mean_days": g(182.4, 160.0, 171.6)},
                    {"intervention": "FRAM", "mean_days": g(210.5, 198.2, 203.1)},
                    {"intervention": "BRYG", "mean_days": g(402.0, 388.7, 392.3)},
                    {"intervention": "UNG", "mean_days": g(95.0, 141.3, 134.4)},
                ]
            },
            "goal_status": {
                "rows": [
                    {
                        "intervention": "JOBB",
                        "on_track": "nej",
                        "forecast": "delvis",
                        "colour": "red",
                    },
                    {"intervention": "FRAM", "on_track": "ja", "forecast": "ja", "colour": "green"},
                    {"intervention": "BRYG", "on_track": "ja", "forecast": "ja", "colour": "green"},
                    {
                        "intervention": "UNG",
                        "on_track": "delvis",
                        "forecast": "ja",
                        "colour": "yellow",
                    },
                    {
                        "intervention": "LOKUS",
                        "on_track": "ja",
                        "forecast": "ja",
                        "colour": "green",
                    },
                    {"intervention": "DIGI", "on_track": "ja", "forecast": "ja", "colour": None},
                ]
            },
            "conditions": {
                "rows": [
                    {
                        "intervention": code,
                        "vacancy_funded": code == "JOBB",
                        "vacancy_self_funded": False,
                        "budget_deviation": code in ("UNG", "DIGI"),
                    }
                    for code in NAMES
                ]
            },
            "quality": {
                "rows": [
                    {
                        "intervention": code,
                        "meetings_per_agreement": "nej" if code == "LOKUS" else "ja",
                        "ordinary_representation": "delvis" if code in ("JOBB", "FRAM") else "ja",
                        "follow_up_per_agreement": "delvis" if code == "UNG" else "ja",
                        "target_group_checked": "ja",
                        "method_checked": "ja",
                        "equality_discussed": "ja",
                        "gender_equality_discussed": "ja",
                        "implementation_discussed": "nej" if code == "FRAM" else "ja",
                        "deviation_goals": False,
                    }
                    for code in NAMES
                ]
            },
            "expected": {
                "rows": [
                    {"intervention": "JOBB", "registered_to_date": 119, "expected": 210},
                    {"intervention": "FRAM", "registered_to_date": 106, "expected": 120},
                    {"intervention": "BRYG", "registered_to_date": 88, "expected": 70},
                    {"intervention": "UNG", "registered_to_date": 52, "expected": None},
                ]
            },
            "activities": {
                "count": 18,
                "attendees": g(120, 46, 170),
                "by_type": {"webbinarium": 6, "utbildning": 5, "natverkstraff": 7},
            },
            "association_goals": {
                "rows": [
                    {
                        "goal": "work_directed_to_work_or_studies",
                        "target": 35,
                        "outcome": 61,
                        "met": True,
                    },
                    {"goal": "prerehab_action_plan", "target": 90, "outcome": 97, "met": True},
                    {"goal": "structural_on_track", "target": 75, "outcome": 100, "met": True},
                    {"goal": "activities", "target": 12, "outcome": 18, "met": True},
                ]
            },
        },
    }


#: Counts of persons (G or n) by table; shares, money and means are not counts.
COUNT_PATHS = {
    "participants": ("registered", "exited", "exited_to_date", "ongoing"),
    "outcomes": ("to_work_or_studies",),
    "time_in_intervention": (),
}


def _hide(value: Any, threshold: int) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < threshold:
        return ".."
    return value


def _hide_split(split: dict[str, Any], threshold: int) -> dict[str, Any]:
    return {key: _hide(value, threshold) for key, value in split.items()}


def suppress(memo: dict[str, Any]) -> dict[str, Any]:
    """Primary suppression of the sample plus the secondary cells a real run would hide
    (enough for the renderer tests; ``stats.disclosure`` does the real work)."""
    k = memo["suppression"]["threshold"]
    result = copy.deepcopy(memo)
    result["suppression"]["applied"] = True
    result["suppression"]["note"] = hidden_note(k)
    tables = result["tables"]
    for table in ("participants", "outcomes"):
        for row in [*tables[table]["rows"], tables[table]["total"]]:
            for name in ("registered", "exited", "exited_to_date", "ongoing", "to_work_or_studies"):
                if name in row:
                    row[name] = _hide_split(row[name], k)
    for row in tables["outcomes"]["rows"]:
        counts, shares = row["to_work_or_studies"], row["share_to_work_or_studies"]
        for key in ("women", "men", "total"):
            if isinstance(counts[key], str):
                shares[key] = counts[key]
    # secondary: BRYG's registered women is hidden (6 - the sum would give the rest)
    tables["participants"]["rows"][2]["registered"]["women"] = ".."
    anonymous = tables["anonymous"]
    for row in anonymous["rows"]:
        row["count"] = _hide(row["count"], k)
    anonymous["rows"][1]["count"] = ".."  # secondary: FRAM's 7 would give JOBB's 3
    reasons = tables["exit_reasons"]
    for row in [*reasons["rows"], *reasons["work_extent"]]:
        row["counts"] = _hide_split(row["counts"], k)
    reasons["groups"] = {key: _hide_split(value, k) for key, value in reasons["groups"].items()}
    tables["target_group"]["active"] = _hide_split(tables["target_group"]["active"], k)
    for row in tables["expected"]["rows"]:
        row["registered_to_date"] = _hide(row["registered_to_date"], k)
    activities = tables["activities"]  # activities are not persons: only attendees hide
    activities["attendees"] = _hide_split(activities["attendees"], k)
    return result


def sample_memo(*, suppressed: bool = True) -> dict[str, Any]:
    memo = _unsuppressed()
    return suppress(memo) if suppressed else memo


def sample_extras() -> MemoExtras:
    start = dt.date(2022, 1, 1)
    return MemoExtras(
        association_name="Samordningsförbundet Exempel",
        interventions=(
            InterventionInfo(
                "JOBB",
                "Enköping, Jobbcentrum – Din väg framåt",
                "individ",
                start,
                dt.date(2024, 12, 31),
                True,
            ),
            InterventionInfo(
                "FRAM", "Håbo, Framsteget 2.0", "individ", start, dt.date(2024, 12, 31), True
            ),
            InterventionInfo(
                "BRYG", "Östhammar, Bryggan", "individ", dt.date(2018, 3, 1), dt.date(2022, 12, 31)
            ),
            InterventionInfo("UNG", "Tierp, Ung framtid", "individ", start, dt.date(2024, 12, 31)),
            InterventionInfo(
                "LOKUS",
                "Uppsala, Lokussamordnare",
                "struktur",
                dt.date(2020, 1, 1),
                dt.date(2024, 12, 31),
            ),
            InterventionInfo(
                "DIGI",
                "Uppsala, Digital plattform för stöd i studier och digitaliserad "
                "samhällsorientering",
                "struktur",
                dt.date(2021, 1, 1),
                dt.date(2022, 12, 31),
            ),
        ),
        ended=(
            EndedIntervention(
                code="DIGI",
                name="Digital plattform för stöd i studier och en digitaliserad "
                "samhällsorientering",
                kind="struktur",
                start=dt.date(2021, 1, 1),
                end=dt.date(2022, 12, 31),
                owner="Uppsala kommun",
                partners=("Arbetsförmedlingen", "Försäkringskassan"),
                final_report_status="submitted",
                purpose="Att öka antalet elever som fullföljer vuxenutbildningen med godkända "
                "betyg.",
                results="Insatsägaren uppger att de lärt sig mycket om digital tillgänglighet.",
                lessons="Öppen drop-in online fungerade inte; bokade möten fungerade bra.",
                goals=(
                    EndedGoal(
                        "Utreda vilket digitalt stöd som efterfrågas",
                        "",
                        "Fokusgrupper har genomförts med eleverna",
                        "ja",
                    ),
                    EndedGoal("Bygga ett digitalt stöd", "", "Hemsidorna är klara", "ja"),
                ),
            ),
            EndedIntervention(
                code="BRYG",
                name="Östhammar, Bryggan",
                kind="individ",
                start=dt.date(2018, 3, 1),
                end=dt.date(2022, 12, 31),
                owner="Östhammars kommun",
                final_report_status=None,
            ),
        ),
        funds=(
            FundsByKind("individ", 10847000, 9952000, 87, 91, 60),
            FundsByKind("struktur", 1605000, 972000, 13, 9, 30),
            FundsByKind("kompetens", 0, 0, 0, 0, 10),
        ),
        goal_comments={
            "JOBB": "Färre deltagare än väntat har gått till arbete eller studier; dialog förs.",
            "UNG": "Ligger något efter med rapporteringen.",
        },
    )


def fake_memo_for(calls: list[Any] | None = None) -> Any:
    """A stand-in for ``documents.memo.sources.memo_for``: the memo object with this
    module's JSON (``sample_memo``) and, as from the statistics layer, the association's
    names and document sections. Records ``(slug, period code, suppress)`` in ``calls``."""
    from interventions.models import Intervention
    from stats.memo import Memo
    from stats.memo_document import memo_extras

    def memo_for(association: Any, period: Any, *, suppress: bool, document: bool = True) -> Memo:
        if calls is not None:
            calls.append((association.slug, period.code, suppress))
        names = {
            each.code: each.display_name
            for each in Intervention.objects.filter(association=association)
        }
        return Memo(
            json=sample_memo(suppressed=suppress),
            names=names,
            document=memo_extras(association, period) if document else None,
        )

    return memo_for
