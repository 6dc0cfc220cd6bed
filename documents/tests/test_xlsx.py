from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from documents.memo.model import MemoDocument
from documents.memo.xlsx import SHEET_NAME_LENGTH, render_xlsx, whole_words
from documents.tests.readback import xlsx_of
from documents.tests.sample import NAMES, sample_memo


@pytest.fixture(scope="module")
def workbook(document: MemoDocument) -> Any:
    return xlsx_of(render_xlsx(document))


def rows(sheet: Any, skip: int) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(min_row=skip + 1, values_only=True)]


def test_xlsx_first_sheet_is_about_the_report(workbook: Any) -> None:
    about = workbook["Om rapporten"]

    assert (workbook.sheetnames[0], rows(about, 3)[:7]) == (
        "Om rapporten",
        [
            ["Förbund", "Samordningsförbundet Exempel"],
            ["Period", "2022H2"],
            ["Periodens början", dt.datetime(2022, 7, 1)],
            ["Periodens slut", dt.datetime(2022, 12, 31)],
            ["Framtagen", dt.datetime(2023, 2, 1, 10, 15)],
            ["Version", "Röjandeskyddad version"],
            [
                "Röjandeskydd",
                "..: uppgiften visas inte eftersom den kan röja enskilda personer: antal 1–4 "
                "och antal som annars skulle kunna räknas fram.",
            ],
        ],
    )


def test_xlsx_has_one_sheet_per_table(document: MemoDocument, workbook: Any) -> None:
    assert [workbook[name]["A1"].value for name in workbook.sheetnames[1:]] == [
        table.caption for table in document.tables()
    ]


def test_xlsx_participants_numbers_are_numeric_and_equal_the_json(workbook: Any) -> None:
    table = sample_memo(suppressed=True)["tables"]["participants"]
    fields = ("registered", "exited", "exited_to_date", "ongoing")
    genders = ("women", "men", "total")
    sheet = workbook[workbook.sheetnames[7]]

    expected = [
        [NAMES[row["intervention"]], *(row[f][g] for f in fields for g in genders)]
        for row in table["rows"]
    ]
    expected.append(["Summa", *(table["total"][f][g] for f in fields for g in genders)])

    assert (
        rows(sheet, 2)[1:6],
        sheet["B4"].data_type,
        sheet["B6"].value,
    ) == (expected, "n", "..")


def test_xlsx_money_is_whole_sek_shown_in_thousands(workbook: Any) -> None:
    table = sample_memo()["tables"]["budget"]
    sheet = workbook[workbook.sheetnames[4]]

    first = rows(sheet, 3)[0]
    assert (first[1:], sheet["B4"].number_format) == (
        [
            table["rows"][0][name]
            for name in (
                "period_outcome",
                "period_budget",
                "ytd_outcome",
                "ytd_budget",
                "consumption_ratio",
                "transferred",
            )
        ],
        "#,##0,",
    )


def test_xlsx_missing_share_is_a_dash(workbook: Any) -> None:
    sheet = workbook[workbook.sheetnames[8]]

    assert rows(sheet, 3)[3] == ["Ung framtid", 0, 8, 8, 0, 47, 40, "–"]


def test_xlsx_dates_are_date_cells_shown_as_iso_dates(workbook: Any) -> None:
    about = workbook["Om rapporten"]
    interventions = workbook[workbook.sheetnames[1]]
    dates = [
        (cell.value, cell.number_format)
        for row in interventions.iter_rows(min_row=3, min_col=2, max_col=3)
        for cell in row
        if cell.value is not None
    ]

    assert (about["B6"].number_format, about["B7"].number_format, about["B8"].number_format) == (
        "yyyy-mm-dd",
        "yyyy-mm-dd",
        "yyyy-mm-dd hh:mm",
    )
    assert dates[:2] == [
        (dt.datetime(2022, 1, 1), "yyyy-mm-dd"),
        (dt.datetime(2024, 12, 31), 'yyyy-mm-dd"*"'),
    ]
    assert all(isinstance(value, dt.datetime) for value, _ in dates)


def test_xlsx_sheet_names_are_short_whole_words(workbook: Any) -> None:
    assert workbook.sheetnames == [
        "Om rapporten",
        "T1 Insatser",
        "T2 Nuläge mål",
        "T3 Förutsättningar",
        "T4 Budget",
        "T5 Kvalitetssäkring",
        "T6 Budget per insatstyp",
        "T7 Deltagare",
        "T8 Utfall deltagare",
        "T9 Anonyma deltagare",
        "T10 Avslutningsanledningar",
        "T11 Målgrupp",
        "T12 Tid i insats",
        "T13 Förväntat antal",
        "T14 Aktiviteter",
        "T15 Deltagare vid aktiviteter",
        "T16 Förbundets resultatmål",
    ]


@given(st.lists(st.text(alphabet="abcåäö,", min_size=1, max_size=12), min_size=1, max_size=8))
def test_xlsx_long_sheet_name_is_cut_after_a_whole_word(words: list[str]) -> None:
    title = "T9 " + " ".join(words)

    cut = whole_words(title, SHEET_NAME_LENGTH)

    assert len(cut) <= SHEET_NAME_LENGTH
    assert title.startswith(cut)
    assert len(cut) == len(title) or title[len(cut)] in " ,"
