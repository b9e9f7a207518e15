"""The exported workbook looks like the official table: one sheet per form named after its
project, merged cells, rules, widths, wrapped text, A4 landscape, the indicator header
repeated on every printed page; numbers are numbers, written with their own decimals.

Until jixiao's xlsx reader lands, the cells are read here with openpyxl (each shown as its
number format shows it) and handed to jixiao's extractor: the form must come back whole.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

import jixiao
from jixiao.extract import extract
from jixiao.openjson import form_json
from jixiao.pipeline import Run
from jixiao.readers.grid import Grid, RowPos
from jixiao.writers.formulas import a1
from jixiao.writers.table import form_table
from jixiao.writers.xlsx import sheet_names
from tests.writers.conftest import Workbooks, without_sources


def shown(cell: openpyxl.cell.cell.Cell) -> str:
    """A cell's text as a spreadsheet shows it (enough of the number formats we write)."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    d = Decimal(repr(value))
    fmt = cell.number_format
    if fmt == "General":
        return format(d.normalize(), "f")
    places = len(fmt.split(".")[1]) if "." in fmt else 0
    return format(d, f"{',' if ',' in fmt else ''}.{places}f")


def grid_of(ws: openpyxl.worksheet.worksheet.Worksheet, file: str) -> Grid:
    rows = [[shown(c) for c in row] for row in ws.iter_rows()]
    positions = [RowPos(sheet=ws.title, row=i) for i in range(1, len(rows) + 1)]
    return Grid(file=file, rows=rows, positions=positions)


@pytest.fixture(scope="module")
def cached(workbooks: Workbooks) -> openpyxl.Workbook:
    """The exported workbook's values as written (a reader that does not recalculate; the
    recalculation tests show LibreOffice gets the same numbers)."""
    return openpyxl.load_workbook(workbooks.exported["pujiang-2023-stated"], data_only=True)


@pytest.fixture(scope="module")
def written(workbooks: Workbooks) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbooks.exported["pujiang-2023-stated"])


def test_cells_extract_back_to_the_source(cached: openpyxl.Workbook, pujiang: Run) -> None:
    """Every sheet, cell by cell as shown, gives back its form, number for number."""
    for i, (ws, result) in enumerate(zip(cached.worksheets, pujiang.results, strict=True), 1):
        forms, problems = extract(grid_of(ws, "x.xlsx"))
        assert problems == [] and len(forms) == 1, i
        assert [f.code for f in forms[0].findings] == [], i
        back = without_sources(form_json(forms[0].form))
        assert back == without_sources(form_json(result.form)), i


def test_one_sheet_per_form_named_after_the_project(
    written: openpyxl.Workbook, pujiang: Run
) -> None:
    names = written.sheetnames
    assert len(names) == 28 and len({n.casefold() for n in names}) == 28
    assert names[0] == "社工" and names[6] == "劝导队经费（信）"
    for name, result in zip(names, pujiang.results, strict=True):
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
        assert result.form.project.startswith(name[:20])


def test_sheet_names_are_shortened_and_unique() -> None:
    long = "浦江镇平安治理可视化安全管控租赁和运维服务经费（平安办）二期工程"
    names = sheet_names([long, long, "a/b", "", "A/B", "'x'"])
    assert names[0] == long[:31] and names[1] == long[:28] + "(2)"
    assert names[2:] == ["a_b", "表4", "A_B(2)", "x"]


def test_official_layout_and_print_setup(written: openpyxl.Workbook, pujiang: Run) -> None:
    ws = written.worksheets[6]  # 劝导队经费（信）: title, year, grade row
    table = form_table(pujiang.results[6], pujiang.profile)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:H1", "A2:H2", "B3:H3", "B4:D4", "F4:H4", "A5:A9", "A10:A11"} <= merged
    assert {"B10:D10", "E10:H10", "B11:D11", "E11:H11", "A13:A15", "A16:A17"} <= merged
    assert ws["A1"].value == "财政项目支出绩效自评表" and ws["A2"].value == "（2023年度）"
    assert [ws.cell(12, c).value for c in range(1, 9)] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # one page wide (the default), any tall:
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == f"${table.head_row + 1}:${table.head_row + 1}"
    assert ws.column_dimensions["H"].width > ws.column_dimensions["F"].width >= 8
    goal = ws["E11"]
    assert goal.alignment.wrap_text and goal.border.left.style == "thin"
    assert ws.row_dimensions[11].height > 40  # the long 实际完成情况 shows whole


def test_numbers_are_numbers_with_their_own_decimals(written: openpyxl.Workbook) -> None:
    ws = written.worksheets[0]  # 社工: 2,087.07 …; total 总分 weight 100, score 99.55
    assert ws["C6"].value == 2087.07 and ws["C6"].number_format == "#,##0.00"
    assert ws["F6"].value == 10 and ws["F6"].number_format == "#,##0.00"
    assert ws["C8"].value == 0 and ws["C8"].number_format == "#,##0.00"
    assert ws["F7"].value == "—"
    assert ws["G6"].value.startswith("=IF(AND(ISNUMBER(D6),ISNUMBER(E6),N(D6)>0),ROUNDDOWN(")
    assert ws["G6"].number_format == "0.00"


def test_total_cell_shows_as_the_form_wrote_it(cached: openpyxl.Workbook, pujiang: Run) -> None:
    """A 总分 written 94.8 or 100 shows so (General), one written 99.55 with two decimals."""
    for ws, result in zip(cached.worksheets, pujiang.results, strict=True):
        cell = form_table(result, pujiang.profile).keyed()["total"]
        assert shown(ws[a1(cell.row, cell.col)]) == format(result.form.total, "f")


def test_stated_differences_are_noted(workbooks: Workbooks, pujiang: Run) -> None:
    """The 元 amount carries a note; a form that states a wrong total gets it in a note."""
    ws = openpyxl.load_workbook(workbooks.exported["pujiang-2023-stated"]).worksheets[22]
    keyed = form_table(pujiang.results[22], pujiang.profile).keyed()
    spent = ws[a1(keyed["total.spent"].row, keyed["total.spent"].col)]
    assert spent.comment is not None and "25.6175" in spent.comment.text
    redone = openpyxl.load_workbook(workbooks.exported["pujiang-2023-recomputed"]).worksheets[22]
    keyed = form_table(pujiang.results[22], pujiang.profile, recomputed=True).keyed()
    cell = redone[a1(keyed["total.spent"].row, keyed["total.spent"].col)]
    assert cell.value == 25.6175 and cell.fill.fgColor.rgb.endswith("FCE4E4")


def test_recomputed_shows_stated_beside(workbooks: Workbooks) -> None:
    ws = openpyxl.load_workbook(workbooks.exported["pujiang-2023-recomputed"]).worksheets[6]
    assert [ws.cell(12, c).value for c in range(9, 13)] == [
        "填报得分",
        "指标值（数）",
        "完成值（数）",
        "重算说明",
    ]
    assert ws["I13"].value == 14.9 and ws["J13"].value == 8 and ws["K13"].value == 4
    assert "15.00 × 4.00 / 8.00 = 7.50" in ws["L13"].value
    assert ws["G13"].value.startswith("=ROUNDDOWN(ROUND(IF(J13=0,")
    assert ws["I19"].value == 96.57 and ws["I20"].value == "优"


def test_workbook_bytes_match_the_file(workbooks: Workbooks, pujiang: Run, tmp_path: Path) -> None:
    from jixiao.writers.xlsx import xlsx_bytes

    data = xlsx_bytes(pujiang.results[:2], pujiang.profile)
    path = tmp_path / "two.xlsx"
    path.write_bytes(data)
    assert openpyxl.load_workbook(path).sheetnames == ["社工", "党建活动（党群中心）"]


def test_findings_sheet_and_edge_forms(pujiang: Run, tmp_path: Path) -> None:
    """--findings adds a sheet of them; a form without indicators, a project named like a
    reserved sheet and a goal too long for one screen still make a valid workbook."""
    from jixiao.writers.xlsx import xlsx_bytes
    from tests.checks.forms import mutate, write

    data = xlsx_bytes(pujiang.results[6:8], pujiang.profile, findings=True)
    path = tmp_path / "f.xlsx"
    path.write_bytes(data)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == "审核发现"
    count = sum(len(r.findings) for r in pujiang.results[6:8])
    assert wb["审核发现"].max_row == 1 + count and wb["审核发现"]["C2"].value.startswith("JX")
    odd = write(tmp_path, mutate(project="History", indicators=[], goal=["很长" * 3000, "短"]))
    run = jixiao.run(odd)
    path.write_bytes(xlsx_bytes(run.results, run.profile, recomputed=True))
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws.title == "History(表)"
    assert 400 < max(d.height or 0 for d in ws.row_dimensions.values()) <= 409
