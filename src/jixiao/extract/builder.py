"""The state of one form while its rows are read (``Builder``), the result (``Extracted``),
and a row's label keys (``Keys``) with the helpers every row kind uses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.extract.labels import clean, key
from jixiao.findings import Finding, finding
from jixiao.model import Form, FundRow, Indicator, Source
from jixiao.readers.grid import Grid


@dataclass(frozen=True, kw_only=True, slots=True)
class Extracted:
    """A form and the findings made while reading it."""

    form: Form
    findings: tuple[Finding, ...] = ()


@dataclass(kw_only=True)
class Builder:
    """Mutable state while one form is read; turned into a frozen ``Form`` at the end."""

    grid: Grid
    title: str = ""
    year: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    funds: dict[str, FundRow] = field(default_factory=dict)
    fund_cols: dict[str, int] = field(default_factory=dict)
    fund_by_col: dict[int, str] = field(default_factory=dict)  # fund_cols inverted
    goal_cols: tuple[int, int] | None = None
    goal_texts: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    goal_sources: dict[str, Source] = field(default_factory=dict)
    ind_cols: dict[str, int] = field(default_factory=dict)
    ind_width: int = 0  # cells in the indicator header row
    pre_header: list[str] = field(default_factory=list)
    tail_cols: tuple[str, ...] = ()  # a lower header's score columns, right-aligned
    indicators: list[Indicator] = field(default_factory=list)
    # Indicators (by position) whose wrapped texts left their scores to after 总分.
    awaiting: list[int] = field(default_factory=list)
    level1: str = ""
    level2: str = ""
    total: Decimal | None = None
    grade: str | None = None
    block: str = "header"
    findings: list[Finding] = field(default_factory=list)

    def note(self, r: int, c: int | None, message: str, block: str | None = None) -> None:
        self.findings.append(
            finding("JX003", message, self.grid.source(r, c), block=block or self.block)
        )


class Keys(list[str]):
    """A row's keys, with ``joined`` = SEP + SEP.join(keys): ``SEP + p in joined`` tells in
    one C-level search whether some key starts with ``p``."""

    __slots__ = ("joined",)
    joined: str


SEP = "\x1f"


def row_keys(row: list[str]) -> Keys:
    keys = Keys(map(key, row))
    keys.joined = SEP + SEP.join(keys)
    return keys


def first_key(keys: Keys) -> str:
    return next((k for k in keys if k), "")


def has(keys: Keys, *prefixes: str) -> bool:
    """Whether some key of the row starts with one of the prefixes."""
    return _prefix_re(prefixes).search(keys.joined) is not None


@lru_cache(maxsize=64)
def _prefix_re(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(SEP + "(?:" + "|".join(map(re.escape, prefixes)) + ")")


def preview(row: list[str]) -> str:
    text = " | ".join(clean(c) for c in row if c.strip())
    return text if len(text) <= 60 else text[:57] + "…"
