"""Rendering the memo in a format; used by the download view and ``followup_report``."""

from __future__ import annotations

import json
from typing import Any

from documents.memo import sources

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMATS = tuple(CONTENT_TYPES)


def render_memo(document: Any, data: dict[str, Any], fmt: str, association: Any) -> bytes:
    """The memo in one format: ``json`` (the contract), ``xlsx``, ``pdf`` or ``docx`` (in
    the association's Word template when one is uploaded)."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "xlsx":
        from documents.memo.xlsx import render_xlsx

        return render_xlsx(document)
    if fmt == "pdf":  # the page's SVG charts, as vectors
        from documents.memo.pdf import render_pdf

        return render_pdf(document)
    from documents.memo.charts import render_all
    from documents.memo.docx import render_docx

    charts = render_all(document)

    template = sources.template_for(association)
    try:
        return render_docx(document, charts=charts, template=template)
    finally:
        if template is not None:
            template.close()
