"""A small SIE 4 file for tests (year 2022 with 2021 as year -1)."""

from __future__ import annotations

SAMPLE = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#PROGRAM "Testprogram" 1.0
#ORGNR 222000-2576
#FNAMN "Samordningsförbundet Test"
#RAR 0 20220101 20221231
#RAR -1 20210101 20211231
#DIM 1 "Kostnadsställe"
#OBJEKT 1 "10" "Kansli"
#OBJEKT 1 "20" "Jobbcentrum"
#KONTO 1930 "Bank"
#KONTO 2099 "Årets resultat"
#KONTO 2440 "Leverantörsskulder"
#KONTO 3000 "Bidrag från medlemmar"
#KONTO 5010 "Lokalhyra"
#KONTO 2010 "Eget kapital"
#IB 0 1930 1000.00
#IB 0 2010 -1000.00
#UB 0 1930 1600.00
#UB 0 2010 -1000.00
#UB 0 2440 -100.00
#UB -1 1930 1000.00
#UB -1 2010 -800.00
#UB -1 2099 -200.00
#IB -1 1930 800.00
#IB -1 2010 -800.00
#RES 0 3000 -1000.00
#RES 0 5010 500.00
#RES -1 3000 -900.00
#RES -1 5010 700.00
#RES -1 8999 200.00
#PBUDGET 0 202201 3000 {} -1200.00
#PBUDGET 0 202201 5010 {} 600.00
#VER A 1 20220115 "Medlemsbidrag"
{
#TRANS 1930 {} 1000.00
#TRANS 3000 {} -1000.00
}
#VER A 2 20220301 "Hyra \\"mars\\""
{
#TRANS 5010 {1 "10"} 400.00
#TRANS 5010 {1 "20"} 100.00
#RTRANS 1930 {} -500.00
#TRANS 1930 {} -500.00
#BTRANS 1930 {} -77.00
#TRANS 2440 {} -100.00
#TRANS 1930 {} 100.00
}
"""


def sample(**replace: str) -> bytes:
    text = SAMPLE
    for old, new in replace.items():
        text = text.replace(old, new)
    return text.encode("cp437")
