"""``manage.py load_demo``: replace the demo associations and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from demo.data import DEMO_PASSWORD
from demo.loader import DemoLogin, load_demo


class Command(BaseCommand):
    help = "Raderar och återskapar demoförbunden Exempel och Norr med demoanvändare."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Kör även när DJANGO_DEBUG inte är satt (demolösenorden är publika).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not (settings.DEBUG or settings.TESTING or options["force"]):
            raise CommandError(
                _(
                    "Demodata laddas bara med DJANGO_DEBUG=1: demoanvändarnas lösenord är "
                    "publika. Använd --force om du verkligen vill."
                )
            )
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS(_("Demodata laddad.")))
        self.stdout.write("")
        self.stdout.write(format_logins(logins))


def format_logins(logins: list[DemoLogin]) -> str:
    """A plain-text table of the demo logins: one line per role, the user on the first."""
    header = (_("E-post"), _("Lösenord"), _("Roller"), _("TOTP-hemlighet"))
    rows: list[tuple[str, str, str, str]] = []
    for login in logins:
        for index, role in enumerate(login.roles):
            first = index == 0
            rows.append(
                (
                    login.email if first else "",
                    DEMO_PASSWORD if first else "",
                    role,
                    (login.totp_secret or "") if first else "",
                )
            )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, str, str, str]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    lines = [
        _("Demoinloggningar på http://127.0.0.1:8000/"),
        "",
        line(header).rstrip(),
        "  ".join("-" * width for width in widths),
        *(line(row).rstrip() for row in rows),
        "",
    ]
    if any(login.totp_secret for login in logins):
        lines.append(
            _(
                "Användare med TOTP-hemlighet loggar in med en andra faktor: lägg in "
                "hemligheten i en autentiseringsapp, t.ex. `oathtool --totp -b HEMLIGHET`."
            )
        )
    return "\n".join(lines)
