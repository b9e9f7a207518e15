"""The Word document: A4 landscape, one table per form with the official cells and merges."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT

from jixiao.pipeline import Run
from jixiao.writers.table import form_table


def test_one_table_per_form_with_every_cell(exported_docx: Path, pujiang: Run) -> None:
    doc = docx.Document(str(exported_docx))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert abs(section.page_width.mm - 297) < 1 and abs(section.page_height.mm - 210) < 1
    assert len(doc.tables) == 28
    for i, (grid, result) in enumerate(zip(doc.tables, pujiang.results, strict=True), 1):
        table = form_table(result, pujiang.profile)
        cells = grid._cells  # row by row, a merged cell repeated (grid.cell(r, c) is slow)
        for cell in table.cells:
            if cell.row < table.title_rows:
                continue
            got = cells[(cell.row - table.title_rows) * table.ncols + cell.col].text
            assert got == cell.text, (i, cell.row, cell.col)


def test_titles_are_paragraphs_and_cells_merge(exported_docx: Path) -> None:
    doc = docx.Document(str(exported_docx))
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:2] == ["财政项目支出绩效自评表", "（2023年度）"]
    first = doc.tables[0]
    assert first.cell(0, 1).text == "社工" and first.cell(0, 7).text == "社工"  # B:H merged
    funds = first.cell(2, 0)
    assert funds.text == "项目资金（万元）" and first.cell(6, 0).text == funds.text  # 5 rows
    xml = first._tbl.xml
    assert 'w:gridSpan w:val="7"' in xml and "w:vMerge" in xml
