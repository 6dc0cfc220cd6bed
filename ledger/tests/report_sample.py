"""A small ledger with hand-computed report figures (see stats/tests/test_annual_report.py):
2022 not closed, 2021 closed, with opening balances of both years."""

from __future__ import annotations

REPORT_SIE = """#FLAGGA 0
#FORMAT PC8
#SIETYP 4
#ORGNR 222000-2576
#FNAMN "Samordningsförbundet Test"
#RAR 0 20220101 20221231
#RAR -1 20210101 20211231
#OBJEKT 1 "10" "Kansli"
#OBJEKT 1 "20" "Jobbcentrum"
#KONTO 1220 "Inventarier"
#KONTO 1510 "Kundfordringar"
#KONTO 1930 "Bank"
#KONTO 2010 "Eget kapital"
#KONTO 2080 "Reservfond"
#KONTO 2099 "Årets resultat"
#KONTO 2440 "Leverantörsskulder"
#KONTO 3000 "Bidrag"
#KONTO 5010 "Lokalhyra"
#KONTO 7830 "Avskrivningar"
#KONTO 8310 "Ränteintäkter"
#KONTO 8999 "Årets resultat"
#IB -1 1220 300.00
#IB -1 1930 700.00
#IB -1 2010 -800.00
#IB -1 2080 -100.00
#IB -1 2440 -100.00
#UB -1 1220 200.00
#UB -1 1510 50.00
#UB -1 1930 950.00
#UB -1 2010 -800.00
#UB -1 2080 -100.00
#UB -1 2099 -110.00
#UB -1 2440 -190.00
#RES -1 3000 -1000.00
#RES -1 5010 800.00
#RES -1 7830 100.00
#RES -1 8310 -10.00
#RES -1 8999 110.00
#IB 0 1220 200.00
#IB 0 1510 50.00
#IB 0 1930 950.00
#IB 0 2010 -910.00
#IB 0 2080 -100.00
#IB 0 2440 -190.00
#UB 0 1220 100.00
#UB 0 1510 50.00
#UB 0 1930 1220.40
#UB 0 2010 -910.00
#UB 0 2080 -100.00
#UB 0 2440 -265.50
#RES 0 3000 -1200.00
#RES 0 5010 1025.50
#RES 0 7830 100.00
#RES 0 8310 -20.40
#PBUDGET 0 202201 3000 {} -1100.00
#PBUDGET 0 202201 5010 {} 900.00
#VER A 1 20220115 "Bidrag"
{
#TRANS 1930 {} 1200.00
#TRANS 3000 {} -1200.00
}
#VER A 2 20220301 "Hyra"
{
#TRANS 5010 {1 "10"} 600.00
#TRANS 5010 {1 "20"} 300.00
#TRANS 5010 {} 50.00
#TRANS 1930 {} -950.00
}
#VER A 3 20221231 "Avskrivning"
{
#TRANS 7830 {} 100.00
#TRANS 1220 {} -100.00
}
#VER A 4 20221231 "Ränta"
{
#TRANS 1930 {} 20.40
#TRANS 8310 {} -20.40
}
#VER A 5 20221231 "Faktura"
{
#TRANS 2440 {} -75.50
#TRANS 5010 {1 "20"} 75.50
}
"""
