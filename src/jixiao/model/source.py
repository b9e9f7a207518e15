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


class RowSources(Mapping[str, Source]):
    """The sources of a row's cells, made on demand: field name → Source of its column.

    Readers make hundreds of thousands of cells; building a ``Source`` for each would cost
    more than reading them. ``shift`` is how far the row was moved to realign it.
    """

    __slots__ = ("_base", "_cols", "_shift")

    def __init__(self, base: Source, cols: Mapping[str, int], shift: int = 0) -> None:
        self._base, self._cols, self._shift = base, cols, shift

    def __getitem__(self, name: str) -> Source:
        c = self._cols[name] - self._shift
        b = self._base  # built directly: NamedTuple._replace costs several times more
        return Source(b.file, b.line, b.sheet, b.page, b.row, max(c, 0) + 1)

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)
