"""A DOCX or PDF download whose reflections are still the marker warns first: a page with
"Ladda ner ändå" and, for the office, the link to write the reflections."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import LazySettings as SettingsWrapper
from django.test import Client
from django.urls import reverse

from documents.memo import sources
from documents.models import MemoText
from documents.tests.sample import fake_memo_for
from testing.personas import World

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EDIT = reverse("documents:text_edit", args=["exempel", "reflections"])


def download(fmt: str) -> str:
    return reverse("documents:memo_download", args=["exempel", fmt])


@pytest.fixture(autouse=True)
def fake_memo_json(
    monkeypatch: pytest.MonkeyPatch, settings: SettingsWrapper, tmp_path: Path
) -> None:
    monkeypatch.setattr(sources, "memo_for", fake_memo_for())
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_download_without_reflections_warns_first(
    world: World, client_as: Callable[[str | None], Client], fmt: str
) -> None:
    response = client_as("admin").get(download(fmt), {"period": "2022H2"})

    page = response.content.decode()
    assert (
        response.status_code,
        response["Content-Type"].split(";")[0],
        "Ladda ner ändå" in page,
        f'href="{download(fmt)}?period=2022H2&amp;ladda_ner=ja"' in page,
        f'href="{EDIT}?period=2022H2"' in page,
    ) == (200, "text/html", True, True, True)


def test_download_warning_offers_the_board_no_edit_link(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("board").get(download("pdf"), {"period": "2022H2"})

    page = response.content.decode()
    assert ("Ladda ner ändå" in page, EDIT in page) == (True, False)


@pytest.mark.parametrize(("fmt", "content_type"), [("docx", DOCX_TYPE), ("pdf", "application/pdf")])
def test_download_anyway_sends_the_document(
    world: World, client_as: Callable[[str | None], Client], fmt: str, content_type: str
) -> None:
    response = client_as("board").get(download(fmt), {"period": "2022H2", "ladda_ner": "ja"})

    assert (response.status_code, response["Content-Type"]) == (200, content_type)


def test_download_with_written_reflections_is_sent_at_once(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    MemoText.objects.create(
        association=world.association, period="2022H2", section="reflections", text="Ett gott år."
    )

    response = client_as("board").get(download("pdf"), {"period": "2022H2"})

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")


def test_unsuppressed_download_warning_keeps_the_version(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get(download("pdf"), {"period": "2022H2", "version": "kansli"})

    assert (
        f'href="{download("pdf")}?period=2022H2&amp;version=kansli&amp;ladda_ner=ja"'
        in response.content.decode()
    )


def test_xlsx_download_is_not_warned(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("board").get(download("xlsx"), {"period": "2022H2"})

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
