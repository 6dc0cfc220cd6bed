"""Samordningsförbundet Exempel: four kinds of members, a full board, four steering groups,
interventions of every kind (ended, running and one starting in 2027) and a user per role."""

from __future__ import annotations

from decimal import Decimal

from demo.data.specs import (
    AssociationSpec,
    BoardSpec,
    GoalSpec,
    InterventionRow,
    MemberSpec,
    OrganisationSpec,
    SteeringGroupMemberSpec,
    SteeringGroupSpec,
    UserSpec,
    d,
    intervention_specs,
)
from interventions.models import Aim, FollowUp, GoalStatus, Kind, SteeringGroupRole
from tenancy.models import BoardRole, BoardSeat, MemberKind, Role

FK = "Försäkringskassan"
AF = "Arbetsförmedlingen"
REGION = "Region Exempel"
EXEMPEL_KOMMUN = "Exempel kommun"
EKBY = "Ekby kommun"
ASBY = "Åsby kommun"
STRANDVIK = "Strandviks kommun"

EXEMPEL_AME = "Exempel kommun, Arbetsmarknadsenheten"
EKBY_AME = "Ekby kommun, Arbetsmarknadsenheten"
ASBY_AME = "Åsby kommun, Arbetsmarknadsenheten"
ASBY_VUX = "Åsby kommun, Vuxenutbildningen"
STRANDVIK_IFO = "Strandviks kommun, Individ- och familjeomsorgen"
PSYKIATRIN = "Region Exempel, Psykiatrin"
PRIMARVARDEN = "Region Exempel, Primärvården"
VUXENSKOLAN = "Studieförbundet Vuxenskolan"
FOLKHOGSKOLA = "Exempelbygdens folkhögskola"
FORETAGARNA = "Företagarna Exempel"
KANSLIET = "Samordningsförbundet Exempel, kansliet"

LOKUS_EXEMPEL = "Lokusgrupp Exempel"
LOKUS_EKBY_ASBY = "Lokusgrupp Ekby och Åsby"
STYRGRUPP_UNGA = "Styrgrupp Unga"
STYRGRUPP_REGION = "Styrgrupp Region Exempel"

EXEMPEL_MEMBERS = (
    MemberSpec(FK, MemberKind.FORSAKRINGSKASSAN, Decimal("25.00")),
    MemberSpec(AF, MemberKind.ARBETSFORMEDLINGEN, Decimal("25.00")),
    MemberSpec(REGION, MemberKind.REGION, Decimal("25.00")),
    MemberSpec(EXEMPEL_KOMMUN, MemberKind.KOMMUN, Decimal("6.25")),
    MemberSpec(EKBY, MemberKind.KOMMUN, Decimal("6.25")),
    MemberSpec(ASBY, MemberKind.KOMMUN, Decimal("6.25")),
    MemberSpec(STRANDVIK, MemberKind.KOMMUN, Decimal("6.25")),
)

EXEMPEL_ORGANISATIONS = (
    OrganisationSpec(FK, FK),
    OrganisationSpec(AF, AF),
    OrganisationSpec(PSYKIATRIN, REGION),
    OrganisationSpec(PRIMARVARDEN, REGION),
    OrganisationSpec(EXEMPEL_AME, EXEMPEL_KOMMUN),
    OrganisationSpec(EKBY_AME, EKBY),
    OrganisationSpec(ASBY_AME, ASBY),
    OrganisationSpec(ASBY_VUX, ASBY),
    OrganisationSpec(STRANDVIK_IFO, STRANDVIK),
    OrganisationSpec(VUXENSKOLAN),
    OrganisationSpec(FOLKHOGSKOLA),
    OrganisationSpec(FORETAGARNA),
    OrganisationSpec(KANSLIET),
)

_ORD, _ERS = BoardSeat.ORDINARIE, BoardSeat.ERSATTARE
EXEMPEL_BOARD = (
    BoardSpec("Per Sandberg", REGION, "S", _ORD, BoardRole.ORDFORANDE),
    BoardSpec("Johan Wikström", EXEMPEL_KOMMUN, "M", _ORD, BoardRole.VICE_ORDFORANDE),
    BoardSpec("Ingrid Bergqvist", EKBY, "C"),
    BoardSpec("Lars Forsberg", ASBY, "S"),
    BoardSpec("Annika Holmgren", STRANDVIK, "V"),
    BoardSpec("Camilla Eriksson", FK, ""),
    BoardSpec("Jenny Karlsson", AF, ""),
    BoardSpec("Helena Ljung", REGION, "M", _ERS),
    BoardSpec("Fatima Hassan", EXEMPEL_KOMMUN, "S", _ERS),
    BoardSpec("Mats Olofsson", EKBY, "KD", _ERS),
    BoardSpec("Elin Sjöberg", ASBY, "L", _ERS),
    BoardSpec("Göran Åberg", STRANDVIK, "M", _ERS),
    BoardSpec("Tomas Lindqvist", FK, "", _ERS),
    BoardSpec("Ali Rahimi", AF, "", _ERS),
)

_CHAIR, _CO_OPTED = SteeringGroupRole.CHAIR, SteeringGroupRole.CO_OPTED
EXEMPEL_STEERING_GROUPS = (
    SteeringGroupSpec(
        LOKUS_EXEMPEL,
        (
            SteeringGroupMemberSpec("Björn Nyström", EXEMPEL_AME, _CHAIR),
            SteeringGroupMemberSpec("Sofia Andersson", FK),
            SteeringGroupMemberSpec("Daniel Persson", AF),
            SteeringGroupMemberSpec("Maja Lindberg", PSYKIATRIN),
            SteeringGroupMemberSpec("Anna Berg", KANSLIET, _CO_OPTED),
        ),
    ),
    SteeringGroupSpec(
        LOKUS_EKBY_ASBY,
        (
            SteeringGroupMemberSpec("Kristina Falk", EKBY_AME, _CHAIR),
            SteeringGroupMemberSpec("Henrik Moberg", ASBY_AME),
            SteeringGroupMemberSpec("Linnea Borg", FK),
            SteeringGroupMemberSpec("Ahmed Yusuf", AF),
            SteeringGroupMemberSpec("Eva Lundgren", PRIMARVARDEN),
        ),
    ),
    SteeringGroupSpec(
        STYRGRUPP_UNGA,
        (
            SteeringGroupMemberSpec("Petra Engström", STRANDVIK_IFO, _CHAIR),
            SteeringGroupMemberSpec("Oskar Hedlund", AF),
            SteeringGroupMemberSpec("Nadia Karimi", FOLKHOGSKOLA),
            SteeringGroupMemberSpec("Anna Berg", KANSLIET, _CO_OPTED),
        ),
    ),
    SteeringGroupSpec(
        STYRGRUPP_REGION,
        (
            SteeringGroupMemberSpec("Ulrika Sundin", PSYKIATRIN, _CHAIR),
            SteeringGroupMemberSpec("Magnus Öberg", PRIMARVARDEN),
            SteeringGroupMemberSpec("Sofia Andersson", FK),
        ),
    ),
)

_IND, _STR, _KOMP, _OVR = Kind.INDIVIDUAL, Kind.STRUCTURAL, Kind.COMPETENCE, Kind.OTHER
_WORK, _PRE = Aim.WORK, Aim.PRE_REHABILITATION
_PERSONS, _COUNTS = FollowUp.PERSONAL_DATA, FollowUp.COUNTS
_MET, _PARTLY, _NOT_MET = GoalStatus.MET, GoalStatus.PARTLY_MET, GoalStatus.NOT_MET

#: The interventions, one row each: (code, name, short name), (owner, partners, steering
#: group), (kind, aim, follow-up, start, end, expected participants, yearly budget in SEK).
_INTERVENTION_ROWS: tuple[InterventionRow, ...] = (
    (
        ("STEG-24", "Exempel, Steg till arbete", "Steg till arbete"),
        (EXEMPEL_AME, (FK, AF, PSYKIATRIN), LOKUS_EXEMPEL),
        (_IND, _WORK, _PERSONS, d(2024, 1, 1), d(2026, 12, 31), 60, 1_800_000),
    ),
    (
        ("IPS-23", "Region Exempel, Individanpassat stöd till arbete enligt IPS", "IPS Exempel"),
        (PSYKIATRIN, (AF, EXEMPEL_AME), STYRGRUPP_REGION),
        (_IND, _WORK, _PERSONS, d(2023, 1, 1), d(2026, 6, 30), 45, 1_450_000),
    ),
    (
        ("KRAFT-22", "Ekby, Kraftsamling", "Kraftsamling"),
        (EKBY_AME, (FK, PRIMARVARDEN), LOKUS_EKBY_ASBY),
        (_IND, _PRE, _PERSONS, d(2022, 1, 1), d(2024, 12, 31), 45, 1_100_000),
    ),
    (
        ("BRYGGAN-22", "Åsby, Bryggan", "Bryggan"),
        (ASBY_AME, (FK, AF, ASBY_VUX), LOKUS_EKBY_ASBY),
        (_IND, _WORK, _PERSONS, d(2022, 3, 1), d(2025, 8, 31), 40, 950_000),
    ),
    (
        ("UNGA-25", "Unga in – samordnat stöd för unga 16–29 år", "Unga in"),
        (STRANDVIK_IFO, (AF, FK, FOLKHOGSKOLA), STYRGRUPP_UNGA),
        (_IND, _PRE, _PERSONS, d(2025, 1, 1), d(2027, 12, 31), 80, 2_400_000),
    ),
    (
        ("LOTSEN-24", "Strandvik, Lotsen", "Lotsen"),
        (STRANDVIK_IFO, (PRIMARVARDEN, FK), STYRGRUPP_UNGA),
        (_IND, _PRE, _PERSONS, d(2024, 7, 1), d(2026, 6, 30), 30, 750_000),
    ),
    (
        ("PRAKTIK-25", "Praktikplatsen", "Praktikplatsen"),
        (EXEMPEL_AME, (AF, FORETAGARNA), LOKUS_EXEMPEL),
        (_IND, _WORK, _COUNTS, d(2025, 1, 1), d(2026, 12, 31), 120, 650_000),
    ),
    (
        ("SPRAK-26", "Språkstart – svenska och arbetsliv för nyanlända", "Språkstart"),
        (FOLKHOGSKOLA, (VUXENSKOLAN, AF, ASBY_VUX), LOKUS_EKBY_ASBY),
        (_IND, _PRE, _PERSONS, d(2026, 1, 1), d(2027, 12, 31), 50, 1_250_000),
    ),
    (
        ("NAVIGATOR-27", "Navigatorcentrum Exempel", "Navigatorcentrum"),
        (EXEMPEL_AME, (AF, FK, PSYKIATRIN), LOKUS_EXEMPEL),
        (_IND, _WORK, _PERSONS, d(2027, 1, 1), d(2027, 12, 31), 50, 1_600_000),
    ),
    (
        ("LOKUS-23", "Lokussamordnare Exempel", "Lokussamordnare"),
        (EXEMPEL_AME, (FK, AF, PRIMARVARDEN), LOKUS_EXEMPEL),
        (_STR, "", _COUNTS, d(2023, 1, 1), d(2026, 12, 31), None, 520_000),
    ),
    (
        ("PSYK-22", "Samverkan kring psykisk hälsa och arbete", "Psykisk hälsa och arbete"),
        (PSYKIATRIN, (FK, AF, EKBY_AME), STYRGRUPP_REGION),
        (_STR, "", _COUNTS, d(2022, 1, 1), d(2023, 12, 31), None, 680_000),
    ),
    (
        ("DIGITAL-24", "Digital samhällsorientering i Exempel län", "Digital samhällsorientering"),
        (VUXENSKOLAN, (ASBY_VUX, AF), LOKUS_EKBY_ASBY),
        (_STR, "", _COUNTS, d(2024, 1, 1), d(2026, 12, 31), None, 600_000),
    ),
    (
        ("REKO-23", "Processtöd för rehabiliteringskoordinatorer", "Processtöd reko"),
        (PRIMARVARDEN, (FK,), STYRGRUPP_REGION),
        (_KOMP, "", _COUNTS, d(2023, 4, 1), d(2025, 3, 31), None, 420_000),
    ),
    (
        ("SMAIL-25", "Kompetensstöd i progressionsmätning med SMAIL", "SMAIL-utbildning"),
        (EXEMPEL_AME, (FK, AF, PSYKIATRIN, STRANDVIK_IFO), LOKUS_EXEMPEL),
        (_KOMP, "", _COUNTS, d(2025, 1, 1), d(2026, 12, 31), None, 380_000),
    ),
    (
        (
            "INDIKATOR-24",
            "Indikatorenkät och utvärdering av finansiell samordning",
            "Indikatorer och utvärdering",
        ),
        (KANSLIET, (), None),
        (_OVR, "", _COUNTS, d(2024, 1, 1), d(2027, 12, 31), None, 320_000),
    ),
    (
        ("SEMINARIER-25", "Samverkansdagar och frukostseminarier", "Samverkansdagar"),
        (KANSLIET, (VUXENSKOLAN,), None),
        (_OVR, "", _COUNTS, d(2025, 1, 1), d(2026, 12, 31), None, 350_000),
    ),
)

_GOALS: dict[str, tuple[GoalSpec, ...]] = {
    "STEG-24": (
        GoalSpec(
            "Deltagarna ska gå vidare till arbete eller studier.",
            "40 % av de avslutade deltagarna går till arbete eller studier",
        ),
        GoalSpec(
            "Insatsen ska nå den målgrupp som anges i ansökan.",
            "60 deltagare under insatstiden, varav minst 40 % kvinnor",
        ),
    ),
    "IPS-23": (
        GoalSpec(
            "Deltagare med psykisk ohälsa ska få och behålla ett arbete.",
            "30 % av deltagarna har arbete eller studier vid avslut",
        ),
        GoalSpec(
            "Arbetet ska följa IPS-modellen.",
            "Minst 100 poäng (god trohet) vid årlig granskning med IPS-skalan",
        ),
    ),
    "KRAFT-22": (
        GoalSpec(
            "Deltagarna ska få en plan för fortsatt rehabilitering.",
            "70 % av de avslutade deltagarna har en handlingsplan",
            _MET,
        ),
        GoalSpec(
            "Deltagarna ska ta steg mot arbete.",
            "25 % går vidare till en arbetsförberedande insats",
            _PARTLY,
        ),
    ),
    "BRYGGAN-22": (
        GoalSpec(
            "Deltagarna ska gå vidare till arbete eller studier.",
            "35 % av de avslutade deltagarna går till arbete eller studier",
            _MET,
        ),
        GoalSpec(
            "Ett arbetssätt med gemensam kartläggning ska finnas kvar efter insatsen.",
            "Beslut om implementering i ordinarie verksamhet senast 2025-06-30",
            _NOT_MET,
        ),
    ),
    "UNGA-25": (
        GoalSpec(
            "Unga som varken arbetar eller studerar ska få samordnat stöd.",
            "80 unga deltagare under insatstiden",
        ),
        GoalSpec(
            "Deltagarna ska få en plan för fortsatt rehabilitering eller studier.",
            "75 % av de avslutade deltagarna har en handlingsplan",
        ),
    ),
    "LOTSEN-24": (
        GoalSpec(
            "Deltagarna ska komma närmare arbetsmarknaden.",
            "Hälften av deltagarna visar stegförflyttning i progressionsmätningen",
        ),
    ),
    "PRAKTIK-25": (
        GoalSpec(
            "Fler praktikplatser hos arbetsgivare i Exempel kommun.",
            "60 nya praktikplatser per år",
        ),
        GoalSpec(
            "Deltagare ska få en anställning efter praktiken.",
            "20 % av deltagarna får anställning inom sex månader",
        ),
    ),
    "SPRAK-26": (
        GoalSpec(
            "Deltagarna ska stärka sin svenska och sin kunskap om arbetslivet.",
            "70 % av deltagarna går vidare till studier, praktik eller arbete",
        ),
    ),
    "NAVIGATOR-27": (
        GoalSpec(
            "Unga vuxna ska nå egen försörjning.",
            "35 % av de avslutade deltagarna går till arbete eller studier",
        ),
    ),
    "LOKUS-23": (
        GoalSpec(
            "Parterna ska ha en gemensam bild av behoven i kommunen.",
            "En behovsanalys per år, redovisad för lokusgruppen",
        ),
        GoalSpec(
            "Samverkan ska leda till nya gemensamma insatser.",
            "Minst en ny ansökan per år",
        ),
    ),
    "PSYK-22": (
        GoalSpec(
            "En gemensam rutin för remiss mellan psykiatri och arbetsmarknadsenheter.",
            "Rutinen beslutad av alla parter senast 2023-06-30",
            _MET,
        ),
    ),
    "DIGITAL-24": (
        GoalSpec(
            "Samhällsorientering ska finnas digitalt på fem språk.",
            "Fem språkversioner publicerade senast 2025-12-31",
            _PARTLY,
        ),
    ),
    "REKO-23": (
        GoalSpec(
            "Rehabiliteringskoordinatorerna ska ha gemensam kunskap om parternas uppdrag.",
            "Fyra utbildningsdagar per år med minst 30 deltagare",
            _MET,
        ),
    ),
    "SMAIL-25": (
        GoalSpec(
            "Personal i individinsatserna ska kunna använda SMAIL.",
            "40 utbildade handledare",
        ),
    ),
    "INDIKATOR-24": (
        GoalSpec(
            "Förbundet ska följa samverkan med de nationella indikatorerna.",
            "Svarsfrekvens minst 60 % i varje respondentgrupp",
        ),
    ),
    "SEMINARIER-25": (
        GoalSpec(
            "Medarbetare hos parterna ska mötas och lära av varandra.",
            "Två samverkansdagar och sex frukostseminarier per år",
        ),
    ),
}

#: The years budgeted per quarter instead of with one yearly row.
_QUARTERLY_YEARS = {
    "STEG-24": (2025,),
    "UNGA-25": (2025, 2026),
}

EXEMPEL_INTERVENTIONS = intervention_specs(_INTERVENTION_ROWS, _GOALS, _QUARTERLY_YEARS)

_FA, _EK, _DA, _IA = (
    Role.FORBUNDSADMINISTRATOR,
    Role.EKONOM,
    Role.DELTAGARANSVARIG,
    Role.INSATSANSVARIG,
)
EXEMPEL_USERS = (
    UserSpec("admin@exempel.se", "Anna", "Berg", ((_FA, None),)),
    UserSpec("ekonom@exempel.se", "Erik", "Lund", ((_EK, None),)),
    UserSpec("loggranskare@exempel.se", "Lena", "Dahl", ((Role.LOGGRANSKARE, None),)),
    UserSpec(
        "deltagare.steg@exempel.se",
        "Sara",
        "Holm",
        ((_DA, "STEG-24"),),
        totp_secret="DEMOSTEGTILLARBETEFINSAMXYZABCDE",  # noqa: S106 - public demo secret
    ),
    UserSpec(
        "deltagare.unga@exempel.se",
        "Omar",
        "Nilsson",
        ((_DA, "UNGA-25"),),
        totp_secret="DEMOUNGAINFINSAMXYZABCDEFGHIJKLM",  # noqa: S106 - public demo secret
    ),
    UserSpec("insatsansvarig@exempel.se", "Maria", "Ek", ((_IA, "STEG-24"), (_IA, "PRAKTIK-25"))),
    # The steering groups' reporters: each fills in the quarterly reports of the
    # interventions of their steering group (demo.followup acts as them).
    UserSpec(
        "insatsansvarig.lokus@exempel.se",
        "Björn",
        "Nyström",
        ((_IA, "LOKUS-23"), (_IA, "SMAIL-25")),
    ),
    UserSpec(
        "insatsansvarig.region@exempel.se",
        "Ulrika",
        "Sundin",
        ((_IA, "IPS-23"), (_IA, "REKO-23")),
    ),
    UserSpec(
        "insatsansvarig.ekby@exempel.se",
        "Kristina",
        "Falk",
        ((_IA, "BRYGGAN-22"), (_IA, "DIGITAL-24"), (_IA, "SPRAK-26")),
    ),
    UserSpec(
        "insatsansvarig.unga@exempel.se",
        "Petra",
        "Engström",
        ((_IA, "UNGA-25"), (_IA, "LOTSEN-24")),
    ),
    UserSpec(
        "utvecklare@exempel.se",
        "Elsa",
        "Wiklund",
        ((_IA, "INDIKATOR-24"), (_IA, "SEMINARIER-25")),
    ),
    UserSpec("styrelse@exempel.se", "Per", "Sandberg", ((Role.STYRELSE, None),)),
    UserSpec("revisor@exempel.se", "Karin", "Ström", ((Role.REVISOR, None),)),
)

EXEMPEL = AssociationSpec(
    slug="exempel",
    name="Samordningsförbundet Exempel",
    members=EXEMPEL_MEMBERS,
    organisations=EXEMPEL_ORGANISATIONS,
    board=EXEMPEL_BOARD,
    steering_groups=EXEMPEL_STEERING_GROUPS,
    interventions=EXEMPEL_INTERVENTIONS,
    users=EXEMPEL_USERS,
)
