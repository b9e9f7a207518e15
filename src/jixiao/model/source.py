"""Where a piece of a form came from: file, and line or sheet/page/row/column."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple


class Source(NamedTuple):
    """A position in an input file (immutable; a named tuple because readers make many).

    ``line`` is the 1-based text line (text formats); ``sheet``/``page`` name the part of a
    document; ``row`` and ``column`` are 1-based grid coordinates of the cell.
    """

    file: str
    line: int | None = None
    sheet: str | None = None
    page: int | None = None
    row: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(self.sheet)
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            parts.append(str(self.line))
        elif self.row is not None:
            parts.append(f"R{self.row}")
        if self.column is not None:
            parts.append(f"C{self.column}" if self.line is None else str(self.column))
        return ":".join(parts)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"file": self.file, "line": self.line}
        for key in ("sheet", "page", "row", "column"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


# A row's place, as a plain tuple: (file, line, sheet, page, row). Forms keep theirs as
# plain tuples, which the cyclic garbage collector stops watching once it has seen them
# (it keeps watching every named tuple): held forms then cost each of its passes less.
RowAt = tuple[str, int | None, str | None, int | None, int | None]
_new = tuple.__new__  # the named tuple from a plain one, without its Python ``__new__``


class RowSources(Mapping[str, Source]):
    """The sources of a row's cells, made on demand: field name → Source of its column.

    Readers make hundreds of thousands of cells; building a ``Source`` for each would cost
    more than reading them. ``shift`` is how far the row was moved to realign it.
    """

    __slots__ = ("_at", "_cols", "_shift")

    def __init__(self, at: RowAt, cols: Mapping[str, int], shift: int = 0) -> None:
        self._at, self._cols, self._shift = at, cols, shift

    @classmethod
    def of(cls, source: Source, cols: Mapping[str, int] | None = None) -> RowSources:
        """The sources of the cells of ``source``'s row."""
        return cls((source.file, source.line, source.sheet, source.page, source.row), cols or {})

    @property
    def row(self) -> Source:
        """The row's own source (no column)."""
        return _new(Source, (*self._at, None))

    def __getitem__(self, name: str) -> Source:
        return _new(Source, (*self._at, max(self._cols[name] - self._shift, 0) + 1))

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)


class CellSources(Mapping[str, Source]):
    """Field name → the Source of its cell, for a form's or a goal's fields: kept as plain
    tuples (see ``RowAt``), each made a ``Source`` when asked for."""

    __slots__ = ("_cells",)

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self._cells = {name: tuple(src) for name, src in sources.items()}

    def __getitem__(self, name: str) -> Source:
        return _new(Source, self._cells[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._cells)

    def __len__(self) -> int:
        return len(self._cells)
