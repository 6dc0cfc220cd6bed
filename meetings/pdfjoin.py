"""Joining tagged PDFs into one tagged PDF (the notice packet).

WeasyPrint writes each part of the packet as a tagged PDF (PDF/UA): a structure tree whose
elements point at marked content on the pages. A plain page merge drops those trees, so the
joined packet would be untagged and unreadable to a screen reader. This module joins the
parts with pikepdf and keeps their structure:

- the packet's tree is ``Document`` → one ``Sect`` per part (an attachment's ``Sect`` nests
  in its item's) → the part's own elements, lifted out of its ``Document``;
- each part's parent tree is renumbered into one (``/StructParents`` of its pages and
  ``/StructParent`` of its annotations are shifted by the same offset);
- a part without a structure tree (an uploaded scan) becomes one ``Figure`` per page whose
  alternative text names the attachment;
- the page numbers ("Sida N av M") are drawn by WeasyPrint (embedded font) and stamped as
  artifacts, so they are not read as content;
- bookmarks follow the parts; the catalogue says Swedish, marked, and shows the title.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String

#: Operators that put something visible on the page (text, paths, images, shadings).
PAINTING = frozenset(
    {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "BI"}
)


@dataclass(frozen=True)
class Part:
    """A run of pages of the joined PDF: its bookmark (``level`` 0 or 1) and its bytes."""

    title: str
    level: int
    pdf: bytes


def join(parts: Sequence[Part], *, title: str, author: str, lang: str = "sv") -> bytes:
    """The parts as one tagged PDF with bookmarks and page numbers."""
    out = pikepdf.new()
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    document = out.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array())
    )
    root.K.append(document)
    parent_tree: list[tuple[int, pikepdf.Object]] = []
    next_key = 0
    bookmarks: list[tuple[str, int, int]] = []
    section = document
    for part in parts:
        container = document if part.level == 0 else section
        sect = out.make_indirect(
            Dictionary(
                Type=Name.StructElem, S=Name.Sect, P=container, T=String(part.title), K=Array()
            )
        )
        container.K.append(sect)
        if part.level == 0:
            section = sect
        first = len(out.pages)
        bookmarks.append((part.title, part.level, first))
        source = pikepdf.open(io.BytesIO(part.pdf))
        if "/StructTreeRoot" in source.Root:
            next_key = _copy_tagged(out, source, sect, parent_tree, next_key)
        else:
            next_key = _copy_as_figures(out, source, sect, part.title, parent_tree, next_key)
    root.ParentTree = out.make_indirect(Dictionary(Nums=_nums(parent_tree)))
    root.ParentTreeNextKey = next_key
    _stamp_page_numbers(out)
    _outline(out, bookmarks)
    out.Root.StructTreeRoot = root
    out.Root.MarkInfo = Dictionary(Marked=True)
    out.Root.Lang = String(lang)
    out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    out.Root.PageMode = Name.UseOutlines
    with out.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = title
        meta["dc:creator"] = [author]
        meta["dc:language"] = [lang]
    out.docinfo[Name.Title] = String(title)
    out.docinfo[Name.Author] = String(author)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _as_list(value: pikepdf.Object | None) -> list[pikepdf.Object]:
    if value is None:
        return []
    if isinstance(value, Array):
        return list(value)
    return [value]


def _top_elements(source: pikepdf.Pdf) -> list[pikepdf.Object]:
    """The source tree's elements under its root, with a ``Document`` element lifted out
    (the packet has one ``Document``)."""
    elements: list[pikepdf.Object] = []
    for kid in _as_list(source.Root.StructTreeRoot.get("/K")):
        if isinstance(kid, Dictionary) and kid.get("/S") == Name.Document:
            elements.extend(_as_list(kid.get("/K")))
        else:
            elements.append(kid)
    return elements


def _copy_tagged(
    out: pikepdf.Pdf,
    source: pikepdf.Pdf,
    sect: pikepdf.Object,
    parent_tree: list[tuple[int, pikepdf.Object]],
    offset: int,
) -> int:
    tree = source.Root.StructTreeRoot
    elements = _top_elements(source)
    for element in elements:  # cut the way up to the source's root before copying
        if isinstance(element, Dictionary) and "/P" in element:
            del element["/P"]
    pages = [out.copy_foreign(page.obj) for page in source.pages]
    for page in pages:
        out.pages.append(pikepdf.Page(page))
    for element in elements:
        copied = _copy(out, element)
        if isinstance(copied, Dictionary):
            copied.P = sect
        sect.K.append(copied)
    highest = -1
    if "/ParentTree" in tree:
        for key, value in pikepdf.NumberTree(tree.ParentTree).items():
            parent_tree.append((offset + key, _copy(out, value)))
            highest = max(highest, key)
    for new_page in out.pages[len(out.pages) - len(pages) :]:
        if "/StructParents" in new_page.obj:
            new_page.obj.StructParents = int(new_page.obj.StructParents) + offset
        for annotation in _as_list(new_page.obj.get("/Annots")):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    return offset + highest + 1


def _copy(out: pikepdf.Pdf, value: pikepdf.Object) -> pikepdf.Object:
    """``value`` of another PDF in ``out``: indirect objects through pikepdf's copier (which
    maps each object once, so pages and elements stay shared), direct ones member by member."""
    if value.is_indirect:
        return out.copy_foreign(value)
    if isinstance(value, Array):
        return Array([_copy(out, item) for item in value])
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(out, item) for key, item in value.items()})
    return value


def _copy_as_figures(
    out: pikepdf.Pdf,
    source: pikepdf.Pdf,
    sect: pikepdf.Object,
    title: str,
    parent_tree: list[tuple[int, pikepdf.Object]],
    key: int,
) -> int:
    """An untagged part: each page's content becomes one figure named by ``title``."""
    count = len(source.pages)
    for number, source_page in enumerate(source.pages, start=1):
        out.pages.append(source_page)
        page = out.pages[-1]
        page.contents_coalesce()
        content = page.obj.Contents.read_bytes()
        page.obj.Contents = out.make_stream(b"/Figure <</MCID 0>> BDC\n" + content + b"\nEMC\n")
        alt = title if count == 1 else f"{title}, sida {number} av {count}"
        figure = out.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.Figure,
                P=sect,
                Pg=page.obj,
                K=Array([0]),
                Alt=String(alt),
            )
        )
        sect.K.append(figure)
        page.obj.StructParents = key
        parent_tree.append((key, Array([figure])))
        key += 1
    return key


def _nums(entries: Iterable[tuple[int, pikepdf.Object]]) -> Array:
    flat = Array()
    for key, value in sorted(entries, key=lambda entry: entry[0]):
        flat.append(key)
        flat.append(value)
    return flat


def _stamp_page_numbers(out: pikepdf.Pdf) -> None:
    """ "Sida N av M" at the foot of every page, drawn as an artifact."""
    sizes = [
        (float(p.mediabox[2]) - float(p.mediabox[0]), float(p.mediabox[3]) - float(p.mediabox[1]))
        for p in out.pages
    ]
    stamps = pikepdf.open(io.BytesIO(_number_pages_pdf(sizes)))
    for page, stamp in zip(out.pages, stamps.pages, strict=True):
        _mark_as_artifact(stamps, stamp)
        form = out.copy_foreign(stamp.as_form_xobject())
        name = page.add_resource(form, Name.XObject, prefix="PageNumber")
        x, y = float(page.mediabox[0]), float(page.mediabox[1])
        page.contents_add(
            out.make_stream(
                b"/Artifact BMC q 1 0 0 1 %.4f %.4f cm %s Do Q EMC\n"
                % (x, y, str(name).encode("ascii"))
            ),
            prepend=False,
        )


def _number_pages_pdf(sizes: list[tuple[float, float]]) -> bytes:
    from weasyprint import HTML

    distinct = sorted(set(sizes))
    names = {size: f"s{i}" for i, size in enumerate(distinct)}
    styles = "".join(
        f"@page {names[size]} {{ size: {size[0]}pt {size[1]}pt; margin: 0 36pt 14pt 36pt;"
        " @bottom-right { content: 'Sida ' counter(page) ' av ' counter(pages);"
        " font: 8pt sans-serif; vertical-align: bottom; } }"
        for size in distinct
    )
    pages = "".join(
        f'<div style="page: {names[size]}; break-before: page; height: 1pt"></div>'
        for size in sizes
    )
    html = f"<html><head><style>{styles}</style></head><body>{pages}</body></html>"
    return bytes(HTML(string=html).write_pdf())


def _mark_as_artifact(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Replace every marked-content tag of ``page`` by ``/Artifact`` and wrap the whole."""
    instructions: list[pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage] = []
    for instruction in pikepdf.parse_content_stream(page):
        operator = instruction.operator
        if str(operator) in ("BDC", "BMC"):
            instructions.append(
                pikepdf.ContentStreamInstruction([Name.Artifact], pikepdf.Operator("BMC"))
            )
        else:
            instructions.append(instruction)
    body = pikepdf.unparse_content_stream(instructions)
    page.obj.Contents = pdf.make_stream(b"/Artifact BMC\n" + body + b"\nEMC\n")


def _outline(out: pikepdf.Pdf, bookmarks: list[tuple[str, int, int]]) -> None:
    with out.open_outline() as outline:
        parent: pikepdf.OutlineItem | None = None
        for title, level, page in bookmarks:
            item = pikepdf.OutlineItem(title, page)
            if level == 0 or parent is None:
                outline.root.append(item)
                parent = item
            else:
                parent.children.append(item)


def untagged_painting(pdf: bytes) -> list[tuple[int, str]]:
    """Every painting operator outside marked content, as (page number, operator): what a
    screen reader would neither read nor know to skip. Empty for a well-tagged PDF."""
    found: list[tuple[int, str]] = []
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            depth = 0
            for instruction in pikepdf.parse_content_stream(page):
                name = str(instruction.operator)
                if name in ("BDC", "BMC"):
                    depth += 1
                elif name == "EMC":
                    depth -= 1
                elif name in PAINTING and depth == 0:
                    found.append((number, name))
    return found
