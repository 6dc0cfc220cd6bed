"""Every figure of the national indicator survey (spec/survey.md section 3) and the report's
JSON contract (section 6). Documents and pages only render what this module returns.

The counting functions are pure (plain values in, plain values out) so that each can be
checked against hand-computed figures; :func:`survey_report` reads the database once per
kind of row and assembles the contract.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from survey.choices import FORM_ORDER, JA, Gender, KeyFigure, Scale
from survey.instruments import Instrument, current_instrument, year_bounds
from survey.models import Answer, AskedCount, EarlierResult, NationalFigure, Response
from tenancy.models import Association

#: A gender's share is shown only from this many answers to the question.
GENDER_MINIMUM = 6
#: Differences larger than this many percentage points count as higher/lower, up/down.
BAND = 2
MASKED = "masked"
#: The split of a figure: all, women, men (the contract's keys).
SPLIT = ("total", "women", "men")
#: What a share may be: a whole percent, "masked", or None.
Share = int | str | None


@dataclass(frozen=True)
class Given:
    """One answer to one question: who (gender only) and the stored value."""

    gender: str
    value: int


def percent(count: int, n: int) -> int | None:
    """count / n as a whole percent rounded half up; None when n is 0."""
    if n == 0:
        return None
    return (200 * count + n) // (2 * n)


def is_key(value: int, key_figure: str) -> bool:
    """Whether a value counts for the key figure (topp2: 5-6, topp3: 4-6, ja)."""
    if key_figure == KeyFigure.TOPP2:
        return value >= 5
    if key_figure == KeyFigure.TOPP3:
        return value >= 4
    return value == JA


def share_split(answers: Sequence[Given], key_figure: str) -> dict[str, Share]:
    """R of the contract: the key figure's share for all, women and men. A gender's share is
    "masked" below six answers and None without answers."""
    result: dict[str, Share] = {
        "total": percent(sum(is_key(a.value, key_figure) for a in answers), len(answers))
    }
    for key, gender in (("women", Gender.KVINNA), ("men", Gender.MAN)):
        values = [a.value for a in answers if a.gender == gender]
        if not values:
            result[key] = None
        elif len(values) < GENDER_MINIMUM:
            result[key] = MASKED
        else:
            result[key] = percent(sum(is_key(v, key_figure) for v in values), len(values))
    return result


def mode(values: Iterable[int], scale: str) -> int | str | None:
    """The most frequent value; ties give the higher value (for ja/nej: ja)."""
    counts = Counter(values)
    if not counts:
        return None
    best = max(counts, key=lambda value: (counts[value], value))
    if scale == Scale.JANEJ:
        return "ja" if best == JA else "nej"
    return best


def _difference(own: Share, other: Share) -> int | None:
    if not isinstance(own, int) or not isinstance(other, int):
        return None
    return own - other


def vs_national(own: Share, national: Share) -> str | None:
    difference = _difference(own, national)
    if difference is None:
        return None
    return "higher" if difference > BAND else "lower" if difference < -BAND else "same"


def vs_previous(own: Share, previous: Share) -> str | None:
    difference = _difference(own, previous)
    if difference is None:
        return None
    return "up" if difference > BAND else "down" if difference < -BAND else "flat"


def combine(verdicts: Iterable[str | None], positive: str, negative: str, even: str) -> str | None:
    """An indicator's verdict from its questions' comparisons: both directions give
    "mixed", else the direction that occurs, else ``even``; None when there is none."""
    seen = {verdict for verdict in verdicts if verdict is not None}
    if positive in seen and negative in seen:
        return "mixed"
    for verdict in (positive, negative, even):
        if verdict in seen:
            return verdict
    return None


def compare(
    own: Mapping[str, Share], other: Mapping[str, Share], *, against: str
) -> dict[str, str | None]:
    """C (against "national") or A (against "previous") of the contract, per split."""
    function = vs_national if against == "national" else vs_previous
    return {key: function(own[key], other[key]) for key in SPLIT}


def empty_split() -> dict[str, Share]:
    return dict.fromkeys(SPLIT)


# --- the report ------------------------------------------------------------------------


def _answers_of(association: Association, year: int) -> dict[tuple[str, int], list[Given]]:
    start, end = year_bounds(year)
    answers: dict[tuple[str, int], list[Given]] = defaultdict(list)
    rows = Answer.objects.filter(
        association=association, response__date__gte=start, response__date__lte=end
    ).values_list("response__form__code", "question__number", "response__gender", "value")
    for form, number, gender, value in rows:
        answers[(form, number)].append(Given(gender, value))
    return answers


def _responses_of(association: Association, year: int) -> list[tuple[str, str, str | None]]:
    start, end = year_bounds(year)
    return list(
        Response.objects.filter(association=association, date__gte=start, date__lte=end)
        .values_list("form__code", "gender", "intervention__code")
        .order_by()
    )


def _split_rows(rows: Iterable[Any]) -> dict[tuple[str, int], dict[str, Share]]:
    return {
        (row.form_code, row.question): {"total": row.total, "women": row.women, "men": row.men}
        for row in rows
    }


def _national(association: Association, year: int) -> dict[tuple[str, int], dict[str, Share]]:
    return _split_rows(NationalFigure.objects.filter(association=association, year=year))


def _national_rates(association: Association, year: int) -> dict[str, int]:
    rates: dict[str, int] = {}
    figures = NationalFigure.objects.filter(
        association=association, year=year, response_rate__isnull=False
    ).order_by("form_code", "question")
    for figure in figures:
        if figure.response_rate is not None:
            rates.setdefault(figure.form_code, figure.response_rate)
    return rates


def _asked(association: Association, year: int) -> dict[str, int]:
    asked: dict[str, int] = defaultdict(int)
    for form, count in AskedCount.objects.filter(association=association, year=year).values_list(
        "form_code", "asked"
    ):
        asked[form] += count
    return asked


def responses_table(
    current: Sequence[tuple[str, str, str | None]],
    previous: Sequence[tuple[str, str, str | None]],
    asked: Mapping[str, int],
    national_rates: Mapping[str, int],
) -> list[dict[str, Any]]:
    """Tabell 1: answers per form by gender and intervention, against the previous year."""
    table = []
    previous_totals = Counter(form for form, _gender, _code in previous)
    for form in FORM_ORDER:
        rows = [(gender, code) for code_form, gender, code in current if code_form == form]
        genders = Counter(gender for gender, _code in rows)
        by_intervention = Counter(code for _gender, code in rows if code)
        total = len(rows)
        form_asked = asked.get(form)
        table.append(
            {
                "form": form,
                "total": total,
                "women": genders[Gender.KVINNA],
                "men": genders[Gender.MAN],
                "other": genders[Gender.ANNAT] + genders[Gender.EJ_ANGIVET],
                "previous_total": previous_totals[form] or None,
                "asked": form_asked,
                "rate": percent(total, form_asked) if form_asked else None,
                "national_rate": national_rates.get(form),
                "by_intervention": [
                    {"intervention": code, "total": by_intervention[code]}
                    for code in sorted(by_intervention)
                ],
            }
        )
    return table


def survey_report(
    association: Association, year: int, *, instrument: Instrument | None = None
) -> dict[str, Any]:
    """The JSON contract of spec/survey.md section 6 for measurement year ``year`` (with
    the instrument in use unless one is given)."""
    instrument = instrument or current_instrument()
    start, end = year_bounds(year)
    answers = _answers_of(association, year)
    previous_answers = _answers_of(association, year - 1)
    earlier = _split_rows(EarlierResult.objects.filter(association=association, year=year - 1))
    national = _national(association, year)
    national_previous = _national(association, year - 1)
    questions = []
    by_indicator: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for form, form_questions in instrument.questions.items():
        for number, question in form_questions.items():
            key = (form, number)
            given = answers.get(key, [])
            share = share_split(given, question.key_figure)
            if key in earlier:
                previous = earlier[key]
            else:
                previous = share_split(previous_answers.get(key, []), question.key_figure)
            national_split = national.get(key, empty_split())
            entry = {
                "form": form,
                "question": number,
                "indicator": question.indicator,
                "key_figure": question.key_figure,
                "n": len(given),
                "share": share,
                "previous": previous,
                "national": national_split,
                "national_previous": national_previous.get(key, empty_split()),
                "mode": mode((a.value for a in given), question.scale),
                "vs_national": compare(share, national_split, against="national"),
                "vs_previous": compare(share, previous, against="previous"),
            }
            questions.append(entry)
            by_indicator[question.indicator].append(entry)
    indicators = [
        {
            "indicator": indicator,
            "vs_national": {
                key: combine(
                    (q["vs_national"][key] for q in by_indicator[indicator]),
                    "higher",
                    "lower",
                    "same",
                )
                for key in SPLIT
            },
            "vs_previous": {
                key: combine(
                    (q["vs_previous"][key] for q in by_indicator[indicator]), "up", "down", "flat"
                )
                for key in SPLIT
            },
        }
        for indicator in sorted(by_indicator)
    ]
    return {
        "association": association.slug,
        "year": year,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "responses": responses_table(
            _responses_of(association, year),
            _responses_of(association, year - 1),
            _asked(association, year),
            _national_rates(association, year),
        ),
        "questions": questions,
        "indicators": indicators,
    }
