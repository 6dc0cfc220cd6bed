"""The empty import workbook (the template the import page offers): one sheet per sheet of
spec/importmall.md that the importer knows and the user may import, the column names as
headers, a comment on each header that describes the column (the importer reads values,
never comments), and drop-down lists of the allowed codes (data validation)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from django.utils.translation import gettext as _

from finsam.amounts import MAX_AMOUNT_TEXT
from followup.models import DecidedBy, Decision, DeviationKind, Forecast, OnTrack, YesPartlyNo
from imports.workbook.access import WorkbookAccess
from imports.workbook.base import SheetHandler
from imports.workbook.importer import may_import
from imports.workbook.sheets import HANDLERS
from interventions.models import Aim, FollowUp, Kind
from participants.choices import (
    ActivityType,
    Education,
    ExitReason,
    Gender,
    PublicSupportTime,
    Referrer,
)

YES_NO = ["ja", "nej"]
QUARTERS = ["1", "2", "3", "4"]

#: A column's description wherever it occurs, unless its sheet says otherwise.
COMMON = {
    "insats": "Insatsens kod, som i bladet Insatser.",
    "år": "Årtal med fyra siffror, till exempel 2024.",
    "kvartal": "Kvartal 1–4.",
    "belopp": f"Hela kronor, till exempel 1 290 000 (högst {MAX_AMOUNT_TEXT} kr).",
    "kvinnor": "Antal kvinnor (heltal).",
    "män": "Antal män (heltal).",
    "annat": "Antal med annat kön (heltal).",
}
#: sheet -> column -> description (spec/importmall.md).
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Ansökningar": {
        "kod": "Unik kod inom förbundet: A–Z, a–z, siffror, - och _ (högst 40 tecken).",
        "namn": "Insatsens namn som i ansökan.",
        "insatsägare": "Organisationens namn.",
        "samverkansparter": "Organisationernas namn, åtskilda med ;.",
        "inriktning": "Insatsens inriktning, som i bladet Insatser.",
        "syfte": "Krävs för inriktning individ: arbete eller forrehabilitering.",
        "uppföljning": "personuppgifter eller antal, som i bladet Insatser.",
        "startdatum": "Sökt periods start, ÅÅÅÅ-MM-DD.",
        "slutdatum": "Sökt periods slut, ÅÅÅÅ-MM-DD.",
        "malgrupp": "Målgruppen med ord.",
        "förväntat_antal_deltagare": "Heltal, för hela perioden.",
        "forlanger": "Koden för insatsen som ansökan förlänger, om någon.",
        "inkom": "Datum då ansökan kom in, ÅÅÅÅ-MM-DD.",
        "beslut": "beviljad, delvis eller avslag; tomt = inte beslutad.",
        "beslutsdatum": "Beslutets datum, ÅÅÅÅ-MM-DD (krävs när beslut är ifyllt).",
    },
    "Ansökningsbelopp": {
        "ansökan": "Koden för en rad i bladet Ansökningar.",
        "belopp": f"Sökt belopp för året i hela kronor (högst {MAX_AMOUNT_TEXT} kr).",
    },
    "Enkätsvar": {
        "svar_id": "Kansliets egen id för svaret: A–Z, a–z, siffror, - och _ (högst 40 tecken).",
        "formular": "Formulärets kod.",
        "datum": "Datum då formuläret besvarades, ÅÅÅÅ-MM-DD.",
        "insats": "Insatsens kod; krävs för deltagar- och personalformulären.",
        "kon": "kvinna, man, annat eller ej_angivet (tomt = ej_angivet).",
        "f1": "Svar på fråga 1: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f2": "Svar på fråga 2: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f3": "Svar på fråga 3: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f4": "Svar på fråga 4: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f5": "Svar på fråga 5: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f6": "Svar på fråga 6: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f7": "Svar på fråga 7: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f8": "Svar på fråga 8: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f9": "Svar på fråga 9: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f10": "Svar på fråga 10: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
        "f11": "Svar på fråga 11: 1–6 eller ja/nej; tomt om formuläret saknar frågan.",
    },
    "Riksnitt": {
        "år": "Mätåret.",
        "formular": "Formulärets kod.",
        "fraga": "Frågans nummer i formuläret.",
        "alla": "Riksgenomsnittet för alla, hela procent.",
        "kvinnor": "Riksgenomsnittet för kvinnor, hela procent (får vara tomt).",
        "man": "Riksgenomsnittet för män, hela procent (får vara tomt).",
        "svarsfrekvens": "Formulärets svarsfrekvens i riket, hela procent.",
    },
    "Enkätresultat": {
        "år": "Tidigare mätår.",
        "formular": "Formulärets kod.",
        "fraga": "Frågans nummer i formuläret.",
        "n": "Antal svar.",
        "alla": "Andel positiva svar för alla, hela procent (tomt = okänt eller dolt).",
        "kvinnor": "Andel för kvinnor, hela procent (tomt = okänt eller dolt).",
        "man": "Andel för män, hela procent (tomt = okänt eller dolt).",
    },
    "Enkätunderlag": {
        "år": "Mätåret.",
        "formular": "Formulärets kod.",
        "insats": "Insatsens kod; tomt för styrelsens och chefernas formulär.",
        "tillfragade": "Antal tillfrågade (heltal).",
    },
    "Rapportrader": {
        "rapport": "resultat (resultaträkningen) eller balans (balansräkningen).",
        "rad": "Radens kod: a–z, siffror och _ (högst 40 tecken); årets resultat: arets_resultat.",
        "rubrik": "Rubriken som står i årsredovisningen.",
        "grupp": "Gruppen raden summeras i (se importmallen).",
        "konton": "Konton och intervall åtskilda med ;, till exempel 3000-3099;3990.",
        "not": "Notens nummer, om raden har en not.",
        "specifikation": "konto, objekt:N (dimension N) eller tomt.",
        "bunden": "ja för bundet eget kapital (endast rader i eget_kapital).",
    },
    "Driftrader": {
        "rad": "Radens kod: a–z, siffror och _ (högst 40 tecken).",
        "rubrik": "Rubriken i driftredovisningen.",
        "grupp": "intakter, administration, individ, struktur, kompetens, ovrig eller "
        "ovriga_samverkansinsatser.",
        "konton": "Resultatkonton och intervall åtskilda med ;.",
        "objekt": "Objekt som dimension:objekt åtskilda med ;; tomt = alla.",
        "insats": "Koden för insatsen raden redovisar, om någon.",
    },
    "Förbundsbudget": {
        "rad": "Koden för en rad i bladet Driftrader.",
        "version": "budget (tomt) eller prognos.",
        "belopp": f"Hela kronor, noll eller mer (högst {MAX_AMOUNT_TEXT} kr); radens grupp "
        "avgör om det är intäkt eller kostnad.",
    },
    "Nyckeltal": {
        "år": "Ett år utan inläst huvudbok.",
        "intakter": "Verksamhetens intäkter i kronor.",
        "arets_resultat": "Årets resultat i kronor.",
        "kostnader": "Kostnader i kronor (tomt = årets resultat minus intäkter).",
        "soliditet": "Soliditet, hela procent.",
        "kassalikviditet": "Kassalikviditet, hela procent.",
        "eget_kapital": "Eget kapital vid årets slut, kronor.",
        "obundet_eget_kapital": "Obundet eget kapital vid årets slut, kronor.",
    },
    "Personal": {
        "anstallda": "Antal årsarbetare, till exempel 5,5.",
        "slutat": "Antal anställda som slutat under året.",
        "bytt_tjanst": "Antal anställda som bytt tjänst under året.",
    },
    "Insatser": {
        "kod": "Unik kod inom förbundet: bokstäverna A–Z, siffror, - och _ (högst 40 tecken).",
        "namn": "Insatsens fullständiga namn, som i ansökan.",
        "kortnamn": "Kort namn för tabeller (tomt = namnet).",
        "insatsägare": "Organisationens namn.",
        "samverkansparter": "Organisationernas namn, åtskilda med ;.",
        "inriktning": "Insatsens inriktning.",
        "syfte": "Krävs för inriktning individ: arbete eller forrehabilitering.",
        "uppföljning": "personuppgifter (deltagare en och en) eller antal (bara antal).",
        "startdatum": "Datum ÅÅÅÅ-MM-DD.",
        "slutdatum": "Datum ÅÅÅÅ-MM-DD, inte före startdatum. Tomt = pågår.",
        "förväntat_antal_deltagare": "Heltal, för hela perioden.",
    },
    "Budget": {
        "kvartal": "Kvartal 1–4. Tomt = helårsbudget, fördelad lika på kvartalen.",
        "belopp": f"Beviljad budget i hela kronor (högst {MAX_AMOUNT_TEXT} kr).",
    },
    "Utfall": {
        "belopp": (
            "Kostnadsutfall i hela kronor för kvartalet; negativt vid återbetalning "
            f"(högst {MAX_AMOUNT_TEXT} kr)."
        ),
    },
    "Deltagare": {
        "insats": "Kod för en insats med uppföljning personuppgifter.",
        "deltagar_id": "Kansliets egen stabila referens, unik inom förbundet.",
        "anonym": "ja eller nej.",
        "personnummer": "Krävs om inte anonym: ÅÅÅÅMMDDNNNN eller ÅÅÅÅMMDD-NNNN.",
        "samtycke_datum": "Krävs om inte anonym: datum för samtycket, inte efter inskrivning.",
        "kön": "Krävs för anonym; annars härlett ur personnumret.",
        "inskrivningsdatum": "Datum ÅÅÅÅ-MM-DD.",
        "utskrivningsdatum": "Datum, inte före inskrivning. Tomt = pågår. Inte för anonyma.",
        "avslutsanledning": "Krävs vid utskrivning.",
        "arbetsgrad": "Hela procent 1–100, bara för avslut till arbete.",
        "utbildningsniva": "Högsta utbildningsnivå.",
        "forsorjning_fore": "Försörjning vid inskrivning: koder åtskilda med ;.",
        "tid_offentlig_forsorjning": "Tid med offentlig försörjning före inskrivning (år).",
        "remittent": "Vem som remitterade deltagaren.",
        "handlingsplan_datum": "Datum då en handlingsplan fanns.",
        "forsorjning_efter": "Försörjning vid utskrivning: koder åtskilda med ;.",
    },
    "Volym": {"månad": "Månad 1–12."},
    "Aktiviteter": {
        "datum": "Datum ÅÅÅÅ-MM-DD.",
        "titel": "Aktivitetens titel.",
        "typ": "Typ av aktivitet.",
        "insats": "Insatsens kod, om aktiviteten hör till en insats.",
        "organisationer": "Deltagande organisationer, åtskilda med ;.",
    },
    "Kvartalsrapporter": {
        "inlamnad_datum": "Datum då rapporten lämnades in.",
        "i_fas": "Är insatsen i fas?",
        "prognos": "Håller prognosen?",
        "start_i_tid": "Startade insatsen i tid? ja eller nej.",
        "vakans_forbundsmedel": "Vakanser i tjänster finansierade av förbundet? ja eller nej.",
        "vakans_egenfinansierat": "Vakanser i egenfinansierade tjänster? ja eller nej.",
        "styrgruppsmoten_enligt_avtal": "Styrgruppsmöten enligt avtal? ja eller nej.",
        "ordinarie_representation": "Deltog alla ordinarie ledamöter? ja eller nej.",
        "uppfoljning_enligt_avtal": "Uppföljning enligt avtal?",
        "kontroll_malgrupp": "Kontrollerad målgrupp? ja eller nej.",
        "kontroll_metod": "Kontrollerad metod? ja eller nej.",
        "jamlikhet": "Jämlikhet diskuterad i styrgruppen? ja eller nej.",
        "jamstalldhet": "Jämställdhet diskuterad i styrgruppen? ja eller nej.",
        "implementering_diskuterad": "Implementering diskuterad? ja eller nej.",
        "andel_handlingsplan": "Andel med handlingsplan, hela procent.",
        "kommentar": "Fritext.",
    },
    "Avvikelser": {
        "inkommen_datum": "Datum då avvikelsen kom in.",
        "typ": "Typ av avvikelse.",
        "beskrivning": "Fritext.",
        "belopp": f"Krävs för overforing: kronor att föra över (högst {MAX_AMOUNT_TEXT} kr).",
        "beslut": "Beslut.",
        "beslutsdatum": "Krävs när beslut är fattat.",
        "beslutad_av": "Krävs när beslut är fattat.",
    },
}


def _kvartalsrapporter_codes() -> dict[str, Sequence[str]]:
    from imports.workbook.sheets.kvartalsrapporter import REQUIRED_YES_NO

    codes: dict[str, Sequence[str]] = dict.fromkeys([*REQUIRED_YES_NO, "start_i_tid"], YES_NO)
    codes.update(
        {
            "kvartal": QUARTERS,
            "i_fas": OnTrack.values,
            "prognos": Forecast.values,
            "uppfoljning_enligt_avtal": YesPartlyNo.values,
        }
    )
    return codes


def codes() -> dict[str, dict[str, Sequence[str]]]:
    """sheet -> column -> the codes the importer accepts (the same choices it parses)."""
    return {
        "Insatser": {
            "inriktning": Kind.values,
            "syfte": Aim.values,
            "uppföljning": FollowUp.values,
        },
        "Budget": {"kvartal": QUARTERS},
        "Utfall": {"kvartal": QUARTERS},
        "Deltagare": {
            "anonym": YES_NO,
            "kön": Gender.values,
            "avslutsanledning": ExitReason.values,
            "utbildningsniva": Education.values,
            "tid_offentlig_forsorjning": PublicSupportTime.values,
            "remittent": Referrer.values,
        },
        "Volym": {"månad": [str(month) for month in range(1, 13)]},
        "Aktiviteter": {"typ": ActivityType.values},
        "Kvartalsrapporter": _kvartalsrapporter_codes(),
        "Avvikelser": {
            "typ": DeviationKind.values,
            "beslut": Decision.values,
            "beslutad_av": DecidedBy.values,
        },
    }


def describe(sheet: str, column: str) -> str:
    return DESCRIPTIONS.get(sheet, {}).get(column) or COMMON.get(column, "")


def template_workbook(target: IO[bytes], *, access: WorkbookAccess) -> None:
    """Write the empty template of the sheets ``access`` may import to ``target``."""
    from openpyxl import Workbook

    from finsam.safe_cells import save_workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]  # the default sheet is unused
    allowed = codes()
    for handler in HANDLERS:
        if may_import(handler, access):
            _template_sheet(workbook, handler, allowed.get(handler.sheet_name, {}))
    save_workbook(workbook, target)


def _template_sheet(
    workbook: Any, handler: SheetHandler[Any], coded: dict[str, Sequence[str]]
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = workbook.create_sheet(handler.sheet_name)
    sheet.append([column.name for column in handler.columns])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(handler.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        lines = [describe(handler.sheet_name, column.name)]
        lines.append(_("Obligatorisk.") if column.required else _("Frivillig."))
        allowed = coded.get(column.name)
        if allowed:
            lines.append(_("Koder: %(codes)s.") % {"codes": ", ".join(allowed)})
        cell.comment = Comment("\n".join(line for line in lines if line), "Finsam")
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(12, len(column.name) + 2)
        formula = '"' + ",".join(allowed) + '"' if allowed else ""
        if allowed and len(formula) <= 255:  # Excel's limit for a list written inline
            validation = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=_("Okänd kod"),
                error=_("Välj en av koderna i listan."),
            )
            validation.add(f"{letter}2:{letter}10000")
            sheet.add_data_validation(validation)
