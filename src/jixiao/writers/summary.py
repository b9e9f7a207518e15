"""The department summary: one row per form (unit, budget, spent, execution rate, stated and
recomputed total and grade, findings by severity), totals, the grade distribution stated
against recomputed, a chart of execution rate against indicator completion (the self-score:
points above the diagonal scored themselves higher than they spent; JX503 marks them red),
and every finding. As an Excel workbook or one self-contained HTML page.

Amounts and rates are the engine's (a 全年执行数 entered in 元 is counted in 万元, and said so).
``summary_data(run)`` computes it all once; ``write_summary(run, path)`` writes by suffix.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from jixiao.checks.base import Ctx
from jixiao.checks.codes import CODES, Severity
from jixiao.checks.plausibility import completion
from jixiao.findings import Finding
from jixiao.model.labels import FUND_COLUMN_NAMES
from jixiao.pipeline import Result, Run
from jixiao.profiles import Profile
from jixiao.scoring import HUNDRED
from jixiao.values.types import num
from jixiao.writers.output import ExportError, check_results, check_target, write_bytes

SUFFIXES = (".xlsx", ".html")
Y_SPAN = Decimal(106)  # the y axis runs a little past 100 so that points at 100 show whole
NOT_STATED = "未填"
INFLATED = "JX503"
LINE_HEADERS = (
    "序号",
    "项目名称",
    "主管部门",
    "实施单位",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率(%)",
    "指标完成度(%)",
    "填报总分",
    "重算总分",
    "填报等级",
    "重算等级",
    "错误",
    "警告",
    "提示",
    "说明",
    "来源",
)
LINE_WIDTHS = (6, 30, 24, 24, 12, 12, 10, 12, 9, 9, 8, 8, 6, 6, 6, 36, 30)
FINDING_HEADERS = ("序号", "项目名称", "代码", "级别", "标题", "说明", "位置", "建议")
FINDING_WIDTHS = (6, 26, 8, 6, 26, 70, 32, 36)


@dataclass(frozen=True, kw_only=True, slots=True)
class Line:
    """One form in the summary (amounts, rate, completion: full precision)."""

    index: int
    project: str
    department: str
    unit: str
    annual: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    completion: Decimal | None
    stated_total: Decimal | None
    total: Decimal
    stated_grade: str | None
    grade: str
    errors: int
    warnings: int
    infos: int
    inflated: bool
    note: str
    source: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Summary:
    profile: Profile
    lines: tuple[Line, ...]
    annual: Decimal
    spent: Decimal
    rate: Decimal | None
    grades: tuple[tuple[str, int, int], ...]
    findings: tuple[tuple[int | None, str, Finding], ...]

    def round(self, value: Decimal | None) -> Decimal | None:
        return None if value is None else self.profile.round(value)


def summary_data(run: Run) -> Summary:
    """Everything the summary shows, computed once from the run."""
    check_results(run.results)
    lines = tuple(_line(i, r, run.profile) for i, r in enumerate(run.results, 1))
    annual = sum((x.annual for x in lines if x.annual is not None), Decimal(0))
    spent = sum((x.spent for x in lines if x.spent is not None), Decimal(0))
    stated = Counter(x.stated_grade or NOT_STATED for x in lines)
    recomputed = Counter(x.grade for x in lines)
    labels = [g for g, _ in run.profile.grades] + ([NOT_STATED] if stated[NOT_STATED] else [])
    findings: list[tuple[int | None, str, Finding]] = [
        (None, "", f) for d in run.files for f in d.findings
    ]
    for x, r in zip(lines, run.results, strict=True):
        findings.extend((x.index, x.project, f) for f in r.findings)
    findings.extend((None, "", f) for f in run.batch_findings)
    return Summary(
        profile=run.profile,
        lines=lines,
        annual=annual,
        spent=spent,
        rate=spent / annual * HUNDRED if annual > 0 else None,
        grades=tuple((g, stated[g], recomputed[g]) for g in labels),
        findings=tuple(findings),
    )


def _line(index: int, r: Result, profile: Profile) -> Line:
    sheet = r.sheet
    assert sheet is not None  # check_results refused forms that failed to score
    done = completion(Ctx(form=r.form, sheet=sheet, profile=profile))
    levels = Counter(f.level for f in r.findings)
    note = "；".join(
        f"{FUND_COLUMN_NAMES[c.column]}填报{num(c.stated)}，按万元计{num(c.corrected)}"
        for c in sheet.corrections
    )
    return Line(
        index=index,
        project=r.form.project,
        department=r.form.department,
        unit=r.form.unit,
        annual=sheet.annual,
        spent=sheet.spent,
        rate=sheet.rate,
        completion=None if done is None else done * HUNDRED,
        stated_total=r.form.total,
        total=sheet.total,
        stated_grade=r.form.grade,
        grade=sheet.grade,
        errors=levels[Severity.ERROR],
        warnings=levels[Severity.WARNING],
        infos=levels[Severity.INFO],
        inflated=any(f.code == INFLATED for f in r.findings),
        note=note,
        source=str(r.form.source),
    )


def line_values(s: Summary, x: Line) -> list[str | int | Decimal | None]:
    """A form's cells in the order of ``LINE_HEADERS``."""
    return [
        x.index,
        x.project,
        x.department,
        x.unit,
        x.annual,
        x.spent,
        s.round(x.rate),
        s.round(x.completion),
        x.stated_total,
        s.round(x.total),
        x.stated_grade or NOT_STATED,
        x.grade,
        x.errors,
        x.warnings,
        x.infos,
        x.note or None,
        x.source,
    ]


def finding_values(index: int | None, project: str, f: Finding) -> list[str]:
    where = str(f.location.source) if f.location.source else ""
    return [
        "" if index is None else str(index),
        project,
        f.code,
        f.level.label,
        CODES[f.code].title,
        f.message,
        where,
        f.suggestion or "",
    ]


def write_summary(run: Run, path: str | Path) -> None:
    """Write the summary at ``path``: ``.xlsx`` or ``.html`` (atomically)."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"汇总只能写成 {' 或 '.join(SUFFIXES)}：{path}")
    check_target(path)
    data = summary_xlsx(run) if suffix == ".xlsx" else summary_html(run).encode("utf-8")
    write_bytes(path, data)


# ---------------------------------------------------------------------------------------
# Excel.


def summary_xlsx(run: Run) -> bytes:
    """The summary as a workbook: 汇总, 等级分布, 执行率与自评分 (chart), 审核发现."""
    import xlsxwriter  # type: ignore[import-untyped]

    s = summary_data(run)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    wb.set_properties(
        {"title": "部门绩效自评汇总", "creator": "jixiao", "comments": s.profile.name}
    )
    f = _formats(wb, s.profile.places)
    _lines_sheet(wb, s, f)
    _grades_sheet(wb, s, f)
    _chart_sheet(wb, s, f)
    _findings_sheet(wb, s, f)
    wb.close()
    return buffer.getvalue()


def _formats(wb: Any, places: int) -> dict[str, Any]:
    base = {"font_name": "宋体", "font_size": 10, "border": 1, "valign": "vcenter"}
    decimals = "0." + "0" * places if places else "0"
    return {
        "title": wb.add_format({"font_name": "宋体", "bold": True, "font_size": 14}),
        "head": wb.add_format({**base, "bold": True, "align": "center", "text_wrap": True}),
        "text": wb.add_format({**base, "text_wrap": True}),
        "int": wb.add_format({**base, "num_format": "0"}),
        "money": wb.add_format({**base, "num_format": "#,##0.00####"}),
        "score": wb.add_format({**base, "num_format": decimals}),
        "bold": wb.add_format({**base, "bold": True}),
        "bold_money": wb.add_format({**base, "bold": True, "num_format": "#,##0.00####"}),
        "bold_score": wb.add_format({**base, "bold": True, "num_format": decimals}),
        "red": wb.add_format({**base, "bg_color": "#FCE4E4"}),
    }


_LINE_KINDS: tuple[str, ...] = (
    *("int", "text", "text", "text", "money", "money", "score", "score", "score"),
    *("score", "text", "text", "int", "int", "int", "text", "text"),
)


def _write(ws: Any, row: int, col: int, value: object, fmt: Any) -> None:
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, Decimal | int):
        ws.write_number(row, col, float(value), fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _lines_sheet(wb: Any, s: Summary, f: dict[str, Any]) -> None:
    ws = wb.add_worksheet("汇总")
    ws.write_string(
        0, 0, f"部门绩效自评汇总（{len(s.lines)} 张自评表，规则：{s.profile.name}）", f["title"]
    )
    for col, (head, width) in enumerate(zip(LINE_HEADERS, LINE_WIDTHS, strict=True)):
        ws.set_column(col, col, width)
        ws.write_string(1, col, head, f["head"])
    for r, x in enumerate(s.lines, 2):
        for col, (value, kind) in enumerate(zip(line_values(s, x), _LINE_KINDS, strict=True)):
            inflated = x.inflated and LINE_HEADERS[col] in ("执行率(%)", "指标完成度(%)")
            _write(ws, r, col, value, f["red"] if inflated and value is not None else f[kind])
    _totals(ws, s, f, 2 + len(s.lines))
    ws.freeze_panes(2, 2)
    ws.autofilter(1, 0, 1 + len(s.lines), len(LINE_HEADERS) - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(1)


def _totals(ws: Any, s: Summary, f: dict[str, Any], row: int) -> None:
    """合计: budget and spent as SUM formulas, the overall rate from them, error counts."""
    first, last = 3, row  # 1-based rows of the form lines
    ws.write_string(row, 0, "合计", f["bold"])
    ws.write_string(row, 1, f"{len(s.lines)} 张", f["bold"])
    for col in (2, 3):
        ws.write_blank(row, col, None, f["bold"])
    for col, value in ((4, s.annual), (5, s.spent)):
        letter = chr(ord("A") + col)
        ws.write_formula(
            row, col, f"=SUM({letter}{first}:{letter}{last})", f["bold_money"], float(value)
        )
    rate = s.round(s.rate)
    ws.write_formula(
        row,
        6,
        f'=IF(E{row + 1}>0,F{row + 1}/E{row + 1}*100,"—")',
        f["bold_score"],
        float(rate) if rate is not None else "—",
    )
    for col in range(7, 12):
        ws.write_blank(row, col, None, f["bold"])
    for col, count in ((12, "errors"), (13, "warnings"), (14, "infos")):
        letter = chr(ord("A") + col)
        value = sum(getattr(x, count) for x in s.lines)
        ws.write_formula(row, col, f"=SUM({letter}{first}:{letter}{last})", f["bold"], value)
    for col in (15, 16):
        ws.write_blank(row, col, None, f["bold"])


def _grades_sheet(wb: Any, s: Summary, f: dict[str, Any]) -> None:
    ws = wb.add_worksheet("等级分布")
    ws.set_column(0, 2, 14)
    ws.write_string(0, 0, "等级分布：填报与重算", f["title"])
    for col, head in enumerate(("等级", "填报（张）", "重算（张）")):
        ws.write_string(1, col, head, f["head"])
    for r, (grade, stated, recomputed) in enumerate(s.grades, 2):
        ws.write_string(r, 0, grade, f["text"])
        ws.write_number(r, 1, stated, f["int"])
        ws.write_number(r, 2, recomputed, f["int"])
    chart = wb.add_chart({"type": "column"})
    last = 1 + len(s.grades)
    for col, name in ((1, "填报"), (2, "重算")):
        chart.add_series(
            {
                "name": name,
                "categories": ["等级分布", 2, 0, last, 0],
                "values": ["等级分布", 2, col, last, col],
                "data_labels": {"value": True},
            }
        )
    chart.set_title({"name": "等级分布（填报与重算）"})
    chart.set_y_axis({"name": "张数", "major_gridlines": {"visible": True}})
    ws.insert_chart(1, 4, chart, {"x_scale": 1.2, "y_scale": 1.2})


def _chart_sheet(wb: Any, s: Summary, f: dict[str, Any]) -> None:
    """执行率与自评分: the points, inflated ones first (two series), and the chart."""
    ws = wb.add_worksheet("执行率与自评分")
    ws.set_column(0, 0, 30)
    ws.set_column(1, 3, 12)
    ws.write_string(0, 0, "执行率与指标完成度（自评分）", f["title"])
    for col, head in enumerate(("项目名称", "执行率(%)", "指标完成度(%)", "自评分可能虚高")):
        ws.write_string(1, col, head, f["head"])
    points = [x for x in s.lines if x.rate is not None and x.completion is not None]
    points.sort(key=lambda x: not x.inflated)
    for r, x in enumerate(points, 2):
        ws.write_string(r, 0, x.project, f["text"])
        _write(ws, r, 1, s.round(x.rate), f["score"])
        _write(ws, r, 2, s.round(x.completion), f["score"])
        ws.write_string(r, 3, "是" if x.inflated else "", f["red"] if x.inflated else f["text"])
    n_inflated = sum(x.inflated for x in points)
    chart = wb.add_chart({"type": "scatter"})
    name = "执行率与自评分"
    ranges = (
        ("自评分可能虚高（JX503）", 2, 1 + n_inflated, "#C0392B"),
        ("其他", 2 + n_inflated, 1 + len(points), "#2E6DA4"),
    )
    for label, first, last, color in ranges:
        if last >= first:
            chart.add_series(
                {
                    "name": label,
                    "categories": [name, first, 1, last, 1],
                    "values": [name, first, 2, last, 2],
                    "marker": {
                        "type": "circle",
                        "size": 7,
                        "fill": {"color": color},
                        "border": {"color": color},
                    },
                }
            )
    diagonal_row = 3 + len(points)
    ws.write_string(diagonal_row, 0, "对角线（完成度 = 执行率）", f["text"])
    for i, v in enumerate((0, 100)):
        ws.write_number(diagonal_row + 1 + i, 1, v)
        ws.write_number(diagonal_row + 1 + i, 2, v)
    chart.add_series(
        {
            "name": "完成度 = 执行率",
            "categories": [name, diagonal_row + 1, 1, diagonal_row + 2, 1],
            "values": [name, diagonal_row + 1, 2, diagonal_row + 2, 2],
            "marker": {"type": "none"},
            "line": {"color": "#888888", "dash_type": "dash", "width": 1},
        }
    )
    chart.set_title({"name": "预算执行率与指标完成度"})
    chart.set_x_axis({"name": "预算执行率（%）", "min": 0, "major_gridlines": {"visible": True}})
    chart.set_y_axis({"name": "指标完成度（%）", "min": 0, "max": 100})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 520})
    ws.insert_chart(1, 5, chart)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 1)


def _findings_sheet(wb: Any, s: Summary, f: dict[str, Any]) -> None:
    ws = wb.add_worksheet("审核发现")
    for col, (head, width) in enumerate(zip(FINDING_HEADERS, FINDING_WIDTHS, strict=True)):
        ws.set_column(col, col, width)
        ws.write_string(0, col, head, f["head"])
    for r, (index, project, finding) in enumerate(s.findings, 1):
        for col, value in enumerate(finding_values(index, project, finding)):
            _write(ws, r, col, value, f["text"])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(s.findings), len(FINDING_HEADERS) - 1)


# ---------------------------------------------------------------------------------------
# HTML.


CSS = """
body { font: 14px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #999; padding: 3px 6px; vertical-align: top; }
th { background: #f0f0f0; } td.n { text-align: right; white-space: nowrap; }
table.lines { font-size: 13px; } table.lines td { white-space: nowrap; }
table.lines td.wrap { white-space: normal; min-width: 16em; }
tr.total td { font-weight: bold; background: #fafafa; }
td.red { background: #fce4e4; }
svg text { font: 12px "Noto Sans CJK SC", sans-serif; }
"""


def summary_html(run: Run) -> str:
    """The summary as one HTML page (tables and an SVG chart, no scripts)."""
    s = summary_data(run)
    title = f"部门绩效自评汇总（{len(s.lines)} 张自评表，规则：{s.profile.name}）"
    body = [
        f"<h1>{escape(title)}</h1>",
        "<h2>各表</h2>",
        _lines_table(s),
        "<h2>等级分布：填报与重算</h2>",
        _grades_table(s),
        "<h2>预算执行率与指标完成度</h2>",
        "<p>对角线以上的点：指标完成度高于预算执行率；红点为自评分可能虚高（JX503）。</p>",
        scatter_svg(s),
        "<h2>审核发现</h2>",
        _findings_table(s),
    ]
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _td(value: object, *, red: bool = False, wrap: bool = False) -> str:
    numeric = isinstance(value, Decimal | int)
    text = "" if value is None else num(value) if isinstance(value, Decimal) else str(value)
    flags = (("n", numeric), ("red", red), ("wrap", wrap))
    classes = " ".join(name for name, on in flags if on)
    attr = f' class="{classes}"' if classes else ""
    return f"<td{attr}>{escape(text)}</td>"


def _head(headers: tuple[str, ...]) -> str:
    return "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr>"


def _lines_table(s: Summary) -> str:
    rows = [_head(LINE_HEADERS)]
    for x in s.lines:
        cells = []
        for head, value in zip(LINE_HEADERS, line_values(s, x), strict=True):
            red = x.inflated and head in ("执行率(%)", "指标完成度(%)")
            cells.append(_td(value, red=red, wrap=head in ("项目名称", "说明")))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    totals: list[object] = ["合计", f"{len(s.lines)} 张", "", "", s.annual, s.spent]
    totals += [s.round(s.rate), "", "", "", "", ""]
    totals += [sum(x.errors for x in s.lines), sum(x.warnings for x in s.lines)]
    totals += [sum(x.infos for x in s.lines), "", ""]
    rows.append('<tr class="total">' + "".join(_td(v) for v in totals) + "</tr>")
    return '<table class="lines">' + "".join(rows) + "</table>"


def _grades_table(s: Summary) -> str:
    rows = [_head(("等级", "填报（张）", "重算（张）"))]
    rows += [f"<tr>{_td(g)}{_td(a)}{_td(b)}</tr>" for g, a, b in s.grades]
    return "<table>" + "".join(rows) + "</table>"


def _findings_table(s: Summary) -> str:
    rows = [_head(FINDING_HEADERS)]
    for index, project, f in s.findings:
        rows.append("<tr>" + "".join(_td(v) for v in finding_values(index, project, f)) + "</tr>")
    return "<table>" + "".join(rows) + "</table>"


def scatter_svg(s: Summary, width: int = 640, height: int = 440) -> str:
    """Execution rate (x) against indicator completion (y), with the diagonal."""
    left, right, top, bottom = 56, 16, 16, 66
    points = [x for x in s.lines if x.rate is not None and x.completion is not None]
    x_max = max([HUNDRED, *(x.rate for x in points if x.rate is not None)])
    x_max = Decimal((int(x_max) + 9) // 10 * 10)
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(v: Decimal) -> float:
        return left + float(v / x_max) * plot_w

    def py(v: Decimal) -> float:
        return top + plot_h - float(min(v, HUNDRED) / Y_SPAN) * plot_h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">']
    parts.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#999"/>'
    )
    for t in range(0, 101, 20):
        y = py(Decimal(t))
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#eee"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{t}</text>')
    for t in range(0, int(x_max) + 1, max(10, int(x_max) // 10 // 10 * 10)):
        x = px(Decimal(t))
        parts.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{t}</text>')
    d = min(x_max, HUNDRED)
    parts.append(
        f'<line x1="{px(Decimal(0)):.1f}" y1="{py(Decimal(0)):.1f}" x2="{px(d):.1f}" '
        f'y2="{py(d):.1f}" stroke="#888" stroke-dasharray="5,4"/>'
    )
    for dot in sorted(points, key=lambda p: p.inflated):
        parts.append(_dot(s, dot, px, py))
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{top + plot_h + 34}" text-anchor="middle">预算执行率（%）</text>'
    )
    parts.append(
        f'<text x="14" y="{top + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + plot_h / 2})">指标完成度（%）</text>'
    )
    parts.extend(_legend(left, height - 10))
    parts.append("</svg>")
    return "".join(parts)


def _legend(x: int, y: int) -> list[str]:
    out = []
    for label, color, advance in (
        ("自评分可能虚高（JX503）", "#C0392B", 230),
        ("其他", "#2E6DA4", 90),
    ):
        out.append(f'<circle cx="{x + 5}" cy="{y - 4}" r="5" fill="{color}"/>')
        out.append(f'<text x="{x + 14}" y="{y}">{label}</text>')
        x += advance
    out.append(
        f'<line x1="{x}" y1="{y - 4}" x2="{x + 24}" y2="{y - 4}" stroke="#888" stroke-dasharray="5,4"/>'
    )
    out.append(f'<text x="{x + 30}" y="{y}">完成度 = 执行率</text>')
    return out


def _dot(s: Summary, x: Line, px: Any, py: Any) -> str:
    """One form as a point, its numbers in the tooltip."""
    assert x.rate is not None and x.completion is not None
    color = "#C0392B" if x.inflated else "#2E6DA4"
    rate, done = num(s.profile.round(x.rate)), num(s.profile.round(x.completion))
    label = escape(f"{x.project}：执行率 {rate}%，完成度 {done}%")
    return (
        f'<circle cx="{px(x.rate):.1f}" cy="{py(x.completion):.1f}" r="5" fill="{color}" '
        f'fill-opacity="0.8"><title>{label}</title></circle>'
    )
