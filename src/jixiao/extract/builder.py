"""The state of one form while its rows are read (``Builder``), and a row's label keys
(``Keys``) with the helpers every row kind uses."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract.labels import SEP, clean, key_and_hint
from jixiao.findings import Finding, finding
from jixiao.model import FundRow, Indicator, Source
from jixiao.readers.grid import Grid


class Builder:
    """Mutable state while one form is read; turned into a frozen ``Form`` at the end. (A
    plain class: compiled, its ``__init__`` is native; a dataclass's, with its default
    factories, ran as Python, 15k instructions a form.)"""

    def __init__(self, *, grid: Grid, block: str = "header") -> None:
        self.grid = grid
        self.title = ""
        self.year: int | None = None
        self.values: dict[str, str] = {}
        self.sources: dict[str, Source] = {}
        self.funds: dict[str, FundRow] = {}
        self.fund_cols: dict[str, int] = {}
        self.fund_by_col: dict[int, str] = {}  # fund_cols inverted
        self.goal_cols: tuple[int, int] | None = None
        self.goal_texts: tuple[list[str], list[str]] = ([], [])
        self.goal_sources: dict[str, Source] = {}
        self.ind_cols: dict[str, int] = {}
        self.ind_width = 0  # cells in the indicator header row
        self.ind_aligned: tuple[int, ...] | None = None  # the columns of indicators._aligned_row
        self.pre_header: list[str] = []
        self.tail_cols: tuple[str, ...] = ()  # a lower header's score columns, right-aligned
        self.indicators: list[Indicator] = []
        # Indicators (by position) whose wrapped texts left their scores to after 总分.
        self.awaiting: list[int] = []
        self.level1 = ""
        self.level2 = ""
        self.total: Decimal | None = None
        self.grade: str | None = None
        self.block = block
        self.findings: list[Finding] = []

    def note(self, r: int, c: int | None, message: str, block: str | None = None) -> None:
        self.findings.append(
            finding("JX003", message, self.grid.source(r, c), block=block or self.block)
        )


class Keys:
    """A row's keys (``cells``, one a cell), with ``joined`` = SEP + SEP.join(cells):
    ``SEP + p in joined`` tells in one C-level search whether some key starts with ``p``;
    ``hint``: whether a cell holds a label a row is told by, 2 when one surely does, 1 when
    one may (the highest of its cells' ``labels.key_and_hint``). Rows with the same cells
    share one ``Keys`` (``grid_keys``): never modify one. (A compiled class: its fields
    are read and its cells indexed directly, where a list subclass took Python's generic
    calls.)"""

    def __init__(self, cells: list[str], joined: str, hint: int) -> None:
        self.cells = cells
        self.joined = joined
        self.hint = hint


def row_keys(row: list[str]) -> Keys:
    cells: list[str] = []
    hint = 0
    for cell in row:
        k, label = key_and_hint(cell)
        cells.append(k)
        if label > hint:
            hint = label
    return Keys(cells, SEP + SEP.join(cells), hint)


def grid_keys(rows: list[list[str]]) -> list[Keys]:
    """Every row's keys; rows with the same cells share theirs (a document repeats its
    template's rows: blank ones, labels, headers)."""
    made: dict[tuple[str, ...], Keys] = {}
    out = []
    for row in rows:
        cells = tuple(row)
        keys = made.get(cells)
        if keys is None:
            keys = made[cells] = row_keys(row)
        out.append(keys)
    return out


def first_filled(keys: Keys) -> int | None:
    """The column of the row's first filled cell, None when all are empty (counted from the
    separators before it in ``joined``: keys hold no SEP, which is whitespace)."""
    rest = keys.joined.lstrip(SEP)
    return len(keys.joined) - len(rest) - 1 if rest else None


def first_key(keys: Keys) -> str:
    # (a loop: compiled, it costs a third of ``next(filter(None, keys.cells))``)
    for k in keys.cells:
        if k:
            return k
    return ""


def has(keys: Keys, *prefixes: str) -> bool:
    """Whether some key of the row starts with one of the prefixes."""
    joined = keys.joined
    return any(SEP + p in joined for p in prefixes)


def needles(*prefixes: str) -> tuple[str, ...]:
    """What ``has_any`` looks for in ``joined``: each prefix after the separator. (Tests run
    on every row make theirs once, as module constants.)"""
    return tuple(SEP + p for p in prefixes)


def has_any(keys: Keys, wanted: tuple[str, ...]) -> bool:
    """Whether some key of the row starts with one of the prefixes of ``wanted`` (from
    ``needles``): a substring search each, which costs a fraction of a regular
    expression's call on a row's few cells."""
    joined = keys.joined
    return any(needle in joined for needle in wanted)


def preview(row: list[str]) -> str:
    text = " | ".join(clean(c) for c in row if c.strip())
    return text if len(text) <= 60 else text[:57] + "…"
