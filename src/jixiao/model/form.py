"""The form as data: frozen, keyword-only types with Decimal amounts and source positions.

A ``Form`` is what the extractor read from one self-evaluation table, nothing recomputed.
Every block keeps a ``sources`` map from field name to the ``Source`` of its cell, so a
finding can point at the exact cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from jixiao.model.source import RowSources, Source
from jixiao.values.types import Empty, Value

Sources = Mapping[str, Source]

FUND_ROWS = ("total", "appropriation", "carryover", "other")
FUND_COLUMNS = ("initial", "annual", "spent", "weight", "rate", "score")
LEVEL1 = ("产出指标", "效益指标", "满意度指标")


def _no_sources() -> dict[str, Source]:
    return {}


@dataclass(frozen=True, kw_only=True, slots=True)
class FundRow:
    """One row of the funds block (万元). A dash or an empty cell is ``None``."""

    initial: Decimal | None = None
    annual: Decimal | None = None
    spent: Decimal | None = None
    weight: Decimal | None = None
    rate: Decimal | None = None
    score: Decimal | None = None
    sources: Sources = field(default_factory=_no_sources)

    def is_empty(self) -> bool:
        return all(getattr(self, c) is None for c in FUND_COLUMNS)


@dataclass(frozen=True, kw_only=True, slots=True)
class Funds:
    """The four rows of 项目资金: total, this year's appropriation, carry-over, other."""

    total: FundRow = field(default_factory=FundRow)
    appropriation: FundRow = field(default_factory=FundRow)
    carryover: FundRow = field(default_factory=FundRow)
    other: FundRow = field(default_factory=FundRow)

    def rows(self) -> tuple[tuple[str, FundRow], ...]:
        return tuple((name, getattr(self, name)) for name in FUND_ROWS)


@dataclass(frozen=True, kw_only=True, slots=True)
class Goal:
    """年度总体目标: the expected goal and what was achieved, as free text."""

    expected: str = ""
    achieved: str = ""
    sources: Sources = field(default_factory=_no_sources)


@dataclass(frozen=True, kw_only=True, slots=True)
class Indicator:
    """A level-3 indicator with its level-1/level-2 filled in from the merged cells above."""

    level1: str
    level2: str
    name: str
    target: str = ""
    actual: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation: str = ""
    target_value: Value = field(default_factory=Empty)
    actual_value: Value = field(default_factory=Empty)
    sources: RowSources

    @property
    def source(self) -> Source:
        """The row the indicator was read from."""
        return self.sources.row


@dataclass(frozen=True, kw_only=True, slots=True)
class Form:
    """One self-evaluation form as stated by its unit."""

    title: str = ""
    year: int | None = None
    project: str = ""
    department: str = ""
    unit: str = ""
    funds: Funds = field(default_factory=Funds)
    goal: Goal = field(default_factory=Goal)
    indicators: tuple[Indicator, ...] = ()
    total: Decimal | None = None
    grade: str | None = None
    source: Source
    sources: Sources = field(default_factory=_no_sources)


# The indicator tree (RULES.md §1): level-1 dimensions and the level-2 names under each.
DIMENSIONS = (("满意度", "satisfaction"), ("产出", "output"), ("效益", "benefit"))
DIMENSION_NAMES = {"output": "产出指标", "benefit": "效益指标", "satisfaction": "满意度指标"}
LEVEL2 = {
    "output": ("数量", "质量", "时效", "成本"),
    "benefit": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "satisfaction": ("服务对象满意度", "满意度"),
}


@lru_cache(maxsize=4096)
def dimension(level1: str) -> str | None:
    """The level-1 dimension (output, benefit, satisfaction) a level-1 cell names."""
    for word, name in DIMENSIONS:
        if word in level1:
            return name
    return None


@lru_cache(maxsize=4096)  # (called for every indicator by the checks, on few distinct pairs)
def level2_fits(level1: str, level2: str) -> bool:
    """Whether a level-2 name belongs under its level-1 (数量指标 under 产出指标 …)."""
    dim = dimension(level1)
    if dim is None or not level2:
        return True
    stem = level2.split("(")[0].removesuffix("指标")
    return stem in LEVEL2[dim]
