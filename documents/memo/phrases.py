"""The values of the texts' placeholders (``{inskrivna}`` and so on), computed from the memo
JSON and the extras. A hidden count reads "ett ej redovisat antal"; a hidden share "en ej
redovisad andel"."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from documents.memo import formats as f

if TYPE_CHECKING:
    from documents.memo.content import PeriodWords
    from stats.memo_document import MemoExtras

Json = Mapping[str, Any]

KIND_FORMS = {
    "individ": ("individinsats", "individinsatser"),
    "struktur": ("strukturinsats", "strukturinsatser"),
    "kompetens": ("kompetenshöjande insats", "kompetenshöjande insatser"),
    "ovrig": ("övrig insats", "övriga insatser"),
}
KIND_SHORT = {"individ": "individ", "struktur": "struktur", "kompetens": "kompetens"}


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def insatser(count: int) -> str:
    """``en insats``, ``sju insatser``."""
    return f"{f.number_word(count)} {'insats' if count == 1 else 'insatser'}"


def per_kind(kinds: Sequence[str]) -> str:
    """``sju individinsatser och fyra strukturinsatser``."""
    parts = []
    for kind, (singular, plural) in KIND_FORMS.items():
        number = sum(1 for each in kinds if each == kind)
        if number:
            parts.append(f"{f.number_word(number)} {singular if number == 1 else plural}")
    return f.join_names(parts) or "inga insatser"


def all_but(rows: Sequence[Json], name: Callable[[str], str], field: str, what: str) -> str:
    """ "Samtliga insatser har uppgett att ..." naming those whose answer is not ``ja``."""
    answered = [row for row in rows if row.get(field) is not None]
    if not answered:
        return ""
    other = [name(row["intervention"]) for row in answered if row.get(field) != "ja"]
    if not other:
        return f"Samtliga insatser har uppgett att {what}."
    if len(other) == len(answered):
        return f"Ingen insats har under hela perioden uppgett att {what}."
    if len(other) * 2 > len(answered):
        agreeing = len(answered) - len(other)
        return (
            f"{capitalised(f.number_word(agreeing))} av {f.number_word(len(answered))} "
            f"insatser har under hela perioden uppgett att {what}."
        )
    return f"Samtliga insatser utom {f.join_names(other)} har uppgett att {what}."


def flagged(rows: Sequence[Json], name: Callable[[str], str], *fields: str) -> list[str]:
    return [name(row["intervention"]) for row in rows if any(row.get(x) for x in fields)]


def placeholder_values(
    memo: Json, *, names: Mapping[str, str], extras: MemoExtras, words: PeriodWords
) -> dict[str, str]:
    tables: Json = memo.get("tables", {})

    def name(code: str) -> str:
        return names.get(code, code)

    def rows(key: str) -> list[Json]:
        return list(tables.get(key, {}).get("rows", []))

    def g(split: Json | None, key: str = "total") -> str:
        return f.count_phrase((split or {}).get(key))

    def s(split: Json | None, key: str = "total") -> str:
        return f.share_phrase((split or {}).get(key))

    values: dict[str, str] = {
        "förbundet": extras.association_name,
        "perioden": words.period,
        "kvartalen": words.quarters,
        "året": str(words.year),
        "ackumulerat": words.ytd,
        "slutdatum": words.end,
    }

    active = extras.interventions
    values["antal_insatser"] = f.number_word(len(active))
    values["insatser_per_typ"] = per_kind([each.kind for each in active])
    ended = len(extras.ended)
    values["avslutade_insatser"] = (
        "Ingen insats har avslutats under perioden."
        if ended == 0
        else f"{capitalised(insatser(ended))} har avslutats under perioden."
    )

    conditions = rows("conditions")
    vacancies = flagged(conditions, name, "vacancy_funded", "vacancy_self_funded")
    values["vakanser"] = (
        f"Vakanser har förekommit i {f.join_names(vacancies)}."
        if vacancies
        else "Inga vakanser har rapporterats under perioden."
    )
    deviations = flagged(conditions, name, "budget_deviation")
    values["budgetavvikelser"] = (
        f"Avvikelser gällande budget har inkommit från {f.join_names(deviations)}."
        if deviations
        else "Ingen avvikelse gällande budget har inkommit under perioden."
    )

    budget = tables.get("budget", {})
    values["förbrukningskvot"] = f.share_phrase(
        (budget.get("total") or {}).get("consumption_ratio")
    )
    moved = [
        name(row["intervention"])
        for row in budget.get("rows", [])
        if isinstance(row.get("transferred"), int) and row["transferred"] > 0
    ]
    next_year = words.year + 1
    if not moved:
        values["överföringar"] = f"Ingen insats har fört över medel till {next_year}."
    elif len(moved) == 1:
        values["överföringar"] = f"En insats, {moved[0]}, har fört över medel till {next_year}."
    else:
        values["överföringar"] = (
            f"{capitalised(insatser(len(moved)))} har fört över medel till {next_year}: "
            f"{f.join_names(moved)}."
        )

    quality = rows("quality")
    for key, field_name, what in (
        ("styrgruppsmöten", "meetings_per_agreement", "styrgruppsmöten hållits enligt avtal"),
        (
            "ordinarie_representation",
            "ordinary_representation",
            "ordinarie representanter deltagit i styrgruppens möten",
        ),
        ("uppföljning", "follow_up_per_agreement", "uppföljning skett enligt avtal"),
        (
            "kontroll_målgrupp",
            "target_group_checked",
            "de kontrollerat att insatsen når avsedd målgrupp",
        ),
        ("kontroll_metod", "method_checked", "de kontrollerat att insatsen använder avsedd metod"),
        ("jämlikhet", "equality_discussed", "de diskuterat frågor om jämlikhet"),
        ("jämställdhet", "gender_equality_discussed", "de diskuterat frågor om jämställdhet"),
        (
            "implementering",
            "implementation_discussed",
            "styrgruppen diskuterat förutsättningar för implementering",
        ),
    ):
        values[key] = all_but(quality, name, field_name, what)
    goal_deviations = flagged(quality, name, "deviation_goals")
    values["målavvikelser"] = (
        f"Avvikelse gällande mål, målgrupp eller metod har lämnats in för "
        f"{f.join_names(goal_deviations)}."
        if goal_deviations
        else "Ingen insats har under perioden lämnat in avvikelse gällande mål, målgrupp "
        "eller metod."
    )

    targets = [
        f"{f.share(each.target)} {KIND_SHORT.get(each.kind, each.kind)}"
        for each in extras.funds
        if each.target is not None
    ]
    values["målfördelning"] = f.join_names(targets) or "enligt styrelsens fördelning"

    participants = (tables.get("participants") or {}).get("total") or {}
    values["inskrivna"] = g(participants.get("registered"))
    values["inskrivna_kvinnor"] = g(participants.get("registered"), "women")
    values["inskrivna_män"] = g(participants.get("registered"), "men")
    values["avslutade"] = g(participants.get("exited"))
    values["avslutade_kvinnor"] = g(participants.get("exited"), "women")
    values["avslutade_män"] = g(participants.get("exited"), "men")
    values["pågående"] = g(participants.get("ongoing"))
    values["anonyma"] = f.count_phrase((tables.get("anonymous") or {}).get("total"))

    outcomes = (tables.get("outcomes") or {}).get("total") or {}
    values["till_arbete_eller_studier"] = g(outcomes.get("to_work_or_studies"))
    values["till_arbete_eller_studier_kvinnor"] = g(outcomes.get("to_work_or_studies"), "women")
    values["till_arbete_eller_studier_män"] = g(outcomes.get("to_work_or_studies"), "men")
    values["andel_till_arbete_eller_studier"] = s(outcomes.get("share_to_work_or_studies"))
    values["andel_med_handlingsplan"] = f.share_phrase(outcomes.get("share_with_action_plan"))

    groups = (tables.get("exit_reasons") or {}).get("groups") or {}
    values["arbetssökande"] = g(groups.get("job_seeking"))
    values["övriga_avslut"] = g(groups.get("other"))

    target = tables.get("target_group") or {}
    shares = target.get("shares") or {}
    education = shares.get("education") or {}
    values["aktiva"] = g(target.get("active"))
    values["andel_kvinnor"] = f.share_phrase(shares.get("women"))
    values["andel_män"] = f.share_phrase(shares.get("men"))
    values["andel_under_30"] = s(shares.get("under_30"))
    values["andel_försörjning_tre_år"] = s(shares.get("public_support_3y_plus"))
    for level, key in (
        ("saknas", "andel_utan_utbildning"),
        ("grundskola", "andel_grundskola"),
        ("gymnasium", "andel_gymnasium"),
        ("eftergymnasial", "andel_eftergymnasial"),
        ("okand", "andel_okänd_utbildning"),
    ):
        values[key] = s(education.get(level))

    activities = tables.get("activities") or {}
    values["antal_aktiviteter"] = f.count_phrase(activities.get("count"))
    values["aktivitetsdeltagare"] = g(activities.get("attendees"))
    return values
