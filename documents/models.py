"""The office's own parts of the memo: its edited texts and its Word template."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from documents.memo.texts import SECTION_CHOICES
from tenancy.models import Association, user_reference


class MemoText(models.Model):
    """The office's text for one section of one period's memo; the section's default text
    (``documents.memo.texts``) is used while no row exists."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    #: the period code, e.g. "2022H2"
    period = models.CharField(_("period"), max_length=7)
    section = models.CharField(_("avsnitt"), max_length=40, choices=SECTION_CHOICES)
    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = user_reference(blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("text i uppföljnings-PM")
        verbose_name_plural = _("texter i uppföljnings-PM")
        ordering = ["period", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "period", "section"], name="unique_memo_text"
            ),
            models.CheckConstraint(
                condition=Q(section__in=[key for key, _label in SECTION_CHOICES]),
                name="memo_text_known_section",
            ),
            models.CheckConstraint(
                condition=Q(period__regex=r"^[0-9]{4}((H[12])|(Q[1-4]))?$"),
                name="memo_text_period_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.get_section_display()}"


def template_path(instance: MemoTemplate, filename: str) -> str:
    """A new name for every upload: the user's file name never reaches the disk."""
    return f"memo-templates/{instance.association_id}/{uuid.uuid4().hex}.docx"


class MemoTemplate(models.Model):
    """The association's Word template (letterhead, styles) for the memo's DOCX; one per
    association, replaced by a new upload."""

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("Word-mall"), upload_to=template_path)
    #: the uploaded file's name, for display
    original_name = models.CharField(_("filnamn"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uppladdad"), default=timezone.now)
    uploaded_by = user_reference(blank=True)

    objects = ScopedManager(association="association")

    class Meta:
        verbose_name = _("Word-mall för uppföljnings-PM")
        verbose_name_plural = _("Word-mallar för uppföljnings-PM")
        constraints = [
            models.UniqueConstraint(fields=["association"], name="unique_memo_template"),
        ]

    def __str__(self) -> str:
        return self.original_name or str(self.file)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.file.delete(save=False)
        return super().delete(*args, **kwargs)
