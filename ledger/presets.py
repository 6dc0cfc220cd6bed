"""Two mapping presets an association copies and then edits: Kommun-Bas (the municipal
chart) and BAS (the business chart), each with the statutory LKBR lines of the income
statement and balance sheet and the usual note specifications. Four-digit account ranges;
the closing account (89xx) is in no line. See docs/ledger.md for the choices."""

from __future__ import annotations

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ledger.models import ReportLine
from tenancy.models import Association


class PresetRow(NamedTuple):
    """One report line of a preset: the fields of a ``ReportLine`` but its position (the
    importmall's columns rapport, rad, rubrik, grupp, konton, not, specifikation, bunden)."""

    report: str
    code: str
    label: str
    group: str
    accounts: str
    note: int | None
    specification: str
    restricted: bool


#: The statutory LKBR lines both presets use, by code: rapport, rubrik, grupp, not,
#: specifikation. A chart differs from the other only in which lines it has, in what order,
#: and the accounts each line takes.
_LINES: dict[str, tuple[str, str, str, int | None, str]] = {
    "intakter": ("resultat", "Verksamhetens intäkter", "verksamhetens_intakter", 1, "konto"),
    "material": (
        "resultat",
        "Kostnader för material och tjänster",
        "verksamhetens_kostnader",
        2,
        "konto",
    ),
    "personal": ("resultat", "Personalkostnader", "verksamhetens_kostnader", 3, "konto"),
    "ovriga_kostnader": (
        "resultat",
        "Övriga verksamhetskostnader",
        "verksamhetens_kostnader",
        2,
        "konto",
    ),
    "avskrivningar": ("resultat", "Avskrivningar", "avskrivningar", None, ""),
    "fin_intakter": ("resultat", "Finansiella intäkter", "finansiella_intakter", 4, ""),
    "fin_kostnader": ("resultat", "Finansiella kostnader", "finansiella_kostnader", 4, ""),
    "extraordinara": ("resultat", "Extraordinära poster", "extraordinara_poster", None, ""),
    "immateriella": (
        "balans",
        "Immateriella anläggningstillgångar",
        "immateriella_anlaggningstillgangar",
        None,
        "",
    ),
    "materiella": (
        "balans",
        "Materiella anläggningstillgångar",
        "materiella_anlaggningstillgangar",
        5,
        "konto",
    ),
    "finansiella_anl": (
        "balans",
        "Finansiella anläggningstillgångar",
        "finansiella_anlaggningstillgangar",
        None,
        "",
    ),
    "forrad": ("balans", "Förråd", "forrad", None, ""),
    "fordringar": ("balans", "Kortfristiga fordringar", "fordringar", 6, "konto"),
    "placeringar": ("balans", "Kortfristiga placeringar", "kortfristiga_placeringar", 7, "konto"),
    "kassa_bank": ("balans", "Kassa och bank", "kassa_och_bank", 8, "konto"),
    "eget_kapital": ("balans", "Eget kapital", "eget_kapital", None, ""),
    "arets_resultat": ("balans", "Årets resultat", "eget_kapital", None, ""),
    "avsattningar": ("balans", "Avsättningar", "avsattningar", None, ""),
    "langfristiga": ("balans", "Långfristiga skulder", "langfristiga_skulder", None, ""),
    "kortfristiga": ("balans", "Kortfristiga skulder", "kortfristiga_skulder", 9, "konto"),
}

#: The balance sheet's accounts, the same in both charts.
_BALANCE_ACCOUNTS = {
    "immateriella": "1000-1099",
    "materiella": "1100-1299",
    "finansiella_anl": "1300-1399",
    "forrad": "1400-1499",
    "fordringar": "1500-1799",
    "placeringar": "1800-1899",
    "kassa_bank": "1900-1999",
    "eget_kapital": "2000-2098",
    "arets_resultat": "2099",
    "avsattningar": "2100-2299",
    "langfristiga": "2300-2399",
    "kortfristiga": "2400-2999",
}


def _preset(accounts: dict[str, str]) -> list[PresetRow]:
    """A chart's preset: its lines in the order of ``accounts``, each with its accounts (no
    line is restricted equity by default)."""
    rows: list[PresetRow] = []
    for code, ranges in accounts.items():
        report, label, group, note, specification = _LINES[code]
        rows.append(PresetRow(report, code, label, group, ranges, note, specification, False))
    return rows


PRESETS: dict[str, list[PresetRow]] = {
    "bas": _preset(
        {
            "intakter": "3000-3999",
            "ovriga_kostnader": "4000-6999;7900-7999",
            "personal": "7000-7699",
            "avskrivningar": "7700-7899",
            "fin_intakter": "8000-8399",
            "fin_kostnader": "8400-8799",
            "extraordinara": "8800-8899",
            **_BALANCE_ACCOUNTS,
        }
    ),
    "kommun-bas": _preset(
        {
            "intakter": "3000-3999",
            "material": "4000-4999",
            "personal": "5000-5999",
            "ovriga_kostnader": "6000-6799;7000-7999",
            "avskrivningar": "6800-6999",
            "fin_intakter": "8000-8399",
            "fin_kostnader": "8400-8699",
            "extraordinara": "8700-8899",
            **_BALANCE_ACCOUNTS,
        }
    ),
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
        ReportLine(association=association, position=position, **row._asdict())
        for position, row in enumerate(PRESETS[preset], start=1)
    )
    return len(PRESETS[preset])
