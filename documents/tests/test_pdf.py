from __future__ import annotations

import io
import itertools

import pytest
from pypdf import PdfReader

from documents.memo.model import MemoDocument
from documents.memo.pdf import render_pdf
from documents.tests.readback import (
    build,
    fmt,
    fmt_share,
    fmt_tsek,
    pdf_catalog,
    pdf_lines,
    pdf_outline_titles,
    pdf_pages,
    pdf_row,
    pdf_structure_roles,
)
from documents.tests.sample import NAMES, sample_memo


@pytest.fixture(scope="module")
def content(document: MemoDocument) -> bytes:
    return render_pdf(document)


def after(content: bytes, caption: str, name: str, count: int) -> list[str]:
    """The ``count`` cells after the row label ``name`` in the table with ``caption``."""
    return pdf_row(content, caption, name)[:count]


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_pdf_pages_are_numbered_sida_n_av_m(content: bytes) -> None:
    pages = pdf_pages(content)

    assert [page.strip().splitlines()[-1].split(" · ")[-1].split()[-4:] for page in pages] == [
        ["Sida", str(number), "av", str(len(pages))] for number in range(1, len(pages) + 1)
    ]


def test_pdf_first_page_states_period_time_and_version(content: bytes) -> None:
    lines = pdf_lines(content)
    start = lines.index("Period: 2022-07-01–2022-12-31 (2022H2)")

    assert (pdf_pages(content)[0].count("Period: "), lines[start : start + 3]) == (
        1,
        [
            "Period: 2022-07-01–2022-12-31 (2022H2)",
            "Framtagen: 2023-02-01 10:15",
            "Röjandeskyddad version",
        ],
    )


def test_pdf_headings_appear_in_order(document: MemoDocument, content: bytes) -> None:
    text = " ".join(pdf_lines(content))
    positions = []
    start = 0
    for heading in [s.heading for s in document.sections]:
        start = text.find(heading, start)
        positions.append(start)

    assert [h for h, p in zip(document.sections, positions, strict=True) if p < 0] == []


def test_pdf_has_every_table_caption(document: MemoDocument, content: bytes) -> None:
    lines = pdf_lines(content)

    assert [t.caption for t in document.tables() if t.caption not in lines] == []


def test_pdf_participants_numbers_equal_the_json(content: bytes) -> None:
    table = sample_memo(suppressed=True)["tables"]["participants"]
    fields = ("registered", "exited", "exited_to_date", "ongoing")
    genders = ("women", "men", "total")
    caption = "Tabell 7. Antal registrerade, avslutade och pågående deltagare"

    found = {
        row["intervention"]: after(content, caption, NAMES[row["intervention"]], 12)
        for row in table["rows"]
    }

    assert found == {
        row["intervention"]: [plain(fmt(row[f][g])) for f in fields for g in genders]
        for row in table["rows"]
    }


def test_pdf_budget_numbers_equal_the_json(content: bytes) -> None:
    table = sample_memo()["tables"]["budget"]
    money = ("period_outcome", "period_budget", "ytd_outcome", "ytd_budget")

    found = after(content, "Tabell 4. Prognos och utfall budget", "Summa", 6)

    total = table["total"]
    assert found == [
        *(plain(fmt_tsek(total[name])) for name in money),
        plain(fmt_share(total["consumption_ratio"])),
        plain(fmt_tsek(total["transferred"])),
    ]


def test_pdf_unsuppressed_says_office_only() -> None:
    document = build(suppressed=False)

    lines = pdf_lines(render_pdf(document, charts={}))

    start = lines.index("Framtagen: 2023-02-01 10:15")
    assert lines[start + 1] == "Ej röjandeskyddad version – endast för kansliet"


def test_pdf_is_tagged_in_swedish_with_title_and_marked_content(content: bytes) -> None:
    catalog = pdf_catalog(content)
    info = PdfReader(io.BytesIO(content)).metadata
    assert info is not None

    assert (
        "/StructTreeRoot" in catalog,
        catalog["/Lang"],
        catalog["/MarkInfo"]["/Marked"],
        catalog["/ViewerPreferences"]["/DisplayDocTitle"],
        info.title,
    ) == (
        True,
        "sv",
        True,
        True,
        "Uppföljning av insatser inom Samordningsförbundet Exempel – Kvartal 3 och 4 2022",
    )


def test_pdf_bookmarks_are_the_title_and_every_section_heading(
    document: MemoDocument, content: bytes
) -> None:
    assert "/Outlines" in pdf_catalog(content)
    assert pdf_outline_titles(content) == [document.title] + [
        section.heading for section in document.sections
    ]


def test_pdf_structure_tree_has_headings_tables_and_figures(
    document: MemoDocument, content: bytes
) -> None:
    roles = pdf_structure_roles(content)
    # a table split over two pages is two /Table elements, the first with the caption
    captioned = [a for a, b in itertools.pairwise(roles) if (a, b) == ("/Table", "/Caption")]

    assert (
        roles.count("/H1"),
        roles.count("/H2") + roles.count("/H3") + roles.count("/H4"),
        len(captioned),
        roles.count("/Figure") >= len(document.charts()),
        "/TH" in roles and "/TD" in roles and "/Caption" in roles,
    ) == (1, len(document.sections), len(document.tables()), True, True)


def test_pdf_charts_are_vectors_not_images(document: MemoDocument, content: bytes) -> None:
    reader = PdfReader(io.BytesIO(content))

    assert sum(len(page.images) for page in reader.pages) == 0
    assert len(document.charts()) > 0


def test_pdf_lean_user_agent_stylesheet_drops_only_the_every_element_pseudo_rules() -> None:
    from weasyprint.html import UA

    from documents.memo.pdf import EVERY_ELEMENT_PSEUDO

    removed = EVERY_ELEMENT_PSEUDO.findall(UA)

    assert [rule.split(" ")[0] for rule in removed] == [
        "::footnote-call",
        "::footnote-marker",
        "::note-call",
        "::note-marker",
        "::note-callback",
    ]


def test_pdf_with_the_lean_stylesheet_is_the_same_pdf(
    document: MemoDocument, content: bytes
) -> None:
    from weasyprint import HTML

    from documents.memo import pdf

    stock = HTML(string=pdf.memo_html(document), base_url=str(pdf.STYLESHEET.parent))

    assert stock.write_pdf(pdf_variant=pdf.PDF_VARIANT) == content
