"""The memo's editable texts: one default per section key, taken from the seed memos.

The office may replace a text for one association and period (``documents.MemoText``);
the default is used while no row exists. A text may hold placeholders in braces, e.g.
``{inskrivna}``: ``fill`` replaces the known ones with the period's figures (a hidden count
reads "ett ej redovisat antal") and leaves any other brace text as it is. The edit page lists the
placeholders with their values. Paragraphs are separated by a blank line; a paragraph whose
lines all start with ``- `` is a bullet list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{([a-zåäö_0-9]+)\}")


@dataclass(frozen=True)
class TextSpec:
    key: str
    #: the section the text belongs to, as shown on the edit page
    label: str
    default: str
    #: the text is about persons (participant counts)
    sensitive: bool = False


SPECS: tuple[TextSpec, ...] = (
    TextSpec(
        "summary",
        "Sammanfattning",
        "Under {perioden} har {antal_insatser} finansierade insatser varit i gång. Av de "
        "{antal_insatser} finansierade insatserna är {insatser_per_typ}. {avslutade_insatser}",
    ),
    TextSpec(
        "background",
        "Bakgrund",
        "Detta dokument bygger på information från aktuella insatser finansierade av "
        "{förbundet}. Informationen hämtas från deltagarstatistiken, från budget och utfall "
        "samt från kvartalsrapporter, avvikelserapporter och slutrapporter inlämnade av "
        "respektive styrgrupp.\n\n"
        "För flera insatser är lokusgruppen även styrgrupp medan det för andra insatser finns "
        "en specifik styrgrupp. Denna information har sedan sammanställts och analyserats för "
        "att ge en bild av nuläget i insatserna.\n\n"
        "Innehållet i detta dokument baseras på information för {kvartalen}.",
    ),
    TextSpec(
        "interventions",
        "Insatser",
        "Nedan följer en tabell över de {antal_insatser} insatser som varit i gång under "
        "aktuell period, {kvartalen}, och som därmed ryms i denna uppföljning. I tabellen "
        "anges insatserna med fullständigt insatsnamn, så som det angetts i ansökan. I övriga "
        "tabeller och i text benämns insatserna med förkortade namn på grund av utrymmesskäl.",
    ),
    TextSpec(
        "goal_status",
        "Resultat av i insatsen angivna mål",
        "Här ges information om hur varje insats ligger till när det gäller de mål som "
        "angivits i ansökan till {förbundet}, enligt insatsens senaste kvartalsrapport under "
        "perioden. Det som bedöms vara i fas med ansökan är markerat med grönt, det som "
        "behöver hållas under uppsikt med gult och det som behöver åtgärdas, alternativt "
        "kräver en avvikelserapport, med rött.",
    ),
    TextSpec(
        "ended",
        "Avslutade insatser",
        "{avslutade_insatser}",
    ),
    TextSpec(
        "conditions",
        "Utfall av beviljad budget",
        "Nedan ges information om hur insatserna förhåller sig till angiven budget, huruvida "
        "någon insats inte nyttjat beviljade resurser, eventuella avvikelser kring budget "
        "samt prognos för budgetutfall framåt.",
    ),
    TextSpec(
        "conditions_comment",
        "Förutsättningar för utfall (kommentar)",
        "{vakanser} {budgetavvikelser}",
    ),
    TextSpec(
        "budget",
        "Prognos och utfall budget (kommentar)",
        "Den sammantagna förbrukningskvoten för {ackumulerat} är {förbrukningskvot}. "
        "Ambitionen är att insatserna ska ligga så nära 100 % förbrukningskvot som möjligt.\n\n"
        "Eftersom varje årsskifte är en brytpunkt i budgeten återlämnas ej nyttjade medel till "
        "förbundet, om inte styrgruppen lämnat in en avvikelse med begäran att få flytta över "
        "medel till nästkommande år. Avvikelsen granskas och förbundschefen beslutar om ej "
        "nyttjade medel får flyttas över. {överföringar}",
    ),
    TextSpec(
        "quality",
        "Kvalitetssäkring av insatsen",
        "Här ges information om styrgruppernas arbete i förhållande till insatserna. Enligt "
        "styrdokument för finansiering från förbundet ska styrgruppsmöten hållas minst fyra "
        "gånger per år, ett per kvartal. I samband med beviljande av finansiering sker också "
        "en överenskommelse om uppföljning och visst kvalitetsarbete, till exempel när det "
        "gäller jämlikhet och jämställdhet och regelbunden kontroll av att målgruppen är den "
        "som angetts i ansökan.",
    ),
    TextSpec(
        "quality_meetings",
        "Styrgruppsmöten enligt avtal",
        "Styrgruppens uppgifter är att säkerställa att insatsen ligger i linje med uppsatta "
        "mål. Styrgruppen ska kontinuerligt följa upp resultaten och besluta om ändringar. "
        "En förutsättning för detta är att parternas deltagande i styrgruppen är "
        "kontinuerligt.\n\n{styrgruppsmöten} {ordinarie_representation}",
    ),
    TextSpec(
        "quality_follow_up",
        "Uppföljning enligt avtal",
        "Enligt förbundets styrdokument ska insatsernas deltagare följas upp, i de fall det "
        "är tillämpligt. Utöver detta ska insatserna rapportera resultat i förhållande till "
        "uppsatta mål. Kvartalsrapporterna ska lämnas till förbundet senast en månad efter "
        "avslutat kvartal.\n\n{uppföljning}",
    ),
    TextSpec(
        "quality_target_group",
        "Kontroll målgrupp/metod",
        "Genom denna fråga kontrollerar insatsen att den är klar över vilken målgrupp den "
        "riktar sig till och vilken metod den avser att använda. Styrgrupperna bör "
        "regelbundet stämma av att insatsen når den målgrupp som angetts i ansökan samt "
        "använder den metod som angetts.\n\n{kontroll_målgrupp} {kontroll_metod}",
    ),
    TextSpec(
        "quality_equality",
        "Jämlikhet/jämställdhet",
        "{jämlikhet} {jämställdhet} Kansliet påminner kontinuerligt om vikten av att låta "
        "dessa perspektiv genomsyra arbetet i styrgrupperna och i insatserna.",
    ),
    TextSpec(
        "quality_implementation",
        "Förutsättningar för implementering",
        "Frågan om förutsättningar för implementering följs upp i respektive styrgrupp genom "
        "en fråga i kvartalsrapporteringen. {implementering}",
    ),
    TextSpec(
        "quality_deviations",
        "Avvikelse mål/målgrupp/metod",
        "{målavvikelser}",
    ),
    TextSpec(
        "funds",
        "Beviljade insatser i förhållande till förbundets mål",
        "Styrelsen har bestämt en prioritering för beviljade insatser där merparten ska vara "
        "riktade mot individ, därefter struktur och kompetenshöjande insatser "
        "({målfördelning}). Av de {antal_insatser} insatser som varit i gång under perioden är "
        "{insatser_per_typ}. Tabellen visar hur beviljad budget och utfall för {ackumulerat} "
        "fördelar sig på insatstyp.",
    ),
    TextSpec(
        "participants",
        "Deltagarredovisning",
        "I tabellen nedan redovisas antalet inskrivna, avslutade och pågående deltagare i "
        "aktuella insatser. Det antal deltagare som anges är individer som registrerats med "
        "personuppgifter.\n\n"
        "Under perioden {ackumulerat} har {inskrivna} deltagare skrivits in i insatserna, "
        "varav {inskrivna_kvinnor} kvinnor och {inskrivna_män} män. Utöver dessa har "
        "{anonyma} deltagare registrerats anonymt. Under perioden har {avslutade} deltagare "
        "avslutats från förbundets insatser och {pågående} deltagare var inskrivna per "
        "{slutdatum}.",
        sensitive=True,
    ),
    TextSpec(
        "outcomes",
        "Utfall deltagare",
        "Målet är att de finansierade insatserna bidrar till att individer förbättrar sina "
        "möjligheter att komma in på eller närma sig arbetsmarknaden.\n\n"
        "Av de {avslutade} deltagare som avslutats under {ackumulerat} har "
        "{till_arbete_eller_studier} gått vidare till arbete och/eller studier "
        "({andel_till_arbete_eller_studier}), varav {till_arbete_eller_studier_kvinnor} "
        "kvinnor och {till_arbete_eller_studier_män} män. Andelen deltagare med handlingsplan "
        "är {andel_med_handlingsplan}.",
        sensitive=True,
    ),
    TextSpec(
        "anonymous",
        "Anonymt registrerade deltagare",
        "Anonymt registrerad blir en deltagare som inte lämnat samtycke till att lämna "
        "personuppgifter eller som har skyddade personuppgifter. En anonym deltagare kan inte "
        "skrivas ut och det går inte att följa något utfall för den deltagaren.",
    ),
    TextSpec(
        "exit_reasons",
        "Avslutningsanledningar",
        "Tabellen visar avslutningsanledningar för de deltagare som avslutats under "
        "{ackumulerat}, fördelat på kön, och arbetsgrad för dem som avslutats till arbete. "
        "{arbetssökande} deltagare har skrivits ut till aktivt arbetssökande och "
        "{övriga_avslut} till fortsatt rehabilitering, sjukdom, föräldraledighet, flytt eller "
        "övriga orsaker.",
        sensitive=True,
    ),
    TextSpec(
        "target_group",
        "Målgrupp",
        "Nedan redovisas uppgifter om målgruppen bland de {aktiva} deltagare som varit "
        "inskrivna i insatserna under {ackumulerat}.\n\n"
        "- {andel_kvinnor} är kvinnor och {andel_män} är män.\n"
        "- {andel_under_30} var yngre än 30 år vid inskrivningen.\n"
        "- {andel_försörjning_tre_år} har haft offentlig försörjning i tre år eller mer.\n"
        "- {andel_grundskola} har grundskola som högsta avslutade utbildning.\n"
        "- {andel_eftergymnasial} har någon form av eftergymnasial utbildning.",
        sensitive=True,
    ),
    TextSpec(
        "time_in_intervention",
        "Tid i insats",
        "Tabellen visar den genomsnittliga tiden i antal dagar från inskrivning till avslut "
        "för de deltagare som avslutats under {ackumulerat}, fördelat på kön. Snittiden kan "
        "bli missvisande för insatser med få avslutade deltagare.",
    ),
    TextSpec(
        "expected",
        "Deltagare i förhållande till förväntat antal",
        "Här jämförs antalet deltagare som registrerats från insatsens start till och med "
        "{slutdatum} med det antal deltagare som förväntades enligt ansökan.",
    ),
    TextSpec(
        "activities",
        "Aktiviteter",
        "Under {ackumulerat} har {antal_aktiviteter} aktiviteter genomförts med sammanlagt "
        "{aktivitetsdeltagare} deltagare.",
        sensitive=True,
    ),
    TextSpec(
        "association_goals",
        "Förbundets resultatmål",
        "I verksamhetsplanen för {året} har styrelsen satt upp resultatmål för förbundets "
        "insatser. Tabellen visar målvärde och utfall för {ackumulerat}.",
    ),
    TextSpec(
        "charts",
        "Diagram",
        "Diagrammen sammanfattar avslutningsanledningar, målgrupp, tid i insats och "
        "budgetförbrukning för {ackumulerat}.",
    ),
    TextSpec("reflections", "Sammanfattning och reflektioner", ""),
)

SPEC_BY_KEY: dict[str, TextSpec] = {spec.key: spec for spec in SPECS}
SECTION_CHOICES: list[tuple[str, str]] = [(spec.key, spec.label) for spec in SPECS]
REFLECTIONS = "reflections"


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace the known ``{placeholders}``; unknown brace text stays as written."""

    def replace(match: re.Match[str]) -> str:
        return values.get(match[1], match[0])

    return PLACEHOLDER.sub(replace, text)


def paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs separated by blank lines; surrounding space and empty ones dropped."""
    parts = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return tuple(part.strip() for part in parts if part.strip())
