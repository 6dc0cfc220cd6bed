from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonIdentity(models.Model):
    """The personnummer an account signs in with through e-ID, stored only as the keyed
    look-up hash of ``participants.crypto`` (never the number itself). Written at the
    first e-ID sign-in that accepts an invitation by personnummer.

    Not association data: like the account, it belongs to the person."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person_identity"
    )
    personnummer_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-legitimationsidentitet")
        verbose_name_plural = _("e-legitimationsidentiteter")

    def __str__(self) -> str:
        return f"e-ID {self.user_id}"
