from __future__ import annotations

import io

import pytest

from documents.memo.charts import render_all
from documents.memo.docx import render_docx
from documents.memo.model import MemoDocument
from documents.tests.readback import (
    docx_headings,
    docx_of,
    docx_paragraphs,
    docx_tables,
    fmt,
    fmt_share,
    fmt_tsek,
)
from documents.tests.sample import NAMES, sample_memo


@pytest.fixture(scope="module")
def content(document: MemoDocument) -> bytes:
    return render_docx(document, charts=render_all(document))


def test_docx_headings_follow_the_document(document: MemoDocument, content: bytes) -> None:
    assert docx_headings(content) == [(s.level, s.heading) for s in document.sections]


def test_docx_first_page_states_period_time_and_version(content: bytes) -> None:
    assert docx_paragraphs(content)[:5] == [
        "Uppföljning av insatser inom Samordningsförbundet Exempel",
        "Kvartal 3 och 4 2022",
        "Period: 2022-07-01–2022-12-31 (2022H2)",
        "Framtagen: 2023-02-01 10:15",
        "Röjandeskyddad version",
    ]


def test_docx_has_a_word_table_per_table_with_the_model_cells(
    document: MemoDocument, content: bytes
) -> None:
    expected = []
    for table in document.tables():
        header = [[g.label for g in table.groups for _ in range(g.span)]] if table.groups else []
        rows = [
            [row.cells[0].text] * len(table.columns)
            if row.kind == "group"
            else [cell.text for cell in row.cells]
            for row in table.rows
        ]
        expected.append([*header, list(table.columns), *rows])

    assert docx_tables(content) == expected


def test_docx_participants_cells_equal_the_json(content: bytes) -> None:
    table = sample_memo(suppressed=True)["tables"]["participants"]
    fields = ("registered", "exited", "exited_to_date", "ongoing")
    genders = ("women", "men", "total")
    expected = [
        [NAMES[row["intervention"]], *(fmt(row[f][g]) for f in fields for g in genders)]
        for row in table["rows"]
    ]
    expected.append(["Summa", *(fmt(table["total"][f][g]) for f in fields for g in genders)])

    assert docx_tables(content)[6][2:] == expected


def test_docx_budget_cells_equal_the_json_in_tsek(content: bytes) -> None:
    table = sample_memo()["tables"]["budget"]
    money = ("period_outcome", "period_budget", "ytd_outcome", "ytd_budget")

    def cells(row: dict[str, int]) -> list[str]:
        return [
            *(fmt_tsek(row[name]) for name in money),
            fmt_share(row["consumption_ratio"]),
            fmt_tsek(row["transferred"]),
        ]

    expected = [[NAMES[row["intervention"]], *cells(row)] for row in table["rows"]]
    expected.append(["Summa", *cells(table["total"])])

    assert docx_tables(content)[3][2:] == expected


def test_docx_outcomes_cells_equal_the_json(content: bytes) -> None:
    table = sample_memo(suppressed=True)["tables"]["outcomes"]
    genders = ("women", "men", "total")

    def cells(row: dict[str, object]) -> list[str]:
        counts, shares = row["to_work_or_studies"], row["share_to_work_or_studies"]
        return [
            *(fmt(counts[g]) for g in genders),  # type: ignore[index]  # the sample table holds dicts
            *(fmt_share(shares[g]) for g in genders),  # type: ignore[index]  # the sample table holds dicts
            fmt_share(row["share_with_action_plan"]),
        ]

    expected = [[NAMES[row["intervention"]], *cells(row)] for row in table["rows"]]
    expected.append(["Summa", *cells(table["total"])])

    assert docx_tables(content)[7][2:] == expected


def test_docx_charts_are_inline_pictures(content: bytes) -> None:
    assert len(docx_of(content).inline_shapes) == 4


def test_docx_footer_has_page_fields(content: bytes) -> None:
    footer = docx_of(content).sections[0].footer._element.xml

    assert (" PAGE " in footer, " NUMPAGES " in footer, "Röjandeskyddad version" in footer) == (
        True,
        True,
        True,
    )


def test_docx_uses_uploaded_template_header_and_drops_its_body(document: MemoDocument) -> None:
    from docx import Document

    template = Document()
    template.sections[0].header.paragraphs[0].text = "Brevhuvud Samordningsförbundet Exempel"
    template.add_paragraph("Mallens exempeltext som inte ska följa med")
    buffer = io.BytesIO()
    template.save(buffer)
    buffer.seek(0)

    content = render_docx(document, charts={}, template=buffer)

    result = docx_of(content)
    assert (
        result.sections[0].header.paragraphs[0].text,
        "Mallens exempeltext som inte ska följa med" in docx_paragraphs(content),
        docx_paragraphs(content)[0],
    ) == (
        "Brevhuvud Samordningsförbundet Exempel",
        False,
        "Uppföljning av insatser inom Samordningsförbundet Exempel",
    )


def test_docx_template_without_heading_styles_gets_them(document: MemoDocument) -> None:
    from docx import Document

    template = Document()
    styles = template.styles.element
    for style in list(styles):
        name = style.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name")
        if name is not None and name.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"
        ).startswith(("heading", "Title", "Caption", "List Bullet")):
            styles.remove(style)
    buffer = io.BytesIO()
    template.save(buffer)
    buffer.seek(0)

    content = render_docx(document, charts={}, template=buffer)

    assert docx_headings(content)[0] == (1, "Sammanfattning")


def test_docx_from_an_exported_memo_as_template_has_one_footer_line(
    document: MemoDocument,
) -> None:
    from docx import Document

    exported = render_docx(document, charts={})

    again = Document(io.BytesIO(render_docx(document, charts={}, template=io.BytesIO(exported))))

    lines = [p.text for p in again.sections[0].footer.paragraphs if "version" in p.text]
    assert [
        line.startswith(f"{document.period_code} · {document.version_label}") for line in lines
    ] == [True]
