"""The one row the background worker writes to show it is alive (see ``ops.tasks``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """When the background worker last ran the heartbeat task. A single row (id 1): the
    task upserts it and ``/healthz`` reads it. Not tenant data."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    at = models.DateTimeField(_("senast"))

    class Meta:
        verbose_name = _("livstecken")
        verbose_name_plural = _("livstecken")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="heartbeat_single_row")]

    def __str__(self) -> str:
        return f"Heartbeat {self.at:%Y-%m-%d %H:%M:%S}"
