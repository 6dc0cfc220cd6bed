"""The annual report's texts of the management report (spec/annual-report.md 2.8): one
default per section, which the office replaces per association and year
(``ledger.models.AnnualReportText``). A text may hold placeholders in braces, e.g.
``{årets_resultat}``, filled with the report's figures by ``stats.annual.texts``; unknown
brace text stays as written. Paragraphs are separated by a blank line; a paragraph whose
lines all start with ``- `` is a bullet list (as the memo's texts)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportTextSpec:
    key: str
    #: the section heading in the report and on the edit page
    label: str
    default: str


SPECS: tuple[ReportTextSpec, ...] = (
    ReportTextSpec(
        "foreword",
        "Ordföranden har ordet",
        "[Ordförandens förord till årsredovisningen för {året}.]",
    ),
    ReportTextSpec(
        "summary",
        "Sammanfattning av perioden",
        "För år {året} redovisas ett resultat på {årets_resultat}; budgeterat resultat var "
        "{budgeterat_resultat}. Föregående års resultat var {föregående_resultat}.",
    ),
    ReportTextSpec(
        "about",
        "Om förbundet",
        "Syftet med {förbundet}s verksamhet är att genom finansiell samordning underlätta och "
        "förbättra möjligheterna för de individer som är i behov av samordnade "
        "rehabiliteringsinsatser. Förbundet verkar med stöd av lagen om finansiell samordning "
        "inom rehabiliteringsområdet (SFS 2003:1210) och förbundsordningen.",
    ),
    ReportTextSpec(
        "members",
        "Förbundets medlemmar",
        "Förbundets medlemmar och deras andelar av medlemsavgiften framgår av tabellen.",
    ),
    ReportTextSpec(
        "board",
        "Styrelse och revisorer",
        "Förbundets styrelse består av ledamöter och ersättare som utses av medlemmarna. "
        "Styrelsen under {året} framgår av tabellen.\n\n[Förbundets revisorer under året.]",
    ),
    ReportTextSpec(
        "conditions",
        "Viktiga förhållanden för resultat och ekonomisk ställning",
        "[Förhållanden som har haft betydelse för årets resultat och den ekonomiska ställningen.]",
    ),
    ReportTextSpec(
        "events",
        "Händelser av väsentlig betydelse",
        "[Händelser av väsentlig betydelse under året och efter årets slut.]",
    ),
    ReportTextSpec(
        "goals",
        "Mål och utfall",
        "Styrelsens mål för förbundets verksamhet {året} och utfallet framgår av tabellen.",
    ),
    ReportTextSpec(
        "interventions",
        "Finansierade insatser",
        "Nedan redovisas de insatser som förbundet finansierat under {året}, fördelade på "
        "insatstyp, och de insatser som avslutats under året.",
    ),
    ReportTextSpec(
        "participants",
        "Deltagare",
        "Deltagarstatistiken för {året} redovisas med röjandeskydd: ett antal som kan röja "
        "en enskild person visas som ”..”.",
    ),
    ReportTextSpec(
        "internal_control",
        "Uppföljning av internkontrollplan",
        "[Uppföljning av årets internkontrollplan.]",
    ),
    ReportTextSpec(
        "economic_management",
        "God ekonomisk hushållning och ekonomisk ställning",
        "Årets resultat är {årets_resultat}. Eget kapital uppgår vid årets slut till "
        "{eget_kapital}, soliditeten är {soliditet} och kassalikviditeten {kassalikviditet}. "
        "Summan av årens resultat enligt balanskravsavstämningen är {balanskrav}.",
    ),
    ReportTextSpec(
        "staff",
        "Väsentliga personalförhållanden",
        "Förbundet hade {årsarbetare} årsarbetare under {året}.",
    ),
    ReportTextSpec(
        "expected",
        "Förväntad utveckling",
        "[Förväntad utveckling för förbundet under kommande år.]",
    ),
    ReportTextSpec(
        "economic_comment",
        "Ekonomisk redogörelse",
        "Verksamhetens intäkter var {intäkter} och kostnaderna {kostnader}. Årets resultat "
        "blev {årets_resultat} mot budgeterat {budgeterat_resultat}.",
    ),
    ReportTextSpec(
        "principles",
        "Redovisningsprinciper",
        "Årsredovisningen är upprättad enligt lagen (2018:597) om kommunal bokföring och "
        "redovisning och rekommendationer från Rådet för kommunal redovisning i tillämpliga "
        "delar. Intäkter och kostnader har periodiserats enligt god redovisningssed. "
        "Tillgångar och skulder har tagits upp till anskaffningsvärde där inget annat anges.",
    ),
)

SPEC_BY_KEY: dict[str, ReportTextSpec] = {spec.key: spec for spec in SPECS}
TEXT_CHOICES: list[tuple[str, str]] = [(spec.key, spec.label) for spec in SPECS]
