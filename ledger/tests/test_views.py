from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from ledger.models import FiscalYear
from ledger.services import import_sie
from ledger.tests.sie_samples import sample
from testing.factories import AssociationFactory
from testing.personas import World
from testing.views import PersonaViewCases

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(world: World) -> None:
    other = AssociationFactory.create(slug="annat")
    with scopes_disabled():
        import_sie(association=world.association, data=sample())
        import_sie(association=other, data=sample(**{"Medlemsbidrag": "Hemligt annat"}))


@pytest.mark.usefixtures("imported")
class TestLedgerPage(PersonaViewCases):
    permission = "ledger.view_ledger"

    def url(self, world: World) -> str:
        return reverse("ledger:year", args=["exempel", 2022])


def test_ledger_page_shows_this_association_only(imported, client_as):
    response = client_as("board").get(reverse("ledger:year", args=["exempel", 2022]) + "?q=bidrag")

    content = response.content.decode()
    assert ("Medlemsbidrag" in content, "Hemligt annat" in content) == (True, False)
    assert response.context["voucher_count"] == 1


def test_ledger_page_unknown_year_is_404(imported, client_as):
    response = client_as("board").get(reverse("ledger:year", args=["exempel", 2019]))

    assert response.status_code == 404


class TestSieUploadPage(PersonaViewCases):
    permission = "ledger.import_ledger"

    def url(self, world: World) -> str:
        return reverse("ledger:upload", args=["exempel"])


def test_sie_upload_then_confirm_imports_the_year(world, client_as):
    client = client_as("economist")
    url = reverse("ledger:upload", args=["exempel"])

    first = client.post(url, {"file": SimpleUploadedFile("bok.se", sample())})
    with scopes_disabled():
        assert FiscalYear.objects.count() == 0
    token = re.search(r'name="token" value="([0-9a-f]+)"', first.content.decode()).group(1)
    second = client.post(url, {"token": token, "file_name": "bok.se"})

    assert second.status_code == 302
    with scopes_disabled():
        assert list(FiscalYear.objects.values_list("year", "file_name")) == [(2022, "bok.se")]


def test_sie_upload_bad_file_lists_problems_and_writes_nothing(world, client_as):
    data = sample(**{"#FLAGGA 0\n": ""})

    response = client_as("admin").post(
        reverse("ledger:upload", args=["exempel"]), {"file": SimpleUploadedFile("bok.se", data)}
    )

    assert response.context["problems"] == [
        "Rad 1 (#FORMAT): Filen är ingen SIE-fil: den första posten ska vara #FLAGGA."
    ]
    with scopes_disabled():
        assert FiscalYear.objects.count() == 0


def test_sie_confirm_with_forged_token_is_refused(world, client_as):
    response = client_as("admin").post(
        reverse("ledger:upload", args=["exempel"]), {"token": "../../etc/passwd"}
    )

    assert response.context["problems"] == ["Filen finns inte längre. Ladda upp den igen."]


@pytest.mark.parametrize("vouchers", [1, 3])
def test_ledger_page_query_count_does_not_grow_with_vouchers(
    world, client_as, django_assert_num_queries, vouchers
):
    extra = "".join(
        f'#VER B {n} 20220601 "Extra"\n{{\n#TRANS 1930 {{}} 1.00\n#TRANS 3000 {{}} -1.00\n}}\n'
        for n in range(vouchers - 1)
    )
    first = '#VER A 1 20220115 "Medlemsbidrag"\n'
    data = sample().decode("cp437").replace(first, extra + first)
    with scopes_disabled():
        import_sie(association=world.association, data=data.encode("cp437"))
    client = client_as("board")
    url = reverse("ledger:year", args=["exempel", 2022])
    client.get(url)

    with django_assert_num_queries(16):
        response = client.get(url)

    assert response.context["voucher_count"] == vouchers + 1
