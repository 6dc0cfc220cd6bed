from __future__ import annotations

import importlib.util
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import LazySettings as SettingsWrapper
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from documents.memo import sources
from documents.models import MemoTemplate, MemoText
from documents.tests.readback import docx_of, html_tables
from documents.tests.sample import fake_memo_for, sample_memo
from testing.personas import World
from testing.views import PersonaViewCases

pytestmark = pytest.mark.django_db

MEMO = reverse("documents:memo", args=["exempel"])
TEMPLATE = reverse("documents:template", args=["exempel"])
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(fmt: str) -> str:
    return reverse("documents:memo_download", args=["exempel", fmt])


def text_edit(section: str) -> str:
    return reverse("documents:text_edit", args=["exempel", section])


@pytest.fixture(autouse=True)
def fake_memo_json(
    monkeypatch: pytest.MonkeyPatch, settings: SettingsWrapper, tmp_path: Path
) -> list[Any]:
    """The memo's JSON replaced by the sample (``fake_memo_for``); records the calls."""
    calls: list[Any] = []
    monkeypatch.setattr(sources, "memo_for", fake_memo_for(calls))
    settings.MEDIA_ROOT = tmp_path
    return calls


def word_file(header: str = "Brevhuvud Exempel") -> bytes:
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the memo page ------------------------------------------------------------------------


class TestMemoPage(PersonaViewCases):
    permission = "documents.view_memo"
    data = {"period": "2022H2"}

    def url(self, world: World) -> str:
        return MEMO


class TestMemoPageUnsuppressed(TestMemoPage):
    permission = "stats.view_unsuppressed"
    data = {"period": "2022H2", "version": "kansli"}


def test_memo_page_anonymous_redirects_to_login(client_as: Callable[[str | None], Client]) -> None:
    response = client_as(None).get(MEMO)

    assert (response.status_code, response["Location"].startswith("/accounts/login/")) == (
        302,
        True,
    )


def test_memo_page_shows_suppressed_tables_to_the_board(
    world: World, client_as: Callable[[str | None], Client], fake_memo_json: list[Any]
) -> None:
    response = client_as("board").get(MEMO, {"period": "2022H2"})

    tables = html_tables(response.content.decode())
    assert (
        fake_memo_json,
        tables.tables["anonymous"][1:],
        "Ändra text" in response.content.decode(),
    ) == (
        [("exempel", "2022H2", True)],
        [["JOBB", ".."], ["FRAM", ".."], ["BRYG", "0"], ["UNG", "26"], ["Totalt", "36"]],
        False,
    )


def test_memo_page_default_period_is_last_ended_half_year(
    world: World, client_as: Callable[[str | None], Client], fake_memo_json: list[Any]
) -> None:
    client_as("admin").get(MEMO)

    assert fake_memo_json == [("exempel", sources.default_period(timezone.localdate()).code, True)]


def test_default_period_is_last_ended_half_year() -> None:
    import datetime as dt

    assert (
        sources.default_period(dt.date(2023, 2, 1)).code,
        sources.default_period(dt.date(2023, 6, 30)).code,
        sources.default_period(dt.date(2023, 7, 1)).code,
    ) == ("2022H2", "2022H2", "2023H1")


def test_memo_page_bad_period_is_404(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get(MEMO, {"period": "2022H3"})

    assert response.status_code == 404


def test_memo_page_admin_sees_edit_links_and_unsuppressed_toggle(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    content = client_as("admin").get(MEMO, {"period": "2022H2"}).content.decode()

    assert (
        f'href="{text_edit("summary")}?period=2022H2"' in content,
        "version=kansli" in content,
    ) == (True, True)


# --- downloads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", DOCX_TYPE),
        ("pdf", "application/pdf"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("json", "application/json"),
    ],
)
def test_memo_download_by_format(
    world: World, client_as: Callable[[str | None], Client], fmt: str, content_type: str
) -> None:
    response = client_as("board").get(download(fmt), {"period": "2022H2", "ladda_ner": "ja"})

    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        content_type,
        f'attachment; filename="uppfoljning-exempel-2022H2.{fmt}"',
    )


class TestMemoDownload(TestMemoPage):
    def url(self, world: World) -> str:
        return download("json")


class TestMemoDownloadUnsuppressed(TestMemoPageUnsuppressed):
    def url(self, world: World) -> str:
        return download("pdf")


def test_json_download_is_the_memo_json(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get(download("json"), {"period": "2022H2", "version": "kansli"})

    assert (json.loads(response.content), response["Content-Disposition"]) == (
        sample_memo(suppressed=False),
        'attachment; filename="uppfoljning-exempel-2022H2-ej-rojandeskyddad.json"',
    )


def test_unknown_download_format_is_404(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get(download("odt"))

    assert response.status_code == 404


def test_docx_download_uses_the_uploaded_template(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    client = client_as("admin")
    upload = SimpleUploadedFile("mall.docx", word_file("Samordningsförbundet Exempel, Storgatan 1"))
    client.post(TEMPLATE, {"file": upload})

    response = client.get(download("docx"), {"period": "2022H2", "ladda_ner": "ja"})

    header = docx_of(response.content).sections[0].header.paragraphs[0].text
    assert header == "Samordningsförbundet Exempel, Storgatan 1"


# --- texts --------------------------------------------------------------------------------


class TestTextEdit(TestMemoPage):
    permission = "documents.edit_memo"

    def url(self, world: World) -> str:
        return text_edit("summary")


def test_text_edit_board_cannot_post(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("board").post(text_edit("summary") + "?period=2022H2", {"text": "x"})

    assert (response.status_code, MemoText.objects.count()) == (403, 0)


def test_text_edit_saves_and_the_memo_shows_it(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    client = client_as("admin")

    response = client.post(
        text_edit("reflections") + "?period=2022H2", {"text": "Ett gott halvår för {förbundet}."}
    )
    page = client.get(MEMO, {"period": "2022H2"}).content.decode()

    row = MemoText.objects.get()
    assert (
        response.status_code,
        response["Location"],
        (row.association, row.period, row.section, row.text),
        f"Ett gott halvår för {world.association.name}." in page,
    ) == (
        302,
        f"{MEMO}?period=2022H2#text-reflections",
        (world.association, "2022H2", "reflections", "Ett gott halvår för {förbundet}."),
        True,
    )


def test_text_edit_empty_text_goes_back_to_default(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    MemoText.objects.create(
        association=world.association, period="2022H2", section="summary", text="Egen"
    )

    client_as("admin").post(text_edit("summary") + "?period=2022H2", {"text": "  "})

    assert MemoText.objects.count() == 0


def test_text_edit_under_htmx_is_a_partial_and_redirects_by_header(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    client = client_as("admin")

    page = client.get(text_edit("summary"), {"period": "2022H2"}, HTTP_HX_REQUEST="true")
    saved = client.post(
        text_edit("summary") + "?period=2022H2", {"text": "Kort."}, HTTP_HX_REQUEST="true"
    )

    assert (
        page.content.decode().lstrip().startswith("<form"),
        saved.status_code,
        saved["HX-Redirect"],
    ) == (True, 204, f"{MEMO}?period=2022H2#text-summary")


def test_text_edit_unknown_section_is_404(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    response = client_as("admin").get(text_edit("okänt"))

    assert response.status_code == 404


# --- the Word template --------------------------------------------------------------------


class TestTemplatePage(TestTextEdit):
    data = {}

    def url(self, world: World) -> str:
        return TEMPLATE


def test_template_upload_replaces_the_old_one(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    client = client_as("admin")
    client.post(TEMPLATE, {"file": SimpleUploadedFile("gammal.docx", word_file())})

    response = client.post(TEMPLATE, {"file": SimpleUploadedFile("ny.docx", word_file())})

    template = MemoTemplate.objects.get()
    assert (response.status_code, template.original_name, template.file.name.endswith(".docx")) == (
        302,
        "ny.docx",
        True,
    )


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("mall.txt", b"text", "Välj en Word-fil av typen .docx."),
        (
            "mall.docx",
            b"PK\x03\x04 not a zip",
            "Filen kunde inte öppnas som ett Word-dokument (.docx).",
        ),
        ("mall.docx", b"just text", "Filen kunde inte öppnas som ett Word-dokument (.docx)."),
    ],
)
def test_template_upload_refuses_what_is_not_word(
    world: World, client_as: Callable[[str | None], Client], name: str, content: bytes, error: str
) -> None:
    response = client_as("admin").post(TEMPLATE, {"file": SimpleUploadedFile(name, content)})

    assert (
        response.status_code,
        response.context["form"].errors["file"],
        MemoTemplate.objects.count(),
    ) == (
        200,
        [error],
        0,
    )


def test_template_upload_refuses_a_large_file(
    world: World, client_as: Callable[[str | None], Client], settings: SettingsWrapper
) -> None:
    settings.FINSAM_MAX_UPLOAD_BYTES = 100

    response = client_as("admin").post(
        TEMPLATE, {"file": SimpleUploadedFile("mall.docx", word_file())}
    )

    assert response.context["form"].errors["file"] == [
        "Filen är för stor. Största tillåtna storlek är 100\xa0byte."
    ]


def test_template_remove_goes_back_to_default(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    client = client_as("admin")
    client.post(TEMPLATE, {"file": SimpleUploadedFile("mall.docx", word_file())})

    client.post(TEMPLATE, {"remove": "1"})

    assert MemoTemplate.objects.count() == 0


# --- the real statistics ------------------------------------------------------------------


@pytest.mark.skipif(
    importlib.util.find_spec("stats.memo") is None, reason="stats.memo is not written yet"
)
def test_memo_page_with_the_real_statistics(
    world: World, client_as: Callable[[str | None], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.undo()  # the real stats.memo.build_memo
    client = client_as("admin")

    page = client.get(MEMO, {"period": "2022H2"})
    data = client.get(download("json"), {"period": "2022H2"})
    files = [
        client.get(
            download(fmt), {"period": "2022H2", "version": "kansli", "ladda_ner": "ja"}
        ).status_code
        for fmt in ("docx", "pdf", "xlsx")
    ]

    memo = json.loads(data.content)
    assert (page.status_code, memo["period"], memo["suppression"]["applied"], files) == (
        200,
        "2022H2",
        True,
        [200, 200, 200],
    )


def test_memo_table_html_escapes_its_texts() -> None:
    from documents.memo.html import table_html
    from documents.memo.model import Cell, HeaderGroup, Row, Table

    table = Table(
        key="t",
        number=1,
        title="<i>titel</i>",
        columns=("Insats", "Antal"),
        rows=(
            Row((Cell("<script>x</script>"),), kind="group"),
            Row((Cell("A&B"), Cell("5", 5, numeric=True, tone="<red>"))),
            Row((Cell("Totalt"), Cell("5", 5, numeric=True)), kind="total"),
        ),
        groups=(HeaderGroup("", 1), HeaderGroup("<grupp>", 1)),
        notes=("<not>",),
    )

    markup = str(table_html(table))

    assert (
        [tag for tag in ("<script>", "<i>", "<grupp>", "<not>", "<red>") if tag in markup],
        html_tables(markup).tables["t"],
    ) == (
        [],
        [
            ["", "<grupp>"],
            ["Insats", "Antal"],
            ["<script>x</script>"],
            ["A&B", "5"],
            ["Totalt", "5"],
        ],
    )
