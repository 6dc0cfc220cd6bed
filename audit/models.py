"""The access log (loggkontroll): one append-only row for every read or write of
participant data, and the log reviewers' recorded reviews.

A row holds ids, never a personnummer or a name. Rows are never updated or deleted except
by retention (``audit.services.prune_participation_references``), which only empties the
participation ids of old rows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from tenancy.models import Association


class AccessAction(models.TextChoices):
    LIST = "list", _("Lista")
    READ = "read", _("Läsa")
    SEARCH = "search", _("Söka")
    CREATE = "create", _("Registrera")
    UPDATE = "update", _("Ändra")
    EXPORT = "export", _("Exportera")
    IMPORT = "import", _("Importera")
    REVEAL = "reveal", _("Visa personnummer")
    ANONYMISE = "anonymise", _("Anonymisera")
    RETENTION = "retention", _("Gallra")
    ACCESS_REPORT = "access_report", _("Registerutdrag")


class Outcome(models.TextChoices):
    OK = "ok", _("Genomförd")
    DENIED = "denied", _("Nekad")
    FAILED = "failed", _("Misslyckad")


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Refuses bulk updates and deletes."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Log rows are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Log rows are append-only.")


class AccessLogQuerySet(AppendOnlyQuerySet):
    def _empty_participation_ids(self) -> int:
        """Retention only: called by ``audit.services.prune_participation_references``,
        the one permitted change to a log row (the database trigger allows only this)."""
        return models.QuerySet.update(self, participation_ids=[])


AppendOnlyManager = models.Manager.from_queryset(AppendOnlyQuerySet)
AccessLogManager = models.Manager.from_queryset(AccessLogQuerySet)


class AppendOnly(models.Model):
    """Refuses updates and deletes through the ORM instance API."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.pop("_retention", False):
            raise PermissionError("Log rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Log rows are append-only.")


class AccessLogEntry(AppendOnly):
    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("tid (UTC)"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(_("roll"), max_length=30)
    action = models.CharField(_("åtgärd"), max_length=20, choices=AccessAction.choices)
    participation_ids = models.JSONField(_("deltaganden"), default=list)
    intervention_ids = models.JSONField(_("insatser"), default=list)
    purpose = models.CharField(_("syfte/sammanhang"), max_length=200)
    outcome = models.CharField(_("utfall"), max_length=10, choices=Outcome.choices)

    objects = ScopedManager(AccessLogManager, association="association")

    class Meta:
        verbose_name = _("loggpost")
        verbose_name_plural = _("åtkomstlogg")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["association", "user", "at"], name="accesslog_user_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class LogReview(AppendOnly):
    """A log reviewer's recorded review of a set of log rows, with a conclusion."""

    class Conclusion(models.TextChoices):
        NO_REMARK = "utan_anmarkning", _("Utan anmärkning")
        FOLLOW_UP = "uppfoljning", _("Kräver uppföljning")
        INCIDENT = "incident", _("Misstänkt obehörig åtkomst")

    association = models.ForeignKey(Association, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    scope = models.CharField(_("granskat urval"), max_length=200)
    entry_ids = models.JSONField(_("granskade loggposter"), default=list)
    conclusion = models.CharField(_("slutsats"), max_length=20, choices=Conclusion.choices)
    comment = models.TextField(_("kommentar"), blank=True)

    objects = ScopedManager(AppendOnlyManager, association="association")

    class Meta:
        verbose_name = _("logggranskning")
        verbose_name_plural = _("logggranskningar")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.get_conclusion_display()}"
