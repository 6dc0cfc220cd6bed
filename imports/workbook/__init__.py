"""The import workbook of spec/importmall.md: reading, validation, writing and export.

``import_workbook`` and ``export_workbook`` are the entry points; the sheets themselves are
handlers registered in ``imports.workbook.sheets``.
"""

from imports.workbook.exporter import export_workbook
from imports.workbook.importer import ImportResult, import_workbook

__all__ = ["ImportResult", "export_workbook", "import_workbook"]
