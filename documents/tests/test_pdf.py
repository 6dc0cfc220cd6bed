from __future__ import annotations

import io
import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from documents.memo.charts import figures
from documents.memo.model import MemoDocument, Section, Table, Text
from documents.memo.pdf import memo_data, render_pdf
from documents.tests.readback import (
    build,
    chart,
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


def test_pdf_short_table_stays_on_the_page_of_its_caption(
    document: MemoDocument, content: bytes
) -> None:
    """A table of up to KEEP_TOGETHER_ROWS rows is not split over two pages (it does not
    repeat its header rows, so its continuation would have none), as in the DOCX."""
    from documents.memo.docx import KEEP_TOGETHER_ROWS

    pages = [plain(page) for page in pdf_pages(content)]
    short = [t for t in document.tables() if len(t.rows) <= KEEP_TOGETHER_ROWS]

    def split(table: Table) -> bool:
        page = next(page for page in pages if table.caption in page)
        last_label = plain(table.rows[-1].cells[0].text)
        return last_label not in page[page.index(table.caption) :]

    assert (len(short) > 5, [t.caption for t in short if split(t)]) == (True, [])


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


#: Typst markup in every form the memo's texts could carry it (a name, a heading, a text).
TYPST_MARKUP = '#read("/etc/passwd") *a* _b_ $c$ <d> @e ] [ \\ `g` ~ // h'


def test_pdf_prints_typst_markup_in_texts_as_it_is(document: MemoDocument) -> None:
    section = Section(key="x", heading=TYPST_MARKUP, level=1, blocks=(Text((TYPST_MARKUP,)),))
    memo = replace(document, association_name=TYPST_MARKUP, sections=(section,))

    content = render_pdf(memo, charts={})

    assert (
        pdf_pages(content)[0].splitlines()[0].startswith(TYPST_MARKUP),
        [line for line in pdf_lines(content) if line == TYPST_MARKUP],
        pdf_outline_titles(content)[1:],
    ) == (True, [TYPST_MARKUP, TYPST_MARKUP], [TYPST_MARKUP])


@settings(max_examples=20, deadline=None)
@given(text=st.text(alphabet="#*_$<>@[]\\\"'`~/=+-:.abcde", min_size=1, max_size=30))
def test_pdf_prints_any_markup_characters_as_they_are(document: MemoDocument, text: str) -> None:
    section = Section(key="x", heading="Rubrik", level=1, blocks=(Text((text,)),))

    lines = pdf_lines(render_pdf(replace(document, sections=(section,)), charts={}))

    assert lines[lines.index("Rubrik") + 1] == text


def test_pdf_charts_are_the_pages_svg_drawings(document: MemoDocument) -> None:
    page_svgs, _images = figures(document.charts())

    data = memo_data(document)

    assert [
        block["svg"]
        for section in data["sections"]
        for block in section["blocks"]
        if block["kind"] == "chart"
    ] == [str(page_svgs[chart.key]) for chart in document.charts()]


DEJAVU_SANS = {
    "DejaVuSans",
    "DejaVuSans-Bold",
    "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique",
}


def test_pdf_embeds_only_dejavu_sans(content: bytes) -> None:
    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf:
        fonts = {
            str(item.get("/BaseFont")).partition("+")[2]
            for item in pdf.objects
            if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == "/Font"
        }

    assert (sorted(fonts - DEJAVU_SANS), "DejaVuSans" in fonts) == ([], True)


def test_pdf_structure_uses_only_pdf_17_roles(content: bytes) -> None:
    """No element needs the role map (``/Strong``, ``/Em`` ...): the meeting packet joins
    the memo's structure tree without it (``meetings/pdfjoin.py``)."""
    role_map = pdf_catalog(content)["/StructTreeRoot"].get("/RoleMap", {})

    assert sorted({role for role in pdf_structure_roles(content) if role in role_map}) == []


def test_pdf_chart_that_svg_cannot_lay_out_is_its_png_with_alt_text(
    document: MemoDocument,
) -> None:
    vertical = chart((4.0,), orientation="bar")
    section = Section(key="x", heading="Rubrik", level=1, blocks=(vertical,))

    content = render_pdf(replace(document, sections=(section,)), charts={})

    reader = PdfReader(io.BytesIO(content))
    assert (
        sum(len(page.images) for page in reader.pages),
        pdf_structure_roles(content).count("/Figure"),
        pdf_figure_alt_texts(content),
    ) == (1, 1, [vertical.caption])


def pdf_figure_alt_texts(content: bytes) -> list[str]:
    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf:
        return [
            str(item["/Alt"])
            for item in pdf.objects
            if isinstance(item, pikepdf.Dictionary) and item.get("/S") == "/Figure"
        ]


def test_pdf_rendered_in_threads_at_once_equals_the_pdf_rendered_alone(
    document: MemoDocument, content: bytes
) -> None:
    """Typst is called without a lock: the development server renders in threads."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=3) as pool:
        pdfs = list(pool.map(lambda _: render_pdf(document), range(3)))

    assert [pdf == content for pdf in pdfs] == [True, True, True]
