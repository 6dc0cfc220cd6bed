"""The JSON endpoints: who may call them, parameters, JSON errors and the import."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from api.openapi import openapi_document
from imports.tests.workbooks import INSATSER_HEADER, good_sheets, xlsx_bytes
from interventions.models import Budget, FollowUp, Intervention
from participants.choices import Gender
from participants.models import Participation, VolumeCount
from stats.memo_schema import MEMO_SCHEMA
from testing.factories import InterventionFactory
from testing.personas import World
from testing.views import ClientAs, PersonaViewCases

pytestmark = pytest.mark.django_db


def url(name: str, slug: str = "exempel") -> str:
    return reverse(f"api:{name}", args=[slug])


def body(response: Any) -> Any:
    return json.loads(response.content)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# --- memo ---------------------------------------------------------------------------------


class TestMemo(PersonaViewCases):
    permission = "documents.view_memo"
    data = {"period": "2022H2"}
    endpoint = "memo"

    def url(self, world: World) -> str:
        return url(self.endpoint)


def test_memo_answers_the_contract(world: World, client_as: ClientAs) -> None:
    response = client_as("board").get(url("memo"), {"period": "2022H2"})

    data = body(response)
    jsonschema.validate(data, MEMO_SCHEMA)
    assert (data["association"], data["period"], data["suppression"]["applied"]) == (
        "exempel",
        "2022H2",
        True,
    )
    assert response["Content-Type"] == "application/json"


def test_memo_unsuppressed_for_admin(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("memo"), {"period": "2022", "unsuppressed": "1"})

    assert body(response)["suppression"]["applied"] is False


@pytest.mark.parametrize("persona", ["economist", "board", "auditor"])
def test_memo_unsuppressed_is_403_for_other_readers(
    world: World, client_as: ClientAs, persona: str
) -> None:
    response = client_as(persona).get(url("memo"), {"period": "2022", "unsuppressed": "1"})

    assert (response.status_code, body(response)) == (
        403,
        {"detail": "Du saknar behörighet för det här."},
    )


@pytest.mark.parametrize(
    "query",
    [{}, {"period": ""}, {"period": "2022H3"}, {"period": "1999"}, {"period": "2022h2"}],
)
def test_memo_bad_period_is_400(world: World, client_as: ClientAs, query: dict[str, str]) -> None:
    response = client_as("admin").get(url("memo"), query)

    assert (response.status_code, body(response)) == (
        400,
        {"detail": "Ogiltig period: ange ÅÅÅÅ, ÅÅÅÅH1, ÅÅÅÅH2 eller ÅÅÅÅQ1–ÅÅÅÅQ4."},
    )


def test_memo_bad_flag_is_400(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").get(url("memo"), {"period": "2022", "unsuppressed": "ja"})

    assert (response.status_code, body(response)) == (
        400,
        {"detail": "Ogiltigt värde för unsuppressed: ange 0 eller 1."},
    )


def test_memo_post_is_405_json(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(url("memo"))

    assert (response.status_code, body(response), response["Allow"]) == (
        405,
        {"detail": "Metoden stöds inte här."},
        "GET, HEAD, OPTIONS",
    )


def test_api_anonymous_is_sent_to_login(world: World, client_as: ClientAs) -> None:
    response = client_as(None).get(url("memo"), {"period": "2022"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- national counts ----------------------------------------------------------------------


class TestNational(TestMemo):
    permission = "participants.report_national_counts"
    data = {"year": "2024"}
    endpoint = "national"


def test_national_counts_as_json(world: World, client_as: ClientAs) -> None:
    for gender, day in [(Gender.WOMAN, 3), (Gender.MAN, 4)]:
        Participation.objects.create(
            association=world.association,
            intervention=world.intervention_a,
            gender=gender,
            entry_date=dt.date(2024, 2, day),
        )
    volume = InterventionFactory.create(
        association=world.association,
        code="V",
        name="Volym",
        follow_up=FollowUp.COUNTS,
        start_date=dt.date(2024, 1, 1),
    )
    VolumeCount.objects.create(
        association=world.association, intervention=volume, year=2024, month=1, women=2, men=1
    )

    response = client_as("admin").get(url("national"), {"year": "2024"})

    data = body(response)
    a_row = {"code": "A", "name": "Insats A", "women": 1, "men": 1, "other": 0, "total": 2}
    assert (data["association"], data["year"]) == ("exempel", 2024)
    assert [row for row in data["registered"] if row["code"] == "A"] == [a_row]
    assert data["monthly_sums"] == [
        {"code": "V", "name": "Volym", "women": 2, "men": 1, "other": 0, "total": 3}
    ]


@pytest.mark.parametrize("year", ["", "24", "1999", "2101", "2024.0", " 2024", "+2024"])
def test_national_bad_year_is_400(world: World, client_as: ClientAs, year: str) -> None:
    response = client_as("admin").get(url("national"), {"year": year})

    assert (response.status_code, body(response)) == (
        400,
        {"detail": "Ogiltigt år: ange ett år mellan 2000 och 2100."},
    )


# --- import -------------------------------------------------------------------------------


class TestImport(TestMemo):
    """The gate of the import: a request without a file is refused (400) to whoever may
    open the workbook; which sheets each may import is ``WorkbookAccess``'s (below)."""

    permission = "imports.open_workbook"
    method = "post"
    data = {}
    allowed = 400
    endpoint = "import"


def test_import_of_the_office_sheets_by_an_officer_is_400(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("participant_officer_a").post(
        url("import"), {"file": upload("importmall.xlsx", xlsx_bytes(good_sheets()))}
    )

    assert (response.status_code, Intervention.objects.filter(code="ARB").exists()) == (400, False)


def test_import_good_file_writes(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        url("import"), {"file": upload("importmall.xlsx", xlsx_bytes(good_sheets()))}
    )

    data = body(response)
    assert (data["ok"], data["errors"]) == (True, [])
    assert data["summary"] == {
        "dry_run": False,
        "lines": [
            "Filen är importerad.",
            "Insatser: nya 2, ändrade 0, oförändrade 0.",
            "Budget: nya 4, ändrade 0, oförändrade 0.",
        ],
        "sheets": {
            "Insatser": {
                "created": 2,
                "updated": 0,
                "unchanged": 0,
                "added": ["rad 2: ARB", "rad 3: NAT"],
                "changed": [],
            },
            "Budget": {
                "created": 4,
                "updated": 0,
                "unchanged": 0,
                "added": [
                    "rad 2: ARB 2023",
                    "rad 3: ARB 2024 1",
                    "rad 4: ARB 2024 2",
                    "rad 5: NAT 2023",
                ],
                "changed": [],
            },
        },
    }
    assert Budget.objects.filter(association=world.association).count() == 4


def test_import_dry_run_writes_nothing(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        url("import"),
        {"file": upload("importmall.xlsx", xlsx_bytes(good_sheets())), "dry_run": "1"},
    )

    data = body(response)
    assert (response.status_code, data["ok"], data["summary"]["dry_run"]) == (200, True, True)
    assert Budget.objects.filter(association=world.association).count() == 0


def test_import_bad_file_is_400_with_every_problem(world: World, client_as: ClientAs) -> None:
    bad_row = ["C", "Insats C", "", "Kommunen", "", "annan", "", "antal", "2023-01-01", "", ""]
    sheets = {"Insatser": [INSATSER_HEADER, bad_row]}

    response = client_as("admin").post(
        url("import"), {"file": upload("importmall.xlsx", xlsx_bytes(sheets))}
    )

    data = body(response)
    assert (response.status_code, data["ok"]) == (400, False)
    assert [(e["sheet"], e["row"], e["column"], e["value"]) for e in data["errors"]] == [
        ("Insatser", 2, "inriktning", "annan")
    ]
    assert Intervention.objects.filter(code="C").exists() is False


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        ({}, "Välj en fil."),
        ({"file": upload("mall.txt", b"x")}, "Välj en fil av typen .xlsx, .zip eller .csv."),
        (
            {"file": upload("mall.xlsx", b"x"), "dry_run": "kanske"},
            "Ogiltigt värde för dry_run: ange 0 eller 1.",
        ),
    ],
)
def test_import_refused_request_is_400(
    world: World,
    client_as: ClientAs,
    data: dict[str, Any],
    detail: str,
) -> None:
    response = client_as("admin").post(url("import"), data)

    assert (response.status_code, body(response)) == (400, {"detail": detail})


@override_settings(FINSAM_MAX_UPLOAD_BYTES=100)
def test_import_too_large_is_413(world: World, client_as: ClientAs) -> None:
    response = client_as("admin").post(
        url("import"), {"file": upload("importmall.xlsx", xlsx_bytes(good_sheets()))}
    )

    assert (response.status_code, body(response)) == (
        413,
        {"detail": "Filen är för stor. Största tillåtna storlek är 100\xa0byte."},
    )
    assert Budget.objects.filter(association=world.association).count() == 0


def test_import_without_csrf_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["admin"])

    response = client.post(
        url("import"), {"file": upload("importmall.xlsx", xlsx_bytes(good_sheets()))}
    )

    assert response.status_code == 403
    assert Budget.objects.filter(association=world.association).count() == 0


# --- the description ----------------------------------------------------------------------


class TestOpenApi(TestMemo):
    permission = "tenancy.view_association"
    data = {}
    endpoint = "openapi"


def test_openapi_describes_exactly_the_api_urls(world: World, client_as: ClientAs) -> None:
    from django.urls import get_resolver

    data = body(client_as("board").get(url("openapi")))

    api_routes = {
        "/f/{association}/api/" + str(pattern.pattern)
        for pattern in get_resolver("api.urls").url_patterns
    }
    assert data == openapi_document()
    assert set(data["paths"]) == api_routes
    assert data["openapi"] == "3.1.0"


@pytest.mark.parametrize(
    ("name", "method", "query"),
    [
        ("memo", "get", {"period": "2022"}),
        ("national", "get", {"year": "2024"}),
        ("import", "post", {}),
        ("openapi", "get", {}),
    ],
)
def test_api_responses_are_not_stored(
    world: World,
    client_as: ClientAs,
    name: str,
    method: str,
    query: dict[str, str],
) -> None:
    response = getattr(client_as("admin"), method)(url(name), query)

    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"
