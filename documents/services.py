"""State changes of the documents app: the office's memo texts and Word template."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from documents.models import MemoTemplate, MemoText
from tenancy.models import Association


def save_memo_text(
    *, association: Association, period: str, section: str, text: str, user: Any
) -> MemoText | None:
    """Store the office's text for a section; an empty text removes it, so the default
    text is used again. Returns the row, or None when removed."""
    if not text.strip():
        MemoText.objects.filter(association=association, period=period, section=section).delete()
        return None
    row, _created = MemoText.objects.update_or_create(
        association=association,
        period=period,
        section=section,
        defaults={"text": text.strip(), "updated_by": user},
    )
    return row


@transaction.atomic
def replace_memo_template(
    *, association: Association, upload: UploadedFile, user: Any
) -> MemoTemplate:
    """Store a new Word template (already validated by the form) in place of the old."""
    remove_memo_template(association=association)
    template = MemoTemplate(
        association=association, original_name=(upload.name or "")[:200], uploaded_by=user
    )
    template.file.save("mall.docx", upload, save=False)
    template.save()
    return template


def remove_memo_template(*, association: Association) -> None:
    """Go back to the default template; the file is deleted too."""
    for template in MemoTemplate.objects.filter(association=association):
        template.delete()
