"""Generated attachments: each kind of document the product can render, frozen as PDF when
the notice is published. A new document plugs in with one entry in ``FREEZERS``.

Generated attachments are always the board's version (disclosure control applied), so no
meeting paper holds participant data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from meetings.models import Attachment, AttachmentDocument

if TYPE_CHECKING:
    from stats.application_paper import ApplicationPaper


def _memo_pdf(attachment: Attachment) -> tuple[str, bytes]:
    from documents.memo import sources
    from documents.memo.render import render_memo
    from stats.periods import Period

    period = Period.parse(attachment.reference)
    association = attachment.association
    document, data = sources.memo_document(association, period, suppress=True)
    return f"uppfoljning-{period}.pdf", render_memo(document, data, "pdf", association)


def _check_memo(reference: str) -> None:
    from stats.periods import Period

    try:
        Period.parse(reference)
    except ValueError as error:
        raise ValidationError({"reference": str(error)}) from error


#: The economic information's columns reach this many years after the as-of year.
ECONOMIC_YEARS_AHEAD = 2


def _as_of(reference: str) -> dt.date:
    try:
        return dt.date.fromisoformat(reference)
    except ValueError:
        raise ValidationError(
            {"reference": _("Ange dagen den ekonomiska informationen avser, t.ex. 2026-03-31.")}
        ) from None


def _check_economic(reference: str) -> None:
    _as_of(reference)


def _economic_pdf(attachment: Attachment) -> tuple[str, bytes]:
    from documents.economic.render import render_pdf
    from stats.economic import economic_information

    as_of = _as_of(attachment.reference)
    information = economic_information(
        attachment.association, as_of=as_of, until=as_of.year + ECONOMIC_YEARS_AHEAD
    )
    return f"ekonomisk-information-{as_of.isoformat()}.pdf", render_pdf(information)


def _paper(reference: str) -> ApplicationPaper:
    from stats.application_paper import application_paper

    paper = application_paper(reference)
    if paper is None:
        raise ValidationError(
            {"reference": _("Ange ansökans id eller kod; ingen sådan ansökan finns.")}
        )
    return paper


def _check_application(reference: str) -> None:
    _paper(reference)


def _application_pdf(attachment: Attachment) -> tuple[str, bytes]:
    """The application with the office's assessment: what the board decides on."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    paper = _paper(attachment.reference)
    html = render_to_string(
        "meetings/packet/application.html",
        {
            "title": f"Ansökan {paper.name}",
            "association_name": attachment.association.name,
            "paper": paper,
        },
    )
    return f"ansokan-{paper.pk}.pdf", bytes(HTML(string=html).write_pdf(pdf_tags=True))


def _check_annual(reference: str) -> None:
    from ledger.models import FiscalYear

    if (
        not (reference.isdigit() and len(reference) == 4)
        or not FiscalYear.objects.filter(year=int(reference)).exists()
    ):
        raise ValidationError({"reference": _("Ange ett år vars huvudbok är inläst, t.ex. 2025.")})


def _annual_pdf(attachment: Attachment) -> tuple[str, bytes]:
    """The annual report of the year (as adopted, when it is): the board's version."""
    from documents.annual.render import render_annual_pdf
    from stats.annual.adoption import report_for
    from stats.annual.data import ReportError

    year = int(attachment.reference)
    try:
        report, adopted = report_for(attachment.association, year)
    except ReportError as error:
        raise ValidationError(
            _("Årsredovisningen för %(year)s kan inte tas fram: %(why)s")
            % {"year": year, "why": " ".join(error.messages)}
        ) from None
    pdf = render_annual_pdf(report, association=attachment.association, adopted=adopted)
    return f"arsredovisning-{year}.pdf", pdf


#: document kind -> (check of the reference, renderer to PDF)
FREEZERS: dict[str, tuple[Callable[[str], None], Callable[[Attachment], tuple[str, bytes]]]] = {
    AttachmentDocument.MEMO: (_check_memo, _memo_pdf),
    AttachmentDocument.ECONOMIC_INFORMATION: (_check_economic, _economic_pdf),
    AttachmentDocument.APPLICATION: (_check_application, _application_pdf),
    AttachmentDocument.ANNUAL_REPORT: (_check_annual, _annual_pdf),
}


def generated_kinds() -> list[str]:
    return list(FREEZERS)


def check_reference(document: str, reference: str) -> None:
    """Refuse a generated attachment the product cannot render, or a bad reference."""
    if document == AttachmentDocument.FILE:
        return
    if document not in FREEZERS:
        raise ValidationError(
            {
                "document": _(
                    "Den här handlingen kan ännu inte skapas av systemet; ladda upp den som fil."
                )
            }
        )
    FREEZERS[document][0](reference)


def freeze(attachment: Attachment) -> tuple[str, bytes]:
    """The attachment rendered as PDF (used by ``services.publish``)."""
    return FREEZERS[attachment.document][1](attachment)


#: What an uploaded attachment may be: its name's ending and how its content begins.
UPLOAD_SIGNATURES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}


def check_upload(file: Any) -> None:
    """An uploaded attachment is a PDF or a DOCX (by name and by content) within the
    upload limit."""
    from django.conf import settings

    if not file:
        raise ValidationError({"file": _("Välj en fil att bifoga.")})
    name = str(getattr(file, "name", "")).lower()
    ending = next((end for end in UPLOAD_SIGNATURES if name.endswith(end)), None)
    if ending is None:
        raise ValidationError({"file": _("Bifoga en PDF- eller Word-fil (.pdf, .docx).")})
    if file.size > settings.FINSAM_MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                "file": _("Filen är för stor (högst %(mb)s MB).")
                % {"mb": settings.FINSAM_MAX_UPLOAD_BYTES // (1024 * 1024)}
            }
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head.startswith(UPLOAD_SIGNATURES[ending]):
        raise ValidationError(
            {"file": _("Filens innehåll är inte en %(kind)s-fil.") % {"kind": ending[1:].upper()}}
        )
