from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from participants.personnummer import InvalidPersonnummer, parse
from testing.participants import make_personnummer as make

TODAY = dt.date(2026, 11, 22)


def test_parse_known_valid_number() -> None:
    # 811228-9874 is the Swedish Tax Agency's published example of a valid number.
    result = parse("811228-9874", today=TODAY)

    assert (result.canonical, result.birth_date, result.gender) == (
        "198112289874",
        dt.date(1981, 12, 28),
        "man",
    )


def test_parse_accepts_every_documented_form() -> None:
    forms = ["198112289874", "19811228-9874", "811228-9874", "8112289874"]

    assert {parse(form, today=TODAY).canonical for form in forms} == {"198112289874"}


def test_parse_plus_sign_means_hundred_years_older() -> None:
    assert parse("121212+1212", today=TODAY).canonical == "191212121212"


def test_parse_samordningsnummer_day_plus_sixty() -> None:
    number = make(dt.date(1990, 1, 5), 234, coordination=True)

    result = parse(number, today=TODAY)

    assert (result.birth_date, result.is_coordination_number) == (dt.date(1990, 1, 5), True)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("19811228-9875", "kontrollsiffra"),
        ("19811328-9874", "datum"),
        ("19810229-1234", "datum"),
        ("abc", "formen"),
        ("198112289", "formen"),
        ("20991228-1234", "framtiden"),
    ],
)
def test_parse_refuses_invalid_numbers_with_a_swedish_reason(value: str, reason: str) -> None:
    with pytest.raises(InvalidPersonnummer) as error:
        parse(value, today=TODAY)

    assert reason in str(error.value)
    assert value not in str(error.value)


def test_repr_never_shows_the_whole_number() -> None:
    result = parse("811228-9874", today=TODAY)

    assert (repr(result), str(result), result.masked) == (
        "Personnummer(19811228-****)",
        "Personnummer(19811228-****)",
        "19811228-****",
    )


birth_dates = st.dates(min_value=dt.date(1910, 1, 1), max_value=dt.date(2025, 12, 31))


@given(birth=birth_dates, serial=st.integers(0, 999), coordination=st.booleans())
def test_parse_roundtrips_every_valid_number(
    birth: dt.date, serial: int, coordination: bool
) -> None:
    number = make(birth, serial, coordination=coordination)

    result = parse(number, today=TODAY)

    assert (result.canonical, result.birth_date) == (number, birth)
    assert result.gender == ("man" if serial % 10 % 2 else "kvinna")


@given(birth=birth_dates, serial=st.integers(0, 999), wrong=st.integers(1, 9))
def test_parse_refuses_every_wrong_check_digit(birth: dt.date, serial: int, wrong: int) -> None:
    number = make(birth, serial)
    bad = number[:-1] + str((int(number[-1]) + wrong) % 10)

    with pytest.raises(InvalidPersonnummer):
        parse(bad, today=TODAY)


@given(birth=birth_dates, serial=st.integers(0, 999))
@example(birth=dt.date(1926, 12, 1), serial=0)  # turns 100 later this year
def test_parse_ten_digit_form_gives_same_person(birth: dt.date, serial: int) -> None:
    number = make(birth, serial)
    age = TODAY.year - birth.year - ((TODAY.month, TODAY.day) < (birth.month, birth.day))
    separator = "+" if age >= 100 else "-"

    assert parse(number[2:8] + separator + number[8:], today=TODAY).canonical == number


@given(st.text(max_size=20))
def test_parse_never_crashes_on_arbitrary_text(text: str) -> None:
    with contextlib.suppress(InvalidPersonnummer):
        parse(text, today=TODAY)
