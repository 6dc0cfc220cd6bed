"""Random cells into every sheet of the importmall (issue 18.4): the import either refuses
the file with problems that have a place and a reason, or imports it; it never raises."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_scopes import scope
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imports.workbook.cells import CellValue
from imports.workbook.importer import import_sheets
from imports.workbook.reader import sheet_from_rows
from imports.workbook.sheets import HANDLERS
from imports.workbook.template import codes
from testing.participants import MAN_1985, WOMAN_1990
from testing.personas import World

pytestmark = pytest.mark.django_db

ALL_CODES = sorted({code for sheet in codes().values() for c in sheet.values() for code in c})

#: Cells that are sometimes right (so rows get past the first check) and often wrong.
CELLS: st.SearchStrategy[CellValue] = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["A", "B", "X", "2024", "2024-03-01", "ja", "nej", WOMAN_1990, MAN_1985]),
    st.sampled_from(ALL_CODES),
    st.integers(min_value=-(10**25), max_value=10**25),
    st.integers(min_value=0, max_value=13),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    st.sampled_from(["=1+1", "-5", "1 290 000", "1290000,00", "99999999999999999999999"]),
)


@pytest.mark.parametrize("handler", HANDLERS, ids=lambda handler: handler.sheet_name)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), dry_run=st.booleans())
def test_random_cells_are_refused_or_imported_never_an_exception(
    world: World, handler: Any, data: st.DataObject, dry_run: bool
) -> None:
    header = [column.name for column in handler.columns]
    rows = data.draw(
        st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=4)
    )
    sheet = sheet_from_rows(handler.sheet_name, [header, *rows])

    with scope(association=world.association.pk):
        result = import_sheets([sheet], association=world.association, dry_run=dry_run)

    for problem in result.problems:  # a file of empty rows is refused as a whole
        assert (problem.sheet in (handler.sheet_name, ""), bool(problem.reason)) == (True, True)
    if result.ok and rows:
        assert list(result.changes) == [handler.sheet_name]
