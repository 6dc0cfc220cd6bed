import datetime as dt
import zlib
from decimal import Decimal

import pytest

from ledger.sie import SieError, read_sie
from ledger.tests.sie_samples import SAMPLE, sample


def test_read_sie_sample_reads_every_part():
    sie = read_sie(sample())

    assert (sie.flag, sie.organisation_number, sie.company_name) == (
        0,
        "222000-2576",
        "Samordningsförbundet Test",
    )
    assert sie.years == {
        0: (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        -1: (dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
    }
    assert sie.accounts["2099"] == "Årets resultat"
    assert sie.objects == {(1, "10"): "Kansli", (1, "20"): "Jobbcentrum"}
    assert sie.balances[("RES", -1, "5010", "")] == Decimal("700.00")
    assert sie.period_balances[("PBUDGET", 0, 202201, "3000", "")] == Decimal("-1200.00")
    assert [v.text for v in sie.vouchers] == ["Medlemsbidrag", 'Hyra "mars"']
    assert [(r.account, r.objects, r.amount) for r in sie.vouchers[1].rows] == [
        ("5010", "1:10", Decimal("400.00")),
        ("5010", "1:20", Decimal("100.00")),
        ("1930", "", Decimal("-500.00")),
        ("2440", "", Decimal("-100.00")),
        ("1930", "", Decimal("100.00")),
    ]
    assert sie.warnings == []


@pytest.mark.parametrize(
    ("changes", "lines"),
    [
        (
            {"#FLAGGA 0\n": ""},
            ["Rad 1 (#FORMAT): Filen är ingen SIE-fil: den första posten ska vara #FLAGGA."],
        ),
        (
            {"#IB 0 1930 1000.00": "#IB 0 1930 1000,00"},
            [
                'Rad 18 (#IB): "1000,00" är inget giltigt belopp (siffror, punkt och högst två '
                "decimaler)."
            ],
        ),
        (
            {"20220115": "20221315", "#TRANS 2440 {} -100.00": "#TRANS 2440 {1} -1"},
            [
                'Rad 35 (#VER): "20221315" är inget giltigt datum (ÅÅÅÅMMDD).',
                "Rad 47 (#TRANS): Objektlistan {1} ska bestå av par av dimensionsnummer och "
                "objekt.",
            ],
        ),
        (
            {"#TRANS 3000 {} -1000.00": "#TRANS 3000 {} -999.99"},
            ["Rad 35 (#VER): Verifikationens rader summerar till 0.01 i stället för 0."],
        ),
    ],
    ids=["without-flagga-first", "malformed-amount", "every-problem-listed", "unbalanced-voucher"],
)
def test_read_sie_refuses_with_every_problem_and_its_line(
    changes: dict[str, str], lines: list[str]
) -> None:
    with pytest.raises(SieError) as error:
        read_sie(sample(**changes))

    assert error.value.lines == lines


def test_read_sie_truncated_inside_voucher_is_refused():
    with pytest.raises(SieError) as error:
        read_sie(SAMPLE[: SAMPLE.index("#TRANS 3000")].encode("cp437"))

    assert error.value.lines == [
        "Filen tar slut inne i verifikationen på rad 35 (filen är avkortad)."
    ]


def test_read_sie_without_rar_0_is_refused():
    with pytest.raises(SieError) as error:
        read_sie(sample(**{"#RAR 0 20220101 20221231\n": ""}))

    assert error.value.lines == ["Filen saknar #RAR 0 (räkenskapsårets datum)."]


def test_read_sie_other_organisation_number_is_refused():
    with pytest.raises(SieError) as error:
        read_sie(sample(), organisation_number="222000-0000")

    assert error.value.lines == [
        "Filen gäller organisationsnummer 222000-2576, men förbundets är 222000-0000."
    ]


def test_read_sie_same_organisation_number_in_other_form_is_read():
    sie = read_sie(sample(), organisation_number="2220002576")

    assert sie.organisation_number == "222000-2576"


def _with_checksum(text: str, records: list[str]) -> str:
    crc = 0
    for record in records:
        crc = zlib.crc32(record.encode("cp437"), crc)
    return text.replace("#FORMAT PC8\n", "#FORMAT PC8\n#KSUMMA\n") + f"#KSUMMA {crc}\n"


def test_read_sie_matching_ksumma_is_read():
    text = '#FLAGGA 0\n#FORMAT PC8\n#RAR 0 20220101 20221231\n#KONTO 1930 "Bank {x}"\n'
    data = _with_checksum(text, ["#RAR02022010120221231", "#KONTO1930Bank {x}"])

    sie = read_sie(data.encode("cp437"))

    assert sie.accounts == {"1930": "Bank {x}"}


def test_read_sie_ksumma_as_signed_number_is_read():
    text = "#FLAGGA 0\n#FORMAT PC8\n#RAR 0 20220101 20221231\n"
    crc = zlib.crc32(b"#RAR02022010120221231")
    data = text.replace("#FORMAT PC8\n", "#FORMAT PC8\n#KSUMMA\n") + f"#KSUMMA {crc - 2**32}\n"

    sie = read_sie(data.encode("cp437"))

    assert sie.years[0] == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def test_read_sie_changed_file_with_ksumma_is_refused():
    text = "#FLAGGA 0\n#FORMAT PC8\n#RAR 0 20220101 20221231\n#KONTO 1930 Bank\n"
    data = _with_checksum(text, ["#RAR02022010120221231", "#KONTO1930Bank"])

    with pytest.raises(SieError) as error:
        read_sie(data.replace("Bank", "Banc").encode("cp437"))

    assert len(error.value.lines) == 1
    assert error.value.lines[0].startswith("Rad 6 (#KSUMMA): Kontrollsumman stämmer inte")


def test_read_sie_opening_ksumma_without_closing_is_refused():
    data = "#FLAGGA 0\n#KSUMMA\n#RAR 0 20220101 20221231\n".encode("cp437")

    with pytest.raises(SieError) as error:
        read_sie(data)

    assert error.value.lines == ["#KSUMMA på rad 2 avslutas aldrig (filen är avkortad)."]


@pytest.mark.parametrize("encoding", ["cp437", "cp1252", "utf-8"])
def test_read_sie_swedish_letters_in_any_encoding(encoding):
    sie = read_sie(SAMPLE.replace("\n", "\r\n").encode(encoding))

    assert (sie.accounts["2099"], sie.encoding) == ("Årets resultat", encoding)


def test_read_sie_flagga_1_and_disagreeing_balances_warn():
    data = sample(**{"#FLAGGA 0": "#FLAGGA 1", "#UB -1 1930 1000.00": "#UB -1 1930 999.00"})

    sie = read_sie(data)

    assert sie.warnings == [
        "Rad 1: #FLAGGA 1 – filen har redan lästs in en gång.",
        "Konto 1930: #UB -1 (999.00) skiljer sig från #IB 0 (1000.00).",
    ]


def test_read_sie_equity_moved_between_accounts_does_not_warn():
    # 2099 held the previous result; at the turn of the year it moved to 2010.
    sie = read_sie(sample())

    assert sie.warnings == []


def test_read_sie_transactions_against_ub_and_res_warn():
    data = sample(
        **{"#UB 0 1930 1600.00": "#UB 0 1930 1500.00", "#RES 0 5010 500.00": "#RES 0 5010 501.00"}
    )

    sie = read_sie(data)

    assert sie.warnings == [
        "Konto 1930: #IB 0 plus årets transaktioner (1600.00) skiljer sig från #UB 0 (1500.00).",
        "Konto 5010: årets transaktioner (500.00) skiljer sig från #RES 0 (501.00).",
    ]


def test_read_sie_unknown_labels_and_surplus_fields_are_ignored():
    data = sample(**{'#KONTO 1930 "Bank"': '#KONTO 1930 "Bank" surplus\n#NYPOST 1 2 3'})

    sie = read_sie(data)

    assert sie.accounts["1930"] == "Bank"


def test_read_sie_text_line_is_refused():
    with pytest.raises(SieError) as error:
        read_sie(sample(**{"#KONTO 1930": "KONTO 1930"}))

    assert error.value.lines == ["Rad 12: Raden är ingen post (börjar inte med #)."]
