"""The department summary: one row per form, totals, grades stated against recomputed, the
execution-rate chart with inflated self-scores marked, every finding."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from jixiao.pipeline import Run
from jixiao.writers.summary import summary_data, summary_html, summary_xlsx


@pytest.fixture(scope="module")
def workbook(pujiang: Run) -> bytes:
    return summary_xlsx(pujiang)


def test_data(pujiang: Run) -> None:
    s = summary_data(pujiang)
    assert len(s.lines) == 28
    yuan = s.lines[22]
    assert yuan.spent == Decimal("25.6175") and "256175.00" in yuan.note
    assert s.annual == sum(
        (r.sheet.annual for r in pujiang.results if r.sheet and r.sheet.annual), Decimal(0)
    )
    grades = {g: (a, b) for g, a, b in s.grades}
    assert grades["未填"] == (6, 0) and grades["良"] == (0, 1) and grades["优"] == (22, 27)
    inflated = {x.index for x in s.lines if x.inflated}
    jx503 = {
        i for i, r in enumerate(pujiang.results, 1) if any(f.code == "JX503" for f in r.findings)
    }
    assert inflated == jx503 and 2 in inflated and 1 not in inflated
    assert len(s.findings) == len(pujiang.all_findings())


def test_workbook(workbook: bytes, pujiang: Run) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(workbook))
    assert wb.sheetnames == ["汇总", "等级分布", "执行率与自评分", "审核发现"]
    ws = wb["汇总"]
    assert ws["B3"].value == "社工" and ws["E3"].value == 2138.12 and ws["G3"].value == 95.53
    assert ws["I9"].value == 96.57 and ws["J9"].value == 89.17 and ws["L9"].value == "良"
    total = ws.cell(3 + 28, 1)
    assert total.value == "合计" and ws.cell(3 + 28, 5).value == "=SUM(E3:E30)"
    assert wb["审核发现"].max_row == 1 + len(pujiang.all_findings())
    with zipfile.ZipFile(io.BytesIO(workbook)) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert any("<c:scatterChart>" in c for c in charts) and any("<c:barChart>" in c for c in charts)


def test_html(pujiang: Run) -> None:
    page = summary_html(pujiang)
    svg = page[page.index("<svg") : page.index("</svg>")]
    dots = re.findall(r'<circle cx="[\d.]+" cy="[\d.]+" r="5" fill="(#\w+)" fill-opacity', svg)
    inflated = sum(x.inflated for x in summary_data(pujiang).lines)
    assert len(dots) == 28 and dots.count("#C0392B") == inflated
    assert "<script" not in page and "户籍档案数字化加工项目" in page and "JX601" in page
