"""The grid every reader produces: rows of cell texts with spans and source positions.

Readers make grids; the extractor (``jixiao.extract``) makes forms from them. Cells are
plain strings for speed; a cell's ``Source`` is built on demand from the row's position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NamedTuple

from jixiao.model.source import RowAt, Source


class RowPos(NamedTuple):
    """Where a grid row came from: a text line, or a sheet/page row."""

    line: int | None = None
    sheet: str | None = None
    page: int | None = None
    row: int | None = None


def _no_spans() -> dict[tuple[int, int], tuple[int, int]]:
    return {}


# Positions and sources are made for every row read; ``tuple.__new__`` makes the same named
# tuple as calling the class, without the Python function its ``__new__`` is.
_new: Final = tuple.__new__


def line_positions(count: int) -> list[RowPos]:
    """The positions of a text split one row a line: lines 1 to ``count``. A new list;
    the positions of the first lines are shared (immutable; every text starts at line 1).
    The shared ones are replaced whole, never extended in place: threads reading texts at
    once may each make them, and none sees them half made."""
    global _LINES
    shared = min(count, _SHARED_LINES)
    lines = _LINES
    if len(lines) < shared:
        grown = min(max(shared, 2 * len(lines)), _SHARED_LINES)
        lines = _LINES = tuple(_line(n) for n in range(1, grown + 1))
    positions = list(lines[:shared])
    positions.extend(_line(n) for n in range(shared + 1, count + 1))
    return positions


def _line(n: int) -> RowPos:
    return _new(RowPos, (n, None, None, None))


_SHARED_LINES = 100_000  # (not Final: a test lowers it, which compiled code would not see)
_LINES: tuple[RowPos, ...] = ()  # line n's position at [n - 1], as far as a text has needed


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
        line, sheet, page, row = self.positions[r]
        return _new(Source, (self.file, line, sheet, page, row, None if c is None else c + 1))

    def row_at(self, r: int) -> RowAt:
        """Row r's place as a plain tuple (what a form keeps: ``RowAt``)."""
        line, sheet, page, row = self.positions[r]
        return (self.file, line, sheet, page, row)

    def at(self, pos: RowPos, c: int | None = None) -> Source:
        """The source of a cell of a row from ``pos`` (a row of this grid or of its input)."""
        return _new(
            Source,
            (self.file, pos.line, pos.sheet, pos.page, pos.row, None if c is None else c + 1),
        )
