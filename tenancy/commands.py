"""What the management commands share: the association named by ``--association``."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from tenancy.models import Association


def association_from_slug(slug: str) -> Association:
    """The association with this slug (kortnamn); a command error when there is none."""
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        raise CommandError(_("Det finns inget förbund med kortnamnet %(slug)s.") % {"slug": slug})
    return association
