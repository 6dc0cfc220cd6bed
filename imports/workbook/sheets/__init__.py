"""The registry of sheet handlers, in the order they are validated and written (a sheet
may refer to the ones before it). Adding a sheet: one module here and one line below."""

from __future__ import annotations

from typing import Any

from imports.workbook.base import SheetHandler
from imports.workbook.sheets.aktiviteter import AktiviteterSheet
from imports.workbook.sheets.ansokningar import AnsokningarSheet
from imports.workbook.sheets.ansokningsbelopp import AnsokningsbeloppSheet
from imports.workbook.sheets.avvikelser import AvvikelserSheet
from imports.workbook.sheets.budget import BudgetSheet
from imports.workbook.sheets.deltagare import DeltagareSheet
from imports.workbook.sheets.driftrader import DriftraderSheet
from imports.workbook.sheets.enkatsvar import EnkatsvarSheet
from imports.workbook.sheets.forbundsbudget import ForbundsbudgetSheet
from imports.workbook.sheets.insatser import InsatserSheet
from imports.workbook.sheets.kvartalsrapporter import KvartalsrapporterSheet
from imports.workbook.sheets.nyckeltal import NyckeltalSheet
from imports.workbook.sheets.personal import PersonalSheet
from imports.workbook.sheets.rapportrader import RapportraderSheet
from imports.workbook.sheets.riksnitt import EnkatresultatSheet, EnkatunderlagSheet, RiksnittSheet
from imports.workbook.sheets.utfall import UtfallSheet
from imports.workbook.sheets.volym import VolymSheet

HANDLERS: tuple[SheetHandler[Any], ...] = (
    InsatserSheet(),
    BudgetSheet(),
    UtfallSheet(),
    DeltagareSheet(),
    VolymSheet(),
    AktiviteterSheet(),
    KvartalsrapporterSheet(),
    AvvikelserSheet(),
    EnkatsvarSheet(),
    RiksnittSheet(),
    EnkatresultatSheet(),
    EnkatunderlagSheet(),
    RapportraderSheet(),
    DriftraderSheet(),
    ForbundsbudgetSheet(),
    NyckeltalSheet(),
    PersonalSheet(),
    AnsokningarSheet(),
    AnsokningsbeloppSheet(),
)
