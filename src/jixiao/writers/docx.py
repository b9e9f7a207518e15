"""The official table as a Word document (python-docx): A4 landscape, each form on its own
page, its title and year as centred paragraphs and the table ruled, merged and sized as the
published forms are; optionally each form's findings after it.

``write_docx(results, path, profile)`` writes atomically; ``docx_bytes`` returns the document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from jixiao.findings import Finding
from jixiao.pipeline import Result
from jixiao.profiles import Profile
from jixiao.writers.output import check_results, check_target, profile_of, write_bytes
from jixiao.writers.table import (
    FINDINGS_HEADERS,
    FINDINGS_SHARES,
    Cell,
    Table,
    finding_cells,
    form_table,
)

FONT = "宋体"
FONT_SIZE = Pt(9)
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(12)
ROW_HEIGHT = Mm(6)
FLAG_FILL = "FCE4E4"
STATED_COLOR = RGBColor(0x44, 0x44, 0x44)
_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def docx_bytes(
    results: Sequence[Result],
    profile: Profile | str,
    recomputed: bool = False,
    findings: bool = False,
) -> bytes:
    """The forms as one Word document."""
    check_results(results)
    prof = profile_of(profile)
    doc: Any = Document()
    _page_setup(doc)
    for i, r in enumerate(results):
        if i:
            doc.add_page_break()
        draw(doc, form_table(r, prof, recomputed=recomputed))
        if findings and r.findings:
            _findings(doc, i + 1, r.form.project, r.findings)
    doc.core_properties.title = "项目支出绩效自评表"
    doc.core_properties.author = "jixiao"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def write_docx(
    results: Sequence[Result],
    path: str | Path,
    profile: Profile | str,
    recomputed: bool = False,
    findings: bool = False,
) -> None:
    """Write the forms as one Word document at ``path`` (atomically: all or nothing)."""
    check_target(path)
    write_bytes(path, docx_bytes(results, profile, recomputed=recomputed, findings=findings))


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)


def draw(doc: Any, table: Table) -> None:
    """One form: title paragraphs, then the ruled table."""
    rows = list(table.rows())
    for row in rows[: table.title_rows]:
        for cell in row:
            para = doc.add_paragraph()
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = para.add_run(cell.text)
            run.bold = cell.role == "title"
            run.font.size = Pt(16 if cell.role == "title" else 10)
    grid = doc.add_table(rows=table.nrows - table.title_rows, cols=table.ncols)
    grid.style = "Table Grid"
    grid.autofit = False
    cells = _cells(grid)
    _size(grid, cells, _widths(table.widths))
    for cell in table.cells:
        if cell.row >= table.title_rows:
            _cell(cells, cell, table.title_rows)


def _size(grid: Any, cells: list[list[Any]], widths: list[int]) -> None:
    """Column widths (the table grid and every cell: Word reads one, LibreOffice the other)
    and a minimum row height."""
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    for row in grid.rows:
        row.height = ROW_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    for line in cells:
        for target, width in zip(line, widths, strict=True):
            target.width = width


def _cells(grid: Any) -> list[list[Any]]:
    """The cells of a new (unmerged) table, row by row. Fetched once: python-docx walks the
    whole table for every ``table.cell(r, c)``; merging one rectangle leaves the cells of the
    others in place."""
    return [[_Cell(tc, grid) for tc in tr.tc_lst] for tr in grid._tbl.tr_lst]


def _widths(widths: tuple[float, ...]) -> list[int]:
    usable = PAGE_WIDTH - 2 * MARGIN
    total = sum(widths)
    return [int(usable * w / total) for w in widths]


def _cell(cells: list[list[Any]], cell: Cell, offset: int) -> None:
    target = cells[cell.row - offset][cell.col]
    if cell.rowspan > 1 or cell.colspan > 1:
        target = target.merge(cells[cell.last_row - offset][cell.last_col])
    target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    lines = cell.text.split("\n")
    para = target.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            para = target.add_paragraph()
        para.alignment = _ALIGN[cell.align]
        run = para.add_run(line)
        run.bold = cell.role == "head"
        if cell.role == "stated":
            run.italic = True
            run.font.color.rgb = STATED_COLOR
    if cell.flag:
        _shade(target, FLAG_FILL)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _findings(doc: Any, index: int, project: str, findings: Sequence[Finding]) -> None:
    doc.add_page_break()
    head = doc.add_paragraph()
    run = head.add_run(f"审核发现：{project}")
    run.bold = True
    run.font.size = Pt(13)
    heads = FINDINGS_HEADERS[2:]
    grid = doc.add_table(rows=1 + len(findings), cols=len(heads))
    grid.style = "Table Grid"
    grid.autofit = False
    cells = _cells(grid)
    _size(grid, cells, _widths(FINDINGS_SHARES))
    for i, text in enumerate(heads):
        cells[0][i].paragraphs[0].add_run(text).bold = True
    for r, f in enumerate(findings, 1):
        for i, text in enumerate(finding_cells(index, project, f)[2:]):
            cells[r][i].text = text
