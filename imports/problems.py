"""The problems of a refused import as a download: the page lists the first
``PAGE_LIMIT``; all of them are kept for an hour for the user who imported, and given as
an XLSX (safe cells). The value of a problem in a sheet with personal data is not kept
(the page shows it, masked where it is a personnummer)."""

from __future__ import annotations

import io
import secrets

from django.core.cache import cache
from django.utils.translation import gettext as _

from finsam.safe_cells import save_workbook
from imports.workbook.base import Problem
from imports.workbook.sheets import HANDLERS

#: How many problems the page shows.
PAGE_LIMIT = 200
#: How long the full list can be downloaded.
KEEP_SECONDS = 3600
PERSONAL_SHEETS = frozenset(handler.sheet_name for handler in HANDLERS if handler.personal_data)

Row = tuple[str, int | None, str, str, str]


def _key(token: str) -> str:
    return f"imports:problems:{token}"


def store_problems(problems: list[Problem], *, user_id: int | None, association_id: int) -> str:
    """Keep the problems for ``user_id`` in ``association_id``; the token names them."""
    token = secrets.token_urlsafe(16)
    rows: list[Row] = [
        (
            problem.sheet,
            problem.row,
            problem.column,
            "" if problem.sheet in PERSONAL_SHEETS else problem.value,
            problem.reason,
        )
        for problem in problems
    ]
    cache.set(
        _key(token),
        {"user": user_id, "association": association_id, "rows": rows},
        KEEP_SECONDS,
    )
    return token


def stored_problems(token: str, *, user_id: int | None, association_id: int) -> list[Row] | None:
    """The problems kept under ``token`` for this user and association, else ``None``."""
    stored = cache.get(_key(token))
    if (
        user_id is None
        or not stored
        or (stored["user"], stored["association"]) != (user_id, association_id)
    ):
        return None
    rows: list[Row] = stored["rows"]
    return rows


def problems_xlsx(rows: list[Row]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook has its sheet
    sheet.title = _("Fel")
    sheet.append([_("Blad"), _("Rad"), _("Kolumn"), _("Värde"), _("Orsak")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    for column, width in zip("ABCDE", (16, 8, 24, 30, 80), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    save_workbook(workbook, buffer)
    return buffer.getvalue()
