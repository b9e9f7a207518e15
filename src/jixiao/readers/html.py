"""HTML reader (lxml): a web page's tables and text, in page order, as one grid.

A data table (one with no table inside it) becomes rows of cells with its ``rowspan`` and
``colspan`` as spans; a layout table (one holding other tables) is read as plain content.
Text outside tables (titles, the year, the page's own chrome) becomes one-cell rows, one
per line, so the extractor sees a form's title above its table. Each row keeps its
source line, and table rows also their table number and row.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.findings import Finding
from jixiao.readers.grid import Grid, RowPos

_SKIP = frozenset({"script", "style", "head", "noscript", "template", "select", "option"})
_BLOCK = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "tr",
        "td",
        "th",
        "table",
        "caption",
        "center",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "form",
        "body",
        "title",
    }
)
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\xa0\u3000]+")
_PROLOG_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


def looks_like_html(text: str) -> bool:
    """A page, not tab text that happens to hold a ``<p>``: it has a table or an html tag."""
    head = text[:65536]
    if "<" not in head:  # (before lowering it: most text files have none)
        return False
    head = head.lower()
    return "<table" in head or "<html" in head or "<!doctype html" in head


def read_html(text: str, file: str) -> tuple[list[Grid], list[Finding]]:
    import lxml.html

    root = lxml.html.document_fromstring(_PROLOG_RE.sub("", text, count=1) or "<html/>")
    walker = _Walker(file)
    walker.walk(root)
    walker.flush(None)
    return [walker.grid()], []


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.rows: list[list[str]] = []
        self.positions: list[RowPos] = []
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}
        self.buf: list[str] = []
        self.buf_line: int | None = None
        self.tables = 0

    def walk(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in _SKIP:
            if tag == "table" and not _has_table(el):
                self.flush(el.sourceline)
                self.table(el)
            else:
                self.inline(el, tag)
        if el.tail:
            self.text(el.tail, el.sourceline)

    def inline(self, el: Any, tag: str) -> None:
        block = tag in _BLOCK
        if block or tag == "br":
            self.flush(el.sourceline)
        if el.text and tag:
            self.text(el.text, el.sourceline)
        for child in el:
            self.walk(child)
        if block:
            self.flush(el.sourceline)

    def text(self, text: str, line: int | None) -> None:
        if self.buf_line is None:
            self.buf_line = line
        self.buf.append(text)

    def flush(self, line: int | None) -> None:
        text = _norm("".join(self.buf))
        if text:
            self.rows.append([text])
            self.positions.append(RowPos(line=self.buf_line or line))
        self.buf, self.buf_line = [], None

    def grid(self) -> Grid:
        return Grid(file=self.file, rows=self.rows, positions=self.positions, spans=self.spans)

    def table(self, table: Any) -> None:
        self.tables += 1
        name = f"表格{self.tables}"
        first = len(self.rows)
        taken: set[tuple[int, int]] = set()
        trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        grid: list[list[str]] = []
        for r, tr in enumerate(trs):
            row: list[str] = []
            grid.append(row)
            c = 0
            for td in tr.xpath("./td|./th"):
                while (r, c) in taken:
                    c += 1
                rs, cs = _span(td.get("rowspan")), _span(td.get("colspan"))
                for rr in range(r, r + rs):
                    for cc in range(c, c + cs):
                        taken.add((rr, cc))
                _put(row, c, cell_text(td))
                if rs > 1 or cs > 1:
                    self.spans[(first + r, c)] = (min(rs, len(trs) - r), cs)
                c += cs
            self.positions.append(RowPos(line=tr.sourceline, sheet=name, row=r + 1))
        width = max((c + 1 for _, c in taken), default=0)
        for row in grid:
            row.extend([""] * (width - len(row)))
            self.rows.append(row)


def _put(row: list[str], c: int, text: str) -> None:
    if len(row) <= c:
        row.extend([""] * (c + 1 - len(row)))
    row[c] = text


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _has_table(el: Any) -> bool:
    return any(True for _ in el.iterdescendants("table"))


def cell_text(td: Any) -> str:
    """A cell's text: ``<br>`` and block elements break lines, whitespace runs collapse."""
    lines: list[str] = []
    buf: list[str] = []

    def visit(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            pass
        else:
            if tag == "br" or (tag in _BLOCK and el is not td):
                lines.append("".join(buf))
                buf.clear()
            if el.text:
                buf.append(el.text)
            for child in el:
                visit(child)
            if tag in _BLOCK and el is not td:
                lines.append("".join(buf))
                buf.clear()
        if el.tail and el is not td:
            buf.append(el.tail)

    visit(td)
    lines.append("".join(buf))
    return "\n".join(t for t in (_norm(line) for line in lines) if t)
