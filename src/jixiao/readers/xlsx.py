"""xlsx reader (openpyxl, read-only streaming): one grid per worksheet.

Cells are the texts the sheet shows: numbers through their number format (``numfmt``),
formulas by their cached values. A formula saved without a cached value (files written by
tools other than Excel) is computed by ``formula`` when it is simple, else reported (JX003).
Merged ranges become spans, and every cell keeps its sheet, row and column. The package
is checked first (``office.open_package``): zip bombs, encryption, XML entities.
"""

from __future__ import annotations

import html
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import defusedxml.ElementTree as safe_xml

from jixiao.findings import Finding, finding
from jixiao.model.source import Source
from jixiao.readers.formula import FormulaError, evaluate, split_ref
from jixiao.readers.grid import Grid, RowPos
from jixiao.readers.numfmt import exact, render_date, render_number
from jixiao.readers.office import Unreadable, open_package

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')
# A cell whose formula has no cached value: <c r="H30" s="3"><f>…</f><v/></c> or no <v>.
_FORMULA_CELL_RE = re.compile(
    rb"<(?:\w+:)?c\s([^>]*?)>\s*<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*"
    rb"(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>)?"
)
_REF_ATTR_RE = re.compile(rb'\br="([A-Z]+\d+)"')
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def read_xlsx(path: Path, file: str) -> tuple[list[Grid], list[Finding]]:
    with open_package(path) as zf:
        parts = _sheet_parts(zf)
        raw = {name: zf.read(part) for name, part in parts.items() if part in zf.namelist()}
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise Unreadable(f"xlsx 文件已损坏或不完整（{type(exc).__name__}: {exc}）") from exc
    grids: list[Grid] = []
    findings: list[Finding] = []
    try:
        for ws in wb.worksheets:
            sheet = _Sheet(file=file, name=ws.title, xml=raw.get(ws.title, b""))
            sheet.load(ws)
            grids.append(sheet.grid())
            findings.extend(sheet.findings)
    finally:
        wb.close()
    return grids, findings


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package, from workbook.xml and its relationships."""
    try:
        book = safe_xml.fromstring(zf.read("xl/workbook.xml"))
        rels = safe_xml.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError as exc:
        raise Unreadable(f"xlsx 文件缺少必要部件：{exc}") from exc
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter() if r.get("Id")}
    out: dict[str, str] = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") and el.get("name"):
            target = targets.get(el.get(_REL_NS), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            out[el.get("name", "")] = str(PurePosixPath(part))
    return out


@dataclass
class _Sheet:
    """One worksheet being read: its cells by position, then laid out as a grid."""

    file: str
    name: str
    xml: bytes
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    numbers: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def load(self, ws: Any) -> None:
        ws.reset_dimensions()
        formulas = b"<f" in self.xml or b":f>" in self.xml
        for row in ws.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if value is not None:
                    pos = (cell.row, cell.column)
                    self.texts[pos] = self._text(pos, value, cell.number_format)
                elif formulas and hasattr(cell, "row"):
                    self.formats[(cell.row, cell.column)] = cell.number_format
        if formulas:
            self._uncached_formulas()

    def _text(self, pos: tuple[int, int], value: Any, fmt: str) -> str:
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, (int, float)):
            self.numbers[pos] = exact(value)
            self.formats[pos] = fmt
            return render_number(value, fmt)
        if isinstance(value, (datetime, date, time)):
            return render_date(value)
        return str(value)

    def _uncached_formulas(self) -> None:
        pending: dict[tuple[int, int], str] = {}
        for m in _FORMULA_CELL_RE.finditer(self.xml):
            ref = _REF_ATTR_RE.search(m.group(1))
            if ref is None or m.group(3):
                continue
            pos = split_ref(ref.group(1).decode())
            pending[pos] = html.unescape((m.group(2) or b"").decode("utf-8", "replace"))
        if not pending:
            return
        busy: set[tuple[int, int]] = set()

        def lookup(r: int, c: int) -> Decimal | None:
            if (r, c) in pending and (r, c) not in self.numbers:
                solve((r, c))
            return self.numbers.get((r, c))

        def solve(pos: tuple[int, int]) -> None:
            if pos in busy:
                raise FormulaError("公式循环引用")
            busy.add(pos)
            try:
                value = evaluate(pending[pos], lookup)
            finally:
                busy.discard(pos)
            self.numbers[pos] = value
            self.texts[pos] = render_number(value, self.formats.get(pos, "General"))

        for pos, text in pending.items():
            if pos in self.numbers:
                continue
            if not text:
                self._note(pos, "单元格公式没有保存计算结果（共享公式），无法取值，已按空值处理")
                continue
            try:
                solve(pos)
            except FormulaError as exc:
                self._note(pos, f"公式 ={text} 没有保存计算结果且无法计算（{exc}），已按空值处理")

    def _note(self, pos: tuple[int, int], message: str) -> None:
        self.findings.append(
            finding("JX003", message, Source(self.file, None, self.name, None, pos[0], pos[1]))
        )

    def grid(self) -> Grid:
        spans = _merges(self.xml)
        for r, c in spans:
            self.texts.setdefault((r, c), "")
        n_rows = max((r for r, _ in self.texts), default=0)
        n_cols = max((c for _, c in self.texts), default=0)
        rows = [[""] * n_cols for _ in range(n_rows)]
        for (r, c), text in self.texts.items():
            rows[r - 1][c - 1] = text
        for (r, c), (rs, cs) in spans.items():
            for rr in range(r, min(r + rs, n_rows + 1)):
                for cc in range(c, min(c + cs, n_cols + 1)):
                    if (rr, cc) != (r, c):
                        rows[rr - 1][cc - 1] = ""
        return Grid(
            file=self.file,
            rows=rows,
            positions=[RowPos(sheet=self.name, row=r) for r in range(1, n_rows + 1)],
            spans={(r - 1, c - 1): span for (r, c), span in spans.items()},
        )


def _merges(xml: bytes) -> dict[tuple[int, int], tuple[int, int]]:
    """Merged ranges of a sheet: top-left (row, col) → (rowspan, colspan), 1-based."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for m in _MERGE_RE.finditer(xml):
        ref = m.group(1).decode()
        first, _, last = ref.partition(":")
        (r0, c0), (r1, c1) = split_ref(first), split_ref(last or first)
        out[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    return out
