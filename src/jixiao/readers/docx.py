"""docx reader (python-docx): the document body in order, paragraphs and tables, as one grid.

python-docx's ``table.cell()`` hands the same cell back for every grid position a merged
cell covers, so its text would repeat; this reader walks the table XML instead and turns
``gridSpan`` (merged across) and ``vMerge`` (merged down) into spans, leaving the covered
cells empty, as the other readers do. A paragraph outside a table is a one-cell row (the
form's title and year are often paragraphs). Sources: ``正文`` row N for the N-th
paragraph, ``表格K`` row/column for table K's cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao.findings import Finding
from jixiao.readers.grid import Grid, RowPos
from jixiao.readers.office import Unreadable, open_package


def read_docx(path: Path, file: str) -> tuple[list[Grid], list[Finding]]:
    with open_package(path):
        pass
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise Unreadable(f"docx 文件已损坏或不完整（{type(exc).__name__}: {exc}）") from exc
    builder = _Builder(file)
    builder.body(document.element.body)
    return [builder.grid()], []


class _Builder:
    """Rows, positions and spans of the document, block after block."""

    def __init__(self, file: str) -> None:
        from docx.oxml.ns import qn

        self.file = file
        self.rows: list[list[str]] = []
        self.positions: list[RowPos] = []
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}
        self.paragraphs = 0
        self.tables = 0
        self.tag = {name: qn(f"w:{name}") for name in _TAGS}

    def body(self, body: Any) -> None:
        t = self.tag
        for child in body.iterchildren():
            if child.tag == t["p"]:
                self.paragraphs += 1
                text = _paragraph_text(child, t)
                if text.strip():
                    self.rows.append([text])
                    self.positions.append(RowPos(sheet="正文", row=self.paragraphs))
            elif child.tag == t["tbl"]:
                self.table(child)
            elif child.tag == t["sdt"]:
                content = child.find(t["sdtContent"])
                if content is not None:
                    self.body(content)

    def table(self, tbl: Any) -> None:
        t = self.tag
        self.tables += 1
        name = f"表格{self.tables}"
        first = len(self.rows)
        open_down: dict[int, tuple[int, int]] = {}  # grid column → (grid row, col) of its top
        for r, tr in enumerate(tbl.iterchildren(t["tr"])):
            row: list[str] = []
            col = _grid_before(tr, t)
            row.extend([""] * col)
            for tc in _cells(tr, t):
                span, merge = _cell_props(tc, t)
                gr = first + r
                if merge == "continue" and col in open_down:
                    top = open_down[col]
                    _, cs = self.spans.get(top, (1, span))
                    self.spans[top] = (gr - top[0] + 1, cs)
                    row.extend([""] * span)
                else:
                    row.append(_cell_text(tc, t))
                    row.extend([""] * (span - 1))
                    if span > 1:
                        self.spans[(gr, col)] = (1, span)
                    if merge == "restart":
                        open_down[col] = (gr, col)
                    else:
                        open_down.pop(col, None)
                col += span
            self.rows.append(row)
            self.positions.append(RowPos(sheet=name, row=r + 1))

    def grid(self) -> Grid:
        return Grid(file=self.file, rows=self.rows, positions=self.positions, spans=self.spans)


_TAGS = (
    "p",
    "r",
    "t",
    "tab",
    "br",
    "cr",
    "tbl",
    "tr",
    "tc",
    "tcPr",
    "gridSpan",
    "vMerge",
    "val",
    "trPr",
    "gridBefore",
    "sdt",
    "sdtContent",
    "customXml",
    "ins",
    "hyperlink",
    "smartTag",
)


def _cells(tr: Any, t: dict[str, str]) -> list[Any]:
    """A row's cells, also those wrapped in content controls or custom XML."""
    out = []
    for child in tr.iterchildren():
        if child.tag == t["tc"]:
            out.append(child)
        elif child.tag in (t["sdt"], t["customXml"]):
            out.extend(child.iter(t["tc"]))
    return out


def _grid_before(tr: Any, t: dict[str, str]) -> int:
    pr = tr.find(t["trPr"])
    el = pr.find(t["gridBefore"]) if pr is not None else None
    return int(el.get(t["val"], "0")) if el is not None else 0


def _cell_props(tc: Any, t: dict[str, str]) -> tuple[int, str | None]:
    """(gridSpan, vMerge state: 'restart', 'continue' or None)."""
    pr = tc.find(t["tcPr"])
    if pr is None:
        return 1, None
    span_el = pr.find(t["gridSpan"])
    span = max(1, int(span_el.get(t["val"], "1"))) if span_el is not None else 1
    merge_el = pr.find(t["vMerge"])
    if merge_el is None:
        return span, None
    return span, "restart" if merge_el.get(t["val"]) == "restart" else "continue"


def _cell_text(tc: Any, t: dict[str, str]) -> str:
    """The cell's paragraphs joined by newlines (nested tables' text included)."""
    lines = [_paragraph_text(p, t) for p in tc.iter(t["p"])]
    return "\n".join(lines).strip("\n")


def _paragraph_text(p: Any, t: dict[str, str]) -> str:
    parts: list[str] = []
    for run in p.iter(t["r"]):
        for el in run.iterchildren():
            if el.tag == t["t"]:
                parts.append(el.text or "")
            elif el.tag == t["tab"]:
                parts.append(" ")
            elif el.tag in (t["br"], t["cr"]):
                parts.append("\n")
    return "".join(parts)
