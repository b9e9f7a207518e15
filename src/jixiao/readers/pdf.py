"""PDF reader (pypdfium2): ruled tables and the text around them, page after page, as one grid.

pdfium gives the page's text and its drawn paths fast. Tables are found from the ruling
lines: horizontal and vertical strokes are snapped and joined, the lines that touch form
a table, the distinct line positions its rows and columns, and a missing border between
two neighbouring cells makes them one merged cell (a span). Each cell's text is what lies
inside it; lines wrapped inside a cell are joined (with a space only between two Latin
letters or digits). Text outside tables becomes rows of its own, split into cells at wide
gaps. A table that runs on at the top of the next page keeps the previous page's columns,
so the form continues across the break.

Findings: pages without a text layer (JX001, naming the pages that need OCR) and glyphs
with no Unicode mapping, ``(cid:…)`` (JX003, per page).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.findings import Finding, finding
from jixiao.model.source import Source
from jixiao.readers.grid import Grid, RowPos
from jixiao.readers.office import Unreadable

MAX_PAGES = 2000
SNAP = 2.0  # points: strokes closer than this are one line
THIN = 3.0  # points: a path thinner than this is a line
_BAD_GLYPH_RE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class Seg:
    """A ruling line: horizontal (at y, from a to b in x) or vertical (at x, a..b in y)."""

    at: float
    a: float
    b: float


@dataclass
class Table:
    """A ruled table on a page: column x's (left to right), row y's (top to bottom).

    ``open_top``/``open_bottom``: the vertical lines run past the first/last horizontal
    line, which happens where a page break cut a row in two; the row is closed there by a
    line of our own, and the two halves are joined again across the break.
    """

    xs: list[float]
    ys: list[float]
    h: list[Seg]
    v: list[Seg]
    open_top: bool = False
    open_bottom: bool = False

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


@dataclass
class _Doc:
    file: str
    rows: list[list[str]] = field(default_factory=list)
    positions: list[RowPos] = field(default_factory=list)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)
    carry: Table | None = None  # the last table of the previous page, if it ran to the bottom
    cut_row: int | None = None  # its last row, when a page break cut it in two
    run_start: int = 0  # the first grid row of the table the carried one continues


def read_pdf(path: Path, file: str) -> tuple[list[Grid], list[Finding]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise Unreadable("PDF 已加密（需要密码），请去除密码后再读取") from exc
        raise Unreadable(f"PDF 文件已损坏，无法打开（{exc}）") from exc
    doc = _Doc(file=file)
    try:
        n = len(pdf)
        if n > MAX_PAGES:
            doc.findings.append(
                finding("JX003", f"PDF 共 {n} 页，只读取前 {MAX_PAGES} 页", Source(file=file))
            )
        for i in range(min(n, MAX_PAGES)):
            page = pdf[i]
            try:
                _page(doc, page, i + 1)
            finally:
                page.close()
    finally:
        pdf.close()
    if doc.no_text:
        pages = _page_list(doc.no_text)
        whole = len(doc.no_text) == min(n, MAX_PAGES)
        doc.findings.insert(
            0,
            finding(
                "JX001",
                f"{'整个文件' if whole else pages}没有文字层（扫描件或图片），"
                f"需先做文字识别（OCR）：{pages}",
                Source(file=file, page=doc.no_text[0]),
            ),
        )
    grids = [Grid(file=file, rows=doc.rows, positions=doc.positions, spans=doc.spans)]
    return (grids if doc.rows else []), doc.findings


def _page_list(pages: Sequence[int]) -> str:
    shown = "、".join(str(p) for p in pages[:20])
    return f"第 {shown}{' 等' if len(pages) > 20 else ''} 页"


def _page(doc: _Doc, page: Any, number: int) -> None:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if not text.strip():
            doc.no_text.append(number)
            doc.carry = None
            return
        bad = len(_BAD_GLYPH_RE.findall(text))
        if bad:
            doc.findings.append(
                finding(
                    "JX003",
                    f"第 {number} 页有 {bad} 个字形无法转换为文字（字体缺少 Unicode 映射，"
                    "即 (cid:…) 字形），相关单元格的文字可能缺失或错误",
                    Source(file=doc.file, page=number),
                )
            )
        width, height = page.get_size()
        tables = find_tables(_segments(page))
        _lay_out(doc, textpage, tables, number, width, height)
    finally:
        textpage.close()


# ---------------------------------------------------------------------------------------
# Ruling lines → tables.


def _segments(page: Any) -> tuple[list[Seg], list[Seg]]:
    """The page's horizontal and vertical strokes (and the edges of stroked boxes)."""
    import pypdfium2.raw as raw

    h: list[Seg] = []
    v: list[Seg] = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = obj.get_bounds()
        w, ht = right - left, top - bottom
        if ht <= THIN < w:
            h.append(Seg((bottom + top) / 2, left, right))
        elif w <= THIN < ht:
            v.append(Seg((left + right) / 2, bottom, top))
        elif w > THIN and ht > THIN and _stroked(obj, raw):
            _path_edges(obj, raw, h, v)
    return h, v


def _stroked(obj: Any, raw: Any) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
    return bool(stroke.value)


def _path_edges(obj: Any, raw: Any, h: list[Seg], v: list[Seg]) -> None:
    """Axis-parallel straight pieces of a stroked path, in page space."""
    a, b, c, d, e, f = obj.get_matrix().get()
    x, y = ctypes.c_float(), ctypes.c_float()
    prev: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        seg = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            prev = start = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            _edge(prev, point, h, v)
        prev = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _edge(point, start, h, v)
            prev = start


def _edge(p: tuple[float, float], q: tuple[float, float], h: list[Seg], v: list[Seg]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= SNAP and abs(x0 - x1) > SNAP:
        h.append(Seg((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) <= SNAP and abs(y0 - y1) > SNAP:
        v.append(Seg((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


def _snap(segs: list[Seg]) -> list[Seg]:
    """Lines at nearly the same position put on one position; touching pieces joined."""
    if not segs:
        return []
    segs = sorted(segs, key=lambda s: s.at)
    groups: list[list[Seg]] = [[segs[0]]]
    for s in segs[1:]:
        if s.at - groups[-1][-1].at <= SNAP:
            groups[-1].append(s)
        else:
            groups.append([s])
    out: list[Seg] = []
    for g in groups:
        at = sum(s.at for s in g) / len(g)
        pieces = sorted(g, key=lambda s: s.a)
        a, b = pieces[0].a, pieces[0].b
        for s in pieces[1:]:
            if s.a <= b + SNAP:
                b = max(b, s.b)
            else:
                out.append(Seg(at, a, b))
                a, b = s.a, s.b
        out.append(Seg(at, a, b))
    return out


def _touches(hs: Seg, vs: Seg) -> bool:
    return hs.a - SNAP <= vs.at <= hs.b + SNAP and vs.a - SNAP <= hs.at <= vs.b + SNAP


def find_tables(segments: tuple[list[Seg], list[Seg]]) -> list[Table]:
    """Group touching lines into tables, top to bottom."""
    h, v = _snap(segments[0]), _snap(segments[1])
    parent = list(range(len(h) + len(v)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, hs in enumerate(h):
        for j, vs in enumerate(v):
            if _touches(hs, vs):
                parent[root(i)] = root(len(h) + j)
    groups: dict[int, tuple[list[Seg], list[Seg]]] = {}
    for i, hs in enumerate(h):
        groups.setdefault(root(i), ([], []))[0].append(hs)
    for j, vs in enumerate(v):
        groups.setdefault(root(len(h) + j), ([], []))[1].append(vs)
    tables = []
    for gh, gv in groups.values():
        xs = _positions(s.at for s in gv)
        ys = _positions(s.at for s in gh)[::-1]
        if len(xs) < 2 or len(ys) < 2:
            continue
        table = Table(xs=xs, ys=ys, h=gh, v=gv)
        low, high = min(s.a for s in gv), max(s.b for s in gv)
        if high > ys[0] + 2 * SNAP:
            table.ys.insert(0, high)
            table.open_top = True
        if low < ys[-1] - 2 * SNAP:
            table.ys.append(low)
            table.open_bottom = True
        tables.append(table)
    return sorted(tables, key=lambda t: -t.top)


def _positions(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(values):
        if not out or x - out[-1] > SNAP:
            out.append(x)
    return out


# ---------------------------------------------------------------------------------------
# Tables and text → grid rows.


def _lay_out(
    doc: _Doc, textpage: Any, tables: list[Table], number: int, width: float, height: float
) -> None:
    """The page's rows, top to bottom: text bands between tables, and the tables."""
    top = height
    for k, table in enumerate(tables):
        cut_row = None
        if k == 0 and doc.carry is not None and _continues(doc.carry, table, textpage, height):
            table.xs = _positions([*doc.carry.xs, *table.xs])
            _remap(doc, doc.carry.xs, table.xs)
            cut_row = doc.cut_row if table.open_top else None
        else:
            doc.run_start = len(doc.rows)
        _text_band(doc, textpage, number, width, top, table.top)
        _table_rows(doc, textpage, table, number, cut_row)
        top = min(top, table.bottom)
    _text_band(doc, textpage, number, width, top, 0.0)
    last = tables[-1] if tables else None
    ends_page = last is not None and _at_most_a_line(_band_text(textpage, width, last.bottom, 0))
    doc.carry = last if ends_page else None
    doc.cut_row = len(doc.rows) - 1 if ends_page and last and last.open_bottom else None


def _remap(doc: _Doc, old: list[float], new: list[float]) -> None:
    """Re-lay the rows of a continued table on the columns of all its pieces together."""
    if len(new) == len(old):
        return
    index = [_nearest(new, x) for x in old]
    width = len(old) - 1
    for r in range(doc.run_start, len(doc.rows)):
        row = [""] * (len(new) - 1)
        spans = {j: doc.spans.pop((r, j), (1, 1)) for j in range(width)}
        for j, text in enumerate(doc.rows[r][:width]):
            row[index[j]] = text
            rowspan, colspan = spans[j]
            cols = index[min(j + colspan, width)] - index[j]
            if rowspan > 1 or cols > 1:
                doc.spans[(r, index[j])] = (rowspan, cols)
        doc.rows[r] = row


def _nearest(xs: list[float], x: float) -> int:
    return min(range(len(xs)), key=lambda i: abs(xs[i] - x))


def _at_most_a_line(text: str) -> bool:
    """Nothing but a page header or footer (one line) between a table and the page edge."""
    return "\n" not in text


def _continues(prev: Table, table: Table, textpage: Any, height: float) -> bool:
    """A table at the top of a page with the width of the last one of the page before."""
    same_edges = abs(prev.xs[0] - table.xs[0]) <= SNAP and abs(prev.xs[-1] - table.xs[-1]) <= SNAP
    return same_edges and _at_most_a_line(_band_text(textpage, 10_000.0, height, table.top))


def _band_text(textpage: Any, width: float, top: float, bottom: float) -> str:
    if top - bottom < 1:
        return ""
    return str(textpage.get_text_bounded(0, bottom, width, top)).strip()


def _text_band(
    doc: _Doc, textpage: Any, number: int, width: float, top: float, bottom: float
) -> None:
    """Text between tables: one row per line, cells split at wide gaps."""
    if top - bottom < 1 or not _band_text(textpage, width, top, bottom):
        return
    for cells in _lines(textpage, top, bottom):
        doc.rows.append(cells)
        doc.positions.append(RowPos(page=number))


def _lines(textpage: Any, top: float, bottom: float) -> list[list[str]]:
    """Characters between two heights grouped into lines, and lines into cells at gaps."""
    chars: list[tuple[float, float, float, float, str]] = []
    for i in range(textpage.count_chars()):
        left, b, right, t = textpage.get_charbox(i)
        if right - left <= 0 or not bottom <= (b + t) / 2 <= top:
            continue
        chars.append((left, b, right, t, textpage.get_text_range(i, 1)))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for ch in sorted(chars, key=lambda c: -(c[1] + c[3]) / 2):
        mid = (ch[1] + ch[3]) / 2
        if lines and abs(mid - (lines[-1][0][1] + lines[-1][0][3]) / 2) <= (ch[3] - ch[1]) / 2:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [_cells_of(sorted(line)) for line in lines]


def _cells_of(line: list[tuple[float, float, float, float, str]]) -> list[str]:
    size = max((c[3] - c[1] for c in line), default=10.0)
    cells, cur, prev_right = [], "", None
    for left, _, right, _, ch in line:
        if prev_right is not None and left - prev_right > 1.5 * size:
            cells.append(cur.strip())
            cur = ""
        elif prev_right is not None and left - prev_right > 0.25 * size:
            cur += " "
        cur += ch
        prev_right = right
    cells.append(cur.strip())
    return cells


def _table_rows(doc: _Doc, textpage: Any, table: Table, number: int, cut_row: int | None) -> None:
    """The table's rows; the first one joined to ``cut_row`` when a page break cut it."""
    xs, ys = table.xs, table.ys
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    first = len(doc.rows) - (1 if cut_row is not None else 0)
    rows = [[""] * n_cols for _ in range(n_rows)]
    for (i0, j0), (i1, j1) in _merged_cells(table).items():
        text = textpage.get_text_bounded(xs[j0], ys[i1 + 1], xs[j1 + 1], ys[i0])
        rows[i0][j0] = join_lines(str(text))
        if i1 > i0 or j1 > j0:
            doc.spans[(first + i0, j0)] = (i1 - i0 + 1, j1 - j0 + 1)
    if cut_row is not None:
        above = doc.rows[cut_row]
        rows[0] = [join_lines(f"{a}\n{b}") for a, b in zip(above, rows[0], strict=False)]
        doc.rows[cut_row] = rows.pop(0) + above[len(rows[0]) :]
    for i, row in enumerate(rows):
        doc.rows.append(row)
        doc.positions.append(RowPos(page=number, row=i + 1 + (cut_row is not None)))


def _merged_cells(table: Table) -> dict[tuple[int, int], tuple[int, int]]:
    """Top-left (row, col) → bottom-right (row, col) of each cell, merges included."""
    xs, ys = table.xs, table.ys
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = {(i, j): (i, j) for i in range(n_rows) for j in range(n_cols)}

    def root(p: tuple[int, int]) -> tuple[int, int]:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def join(p: tuple[int, int], q: tuple[int, int]) -> None:
        a, b = root(p), root(q)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for i in range(n_rows):
        mid_y = (ys[i] + ys[i + 1]) / 2
        for j in range(1, n_cols):
            if not any(
                abs(s.at - xs[j]) <= SNAP and s.a - SNAP <= mid_y <= s.b + SNAP for s in table.v
            ):
                join((i, j - 1), (i, j))
    for i in range(1, n_rows):
        for j in range(n_cols):
            mid_x = (xs[j] + xs[j + 1]) / 2
            if not any(
                abs(s.at - ys[i]) <= SNAP and s.a - SNAP <= mid_x <= s.b + SNAP for s in table.h
            ):
                join((i - 1, j), (i, j))
    cells: dict[tuple[int, int], tuple[int, int]] = {}
    for p in parent:
        r = root(p)
        i1, j1 = cells.get(r, r)
        cells[r] = (max(i1, p[0]), max(j1, p[1]))
    return cells


_LATIN = re.compile(r"[A-Za-z0-9]")


def join_lines(text: str) -> str:
    """A cell's lines joined: wrapped CJK text runs on; a space only between Latin words."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and _LATIN.match(out[-1]) and _LATIN.match(line[0]):
            out += " "
        out += line
    return out
