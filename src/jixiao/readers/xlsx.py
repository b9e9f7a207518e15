"""xlsx reader: one grid per worksheet (the package's XML read with lxml; openpyxl's
read-only mode for a workbook that reading does not understand).

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

import defusedxml.ElementTree as safe_xml
from lxml import etree

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
Pos = tuple[int, int]


def read_xlsx(path: Path, file: str) -> tuple[list[Grid], list[Finding]]:
    """Each worksheet as a grid. The package's XML is read directly with lxml (a few
    milliseconds a file); a workbook that this does not understand is read by openpyxl."""
    with open_package(path) as zf:
        parts = _sheet_parts(zf)
        try:
            sheets = _read_parts(zf, parts, file)
        except (_Unsupported, etree.XMLSyntaxError, KeyError, ValueError, IndexError):
            sheets = _read_openpyxl(path, file, zf, parts)
    grids = [sheet.grid() for sheet in sheets]
    return grids, [f for sheet in sheets for f in sheet.findings]


class _Unsupported(Exception):
    """The direct reading met something it does not handle: openpyxl reads the file."""


def _read_openpyxl(
    path: Path, file: str, zf: zipfile.ZipFile, parts: dict[str, str]
) -> list[_Sheet]:
    import openpyxl

    raw = {name: zf.read(part) for name, part in parts.items() if part in zf.namelist()}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise Unreadable(f"xlsx 文件已损坏或不完整（{type(exc).__name__}: {exc}）") from exc
    sheets = []
    try:
        for ws in wb.worksheets:
            sheet = _Sheet(file=file, name=ws.title, xml=raw.get(ws.title, b""))
            sheet.load(ws)
            sheets.append(sheet)
    finally:
        wb.close()
    return sheets


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _xml(zf: zipfile.ZipFile, part: str) -> Any:
    return etree.fromstring(zf.read(part), _PARSER)


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _read_parts(zf: zipfile.ZipFile, parts: dict[str, str], file: str) -> list[_Sheet]:
    names = set(zf.namelist())
    strings = _strings(_xml(zf, "xl/sharedStrings.xml")) if "xl/sharedStrings.xml" in names else []
    formats = _cell_formats(_xml(zf, "xl/styles.xml")) if "xl/styles.xml" in names else []
    sheets = []
    for name, part in parts.items():
        if part not in names:
            raise _Unsupported(part)
        sheet = _Sheet(file=file, name=name, xml=b"")
        sheet.load_xml(_xml(zf, part), strings, formats)
        sheets.append(sheet)
    return sheets


def _text_of(el: Any) -> str:
    """A string item's text: its runs, without phonetic guides (rPh)."""
    parts: list[str] = []
    for child in el:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _strings(root: Any) -> list[str]:
    return [_text_of(si) for si in root if _local(si.tag) == "si"]


def _cell_formats(root: Any) -> list[str]:
    """Number format of each cell style (cellXfs), custom formats and built-in ones."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS

    custom: dict[int, str] = {}
    formats: list[str] = []
    for el in root:
        tag = _local(el.tag)
        if tag == "numFmts":
            for nf in el:
                custom[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "General")
        elif tag == "cellXfs":
            for xf in el:
                fid = int(xf.get("numFmtId", "0"))
                formats.append(custom.get(fid) or BUILTIN_FORMATS.get(fid, "General"))
    return formats


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
    texts: dict[Pos, str] = field(default_factory=dict)
    numbers: dict[Pos, Decimal] = field(default_factory=dict)
    formats: dict[Pos, str] = field(default_factory=dict)
    pending: dict[Pos, str] = field(default_factory=dict)  # formulas saved without a value
    merged: list[str] | None = None  # merged ranges, when read from the XML directly
    findings: list[Finding] = field(default_factory=list)

    def load_xml(self, root: Any, strings: list[str], formats: list[str]) -> None:
        """The cells of a worksheet's XML (``<c r= t= s=><f/><v/><is/></c>``)."""
        ns = root.tag[: -len("worksheet")] if root.tag.endswith("worksheet") else ""
        for row in root.iter(f"{ns}row"):
            r_attr = row.get("r")
            for c in row:
                ref = c.get("r")
                pos = split_ref(ref) if ref else _next_in_row(r_attr, self.texts)
                style = int(c.get("s", "0"))
                fmt = formats[style] if style < len(formats) else "General"
                self._cell(pos, c, c.get("t", "n"), fmt, strings)
        self.merged = [el.get("ref", "") for el in root.iter(f"{ns}mergeCell")]
        if self.pending:
            self._uncached_formulas()

    def _cell(self, pos: Pos, c: Any, kind: str, fmt: str, strings: list[str]) -> None:
        value: str | None = None
        formula: str | None = None
        for child in c:
            tag = _local(child.tag)
            if tag == "v":
                value = child.text
            elif tag == "f":
                formula = child.text or ""
            elif tag == "is":
                self.texts[pos] = _text_of(child)
                return
        if not value:
            if formula is not None:
                self.pending[pos] = formula
                self.formats[pos] = fmt
            return
        if kind == "n":
            number = Decimal(value)
            self.numbers[pos], self.formats[pos] = number, fmt
            self.texts[pos] = render_number(number, fmt)
        elif kind == "s":
            self.texts[pos] = strings[int(value)]
        elif kind == "b":
            self.texts[pos] = "是" if value == "1" else "否"
        elif kind == "d":
            self.texts[pos] = render_date(datetime.fromisoformat(value))
        else:  # str (a formula's text), e (an error)
            self.texts[pos] = value

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
            self.pending = self._formulas_without_values()
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

    def _formulas_without_values(self) -> dict[Pos, str]:
        """Formula cells with no cached value, found in the sheet's raw XML."""
        pending: dict[Pos, str] = {}
        for m in _FORMULA_CELL_RE.finditer(self.xml):
            ref = _REF_ATTR_RE.search(m.group(1))
            if ref is None or m.group(3):
                continue
            pos = split_ref(ref.group(1).decode())
            pending[pos] = html.unescape((m.group(2) or b"").decode("utf-8", "replace"))
        return pending

    def _uncached_formulas(self) -> None:
        pending = self.pending
        if not pending:
            return
        busy: set[Pos] = set()

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
        spans = _merges(self.xml) if self.merged is None else _spans(self.merged)
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


def _merges(xml: bytes) -> dict[Pos, tuple[int, int]]:
    """Merged ranges in a sheet's raw XML."""
    return _spans(m.group(1).decode() for m in _MERGE_RE.finditer(xml))


def _spans(refs: Iterable[str]) -> dict[Pos, tuple[int, int]]:
    """Merged ranges ("A1:B2"): top-left (row, col) → (rowspan, colspan), 1-based."""
    out: dict[Pos, tuple[int, int]] = {}
    for ref in refs:
        first, _, last = ref.partition(":")
        if not first:
            continue
        (r0, c0), (r1, c1) = split_ref(first), split_ref(last or first)
        out[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
    return out


def _next_in_row(row: str | None, texts: dict[Pos, str]) -> Pos:
    """A cell written without its reference: the one after the row's last."""
    if row is None:
        raise _Unsupported("cell without a reference in a row without a number")
    r = int(row)
    return r, max((c for rr, c in texts if rr == r), default=0) + 1
