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
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from jixiao.findings import Finding, finding
from jixiao.model.source import Source
from jixiao.readers.grid import Grid, RowPos
from jixiao.readers.office import Unreadable

MAX_PAGES = 2000
SNAP = 2.0  # points: strokes closer than this are one line
THIN = 3.0  # points: a path thinner than this is a line
PAGE_FOOT = 0.15  # a table ending this close to the page's foot may go on on the next page
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
    neg_ys: list[float] = field(init=False)  # the row lines negated, ascending: to bisect
    _layout: tuple[dict[Pos, Pos], dict[Pos, Pos]] | None = None

    def __post_init__(self) -> None:
        self.neg_ys = [-y for y in self.ys]

    def widen(self, xs: list[float]) -> None:
        """Take the columns of the table this one continues."""
        self.xs, self._layout = xs, None

    def layout(self) -> tuple[dict[Pos, Pos], dict[Pos, Pos]]:
        if self._layout is None:
            self._layout = _merged_cells(self)
        return self._layout

    def locate(self, x: float, y: float) -> Pos:
        """The elementary cell (row, column) holding a point inside the table."""
        j = min(max(bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        i = min(max(bisect_right(self.neg_ys, -y) - 1, 0), len(self.ys) - 2)
        return i, j

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
    cut_row: int | None = None  # its last row, which a page break may have cut in two
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
        _, height = page.get_size()
        tables = find_tables(_segments(page))
        _lay_out(doc, _Page.sort(_chars(textpage, text), tables), number, height)
    finally:
        textpage.close()


# ---------------------------------------------------------------------------------------
# Ruling lines → tables.


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _segments(page: Any) -> tuple[list[Seg], list[Seg]]:
    """The page's horizontal and vertical strokes (and the edges of stroked boxes), also
    those inside form XObjects, in page space."""
    import pypdfium2.raw as raw

    h: list[Seg] = []
    v: list[Seg] = []
    count, get = raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject
    _collect(raw, [get(page.raw, i) for i in range(count(page.raw))], _IDENTITY, h, v, 0)
    return h, v


def _collect(raw: Any, objs: list[Any], m: Matrix, h: list[Seg], v: list[Seg], depth: int) -> None:
    box = [ctypes.c_float() for _ in range(4)]
    for obj in objs:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:
            inner = [
                raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))
            ]
            _collect(raw, inner, _times(_matrix(raw, obj), m), h, v, depth + 1)
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        raw.FPDFPageObj_GetBounds(obj, *box)
        x0, y0 = _apply(m, box[0].value, box[1].value)
        x1, y1 = _apply(m, box[2].value, box[3].value)
        left, right, bottom, top = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        w, ht = right - left, top - bottom
        if ht <= THIN < w:
            h.append(Seg((bottom + top) / 2, left, right))
        elif w <= THIN < ht:
            v.append(Seg((left + right) / 2, bottom, top))
        elif w > THIN and ht > THIN and _stroked(obj, raw):
            _path_edges(obj, raw, _times(_matrix(raw, obj), m), h, v)


def _matrix(raw: Any, obj: Any) -> Matrix:
    fs = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, fs):
        return _IDENTITY
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def _times(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies ``inner``, then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _stroked(obj: Any, raw: Any) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    return bool(stroke.value)


def _path_edges(obj: Any, raw: Any, m: Matrix, h: list[Seg], v: list[Seg]) -> None:
    """Axis-parallel straight pieces of a stroked path, in page space."""
    x, y = ctypes.c_float(), ctypes.c_float()
    prev: tuple[float, float] | None = None
    start: tuple[float, float] | None = None
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        point = _apply(m, x.value, y.value)
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
        low, high = min(s.a for s in gv), max(s.b for s in gv)
        open_top, open_bottom = high > ys[0] + 2 * SNAP, low < ys[-1] - 2 * SNAP
        ys = [*([high] if open_top else []), *ys, *([low] if open_bottom else [])]
        tables.append(Table(xs, ys, gh, gv, open_top, open_bottom))
    return sorted(tables, key=lambda t: -t.top)


def _positions(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(values):
        if not out or x - out[-1] > SNAP:
            out.append(x)
    return out


# ---------------------------------------------------------------------------------------
# Tables and text → grid rows.

_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


class Char(NamedTuple):
    """A character of the text layer, its box, and whether pdfium made it up (a space it
    inferred from a gap, or a line break)."""

    left: float
    bottom: float
    right: float
    top: float
    ch: str
    generated: bool

    @property
    def cy(self) -> float:
        return (self.bottom + self.top) / 2


_HYPHEN = {"\ufffe": "-"}  # pdfium's mark for a hyphen it took for a line-end one


def _chars(textpage: Any, text: str) -> list[Char]:
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    if len(text) != n:  # characters beyond the BMP: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
    box = [ctypes.c_double() for _ in range(4)]
    get_box, is_generated, handle = raw.FPDFText_GetCharBox, raw.FPDFText_IsGenerated, textpage.raw
    out: list[Char] = []
    for i, ch in enumerate(text):
        if ch in "\r\n":
            continue
        get_box(handle, i, *box)
        left, right, bottom, top = box[0].value, box[1].value, box[2].value, box[3].value
        generated = ch == " " and bool(is_generated(handle, i))
        out.append(Char(left, bottom, right, top, _HYPHEN.get(ch, ch), generated))
    return out


def _lines_of(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines (top to bottom), each line left to right. Lines are
    made of the full-height characters (a box overlapping the line's); the small ones
    (quotes and dots that sit high or low, dashes, generated spaces) join the line whose
    band holds their middle, or the nearest."""
    heights = sorted(c.top - c.bottom for c in chars if c.top > c.bottom)
    tall = 0.6 * heights[len(heights) // 2] if heights else 0.0
    lines: list[tuple[float, float, list[Char]]] = []
    small: list[Char] = []
    for c in sorted(chars, key=lambda c: -(c.bottom + c.top)):
        if c.top - c.bottom < tall or c.top <= c.bottom:
            small.append(c)
            continue
        if lines:
            low, high, line = lines[-1]
            overlap = (c.top if c.top < high else high) - (c.bottom if c.bottom > low else low)
            if overlap > 0.3 * (c.top - c.bottom if c.top - c.bottom < high - low else high - low):
                lines[-1] = (
                    c.bottom if c.bottom < low else low,
                    c.top if c.top > high else high,
                    line,
                )
                line.append(c)
                continue
        lines.append((c.bottom, c.top, [c]))
    for c in small:
        mid = (c.bottom + c.top) / 2
        if not lines:
            lines.append((c.bottom, c.top, [c]))
            continue
        best = min(
            lines,
            key=lambda ln: (
                0.0 if ln[0] <= mid <= ln[1] else min(abs(mid - ln[0]), abs(mid - ln[1]))
            ),
        )
        best[2].append(c)
    return [sorted(line, key=_left) for _, _, line in lines]


def _left(c: Char) -> float:
    return c.left


def _line_text(line: list[Char]) -> str:
    """A line's text. A space pdfium inferred beside a CJK character is typesetting (Word
    and LibreOffice set a gap between Chinese and Latin text), not text: dropped."""
    out: list[str] = []
    for k, c in enumerate(line):
        if c.ch == " ":
            if c.generated and _beside_cjk(line, k):
                continue
            if out and out[-1] == " ":
                continue
        out.append(c.ch)
    return "".join(out).strip()


def _beside_cjk(line: list[Char], k: int) -> bool:
    before = line[k - 1].ch if k > 0 else ""
    after = line[k + 1].ch if k + 1 < len(line) else ""
    return bool(_CJK_RE.match(before) or _CJK_RE.match(after))


def cell_text(chars: list[Char]) -> str:
    return join_lines("\n".join(_line_text(line) for line in _lines_of(chars)))


@dataclass
class _Page:
    """A page's characters sorted into table cells and the text around the tables."""

    tables: list[Table]
    cells: list[dict[tuple[int, int], list[Char]]]
    loose: list[Char]

    @classmethod
    def sort(cls, chars: list[Char], tables: list[Table]) -> _Page:
        roots = [t.layout()[1] for t in tables]
        cells: list[dict[Pos, list[Char]]] = [{} for _ in tables]
        loose: list[Char] = []
        boxes = [(t.xs[0], t.xs[-1], t.bottom, t.top, t.xs, t.neg_ys) for t in tables]
        for c in chars:
            cx, cy = (c.left + c.right) / 2, (c.bottom + c.top) / 2
            for k, (x0, x1, y0, y1, xs, neg_ys) in enumerate(boxes):
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    # bisect, kept inside the table (a point on its far edge is in its
                    # last row or column)
                    j = bisect_right(xs, cx) - 1
                    i = bisect_right(neg_ys, -cy) - 1
                    j = j if j < len(xs) - 1 else len(xs) - 2
                    i = i if i < len(neg_ys) - 1 else len(neg_ys) - 2
                    cells[k].setdefault(
                        roots[k][(i if i > 0 else 0, j if j > 0 else 0)], []
                    ).append(c)
                    break
            else:
                loose.append(c)
        return cls(tables, cells, loose)

    def band(self, top: float, bottom: float) -> list[Char]:
        return [c for c in self.loose if bottom <= c.cy <= top]


def _lay_out(doc: _Doc, page: _Page, number: int, height: float) -> None:
    """The page's rows, top to bottom: text bands between tables, and the tables."""
    top = height
    for k, table in enumerate(page.tables):
        carried = None
        if k == 0 and doc.carry is not None and _continues(doc.carry, table, page, height):
            table.widen(_positions([*doc.carry.xs, *table.xs]))
            _remap(doc, doc.carry.xs, table.xs)
            carried = doc.cut_row
            page.cells[0] = _resort(page.cells[0], table)
        else:
            doc.run_start = len(doc.rows)
        _text_band(doc, page.band(top, table.top), number)
        _table_rows(doc, page.cells[k], table, number, carried)
        top = min(top, table.bottom)
    _text_band(doc, page.band(top, -1.0), number)
    last = page.tables[-1] if page.tables else None
    ends_page = (
        last is not None
        and last.bottom <= PAGE_FOOT * height
        and len(_lines_of(page.band(last.bottom, -1.0))) <= 1
    )
    doc.carry = last if ends_page else None
    doc.cut_row = len(doc.rows) - 1 if ends_page else None


def _resort(
    cells: dict[tuple[int, int], list[Char]], table: Table
) -> dict[tuple[int, int], list[Char]]:
    """A table's characters sorted again into its cells after its columns changed."""
    roots = table.layout()[1]
    out: dict[Pos, list[Char]] = {}
    for c in (c for chars in cells.values() for c in chars):
        out.setdefault(roots[table.locate((c.left + c.right) / 2, c.cy)], []).append(c)
    return out


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


def _continues(prev: Table, table: Table, page: _Page, height: float) -> bool:
    """A table at the top of a page with the width of the last one of the page before
    (a page header of one line above it at most)."""
    same_edges = abs(prev.xs[0] - table.xs[0]) <= SNAP and abs(prev.xs[-1] - table.xs[-1]) <= SNAP
    return same_edges and len(_lines_of(page.band(height + 1, table.top))) <= 1


def _text_band(doc: _Doc, chars: list[Char], number: int) -> None:
    """Text between tables: one row per line, cells split at wide gaps."""
    for line in _lines_of(chars):
        cells = [t for t in (_line_text(part) for part in _split_at_gaps(line)) if t]
        if cells:
            doc.rows.append(cells)
            doc.positions.append(RowPos(page=number))


def _split_at_gaps(line: list[Char]) -> list[list[Char]]:
    size = max((c.top - c.bottom for c in line), default=10.0)
    parts: list[list[Char]] = [[]]
    right: float | None = None
    for c in line:
        if c.right <= c.left:  # a generated space: no box of its own
            parts[-1].append(c)
            continue
        if right is not None and c.left - right > 1.5 * size:
            parts.append([])
        parts[-1].append(c)
        right = c.right
    return parts


def _table_rows(
    doc: _Doc,
    cells: dict[tuple[int, int], list[Char]],
    table: Table,
    number: int,
    carried: int | None,
) -> None:
    """The table's rows. When it continues the table of the page before (``carried``: that
    table's last row), its first row is joined to that row if a page break cut the row in
    two, which the lines running past the break show (``open_top``). (LibreOffice closes
    both halves of a cut row with a border: those stay two rows.)"""
    n_rows, n_cols = len(table.ys) - 1, len(table.xs) - 1
    rows = [[""] * n_cols for _ in range(n_rows)]
    spans: dict[Pos, tuple[int, int]] = {}
    for (i0, j0), (i1, j1) in table.layout()[0].items():
        rows[i0][j0] = cell_text(cells.get((i0, j0), []))
        if i1 > i0 or j1 > j0:
            spans[(i0, j0)] = (i1 - i0 + 1, j1 - j0 + 1)
    joined = carried is not None and table.open_top
    first = len(doc.rows) - (1 if joined else 0)
    for (i, j), span in spans.items():
        if not (joined and i == 0):
            doc.spans[(first + i, j)] = span
    if joined and carried is not None:
        above = doc.rows[carried]
        rows[0] = [join_lines(f"{a}\n{b}") for a, b in zip(above, rows[0], strict=False)]
        doc.rows[carried] = rows.pop(0) + above[len(rows[0]) :]
    for i, row in enumerate(rows):
        doc.rows.append(row)
        doc.positions.append(RowPos(page=number, row=i + 1 + joined))


Pos = tuple[int, int]


def _merged_cells(table: Table) -> tuple[dict[Pos, Pos], dict[Pos, Pos]]:
    """The table's cells, merges included: top-left → bottom-right, and every elementary
    cell → the top-left of the cell it is part of."""
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

    v_at = _by_line(table.v, xs)
    h_at = _by_line(table.h, ys)
    for i in range(n_rows):
        mid_y = (ys[i] + ys[i + 1]) / 2
        for j in range(1, n_cols):
            if not any(a - SNAP <= mid_y <= b + SNAP for a, b in v_at.get(j, ())):
                join((i, j - 1), (i, j))
    for i in range(1, n_rows):
        for j in range(n_cols):
            mid_x = (xs[j] + xs[j + 1]) / 2
            if not any(a - SNAP <= mid_x <= b + SNAP for a, b in h_at.get(i, ())):
                join((i - 1, j), (i, j))
    cells: dict[Pos, Pos] = {}
    roots: dict[Pos, Pos] = {}
    for p in parent:
        r = roots[p] = root(p)
        i1, j1 = cells.get(r, r)
        cells[r] = (max(i1, p[0]), max(j1, p[1]))
    return cells, roots


def _by_line(segs: list[Seg], positions: list[float]) -> dict[int, list[tuple[float, float]]]:
    """Segments grouped by the row or column line they lie on (index into positions)."""
    out: dict[int, list[tuple[float, float]]] = {}
    for s in segs:
        k = _nearest(positions, s.at)
        if abs(positions[k] - s.at) <= SNAP:
            out.setdefault(k, []).append((s.a, s.b))
    return out


_LATIN = re.compile(r"[A-Za-z]")


def join_lines(text: str) -> str:
    """A cell's lines joined: wrapped text runs on (numbers too: a narrow cell wraps
    ``2,087.07`` inside the number); a space only between two Latin letters."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and _LATIN.match(out[-1]) and _LATIN.match(line[0]):
            out += " "
        out += line
    return out
