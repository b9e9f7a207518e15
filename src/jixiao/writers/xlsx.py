"""The official table as an Excel workbook (XlsxWriter): one sheet per form, named after its
project (shortened, unique), merged cells, rules, widths, wrapped text, A4 landscape.

Execution rate, execution score, total and grade (and, with ``recomputed``, the quantitative
indicators' scores) are live formulas (``jixiao.writers.formulas``) that also carry the
engine's number as their cached value, so a reader that does not recalculate sees the same
numbers as one that does. Static numbers keep the decimals they were written with.

``write_xlsx(results, path, profile)`` writes a file atomically; ``xlsx_bytes`` returns it.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.pipeline import Result
from jixiao.profiles import Profile
from jixiao.writers.output import check_results, check_target, profile_of, write_bytes
from jixiao.writers.table import FINDINGS_HEADERS, Cell, Table, finding_cells, form_table

FONT = "宋体"
FONT_SIZE = 10
LINE_HEIGHT = 14.0  # points per wrapped line at FONT_SIZE
ROW_PADDING = 6.0
MIN_ROW_HEIGHT = 20.0
MAX_ROW_HEIGHT = 409.0  # the tallest row a spreadsheet allows
FLAG_FILL = "#FCE4E4"
STATED_COLOR = "#444444"
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

_ROLE_STYLE: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 16, "border": 0},
    "subtitle": {"font_size": 11, "border": 0},
    "label": {},
    "head": {"bold": True},
    "text": {},
    "number": {},
    "formula": {},
    "stated": {"font_color": STATED_COLOR, "italic": True},
}


def write_xlsx(
    results: Sequence[Result],
    path: str | Path,
    profile: Profile | str,
    recomputed: bool = False,
    findings: bool = False,
) -> None:
    """Write the forms as one workbook at ``path`` (atomically: all or nothing)."""
    check_target(path)
    write_bytes(path, xlsx_bytes(results, profile, recomputed=recomputed, findings=findings))


def xlsx_bytes(
    results: Sequence[Result],
    profile: Profile | str,
    recomputed: bool = False,
    findings: bool = False,
) -> bytes:
    """The workbook as bytes (for a download)."""
    import xlsxwriter  # type: ignore[import-untyped]

    check_results(results)
    prof = profile_of(profile)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
    )
    wb.set_properties({"title": "项目支出绩效自评表", "creator": "jixiao", "comments": prof.name})
    styles = _Styles(wb)
    names = sheet_names([r.form.project for r in results])
    for result, name in zip(results, names, strict=True):
        table = form_table(result, prof, recomputed=recomputed)
        draw(wb.add_worksheet(name), table, styles)
    if findings:
        _findings_sheet(wb, results, names, styles)
    wb.close()
    return buffer.getvalue()


def sheet_names(projects: Iterable[str]) -> list[str]:
    """Sheet names after the projects: forbidden characters replaced, at most 31 characters,
    unique regardless of case (a repeated name gets ``(2)``, ``(3)`` …)."""
    out: list[str] = []
    seen: set[str] = set()
    for i, project in enumerate(projects, 1):
        base = _BAD_SHEET_CHARS.sub("_", project).strip().strip("'") or f"表{i}"
        if base.casefold() == "history":  # reserved by Excel
            base = f"{base}(表)"
        name = base[:SHEET_NAME_MAX]
        n = 1
        while name.casefold() in seen:
            n += 1
            suffix = f"({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        seen.add(name.casefold())
        out.append(name)
    return out


class _Styles:
    """XlsxWriter formats, made once per distinct look."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.cache: dict[tuple[object, ...], Any] = {}

    def of(self, cell: Cell) -> Any:
        look = (cell.role, cell.places, cell.grouped, cell.align, cell.flag)
        if look not in self.cache:
            spec: dict[str, Any] = {
                "font_name": FONT,
                "font_size": FONT_SIZE,
                "border": 1,
                "valign": "vcenter",
                "align": cell.align,
                "text_wrap": True,
                "num_format": number_format(cell.places, cell.grouped),
            }
            spec.update(_ROLE_STYLE[cell.role])
            if cell.flag:
                spec["bg_color"] = FLAG_FILL
            self.cache[look] = self.wb.add_format(spec)
        return self.cache[look]

    def plain(self, **spec: Any) -> Any:
        key = tuple(sorted(spec.items()))
        if key not in self.cache:
            self.cache[key] = self.wb.add_format({"font_name": FONT, "font_size": 10, **spec})
        return self.cache[key]


def number_format(places: int | None, grouped: bool) -> str:
    if places is None:
        return "General"
    return ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")


def draw(ws: Any, table: Table, styles: _Styles) -> None:
    """Draw one form's table on a worksheet, with its print setup."""
    for col, width in enumerate(table.widths):
        ws.set_column(col, col, width)
    for cell in table.cells:
        _write(ws, cell, styles)
    for row, height in enumerate(row_heights(table)):
        ws.set_row(row, height)
    _print_setup(ws, table)


def _write(ws: Any, cell: Cell, styles: _Styles) -> None:
    fmt = styles.of(cell)
    r, c = cell.row, cell.col
    if cell.rowspan > 1 or cell.colspan > 1:
        ws.merge_range(r, c, cell.last_row, cell.last_col, "", fmt)
    if cell.formula is not None:
        ws.write_formula(r, c, "=" + cell.formula, fmt, _cached(cell.value))
    elif isinstance(cell.value, Decimal):
        ws.write_number(r, c, float(cell.value), fmt)
    elif cell.value:
        ws.write_string(r, c, cell.value, fmt)
    else:
        ws.write_blank(r, c, None, fmt)
    if cell.comment:
        ws.write_comment(r, c, cell.comment, {"x_scale": 2.5, "y_scale": 1.5})


def _cached(value: str | Decimal | None) -> float | str:
    if isinstance(value, Decimal):
        return float(value)
    return value or ""


def text_width(text: str) -> float:
    """A text's width in spreadsheet character units (wide characters count 2)."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.1 for ch in text)


def lines_needed(text: str, width: float) -> int:
    usable = max(width - 1.5, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n"))


def row_heights(table: Table) -> list[float]:
    """Heights that show every wrapped text in full (spreadsheets do not grow rows that hold
    merged cells by themselves)."""
    heights = [MIN_ROW_HEIGHT] * table.nrows
    for cell in table.cells:
        if cell.role == "title":
            heights[cell.row] = max(heights[cell.row], 32.0)
            continue
        text = cell.text
        if not text or cell.rowspan > 1:
            continue
        width = sum(table.widths[cell.col : cell.last_col + 1])
        need = lines_needed(text, width) * LINE_HEIGHT + ROW_PADDING
        heights[cell.row] = min(max(heights[cell.row], need), MAX_ROW_HEIGHT)
    return heights


def _print_setup(ws: Any, table: Table) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    ws.repeat_rows(table.head_row)
    ws.print_area(0, 0, table.nrows - 1, table.ncols - 1)
    ws.set_footer("&C第 &P 页，共 &N 页")
    ws.hide_gridlines(2)


FINDINGS_WIDTHS = (6, 24, 8, 6, 60, 28, 30)


def _findings_sheet(wb: Any, results: Sequence[Result], names: list[str], styles: _Styles) -> None:
    ws = wb.add_worksheet(_unique("审核发现", names))
    head = styles.plain(bold=True, border=1, text_wrap=True, valign="vcenter")
    body = styles.plain(border=1, text_wrap=True, valign="top")
    for col, (title, width) in enumerate(zip(FINDINGS_HEADERS, FINDINGS_WIDTHS, strict=True)):
        ws.set_column(col, col, width)
        ws.write_string(0, col, title, head)
    row = 1
    for i, r in enumerate(results, 1):
        for f in r.findings:
            for col, value in enumerate(finding_cells(i, r.form.project, f)):
                ws.write_string(row, col, value, body)
            row += 1
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)


def _unique(name: str, taken: list[str]) -> str:
    folded = {t.casefold() for t in taken}
    n, out = 1, name
    while out.casefold() in folded:
        n += 1
        out = f"{name}({n})"
    return out
