"""``python manage.py create_association SLUG --name NAME [--organisation-number NNNNNN-NNNN]``:
a new, empty association."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tenancy.models import Association
from tenancy.services import create_association


class Command(BaseCommand):
    help = "Skapar ett nytt samordningsförbund (tenant)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="Kortnamn i webbadressen, t.ex. exempel.")
        parser.add_argument("--name", required=True, help="Förbundets fullständiga namn.")
        parser.add_argument(
            "--organisation-number",
            default="",
            help="Förbundets organisationsnummer, t.ex. 222000-2576.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        slug: str = options["slug"]
        if Association.objects.filter(slug=slug).exists():
            raise CommandError(
                _("Det finns redan ett förbund med kortnamnet %(slug)s.") % {"slug": slug}
            )
        try:
            association = create_association(
                slug=slug, name=options["name"], organisation_number=options["organisation_number"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            _("Förbundet %(name)s (%(slug)s) är skapat.")
            % {"name": association.name, "slug": association.slug}
        )
