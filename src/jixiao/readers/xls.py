"""xls reader (xlrd, BIFF8 with formatting): one grid per worksheet.

Numbers are shown through their cell's number format (``numfmt``), dates as dates, merged
ranges become spans. An encrypted or corrupt workbook is ``Unreadable`` (JX001).
"""

from __future__ import annotations

from typing import Any

from jixiao.findings import Finding
from jixiao.readers.grid import Grid, RowPos
from jixiao.readers.numfmt import render_date, render_number
from jixiao.readers.office import Unreadable


def read_xls(data: bytes, file: str) -> tuple[list[Grid], list[Finding]]:
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=_Quiet()
        )
    except xlrd.biffh.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise Unreadable("文件已加密（有密码保护），请去除密码后再读取") from exc
        raise Unreadable(f"xls 文件已损坏或不是工作簿（{exc}）") from exc
    except (AssertionError, IndexError, KeyError, ValueError, OSError) as exc:
        raise Unreadable(f"xls 文件已损坏（{type(exc).__name__}: {exc}）") from exc
    try:
        return [_sheet_grid(book, i, file) for i in range(book.nsheets)], []
    finally:
        book.release_resources()


def _sheet_grid(book: Any, index: int, file: str) -> Grid:
    import xlrd

    sheet = book.sheet_by_index(index)
    formats = {i: _format_str(book, xf) for i, xf in enumerate(book.xf_list)}
    rows: list[list[str]] = []
    for r in range(sheet.nrows):
        row: list[str] = []
        for c, cell in enumerate(sheet.row(r)):
            row.append(_text(cell, formats.get(sheet.cell_xf_index(r, c)), book.datemode, xlrd))
        rows.append(row)
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for rlo, rhi, clo, chi in sheet.merged_cells:
        spans[(rlo, clo)] = (rhi - rlo, chi - clo)
        for rr in range(rlo, min(rhi, len(rows))):
            for cc in range(clo, min(chi, len(rows[rr]))):
                if (rr, cc) != (rlo, clo):
                    rows[rr][cc] = ""
    return Grid(
        file=file,
        rows=rows,
        positions=[RowPos(sheet=sheet.name, row=r + 1) for r in range(len(rows))],
        spans=spans,
    )


def _format_str(book: Any, xf: Any) -> str:
    fmt = book.format_map.get(xf.format_key)
    return fmt.format_str if fmt is not None else "General"


def _text(cell: Any, fmt: str | None, datemode: int, xlrd: Any) -> str:
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_NUMBER:
        return render_number(cell.value, fmt)
    if kind == xlrd.XL_CELL_DATE:
        try:
            return render_date(xlrd.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError):
            return render_number(cell.value, "General")
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")  # type: ignore[no-any-return]
    return str(cell.value)


class _Quiet:
    """xlrd writes warnings to a log file; a form reader has nothing to say to it."""

    def write(self, text: str) -> int:
        return len(text)
