"""The look of the Word memo, read back from the XML: table widths within the text width,
repeated header rows, cell text styles, alignment, colours, captions, keeping short tables
on one page, Swedish language and hyphenation, chart sizes and the association's template."""

from __future__ import annotations

import io
from typing import Any

import pytest

from documents.memo.charts import render_all
from documents.memo.docx import fit_widths, render_docx
from documents.memo.model import MemoDocument, Table
from documents.tests.readback import docx_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: A4 less 2 x 2.2 cm margins, in twips (11 906 - 2 x 1 247; the default template)
TEXT_WIDTH = 9412
REGULAR, BOLD = "PM tabelltext 8,5 pt", "PM tabelltext 8,5 pt fet"
SMALL, SMALL_BOLD = "PM tabelltext 7,5 pt", "PM tabelltext 7,5 pt fet"


@pytest.fixture(scope="module")
def content(document: MemoDocument) -> bytes:
    return render_docx(document, charts=render_all(document))


@pytest.fixture(scope="module")
def result(content: bytes) -> Any:
    return docx_of(content)


def template_bytes(document: Any) -> io.BytesIO:
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    return buffer


def grid(table: Any) -> list[int]:
    return [int(col.get(f"{W}w")) for col in table._tbl.iter(f"{W}gridCol")]


def rows(table: Any) -> list[Any]:
    return list(table._tbl.iter(f"{W}tr"))


def cells(row: Any) -> list[Any]:
    return list(row.iter(f"{W}tc"))


def flag(element: Any, name: str) -> bool:
    return element.find(f".//{W}{name}") is not None


def style_name(result: Any, paragraph: Any) -> str:
    style_id = paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val")
    return str(next(style.name for style in result.styles if style.style_id == style_id))


def first_paragraph(cell: Any) -> Any:
    return cell.find(f"{W}p")


def model_table(document: MemoDocument, key: str) -> tuple[int, Table]:
    tables = document.tables()
    index = next(i for i, table in enumerate(tables) if table.key == key)
    return index, tables[index]


def test_fit_widths_follows_the_weights_when_every_word_fits() -> None:
    assert fit_widths([2, 1, 1], [100, 100, 100], 1000) == [500, 250, 250]


def test_fit_widths_widens_a_narrow_column_from_the_spare_room() -> None:
    assert fit_widths([6, 1, 1], [200, 300, 100], 800) == [400, 300, 100]


def test_fit_widths_keeps_the_weights_when_the_words_cannot_fit() -> None:
    assert fit_widths([1, 1], [600, 600], 1000) == [500, 500]


def test_docx_tables_have_a_fixed_grid_as_wide_as_the_text(result: Any) -> None:
    layouts = [
        (sum(grid(table)), table._tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type"))
        for table in result.tables
    ]

    assert layouts == [(TEXT_WIDTH, "fixed")] * 16


def test_docx_table_grid_follows_the_model_widths(result: Any) -> None:
    # Tabell 1: widths (6, 1.4, 1.4) of 9 412 twips, the rest to the last column
    assert grid(result.tables[0]) == [6417, 1497, 1498]


def test_docx_cell_widths_equal_their_grid_columns(result: Any) -> None:
    mismatches = []
    for number, table in enumerate(result.tables, start=1):
        columns = grid(table)
        for row in rows(table):
            position = 0
            for cell in cells(row):
                span_element = cell.find(f"{W}tcPr/{W}gridSpan")
                span = 1 if span_element is None else int(span_element.get(f"{W}val"))
                width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w"))
                if width != sum(columns[position : position + span]):
                    mismatches.append(number)
                position += span
            if position != len(columns):
                mismatches.append(number)

    assert mismatches == []


def test_docx_header_rows_repeat_on_every_page(document: MemoDocument, result: Any) -> None:
    expected = [[True] * t.header_rows + [False] * len(t.rows) for t in document.tables()]

    assert [[flag(row, "tblHeader") for row in rows(t)] for t in result.tables] == expected


def test_docx_rows_do_not_split_over_pages(result: Any) -> None:
    assert {flag(row, "cantSplit") for table in result.tables for row in rows(table)} == {True}


def test_docx_tables_have_their_own_thin_borders(result: Any) -> None:
    sides = [
        [
            (side.tag.removeprefix(W), side.get(f"{W}val"), side.get(f"{W}sz"))
            for side in table._tbl.find(f"{W}tblPr/{W}tblBorders")
        ]
        for table in result.tables
    ]
    one = [
        (name, "single", "4") for name in ("top", "left", "bottom", "right", "insideH", "insideV")
    ]

    assert sides == [one] * 16


def test_docx_budget_table_text_styles(document: MemoDocument, result: Any) -> None:
    index, table = model_table(document, "budget")
    styles = [
        [style_name(result, first_paragraph(cell)) for cell in cells(row)]
        for row in rows(result.tables[index])
    ]

    assert styles == [
        [BOLD] * 4,
        [BOLD] * 7,
        *([[REGULAR] * 7] * (len(table.rows) - 1)),
        [BOLD] * 7,
    ]


def test_docx_wide_table_uses_the_small_styles(document: MemoDocument, result: Any) -> None:
    index, table = model_table(document, "participants")
    body = rows(result.tables[index])[table.header_rows]

    assert [style_name(result, first_paragraph(cell)) for cell in cells(body)] == [SMALL] * 13


def test_docx_figures_and_their_titles_are_right_aligned(
    document: MemoDocument, result: Any
) -> None:
    index, _ = model_table(document, "budget")
    word = rows(result.tables[index])

    def aligned(row: Any) -> list[str]:
        return ["right" if flag(first_paragraph(cell), "jc") else "left" for cell in cells(row)]

    assert (aligned(word[1]), aligned(word[2])) == (
        ["left"] + ["right"] * 6,
        ["left"] + ["right"] * 6,
    )


def test_docx_goal_status_cells_carry_the_office_colours(
    document: MemoDocument, result: Any
) -> None:
    index, table = model_table(document, "goal_status")
    colours = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "": None}
    expected = [
        [colours[cell.tone] for cell in row.cells] for row in table.rows if row.kind == "body"
    ]

    def fill(cell: Any) -> str | None:
        shading = cell.find(f"{W}tcPr/{W}shd")
        return None if shading is None else str(shading.get(f"{W}fill"))

    body = [row for row in rows(result.tables[index])[1:] if len(cells(row)) > 1]

    assert [[fill(cell) for cell in cells(row)] for row in body] == expected


def test_docx_tables_follow_their_caption(document: MemoDocument, result: Any) -> None:
    captions = []
    for table in result.tables:
        before = table._tbl.getprevious()
        captions.append(
            (
                "".join(text.text for text in before.iter(f"{W}t")),
                style_name(result, before),
                flag(before, "keepNext"),
                table._tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val"),
            )
        )

    assert captions == [(t.caption, "Caption", True, t.caption) for t in document.tables()]


def test_docx_short_table_keeps_together(document: MemoDocument, result: Any) -> None:
    index, table = model_table(document, "anonymous")
    keeps = [flag(first_paragraph(cells(row)[0]), "keepNext") for row in rows(result.tables[index])]

    assert keeps == [True] * len(table.rows) + [False]


def test_docx_long_table_splits_only_between_ordinary_rows(
    document: MemoDocument, result: Any
) -> None:
    index, table = model_table(document, "exit_reasons")
    kinds = [row.kind for row in table.rows]
    keeps = [flag(first_paragraph(cells(row)[0]), "keepNext") for row in rows(result.tables[index])]

    # header, two first rows, both group labels and the rows before the last three hold on
    assert (kinds.index("group"), kinds.count("group"), len(kinds), keeps) == (
        8,
        2,
        20,
        [True, True, True, *[False] * 6, True, *[False] * 3, True, *[False] * 4, True, True, False],
    )


def test_docx_table_notes_use_the_note_style(document: MemoDocument, result: Any) -> None:
    notes = [note for table in document.tables() for note in table.notes]
    styles = {p.text: p.style.name for p in result.paragraphs}

    assert [styles[note] for note in notes] == ["PM tabellnot"] * len(notes)


def test_docx_default_template_is_swedish(result: Any) -> None:
    languages = {lang.get(f"{W}val") for lang in result.styles.element.iter(f"{W}lang")}

    assert languages == {"sv-SE"}


def test_docx_hyphenates_table_text_only(result: Any) -> None:
    settings = [child.tag.removeprefix(W) for child in result.settings.element]
    defaults = result.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    table_style = result.styles[REGULAR].element.find(f"{W}pPr/{W}suppressAutoHyphens")

    assert (
        settings[settings.index("defaultTabStop") + 1],
        result.settings.element.find(f"{W}autoHyphenation").get(f"{W}val"),
        flag(defaults, "suppressAutoHyphens"),
        table_style.get(f"{W}val"),
    ) == ("autoHyphenation", "true", True, "0")


def test_docx_template_that_hyphenates_is_left_alone(document: MemoDocument) -> None:
    from docx import Document
    from docx.oxml import OxmlElement

    template = Document()
    on = OxmlElement("w:autoHyphenation")
    template.settings.element.find(f"{W}defaultTabStop").addnext(on)

    result = docx_of(render_docx(document, charts={}, template=template_bytes(template)))

    defaults = result.styles.element.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    assert flag(defaults, "suppressAutoHyphens") is False


def test_docx_charts_fit_a_narrow_template(document: MemoDocument) -> None:
    from docx import Document
    from docx.shared import Cm

    template = Document()
    section = template.sections[0]
    section.page_width, section.left_margin, section.right_margin = Cm(21), Cm(4), Cm(4)

    result = docx_of(
        render_docx(document, charts=render_all(document), template=template_bytes(template))
    )

    # 21 cm less 2 x 4 cm is 13 cm, stored as 11 906 - 2 x 2 268 twips
    assert (
        {shape.width for shape in result.inline_shapes},
        {sum(grid(table)) for table in result.tables},
    ) == ({7370 * 635}, {7370})


def test_docx_charts_are_16_cm_wide_in_the_default_template(result: Any) -> None:
    from docx.shared import Cm

    assert {shape.width for shape in result.inline_shapes} == {Cm(16)}


def test_docx_keeps_a_template_table_text_style(document: MemoDocument) -> None:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    template = Document()
    own = template.styles.add_style(REGULAR, WD_STYLE_TYPE.PARAGRAPH)
    own.font.size = Pt(10)

    result = docx_of(render_docx(document, charts={}, template=template_bytes(template)))

    names = [style.name for style in result.styles]
    assert (names.count(REGULAR), result.styles[REGULAR].font.size) == (1, Pt(10))


def test_docx_dates_in_tables_do_not_break_at_their_hyphens(result: Any) -> None:
    start = cells(rows(result.tables[0])[2])[1]
    run = start.find(f"{W}p/{W}r")

    assert ([child.tag.removeprefix(W) for child in run], result.tables[0].cell(2, 1).text) == (
        ["t", "noBreakHyphen", "t", "noBreakHyphen", "t"],
        "2022-01-01",
    )
