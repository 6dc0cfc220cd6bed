"""Sheet `Nyckeltal`: figures of years before the first imported ledger (five-year
overview, balanced-budget history, the decision room's starting equity). Natural key: år."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy

from imports.workbook.access import WorkbookAccess
from imports.workbook.base import Column, ImportContext, RowReader, SheetChanges, SheetHandler
from imports.workbook.cells import parse_amount, parse_year
from ledger.models import KeyFigures
from ledger.services import save_key_figures
from tenancy.models import Association

OPTIONAL = ("kostnader", "soliditet", "kassalikviditet", "eget_kapital", "obundet_eget_kapital")
FIELDS = {
    "intakter": "income",
    "arets_resultat": "result",
    "kostnader": "costs",
    "soliditet": "equity_ratio",
    "kassalikviditet": "quick_ratio",
    "eget_kapital": "equity",
    "obundet_eget_kapital": "unrestricted_equity",
}


@dataclass(frozen=True)
class KeyFiguresRow:
    year: int
    values: tuple[tuple[str, int | None], ...]


class NyckeltalSheet(SheetHandler[KeyFiguresRow]):
    sheet_name = "Nyckeltal"
    label = "år med nyckeltal"
    columns = (
        Column("år", required=True),
        Column("intakter", required=True),
        Column("arets_resultat", required=True),
        *(Column(name) for name in OPTIONAL),
    )

    def parse_row(self, row: RowReader, context: ImportContext) -> KeyFiguresRow | None:
        year = row.value("år", parse_year, required=True)
        values = {
            column: row.value(
                column, parse_amount, required=column in ("intakter", "arets_resultat")
            )
            for column in FIELDS
        }
        if not row.ok or year is None:
            return None
        return KeyFiguresRow(year, tuple((FIELDS[c], v) for c, v in values.items()))

    repeated_key = ("år", ("year",), gettext_lazy("Året finns redan på rad %(row)s."))

    def write(self, rows: Sequence[KeyFiguresRow], context: ImportContext) -> SheetChanges:
        return SheetChanges.of(
            save_key_figures(association=context.association, year=row.year, **dict(row.values))
            for row in rows
        )

    def export_rows(
        self, association: Association, access: WorkbookAccess
    ) -> Iterable[Sequence[Any]]:
        for figures in KeyFigures.objects.filter(association=association).order_by("year"):
            yield (figures.year, *(getattr(figures, name) for name in FIELDS.values()))
