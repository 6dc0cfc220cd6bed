"""A mapped ledger of 2022 for the annual report's page and document tests."""

from __future__ import annotations

from typing import Any

from django_scopes import scope

from imports.tests.workbooks import run_import, xlsx_file
from ledger.services import import_sie
from ledger.tests.mapping_samples import mapping_sheets
from ledger.tests.report_sample import REPORT_SIE


def import_report_ledger(association: Any, tmp_path: Any) -> None:
    assert run_import(xlsx_file(tmp_path, mapping_sheets()), association).problems == []
    with scope(association=association.pk):
        import_sie(association=association, data=REPORT_SIE.encode("cp437"))
