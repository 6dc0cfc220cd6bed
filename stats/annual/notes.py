"""2.4 Notes: every line with a note number, its rows by ``specifikation``."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ledger.sie.parser import parse_objects_key
from stats.annual.data import ZERO, Item, LedgerYear, kronor
from stats.annual.statements import Figure

#: The key of the row for amounts without an object of the note's dimension.
NO_OBJECT = ""


def notes(
    figures: list[Figure], current: LedgerYear, previous: LedgerYear | None
) -> list[dict[str, Any]]:
    """One entry per line with a note, in note order (lines sharing a number in line order)."""
    noted = [figure for figure in figures if figure.line.note is not None]
    noted.sort(key=lambda figure: figure.line.note or 0)
    return [_note(figure, current, previous) for figure in noted]


def _note(figure: Figure, current: LedgerYear, previous: LedgerYear | None) -> dict[str, Any]:
    line = figure.line
    specification = line.specification
    rows: list[dict[str, Any]] = []
    if specification == "konto":
        rows = _account_rows(figure, current, previous)
    elif specification.startswith("objekt:"):
        rows = _object_rows(figure, current, int(specification.split(":")[1]))
    return {
        "note": line.note,
        "line": line.code,
        "label": line.label,
        "rows": rows,
        "total": {"amount": figure.amount, "previous": figure.previous},
    }


def _balances(figure: Figure, year: LedgerYear) -> dict[str, Decimal]:
    return year.res if figure.line.report == "resultat" else year.ub


def _account_rows(
    figure: Figure, current: LedgerYear, previous: LedgerYear | None
) -> list[dict[str, Any]]:
    line = figure.line
    now = _balances(figure, current)
    before = _balances(figure, previous) if previous is not None else {}
    accounts = {a for a in (*now, *before) if _takes(figure, a, current)}
    rows = []
    for account in sorted(accounts, key=lambda a: (not a.isdigit(), a.zfill(20))):
        amount, earlier = now.get(account, ZERO), before.get(account, ZERO)
        if not amount and not earlier:
            continue
        name = current.names.get(account) or (previous.names.get(account, "") if previous else "")
        rows.append(
            {
                "key": account,
                "label": name,
                "amount": kronor(line.sign * amount),
                "previous": None if previous is None else kronor(line.sign * earlier),
            }
        )
    return rows


def _takes(figure: Figure, account: str, year: LedgerYear) -> bool:
    if figure.line.accounts.ranges:
        return figure.line.accounts.matches(account)
    return account in figure.accounts


def _object_rows(figure: Figure, current: LedgerYear, dimension: int) -> list[dict[str, Any]]:
    line = figure.line
    items: list[Item] = (
        current.result_items() if line.report == "resultat" else current.balance_items()
    )
    by_object: dict[str, Decimal] = defaultdict(Decimal)
    for account, key, amount in items:
        if not _takes(figure, account, current):
            continue
        codes = [code for dim, code in parse_objects_key(key) if dim == dimension]
        if codes:
            by_object[codes[0]] += amount
    rows = []
    for code in sorted(by_object, key=lambda c: (not c.isdigit(), c.zfill(20))):
        if by_object[code]:
            rows.append(
                {
                    "key": code,
                    "label": current.object_names.get((dimension, code), code),
                    "amount": kronor(line.sign * by_object[code]),
                    "previous": None,
                }
            )
    rest = figure.exact - line.sign * sum(by_object.values(), ZERO)
    if kronor(rest):
        rows.append(
            {"key": NO_OBJECT, "label": _("Utan objekt"), "amount": kronor(rest), "previous": None}
        )
    return rows
