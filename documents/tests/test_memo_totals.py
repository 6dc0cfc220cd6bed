"""Totals that add up (issue 10.5): in every table of the memo made from the demo data, a
total row equals the sum of the rows printed above it – the exact value, and the printed
figure for counts and shares (amounts are rounded to TSEK one by one, as the table's note
says) – or its label says which rows it sums."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django_scopes import scope, scopes_disabled

from demo.loader import remove_demo
from documents.memo.model import FORMAT_COUNT, FORMAT_SHARE, FORMAT_TSEK, Cell, Row, Table
from documents.memo.sources import memo_document
from stats.periods import Period
from tenancy.models import Association

pytestmark = pytest.mark.django_db

#: The demo's memos: both associations, a half-year and a whole year.
MEMOS = [("exempel", "2025H2"), ("exempel", "2026H1"), ("exempel", "2025"), ("norr", "2025")]

#: Total rows whose label says which rows they sum (the exit reasons' summary), by label:
#: the labels of the body rows they add up.
WORK = ("Arbete utan lönesubvention", "Subventionerad anställning", "Eget företag")
NAMED_TOTALS: dict[str, tuple[str, ...]] = {
    "S:a arbete": WORK,
    "Studier": ("Studier",),
    "S:a arbete och/eller studier": (*WORK, "Studier"),
    "Aktivt arbetssökande": ("Aktivt arbetssökande",),
    "S:a arbete, studier och arbetssökande": (*WORK, "Studier", "Aktivt arbetssökande"),
}

#: Share columns that give each row's share of its own count (the total row's is the
#: share of the total), never a sum of the rows, even when it says 100 %.
ROW_SHARES = frozenset({"Andel förbättrade"})


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), scopes_disabled():
        call_command("load_demo", stdout=StringIO())
        yield
        remove_demo()


def memo_tables(slug: str, period: str) -> list[Table]:
    association = Association.objects.get(slug=slug)
    with scope(association=association.pk):
        document, _data = memo_document(association, Period.parse(period), suppress=False)
    return document.tables()


def printed(cell: Cell) -> int:
    return int(cell.text.replace("\xa0", "").replace(" ", "").replace("%", ""))


def number(cell: Cell) -> int:
    """The stored whole number of a figure cell; 0 for a dash."""
    return int(cell.value) if isinstance(cell.value, int | float) else 0


def summed(cell: Cell) -> bool:
    """A column whose total is a sum of its rows: amounts and counts, and shares whose total
    says 100 % (parts of a whole); other shares (a share of the total) are not sums."""
    if cell.number_format in (FORMAT_TSEK, FORMAT_COUNT):
        return cell.is_number
    return cell.number_format == FORMAT_SHARE and cell.value == 100


def parts_of(table: Table, index: int, total: Row) -> list[Row]:
    """The body rows the total at ``index`` sums: named by its label, or all above it."""
    above = [row for row in table.rows[:index] if row.kind == "body"]
    name = total.cells[0].text
    if table.key == "exit_reasons":
        reasons = NAMED_TOTALS.get(name)
        if reasons is None:  # "Övriga avslutningsanledningar", "Samtliga avslutade"
            group = next(i for i, row in enumerate(table.rows) if row.kind == "group")
            above = [row for row in table.rows[:group] if row.kind == "body"]
            if name == "Samtliga avslutade":
                return above
            named = {label for labels in NAMED_TOTALS.values() for label in labels}
            return [row for row in above if row.cells[0].text not in named]
        return [row for row in above if row.cells[0].text in reasons]
    return above


def mismatches(table: Table) -> list[tuple[str, str, int, int, int, int]]:
    """(table, total label, column, total, sum of rows, sum printed) for each total cell that
    is not the sum of its rows (stored value or printed figure)."""
    found = []
    for index, row in enumerate(table.rows):
        if row.kind != "total":
            continue
        parts = parts_of(table, index, row)
        for column, cell in enumerate(row.cells[1:], start=1):
            if not summed(cell) or table.columns[column] in ROW_SHARES:
                continue
            cells = [part.cells[column] for part in parts]
            value = sum(number(c) for c in cells)
            # Amounts are rounded to TSEK one by one (the table's note says so): their printed
            # sum may differ by rounding; counts and shares are printed as they are.
            text = sum(printed(c) if c.is_number else 0 for c in cells)
            if cell.number_format == FORMAT_TSEK:
                text = printed(cell)
            if (value, text) != (cell.value, printed(cell)) or not parts:
                found.append((table.caption, row.cells[0].text, column, printed(cell), value, text))
    return found


@pytest.mark.parametrize(("slug", "period"), MEMOS)
def test_memo_every_total_is_the_sum_of_its_rows(demo: None, slug: str, period: str) -> None:
    tables = memo_tables(slug, period)

    assert [m for table in tables for m in mismatches(table)] == []
    assert sum(1 for table in tables for row in table.rows if row.kind == "total") >= 10
