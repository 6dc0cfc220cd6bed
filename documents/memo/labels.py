"""Swedish labels of the codes in the memo JSON (kinds, answers, exit reasons, education
levels, activity types, goals), as the memo shows them."""

from __future__ import annotations

KIND_GROUPS = {
    "individ": "Individinsatser",
    "struktur": "Strukturinsatser",
    "kompetens": "Kompetenshöjande insatser",
    "ovrig": "Övriga insatser",
}
KIND_NAMES = {
    "individ": "Individinsatser",
    "struktur": "Strukturinsatser",
    "kompetens": "Kompetenshöjande insatser",
    "ovrig": "Övriga insatser",
}
ON_TRACK = {
    "ja": "Ja",
    "delvis": "Delvis",
    "nej": "Nej",
    "for_tidigt": "För tidigt att bedöma",
    "ej_angivet": "Ej angivet",
}
FORECAST = {"ja": "Ja", "delvis": "Delvis", "nej": "Nej", "ej_aktuellt": "Ej aktuellt"}
COLOURS = {"green": "Grön", "yellow": "Gul", "red": "Röd"}
EXIT_REASONS = {
    "arbete_osubventionerat": "Arbete utan lönesubvention",
    "arbete_subventionerat": "Subventionerad anställning",
    "eget_foretag": "Eget företag",
    "studier": "Studier",
    "arbetssokande": "Aktivt arbetssökande",
    "fortsatt_rehabilitering": "Fortsatt rehabilitering/annan insats",
    "sjukdom": "Sjukdom",
    "foraldraledighet": "Föräldraledighet",
    "flytt": "Flytt",
    "avbrott": "Avbrott/ingen kontakt",
    "ovrigt": "Övrigt",
}
EDUCATION = {
    "saknas": "Saknar avslutad grundskola",
    "grundskola": "Grundskola",
    "gymnasium": "Gymnasium",
    "eftergymnasial": "Eftergymnasial utbildning",
    "okand": "Okänd utbildning",
}
ACTIVITY_TYPES = {
    "webbinarium": "Webbinarium",
    "seminarium": "Seminarium",
    "utbildning": "Utbildning",
    "natverkstraff": "Nätverksträff",
    "dialog": "Dialog",
    "konferens": "Konferens",
    "ovrigt": "Övrigt",
}
GOALS = {
    "work_directed_to_work_or_studies": (
        "Andel avslutade till arbete eller studier i arbetsinriktade individinsatser"
    ),
    "prerehab_action_plan": "Andel deltagare med handlingsplan i förrehabiliterande insatser",
    "structural_on_track": "Andel strukturinsatser i fas med sina mål",
    "activities": "Antal aktiviteter",
}
COUNT_GOALS = {"activities"}
