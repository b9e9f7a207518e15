"""Real files of every format made from the sample's forms, for the reader tests.

A form (its open-data JSON, as the text reader read it) is laid out as a ``Table``: rows
of cells, merged ranges and a number style per cell, in one of two template layouts:

- ``national``: the national template as the sample has it (9 columns, level-1/level-2
  cells merged downwards, a 总分 row and a 评分等级 row);
- ``variant``: another province's habits: spaced-out labels, ``全年预算数（A）`` and
  ``执行率（B/A）``, the rate as a percentage, a leftmost ``绩效指标`` column merged over
  the indicators, and the weight before the target.

Backends then write tables with the real libraries: openpyxl (xlsx), xlwt (xls),
python-docx (docx), plain HTML, WeasyPrint (PDF from that HTML).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

Value = str | Decimal | None
FUND_ROWS = (
    ("total", "年度资金总额"),
    ("appropriation", "其中：当年财政拨款"),
    ("carryover", "上年结转资金"),
    ("other", "其他资金"),
)
FUND_COLS = ("initial", "annual", "spent", "weight", "rate", "score")


@dataclass
class Table:
    """Cells (None: empty or covered), merges (row, col, rowspan, colspan), number styles."""

    name: str
    width: int
    rows: list[list[Value]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    styles: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def row(self, *cells: Value) -> int:
        self.rows.append([*cells, *[None] * (self.width - len(cells))])
        return len(self.rows) - 1

    def merge(self, r: int, c: int, rowspan: int = 1, colspan: int = 1) -> None:
        if rowspan > 1 or colspan > 1:
            self.merges.append((r, c, rowspan, colspan))


def _dec(text: str | None) -> Value:
    return None if text is None else Decimal(text)


def _fund(value: str | None) -> Value:
    return "—" if value is None else Decimal(value)


def spaced(label: str) -> str:
    return " ".join(label)


# ---------------------------------------------------------------------------------------
# Layouts.


def national(form: dict[str, Any], name: str = "表") -> Table:
    t = Table(name=name, width=9)
    _title(t, form)
    r = t.row("项目名称", None, form["project"])
    t.merge(r, 0, 1, 2)
    t.merge(r, 2, 1, 7)
    r = t.row("主管部门", None, form["department"], None, None, "实施单位", None, form["unit"])
    t.merge(r, 0, 1, 2)
    t.merge(r, 2, 1, 3)
    t.merge(r, 5, 1, 2)
    t.merge(r, 7, 1, 2)
    head = t.row("项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数")
    t.rows[head][6:9] = ["分值", "执行率(%)", "得分"]
    t.merge(head, 0, 5, 2)
    for key, label in FUND_ROWS:
        values = [_fund(form["funds"][key][c]) for c in FUND_COLS]
        r = t.row(None, None, label, *values)
        for c in (3, 4, 5):
            t.styles[(r, c)] = "amount"
        t.styles[(r, 7)] = "rate"
    _goal(t, form, label_cols=1, split=(1, 4, 5, 4))
    r = t.row("一级指标", "二级指标", "三级指标", None, "年度指标值", "实际完成值", "分值", "得分")
    t.rows[r][8] = "偏差原因分析及改进措施"
    t.merge(r, 2, 1, 2)
    first = r + 1
    for ind in form["indicators"]:
        r = t.row(ind["level1"], ind["level2"], ind["name"], None, ind["target"], ind["actual"])
        t.rows[r][6:9] = [_dec(ind["weight"]), _dec(ind["score"]), ind["deviation"]]
        t.merge(r, 2, 1, 2)
    _merge_down(t, first, 0)
    _merge_down(t, first, 1)
    _footer(t, form, weight_col=6, score_col=7)
    return t


def variant(form: dict[str, Any], name: str = "表") -> Table:
    t = Table(name=name, width=10)
    _title(t, form)
    r = t.row(spaced("项目名称"), None, form["project"])
    t.merge(r, 0, 1, 2)
    t.merge(r, 2, 1, 8)
    r = t.row(spaced("主管部门"), None, form["department"], None, None, None)
    t.rows[r][6:8] = [spaced("实施单位"), form["unit"]]
    t.merge(r, 0, 1, 2)
    t.merge(r, 2, 1, 4)
    t.merge(r, 7, 1, 3)
    head = t.row("项目资金\n（万元）", None, "年初预算数", "全年预算数（A）", "全年执行数（B）")
    t.rows[head][5:8] = ["分值", "执行率（B/A）", "得分"]
    t.merge(head, 0, 5, 1)
    for key, label in FUND_ROWS:
        row = form["funds"][key]
        values: list[Value] = [_fund(row[c]) for c in FUND_COLS]
        if row["rate"] is not None:
            values[4] = Decimal(row["rate"]) / 100
        r = t.row(None, label, *values)
        for c in (2, 3, 4):
            t.styles[(r, c)] = "amount"
        t.styles[(r, 6)] = f"percent{_places(row['rate'])}"
    _goal(t, form, label_cols=1, split=(1, 5, 6, 4))
    top = t.row("绩效指标", "一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值")
    t.rows[top][7:10] = ["得分", "偏差原因分析及改进措施", None]
    t.merge(top, 8, 1, 2)
    first = top + 1
    for ind in form["indicators"]:
        r = t.row(None, ind["level1"], ind["level2"], ind["name"], _dec(ind["weight"]))
        t.rows[r][5:9] = [ind["target"], ind["actual"], _dec(ind["score"]), ind["deviation"]]
        t.merge(r, 8, 1, 2)
    t.merge(top, 0, len(t.rows) - top, 1)
    _merge_down(t, first, 1)
    _merge_down(t, first, 2)
    _footer(t, form, weight_col=4, score_col=7, sum_rows=(head + 1, first, len(t.rows)))
    return t


def _places(text: str | None) -> int:
    if text is None or "." not in text:
        return 0
    return len(text.split(".")[1])


def _title(t: Table, form: dict[str, Any]) -> None:
    if form["title"]:
        r = t.row(form["title"])
        t.merge(r, 0, 1, t.width)
    if form["year"] is not None:
        r = t.row(f"（{form['year']}年度）")
        t.merge(r, 0, 1, t.width)


def _goal(t: Table, form: dict[str, Any], *, label_cols: int, split: tuple[int, ...]) -> None:
    """年度总体目标 (merged over two rows) | 预期目标 | 实际完成情况, then the two texts."""
    c_exp, n_exp, c_act, n_act = split
    head = t.row("年度总体目标")
    t.rows[head][c_exp] = "预期目标"
    t.rows[head][c_act] = "实际完成情况"
    text = t.row()
    t.rows[text][c_exp] = form["goal"]["expected"]
    t.rows[text][c_act] = form["goal"]["achieved"]
    t.merge(head, 0, 2, label_cols)
    for r in (head, text):
        t.merge(r, c_exp, 1, n_exp)
        t.merge(r, c_act, 1, n_act)


def _merge_down(t: Table, first: int, c: int) -> None:
    """Merge runs of equal level-1/level-2 cells downwards (the text shows them once)."""
    r = first
    while r < len(t.rows):
        end = r + 1
        while end < len(t.rows) and t.rows[end][c] == t.rows[r][c]:
            t.rows[end][c] = None
            end += 1
        t.merge(r, c, end - r, 1)
        r = end


def _footer(
    t: Table,
    form: dict[str, Any],
    *,
    weight_col: int,
    score_col: int,
    sum_rows: tuple[int, int, int] | None = None,
) -> None:
    """总分 | … | 100 | total; with ``sum_rows`` (funds total row, first and end indicator
    rows) the total is a live formula wherever it equals the stated total."""
    r = t.row("总分")
    t.merge(r, 0, 1, min(weight_col, score_col))
    t.rows[r][weight_col] = Decimal(100)
    t.rows[r][score_col] = _dec(form["total"])
    if sum_rows is not None and form["total"] is not None:
        fund, first, end = sum_rows
        scores = [t.rows[fund][score_col], *(t.rows[i][score_col] for i in range(first, end))]
        if sum(x for x in scores if isinstance(x, Decimal)) == Decimal(form["total"]):
            col = "ABCDEFGHIJ"[score_col]
            t.formulas[(r, score_col)] = (
                f"=ROUND({col}{fund + 1}+SUM({col}{first + 1}:{col}{end}),2)"
            )
    if form["grade"]:
        r = t.row("评分等级", None, form["grade"])
        t.merge(r, 0, 1, 2)
        t.merge(r, 2, 1, t.width - 2)


LAYOUTS = {"national": national, "variant": variant}


# ---------------------------------------------------------------------------------------
# Text of a cell, for the formats that store text (docx, HTML, PDF).


def text_of(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, ",f") if abs(value) >= 1000 else format(value, "f")
    return value


def styled_text(t: Table, r: int, c: int) -> str:
    value = t.rows[r][c]
    style = t.styles.get((r, c), "")
    if isinstance(value, Decimal) and style.startswith("percent"):
        places = int(style.removeprefix("percent") or 0)
        return f"{value * 100:.{places}f}%"
    return text_of(value)


def covered(t: Table) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Every cell inside a merge (but its top-left) → the merge."""
    out = {}
    for m in t.merges:
        r0, c0, rs, cs = m
        for r in range(r0, r0 + rs):
            for c in range(c0, c0 + cs):
                if (r, c) != (r0, c0):
                    out[(r, c)] = m
    return out


# ---------------------------------------------------------------------------------------
# Backends.

_NUMBER_FORMATS = {"amount": "#,##0.00"}


def _number_format(t: Table, r: int, c: int, value: Decimal) -> str:
    style = t.styles.get((r, c), "")
    if style.startswith("percent"):
        places = int(style.removeprefix("percent") or 0)
        return "0" + ("." + "0" * places if places else "") + "%"
    if style == "amount":
        places = -value.as_tuple().exponent  # type: ignore[operator]
        return "#,##0" + ("." + "0" * places if places > 0 else "")
    places = max(0, -int(value.as_tuple().exponent))  # type: ignore[arg-type]
    return "0" + ("." + "0" * places if places else "") if places else "General"


def write_xlsx(sheets: Sequence[Sequence[Table]], path: Path, *, formulas: bool = False) -> Path:
    """One worksheet per inner sequence; the tables of a sheet stacked with a blank row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    wb.remove(wb.active)
    for i, tables in enumerate(sheets):
        ws = wb.create_sheet(tables[0].name if len(sheets) > 1 else f"Sheet{i + 1}")
        top = 1
        for t in tables:
            for r, row in enumerate(t.rows):
                for c, value in enumerate(row):
                    if value is None:
                        continue
                    cell = ws.cell(row=top + r, column=c + 1)
                    if formulas and (r, c) in t.formulas:
                        cell.value = _shift_formula(t.formulas[(r, c)], top - 1)
                        cell.number_format = _number_format(t, r, c, value)  # type: ignore[arg-type]
                    elif isinstance(value, Decimal):
                        cell.value = float(value) if value != value.to_integral() else int(value)
                        cell.number_format = _number_format(t, r, c, value)
                    else:
                        cell.value = value
                        cell.data_type = "s"  # "=97.00(人)" is text, not a formula
                    if isinstance(value, str) and "\n" in value:
                        cell.alignment = Alignment(wrap_text=True)
            for r0, c0, rs, cs in t.merges:
                ws.merge_cells(
                    start_row=top + r0,
                    start_column=c0 + 1,
                    end_row=top + r0 + rs - 1,
                    end_column=c0 + cs,
                )
            top += len(t.rows) + 1
    wb.save(path)
    return path


def _shift_formula(formula: str, by: int) -> str:
    import re

    return re.sub(r"([A-J])(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + by}", formula)


def write_xls(sheets: Sequence[Sequence[Table]], path: Path) -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}

    def style(fmt: str) -> Any:
        if fmt not in styles:
            styles[fmt] = xlwt.easyxf(num_format_str=fmt)
        return styles[fmt]

    for i, tables in enumerate(sheets):
        ws = wb.add_sheet(tables[0].name if len(sheets) > 1 else f"Sheet{i + 1}")
        top = 0
        for t in tables:
            cov = covered(t)
            starts = {(r0, c0): (rs, cs) for r0, c0, rs, cs in t.merges}
            for r, row in enumerate(t.rows):
                for c, value in enumerate(row):
                    if (r, c) in cov:
                        continue
                    args: tuple[Any, ...]
                    if isinstance(value, Decimal):
                        args = (float(value), style(_number_format(t, r, c, value)))
                    else:
                        args = (value or "",)
                    if (r, c) in starts:
                        rs, cs = starts[(r, c)]
                        ws.write_merge(top + r, top + r + rs - 1, c, c + cs - 1, *args)
                    elif value is not None:
                        ws.write(top + r, c, *args)
            top += len(t.rows) + 1
    wb.save(str(path))
    return path


def write_docx(
    blocks: Iterable[Table | str], path: Path, *, page_break_between: bool = False
) -> Path:
    """Paragraphs (str) and tables in order; merged cells as real Word merges (gridSpan
    across, vMerge down), written on the table XML (``cell().merge()`` is quadratic)."""
    import docx

    d = docx.Document()
    first = True
    for block in blocks:
        if isinstance(block, str):
            d.add_paragraph(block)
            continue
        if page_break_between and not first:
            d.add_page_break()
        first = False
        table = d.add_table(rows=len(block.rows), cols=block.width)
        table.style = "Table Grid"
        _docx_cells(table, block)
    d.add_paragraph("")  # Word ends a document with a paragraph, never a table
    d.save(str(path))
    return path


def _docx_cells(table: Any, t: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    cov = covered(t)
    starts = {(r0, c0): (rs, cs) for r0, c0, rs, cs in t.merges}
    for r, tr in enumerate(table._tbl.tr_lst):
        for c, tc in enumerate(list(tr.tc_lst)):
            merge = cov.get((r, c))
            if merge is not None and (merge[1] != c or merge[0] == r):
                tr.remove(tc)  # covered from the left: the merge's first cell spans it
                continue
            rs, cs = merge[2:] if merge is not None else starts.get((r, c), (1, 1))
            pr = tc.get_or_add_tcPr()
            if cs > 1:
                span = OxmlElement("w:gridSpan")
                span.set(qn("w:val"), str(cs))
                pr.append(span)
            if rs > 1:
                vmerge = OxmlElement("w:vMerge")
                if merge is None:
                    vmerge.set(qn("w:val"), "restart")
                pr.append(vmerge)
            value = t.rows[r][c]
            if merge is None and value is not None:
                cell = _Cell(tc, table)
                lines = styled_text(t, r, c).split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)


def table_html(t: Table) -> str:
    cov = covered(t)
    starts = {(r0, c0): (rs, cs) for r0, c0, rs, cs in t.merges}
    out = ['<table class="form">']
    for r in range(len(t.rows)):
        out.append("<tr>")
        for c in range(t.width):
            if (r, c) in cov:
                continue
            rs, cs = starts.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            text = html.escape(styled_text(t, r, c)).replace("\n", "<br>")
            out.append(f"<td{attrs}>{text}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


PAGE_CSS = """
@page { size: A4; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; }
table.form { border-collapse: collapse; width: 100%; margin-bottom: 6mm; table-layout: fixed; }
table.form td { border: 0.6pt solid black; padding: 1.5pt 2pt; vertical-align: middle; }
.break { page-break-before: always; }
"""


def write_html(blocks: Iterable[Table | str], path: Path, *, page_per_table: bool = False) -> Path:
    """A web page: navigation table and text around the forms' tables."""
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>绩效自评公开</title>",
        f"<style>{PAGE_CSS}</style></head><body>",
    ]
    first = True
    for block in blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        cls = ' class="break"' if page_per_table and not first else ""
        parts.append(f"<div{cls}>{table_html(block)}</div>")
        first = False
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def write_pdf(html_path: Path, path: Path) -> Path:
    import weasyprint

    weasyprint.HTML(filename=str(html_path)).write_pdf(str(path))
    return path
