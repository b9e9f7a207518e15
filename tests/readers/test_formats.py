"""Format details: legacy files through LibreOffice, number formats, formulas without cached
values, Word merges, web pages with other tables."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao import openjson, pipeline
from jixiao.readers import office, read_grids
from jixiao.readers.formula import FormulaError, evaluate
from jixiao.readers.numfmt import render_number
from tests.readers.conftest import Written, strip_sources


@pytest.fixture(scope="module")
def legacy(formats: dict[str, Written], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The variant forms as a Word 97 .doc written by LibreOffice."""
    d = tmp_path_factory.mktemp("legacy")
    return office.convert(formats["docx"].variant, "doc", d)


def _same_forms(path: Path, sample_forms: list[dict[str, Any]]) -> None:
    doc = pipeline.read(path)
    assert [f.code for f in doc.findings] == []
    got = [strip_sources(openjson.form_json(x.form)) for x in doc.forms]
    assert got == [strip_sources(f) for f in sample_forms]


def test_doc_through_libreoffice(legacy: Path, sample_forms: list[dict[str, Any]]) -> None:
    assert legacy.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    _same_forms(legacy, sample_forms)


def test_wps_is_read_like_doc(
    legacy: Path, sample_forms: list[dict[str, Any]], tmp_path: Path
) -> None:
    wps = tmp_path / "自评表.wps"
    shutil.copy(legacy, wps)
    _same_forms(wps, sample_forms)


def test_et_is_read_like_xls(
    formats: dict[str, Written], sample_forms: list[dict[str, Any]], tmp_path: Path
) -> None:
    et = tmp_path / "自评表.et"
    shutil.copy(formats["xls"].national, et)
    _same_forms(et, sample_forms)


def test_xlsx_saved_by_libreoffice_keeps_cached_values(
    formats: dict[str, Written], sample_forms: list[dict[str, Any]], tmp_path: Path
) -> None:
    src = tmp_path / "by_openpyxl.xlsx"
    shutil.copy(formats["xlsx"].variant, src)
    out = tmp_path / "out"
    out.mkdir()
    saved = office.convert(src, "xlsx", out)
    assert b"<v>" in _sheet_xml(saved)
    _same_forms(saved, sample_forms)


def _sheet_xml(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (2087.07, "#,##0.00", "2,087.07"),
        (10, "0.00", "10.00"),
        (94.8, "General", "94.8"),
        (0.9553, "0.00%", "95.53%"),
        (0.5, "0%", "50%"),
        (95.535, "0.00", "95.54"),  # half away from zero, as Excel shows it
        (0.1 + 0.2, "General", "0.3"),
        (150, '0"万元"', "150"),
        (-3.5, "#,##0.00_);(#,##0.00)", "-3.50"),
        (45301, "yyyy/m/d", "2024年1月10日"),
        (Decimal("99.550"), "0.00", "99.55"),
    ],
)
def test_number_formats(value: Any, fmt: str, shown: str) -> None:
    assert render_number(value, fmt) == shown


def test_formula_evaluator() -> None:
    cells = {(1, 1): Decimal("2.5"), (2, 1): Decimal("7.25"), (3, 1): Decimal(10)}

    def lookup(r: int, c: int) -> Decimal | None:
        return cells.get((r, c))

    assert evaluate("=ROUND(SUM(A1:A2)+A3/4,1)", lookup) == Decimal("12.3")
    assert evaluate("=MIN(A1,A2)*100%", lookup) == Decimal("2.5")
    with pytest.raises(FormulaError):
        evaluate("=IF(A1>0,1,2)", lookup)
    with pytest.raises(FormulaError):
        evaluate("=A1/0", lookup)


def test_uncomputable_formula_is_reported_at_its_cell(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表1"
    ws["A1"], ws["B1"], ws["C1"] = 5, "=A1*2", '=IF(A1>0,"是","否")'
    path = tmp_path / "f.xlsx"
    wb.save(path)
    grids, findings = read_grids(path)
    assert grids[0].rows[0][:2] == ["5", "10"]
    assert [(f.code, f.location.source) for f in findings] == [
        ("JX003", findings[0].location.source._replace(sheet="表1", row=1, column=3))
    ]


def test_docx_merges_become_spans(formats: dict[str, Written]) -> None:
    (grid,), _ = read_grids(formats["docx"].national)
    first = next(r for r, row in enumerate(grid.rows) if row[0] == "项目名称")
    assert grid.spans[(first, 0)] == (1, 2)  # 项目名称 over two columns
    assert grid.spans[(first, 2)] == (1, 7)
    assert grid.rows[first][1] == "" and grid.rows[first][3] == ""  # covered, not repeated
    level1 = next(r for r, row in enumerate(grid.rows) if row[0] == "产出指标")
    assert grid.spans[(level1, 0)][0] == 2  # 产出指标 merged down over its two rows


def test_html_page_with_layout_table_and_other_tables(
    tables: dict[str, Any], tmp_path: Path, sample_forms: list[dict[str, Any]]
) -> None:
    from tests.readers import make

    form = make.table_html(tables["national"][0])
    page = (
        "<html><body><table><tr><td>首页</td><td>信息公开</td></tr></table>"
        "<table class='layout'><tr><td><h2>2023年度部门预算公开</h2>"
        f"<p>附件：</p>{form}</td></tr></table>"
        "<table><tr><th>相关链接</th></tr><tr><td>政府网站</td></tr></table></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(page, encoding="gb18030")
    doc = pipeline.read(path)
    assert [f.code for f in doc.findings] == ["JX004"]  # decoded from GB18030
    assert len(doc.forms) == 1
    assert strip_sources(openjson.form_json(doc.forms[0].form)) == strip_sources(sample_forms[0])


@pytest.mark.parametrize("layout", ["national", "variant"])
def test_openpyxl_reads_what_the_direct_reading_does_not(
    layout: str,
    formats: dict[str, Written],
    sample_forms: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fallback for workbooks the lxml reading does not understand gives the same."""
    from jixiao.readers import xlsx

    def refuse(*_: object) -> list[object]:
        raise xlsx._Unsupported("test")

    monkeypatch.setattr(xlsx, "_read_parts", refuse)
    _same_forms(getattr(formats["xlsx"], layout), sample_forms)


def test_pdf_lines_keep_high_quotes_and_low_dots_in_place() -> None:
    """Quotes sit high and dots low: they join the line of the characters beside them."""
    from jixiao.readers.pdf import Char, cell_text

    def c(x: float, ch: str, bottom: float = 308.8, top: float = 317.2) -> Char:
        return Char(x, bottom, x + 8, top, ch, False)

    line = [
        c(120, "做"),
        c(130, "一", 313.1, 314.2),
        c(140, "“", 314.6, 317.3),
        c(150, "三"),
        c(160, "基"),
        c(170, "”", 314.6, 317.3),
        c(180, "5"),
        c(188, ".", 308.8, 310.0),
        c(196, "0"),
    ]
    below = [c(120, "工", 296.0, 304.4), c(130, "作", 296.0, 304.4)]
    assert cell_text(list(reversed(line + below))) == "做一“三基”5.0工作"
