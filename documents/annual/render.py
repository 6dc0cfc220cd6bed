"""The annual report as a document (``content.build_annual``) and in the formats that
walk it: a tagged PDF (the memo's PDF writer: its HTML, SVG charts as vectors, PDF/UA-1)
and a DOCX in the association's Word template (the memo's DOCX writer and template:
letterhead, styles, PNG charts). Both hold the same content in the same order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils import timezone

from documents.annual.content import build_annual
from documents.memo.model import MemoDocument
from tenancy.models import Association

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def adopted_line(adopted: Any) -> str:
    if adopted is None:
        return ""
    return f"Fastställd {adopted.adopted_on.isoformat()} ({adopted.decision})"


def annual_document(
    association: Association,
    report: Mapping[str, Any],
    adopted: Any = None,
    *,
    suppressed: bool = True,
    produced_at: dt.datetime | None = None,
) -> MemoDocument:
    """The report (as ``stats.annual.adoption.report_for`` gave it) with the management
    report's texts and tables: as adopted when ``adopted`` is given. Inside the scope."""
    from stats.annual.adoption import management_for
    from stats.annual.texts import report_texts
    from stats.disclosure import hidden_note

    year = int(report["year"])
    threshold = int(association.disclosure_threshold)
    return build_annual(
        report,
        association_name=association.name,
        texts=report_texts(association, report, adopted),
        management=management_for(association, year, adopted),
        produced_at=produced_at or timezone.localtime(),
        suppressed=suppressed,
        threshold=threshold,
        disclosure_note=hidden_note(threshold) if suppressed else "",
        adopted=adopted_line(adopted),
    )


def render_annual_pdf(
    report: Mapping[str, Any],
    *,
    association: Association,
    adopted: Any = None,
    suppressed: bool = True,
) -> bytes:
    """The report as a tagged PDF/UA-1 document."""
    from documents.memo.pdf import render_pdf

    return render_pdf(annual_document(association, report, adopted, suppressed=suppressed))


def render_annual_html(
    report: Mapping[str, Any],
    *,
    association: Association,
    adopted: Any = None,
    suppressed: bool = True,
) -> bytes:
    """The report as one standalone HTML page: the same document the PDF prints."""
    from documents.memo.pdf import memo_html

    document = annual_document(association, report, adopted, suppressed=suppressed)
    return memo_html(document).encode("utf-8")


def render_annual_docx(
    report: Mapping[str, Any],
    *,
    association: Association,
    adopted: Any = None,
    suppressed: bool = True,
) -> bytes:
    """The report as DOCX in the association's Word template (the memo's template) when
    one is uploaded, else in the default one."""
    from documents.memo.charts import render_all
    from documents.memo.docx import render_docx
    from documents.models import MemoTemplate

    document = annual_document(association, report, adopted, suppressed=suppressed)
    charts = render_all(document)
    template = MemoTemplate.objects.filter(association=association).first()
    if template is None or not template.file:
        return render_docx(document, charts=charts)
    with template.file.open("rb") as source:
        return render_docx(document, charts=charts, template=source)
