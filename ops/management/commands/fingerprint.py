"""``python manage.py fingerprint [--period 2024H1 ...]``: counts and memo hashes as JSON.

Run it before a backup and after restoring it elsewhere (the restore drill): the two
outputs must be identical. Prints no personal data. Default periods: last year and this
year.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ops.fingerprint import fingerprint


class Command(BaseCommand):
    help = "Skriver antal rader per tabell och kontrollsummor för PM-rapporterna (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period",
            action="append",
            help="Period som 2024H1, 2024H2 eller 2024 (kan upprepas).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        year = timezone.localdate().year
        periods: list[str] = options["period"] or [str(year - 1), str(year)]
        self.stdout.write(json.dumps(fingerprint(periods), indent=2, sort_keys=True))
