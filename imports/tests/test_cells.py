from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from finsam.amounts import MAX_AMOUNT
from imports.workbook.cells import (
    MAX_COUNT,
    CellError,
    CellValue,
    fold,
    parse_amount,
    parse_choice,
    parse_date,
    parse_list,
    parse_whole_number,
    parse_yes_no,
)
from imports.workbook.reader import detect_delimiter


def grouped(number: int, separator: str) -> str:
    """``1290000`` -> ``1 290 000`` with the given group separator."""
    return f"{number:,}".replace(",", separator)


@pytest.mark.parametrize(
    "value",
    [
        "1 290 000",
        "1290000",
        "1290000,00",
        "1\u00a0290\u00a0000",
        "1 290 000,0",
        1290000,
        1290000.0,
    ],
)
def test_parse_amount_formats_are_equal(value: object) -> None:
    assert parse_amount(value) == 1_290_000  # type: ignore[arg-type]  # cells vary by source


@pytest.mark.parametrize("value", ["12,50", "12,05", 12.5, "1.290.000", "12 kr", "", "abc", True])
def test_parse_amount_refuses_ore_and_text(value: object) -> None:
    with pytest.raises(CellError):
        parse_amount(value)  # type: ignore[arg-type]  # cells vary by source


@given(
    number=st.integers(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT),
    separator=st.sampled_from(["", " ", "\u00a0", "\u202f"]),
    decimals=st.sampled_from(["", ",0", ",00", ".00"]),
)
def test_parse_amount_reads_every_written_form(number: int, separator: str, decimals: str) -> None:
    sign = "-" if number < 0 else ""
    text = f"{sign}{grouped(abs(number), separator)}{decimals}"

    assert parse_amount(text) == number


@given(
    number=st.one_of(
        st.integers(min_value=MAX_AMOUNT + 1, max_value=10**40),
        st.integers(min_value=-(10**40), max_value=-MAX_AMOUNT - 1),
    ),
    written=st.sampled_from(["int", "float", "text"]),
)
def test_parse_amount_refuses_beyond_the_bound(number: int, written: str) -> None:
    values: dict[str, CellValue] = {"int": number, "float": float(number), "text": str(number)}
    value = values[written]

    with pytest.raises(CellError) as error:
        parse_amount(value)

    assert str(error.value) == "Beloppet är för stort: högst 100 000 000 000 kr (plus eller minus)."


def test_parse_amount_refuses_infinite_and_huge_text() -> None:
    values: list[CellValue] = [
        float("inf"),
        float("nan"),
        "9" * 5000,
        10**23,
        9_223_372_036_854_775_807,
    ]
    refused = []
    for value in values:
        try:
            parse_amount(value)
        except CellError:
            refused.append(value)

    assert len(refused) == len(values)


def test_parse_whole_number_refuses_beyond_max_count() -> None:
    with pytest.raises(CellError):
        parse_whole_number(MAX_COUNT + 1)


@given(whole=st.integers(min_value=0, max_value=10**9), ore=st.integers(min_value=1, max_value=99))
def test_parse_amount_refuses_any_ore(whole: int, ore: int) -> None:
    with pytest.raises(CellError):
        parse_amount(f"{whole},{ore:02d}")


@given(text=st.text(max_size=30))
def test_parse_amount_fails_only_with_cell_error(text: str) -> None:
    try:
        result = parse_amount(text)
    except CellError:
        return
    assert isinstance(result, int)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-01-31", dt.date(2023, 1, 31)),
        (" 2023-01-31 ", dt.date(2023, 1, 31)),
        (dt.datetime(2023, 1, 31, 0, 0), dt.date(2023, 1, 31)),
        (dt.date(2023, 1, 31), dt.date(2023, 1, 31)),
    ],
)
def test_parse_date_accepts_iso_and_excel_dates(value: object, expected: dt.date) -> None:
    assert parse_date(value) == expected  # type: ignore[arg-type]  # cells vary by source


@pytest.mark.parametrize("value", ["20230131", "2023-02-30", "31/1/2023", 45000])
def test_parse_date_refuses_other_forms(value: object) -> None:
    with pytest.raises(CellError):
        parse_date(value)  # type: ignore[arg-type]  # cells vary by source


def test_fold_makes_a_a_o_equal_to_swedish_letters() -> None:
    assert [fold(" Insatsägare "), fold("FÖRVÄNTAT"), fold("År")] == [
        "insatsagare",
        "forvantat",
        "ar",
    ]


def test_parse_choice_forgives_case_and_letters() -> None:
    assert [parse_choice("Individ", ["individ"]), parse_choice("övrig", ["ovrig"])] == [
        "individ",
        "ovrig",
    ]


def test_parse_list_splits_on_semicolon_and_drops_blanks_and_repeats() -> None:
    assert parse_list(" AF ; FK;;AF ", max_length=200) == ["AF", "FK"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ja", True), ("Nej", False), ("1", True), ("0", False), ("x", True), (None, False)],
)
def test_parse_yes_no_accepts_the_importmall_forms(value: str | None, expected: bool) -> None:
    assert parse_yes_no(value) is expected


@pytest.mark.parametrize(
    ("line", "expected"), [("kod;namn;x,y", ";"), ("kod,namn,x", ","), ("kod", ";")]
)
def test_detect_delimiter_uses_the_header_row(line: str, expected: str) -> None:
    assert detect_delimiter(line) == expected
