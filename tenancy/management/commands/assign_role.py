"""Give a user a role: ``assign_role EMAIL ROLE [--association SLUG] [--intervention KOD]``.

Creates the user when the e-mail is new (with an unusable password: the person sets one
through "Glömt lösenordet?", or pass ``--password``). Used to create an association's first
administrator, and by the host for the systemadministratör role.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scope

from tenancy.models import Association, Role, User
from tenancy.services import assign_role


class Command(BaseCommand):
    help = "Ge en användare en roll i ett förbund (skapar användaren om e-postadressen är ny)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("role", choices=[r.value for r in Role])
        parser.add_argument("--association", help="förbundets kortnamn (slug)")
        parser.add_argument("--intervention", help="insatsens kod (för insatsroller)")
        parser.add_argument("--password", help="lösenord för en ny användare")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, options["password"])
            self.stdout.write(f"Skapade användaren {email}.")
        association = None
        if options["association"]:
            association = Association.objects.filter(slug=options["association"]).first()
            if association is None:
                raise CommandError(f"Förbundet {options['association']!r} finns inte.")
        try:
            if association is None:
                assign_role(user=user, role=options["role"])
            else:
                with scope(association=association.pk):
                    intervention = None
                    Intervention = apps.get_model("interventions", "Intervention")
                    if options["intervention"]:
                        intervention = Intervention.objects.filter(
                            code=options["intervention"]
                        ).first()
                        if intervention is None:
                            raise CommandError(
                                f"Insatsen {options['intervention']!r} finns inte i förbundet."
                            )
                    assign_role(
                        user=user,
                        role=options["role"],
                        association=association,
                        intervention=intervention,
                    )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(f"{email} har nu rollen {Role(options['role']).label}.")
        )
