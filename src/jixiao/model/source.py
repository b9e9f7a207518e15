"""Where a piece of a form came from: file, and line or sheet/page/row/column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """A position in an input file.

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
