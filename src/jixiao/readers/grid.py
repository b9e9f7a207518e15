"""The grid every reader produces: rows of cell texts with spans and source positions.

Readers make grids; the extractor (``jixiao.extract``) makes forms from them. Cells are
plain strings for speed; a cell's ``Source`` is built on demand from the row's position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from jixiao.model.source import Source


class RowPos(NamedTuple):
    """Where a grid row came from: a text line, or a sheet/page row."""

    line: int | None = None
    sheet: str | None = None
    page: int | None = None
    row: int | None = None


def _no_spans() -> dict[tuple[int, int], tuple[int, int]]:
    return {}


@dataclass(frozen=True, kw_only=True, slots=True)
class Grid:
    """A table of cell texts.

    ``rows[r][c]`` is the text of cell (r, c), 0-based; ``positions[r]`` says where row r
    came from; ``spans[(r, c)] = (rowspan, colspan)`` for merged cells (the covered cells are
    empty strings). ``layout`` says how far rows and cells can be trusted: ``table``
    (rows and columns as laid out), ``words`` (rows are rows, but a cell holding spaces was
    split and empty cells were dropped) or ``cells`` (one cell a row: the rows were lost and
    the extractor regroups them by their labels); ``word-cells`` is both: one word a row.
    """

    file: str
    rows: list[list[str]]
    positions: list[RowPos]
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=_no_spans)
    layout: str = "table"

    def source(self, r: int, c: int | None = None) -> Source:
        return self.at(self.positions[r], c)

    def at(self, pos: RowPos, c: int | None = None) -> Source:
        """The source of a cell of a row from ``pos`` (a row of this grid or of its input)."""
        return Source(
            self.file, pos.line, pos.sheet, pos.page, pos.row, None if c is None else c + 1
        )
