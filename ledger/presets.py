"""Two mapping presets an association copies and then edits: Kommun-Bas (the municipal
chart) and BAS (the business chart), each with the statutory LKBR lines of the income
statement and balance sheet and the usual note specifications. Four-digit account ranges;
the closing account (89xx) is in no line. See docs/ledger.md for the choices."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ledger.models import ReportLine
from tenancy.models import Association

# rapport, rad, rubrik, grupp, konton, not, specifikation, bunden
PresetRow = tuple[str, str, str, str, str, int | None, str, bool]

_BALANCE_COMMON: list[PresetRow] = [
    (
        "balans",
        "immateriella",
        "Immateriella anläggningstillgångar",
        "immateriella_anlaggningstillgangar",
        "1000-1099",
        None,
        "",
        False,
    ),
    (
        "balans",
        "materiella",
        "Materiella anläggningstillgångar",
        "materiella_anlaggningstillgangar",
        "1100-1299",
        5,
        "konto",
        False,
    ),
    (
        "balans",
        "finansiella_anl",
        "Finansiella anläggningstillgångar",
        "finansiella_anlaggningstillgangar",
        "1300-1399",
        None,
        "",
        False,
    ),
    ("balans", "forrad", "Förråd", "forrad", "1400-1499", None, "", False),
    (
        "balans",
        "fordringar",
        "Kortfristiga fordringar",
        "fordringar",
        "1500-1799",
        6,
        "konto",
        False,
    ),
    (
        "balans",
        "placeringar",
        "Kortfristiga placeringar",
        "kortfristiga_placeringar",
        "1800-1899",
        7,
        "konto",
        False,
    ),
    ("balans", "kassa_bank", "Kassa och bank", "kassa_och_bank", "1900-1999", 8, "konto", False),
    ("balans", "eget_kapital", "Eget kapital", "eget_kapital", "2000-2098", None, "", False),
    ("balans", "arets_resultat", "Årets resultat", "eget_kapital", "2099", None, "", False),
    ("balans", "avsattningar", "Avsättningar", "avsattningar", "2100-2299", None, "", False),
    (
        "balans",
        "langfristiga",
        "Långfristiga skulder",
        "langfristiga_skulder",
        "2300-2399",
        None,
        "",
        False,
    ),
    (
        "balans",
        "kortfristiga",
        "Kortfristiga skulder",
        "kortfristiga_skulder",
        "2400-2999",
        9,
        "konto",
        False,
    ),
]

PRESETS: dict[str, list[PresetRow]] = {
    "bas": [
        (
            "resultat",
            "intakter",
            "Verksamhetens intäkter",
            "verksamhetens_intakter",
            "3000-3999",
            1,
            "konto",
            False,
        ),
        (
            "resultat",
            "ovriga_kostnader",
            "Övriga verksamhetskostnader",
            "verksamhetens_kostnader",
            "4000-6999;7900-7999",
            2,
            "konto",
            False,
        ),
        (
            "resultat",
            "personal",
            "Personalkostnader",
            "verksamhetens_kostnader",
            "7000-7699",
            3,
            "konto",
            False,
        ),
        (
            "resultat",
            "avskrivningar",
            "Avskrivningar",
            "avskrivningar",
            "7700-7899",
            None,
            "",
            False,
        ),
        (
            "resultat",
            "fin_intakter",
            "Finansiella intäkter",
            "finansiella_intakter",
            "8000-8399",
            4,
            "",
            False,
        ),
        (
            "resultat",
            "fin_kostnader",
            "Finansiella kostnader",
            "finansiella_kostnader",
            "8400-8799",
            4,
            "",
            False,
        ),
        (
            "resultat",
            "extraordinara",
            "Extraordinära poster",
            "extraordinara_poster",
            "8800-8899",
            None,
            "",
            False,
        ),
        *_BALANCE_COMMON,
    ],
    "kommun-bas": [
        (
            "resultat",
            "intakter",
            "Verksamhetens intäkter",
            "verksamhetens_intakter",
            "3000-3999",
            1,
            "konto",
            False,
        ),
        (
            "resultat",
            "material",
            "Kostnader för material och tjänster",
            "verksamhetens_kostnader",
            "4000-4999",
            2,
            "konto",
            False,
        ),
        (
            "resultat",
            "personal",
            "Personalkostnader",
            "verksamhetens_kostnader",
            "5000-5999",
            3,
            "konto",
            False,
        ),
        (
            "resultat",
            "ovriga_kostnader",
            "Övriga verksamhetskostnader",
            "verksamhetens_kostnader",
            "6000-6799;7000-7999",
            2,
            "konto",
            False,
        ),
        (
            "resultat",
            "avskrivningar",
            "Avskrivningar",
            "avskrivningar",
            "6800-6999",
            None,
            "",
            False,
        ),
        (
            "resultat",
            "fin_intakter",
            "Finansiella intäkter",
            "finansiella_intakter",
            "8000-8399",
            4,
            "",
            False,
        ),
        (
            "resultat",
            "fin_kostnader",
            "Finansiella kostnader",
            "finansiella_kostnader",
            "8400-8699",
            4,
            "",
            False,
        ),
        (
            "resultat",
            "extraordinara",
            "Extraordinära poster",
            "extraordinara_poster",
            "8700-8899",
            None,
            "",
            False,
        ),
        *_BALANCE_COMMON,
    ],
}


@transaction.atomic
def copy_preset(*, association: Association, preset: str, replace: bool = False) -> int:
    """Copy ``preset``'s report lines into the association; refused when it already has
    lines unless ``replace`` (then its lines are replaced whole). Returns the count."""
    if preset not in PRESETS:
        raise ValidationError(
            _("Okänd mall %(preset)s. Välj en av: %(presets)s.")
            % {"preset": preset, "presets": ", ".join(PRESETS)}
        )
    existing = ReportLine.objects.filter(association=association)
    if existing.exists():
        if not replace:
            raise ValidationError(
                _("Förbundet har redan rapportrader. Välj att ersätta dem för att kopiera mallen.")
            )
        existing.delete()
    ReportLine.objects.bulk_create(
        ReportLine(
            association=association,
            report=report,
            code=code,
            label=label,
            group=group,
            accounts=accounts,
            note=note,
            specification=specification,
            restricted=restricted,
            position=position,
        )
        for position, (
            report,
            code,
            label,
            group,
            accounts,
            note,
            specification,
            restricted,
        ) in enumerate(PRESETS[preset], start=1)
    )
    return len(PRESETS[preset])
