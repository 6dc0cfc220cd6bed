"""``python manage.py rotate_field_key [--dry-run]``: move every identity to the first key.

Key rotation, step by step (docs/deployment.md has the whole procedure):

1. generate a new key; stop the web and worker services;
2. set ``FIELD_ENCRYPTION_KEY="NEW,OLD"``;
3. ``manage.py rotate_field_key --dry-run`` (counts), then ``manage.py rotate_field_key``;
4. set ``FIELD_ENCRYPTION_KEY="NEW"`` and start the services.

Each association is re-encrypted in its own transaction; the output is counts only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError
from django.utils.translation import gettext as _

from ops.keys import rotate_all


class Command(BaseCommand):
    help = (
        "Krypterar om personnummer och namn med den första nyckeln i FIELD_ENCRYPTION_KEY "
        "och räknar om sökhashen, så att de gamla nycklarna kan tas bort."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Räkna bara; ändra ingenting.")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run: bool = options["dry_run"]
        try:
            counts = rotate_all(dry_run=dry_run)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        except IntegrityError:
            raise CommandError(
                _(
                    "Två personer fick samma sökhash: en person har registrerats två gånger "
                    "under bytet. Inget ändrades i det förbundet."
                )
            ) from None
        verb = _("skulle krypteras om") if dry_run else _("krypterades om")
        for count in counts:
            self.stdout.write(
                _("%(association)s: %(persons)d personer, %(changed)d %(verb)s.")
                % {
                    "association": count.association,
                    "persons": count.persons,
                    "changed": count.changed,
                    "verb": verb,
                }
            )
        if not dry_run:
            self.stdout.write(
                _("Klart: alla värden går att läsa med den första nyckeln; de andra kan tas bort.")
            )
