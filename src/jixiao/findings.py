"""Findings: a coded, located, explained problem with a form or a file, and its rendering;
``Extracted``: a form read, with the findings made while reading it."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.checks.codes import CODES, Severity
from jixiao.makers import positional
from jixiao.model.form import Form
from jixiao.model.source import Source


@dataclass(frozen=True, kw_only=True, slots=True)
class Location:
    """Where a finding points: a block of the form (header, funds, goal, indicators, footer),
    a row in it (fund row name or 1-based indicator number), a column (field name), and the
    source position of that cell."""

    block: str | None = None
    row: str | int | None = None
    column: str | None = None
    source: Source | None = None

    def to_json(self) -> dict[str, object]:
        src = self.source
        out: dict[str, object] = {"block": self.block, "row": self.row, "column": self.column}
        if not src:
            out["file"] = out["line"] = None
            return out
        out["file"], out["line"] = src.file, src.line
        if src.sheet:
            out["sheet"] = src.sheet
        if src.page:
            out["page"] = src.page
        if src.row:
            out["cell_row"], out["cell_column"] = src.row, src.column
        return out


_VALUE = {s: s.value for s in Severity}  # (an enum's ``.value`` is a slow property)


@dataclass(frozen=True, kw_only=True, slots=True)
class Finding:
    code: str
    message: str
    location: Location = Location()
    suggestion: str | None = None
    severity: Severity | None = None

    @property
    def level(self) -> Severity:
        """The severity in force: the one set on the finding, else the code's default."""
        return self.severity or CODES[self.code].severity

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": _VALUE[self.level],
            "message": self.message,
            "location": self.location.to_json(),
            "suggestion": self.suggestion,
        }

    def render(self) -> str:
        where = str(self.location.source) if self.location.source else "-"
        text = f"{where}: {self.code} [{self.level.label}] {self.message}"
        if self.suggestion:
            text += f"（建议：{self.suggestion}）"
        return text


def finding(
    code: str,
    message: str,
    source: Source | None = None,
    *,
    block: str | None = None,
    row: str | int | None = None,
    column: str | None = None,
    suggestion: str | None = None,
) -> Finding:
    """Shorthand to build a finding at a cell."""
    return _finding(code, message, _location(block, row, column, source), suggestion, None)


# Finding(…) and Location(…) with every field given in order (made positionally: a frozen
# class's keyword call costs three times as much, and checks make thousands).
_finding = positional(Finding)
_location = positional(Location)


@dataclass(frozen=True, kw_only=True, slots=True)
class Extracted:
    """A form and the findings made while reading it. (Made by the extractor; defined
    here, outside the compiled modules: a compiled frozen class cannot be unpickled, and
    the Dask workers send these back pickled.)"""

    form: Form
    findings: tuple[Finding, ...] = ()
