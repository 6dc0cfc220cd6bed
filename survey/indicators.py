# ruff: noqa: E501  # the indicator names are kept whole, as published
"""The names of the 16 indicators (seed 004, Tabell 10). Indicator 11 is measured by a
national register study and has no question."""

from __future__ import annotations

INDICATOR_NAMES: dict[int, str] = {
    1: "Deltagare känner att de insatser som erbjuds är organiserade runt deras behov (personcentrerade)",
    2: "Deltagarna upplever inflytande över rehabiliteringsprocessen",
    3: "En möjlighet att låta rehabiliteringsprocessen få ta den tid som behövs utifrån varje deltagares förutsättningar",
    4: "Deltagare upplever att det finns någon som håller samman och stödjer den enskildes samordnade rehabiliteringsprocess",
    5: "Deltagaren upplever att den kan hantera egna symtom och funktionsnedsättning samt att de har fått stöd från myndigheterna i att leva med detta",
    6: "När insatser avslutas i en samordnad rehabiliteringstjänst upplever deltagaren att det finns en planering/tjänster som tar vid",
    7: "Deltagarna upplever att det har skett en stegförflyttning närmare arbetsmarknaden/egen försörjning",
    8: "Personalen upplever att andra medarbetare/professionella i andra myndigheter respekterar deras kunskap, roller och arbetssätt",
    9: "Att det systematiskt tillvaratas erfarenheter, kunskaper och synpunkter såväl från enskilda deltagare/brukare som från brukarorganisationer eller grupper av deltagare",
    10: "Samordnade insatser inkluderar även andra aktörer i samhället, företag, ideella krafter och föreningsliv i det löpande arbetet på ett strukturerat sätt",
    11: "Effekter för deltagare som kommer ur de samordnade insatserna är hållbara och säkra över tid",
    12: "En struktur har skapats vars huvuduppgifter är att strategiskt initiera, upprätthålla och underhålla relationer",
    13: "Samordnad verksamhet har ett sektorsövergripande arbetssätt och synsätt",
    14: "Det finns en klar och tydlig strategi för uppföljning och utvärdering av myndighetsgemensamma insatser",
    15: "Insikter från samverkan leder till att nya typer av förebyggande insatser utvecklas",
    16: "Mänskliga rättigheter som jämställdhet, jämlikhet och mångfald präglar kulturen",
}
