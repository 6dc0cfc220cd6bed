from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from ledger.models import Account, Balance, FiscalYear, ReportLine, Voucher, VoucherRow
from ledger.tests.sie_samples import sample
from testing.factories import AssociationFactory

pytestmark = pytest.mark.django_db


def _snapshot():
    with scopes_disabled():
        return (
            list(FiscalYear.objects.values_list("year", "start", "end", "file_sha256", "warnings")),
            sorted(Account.objects.values_list("number", "name", "kind")),
            sorted(
                Balance.objects.values_list(
                    "kind", "year_offset", "account", "objects_key", "amount"
                )
            ),
            sorted(Voucher.objects.values_list("series", "number", "date", "text", "line")),
            sorted(
                VoucherRow.objects.values_list("voucher__line", "account", "objects_key", "amount")
            ),
        )


def test_import_sie_command_stores_the_year_and_prints_summary(tmp_path, capsys):
    association = AssociationFactory.create(slug="test", organisation_number="222000-2576")
    path = tmp_path / "bok.se"
    path.write_bytes(sample())

    call_command("import_sie", str(path), "--association", "test")

    out = capsys.readouterr().out
    assert out.splitlines() == [
        "Importerade räkenskapsåret 2022-01-01 – 2022-12-31: 6 konton, 2 verifikationer med "
        "7 rader, 2 objekt."
    ]
    with scopes_disabled():
        year = FiscalYear.objects.get(association=association)
        assert (year.year, year.organisation_number, year.has_vouchers) == (
            2022,
            "222000-2576",
            True,
        )
        assert VoucherRow.objects.filter(fiscal_year=year).count() == 7
        assert Balance.objects.get(
            fiscal_year=year, kind="RES", year_offset=0, account="5010"
        ).amount == Decimal("500.00")


def test_import_sie_twice_gives_the_same_database(tmp_path):
    AssociationFactory.create(slug="test")
    path = tmp_path / "bok.se"
    path.write_bytes(sample())
    call_command("import_sie", str(path), "--association", "test")
    first = _snapshot()

    call_command("import_sie", str(path), "--association", "test")

    assert _snapshot() == first


def test_import_sie_new_file_replaces_its_year_only(tmp_path):
    AssociationFactory.create(slug="test")
    old = tmp_path / "2021.se"
    old.write_bytes(
        sample(**{"20220101 20221231": "20210101 20211231", "#RAR -1 20210101 20211231\n": ""})
    )
    new = tmp_path / "2022.se"
    new.write_bytes(sample(**{"Lokalhyra": "Hyra"}))
    call_command("import_sie", str(old), "--association", "test")
    call_command("import_sie", str(new), "--association", "test")

    call_command("import_sie", str(new), "--association", "test")

    with scopes_disabled():
        assert sorted(FiscalYear.objects.values_list("year", flat=True)) == [2021, 2022]
        assert Account.objects.get(fiscal_year__year=2022, number="5010").name == "Hyra"


def test_import_sie_refused_file_writes_nothing(tmp_path, capsys):
    AssociationFactory.create(slug="test")
    path = tmp_path / "bok.se"
    path.write_bytes(sample(**{"#TRANS 3000 {} -1000.00": "#TRANS 3000 {} -999"}))

    with pytest.raises(CommandError) as error:
        call_command("import_sie", str(path), "--association", "test")

    assert str(error.value) == "Filen togs inte emot (1 fel). Inget sparades."
    assert capsys.readouterr().err.splitlines() == [
        "Rad 35 (#VER): Verifikationens rader summerar till 1.00 i stället för 0."
    ]
    assert _snapshot() == ([], [], [], [], [])


def test_import_sie_other_organisation_number_is_refused(tmp_path, capsys):
    AssociationFactory.create(slug="test", organisation_number="222000-0001")
    path = tmp_path / "bok.se"
    path.write_bytes(sample())

    with pytest.raises(CommandError):
        call_command("import_sie", str(path), "--association", "test")

    assert capsys.readouterr().err.splitlines() == [
        "Filen gäller organisationsnummer 222000-2576, men förbundets är 222000-0001."
    ]
    assert _snapshot() == ([], [], [], [], [])


def test_import_sie_dry_run_writes_nothing_and_warns(tmp_path, capsys):
    association = AssociationFactory.create(slug="test")
    with scopes_disabled():
        ReportLine.objects.create(
            association=association,
            report="resultat",
            code="intakter",
            label="Intäkter",
            group="verksamhetens_intakter",
            accounts="3000-3999",
        )
    path = tmp_path / "bok.se"
    path.write_bytes(sample())

    call_command("import_sie", str(path), "--association", "test", "--dry-run")

    assert capsys.readouterr().out.splitlines() == [
        "Skulle importera räkenskapsåret 2022-01-01 – 2022-12-31: 6 konton, 2 verifikationer "
        "med 7 rader, 2 objekt.",
        "Varning: Konto 1930 Bank har saldo men ingen rapportrad tar det.",
        "Varning: Konto 2010 Eget kapital har saldo men ingen rapportrad tar det.",
        "Varning: Konto 2440 Leverantörsskulder har saldo men ingen rapportrad tar det.",
        "Varning: Konto 5010 Lokalhyra har saldo men ingen rapportrad tar det.",
    ]
    assert _snapshot() == ([], [], [], [], [])
