"""What the management commands share: the association named by ``--association`` and
writing the document they made."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tenancy.models import Association


def association_from_slug(slug: str) -> Association:
    """The association with this slug (kortnamn); a command error when there is none."""
    association = Association.objects.filter(slug=slug).first()
    if association is None:
        raise CommandError(_("Det finns inget förbund med kortnamnet %(slug)s.") % {"slug": slug})
    return association


def write_document(command: BaseCommand, content: bytes, output: str | None, *, text: bool) -> None:
    """The document to the file ``output``, or to standard out (decoded when ``text``)."""
    if output:
        Path(output).write_bytes(content)
        command.stderr.write(f"Skrev {output} ({len(content)} byte).")
    elif text:
        command.stdout.write(content.decode("utf-8"))
    else:
        sys.stdout.buffer.write(content)
