"""A funds block laid out by source (Hubei's 广水 template: 项目资金来源 | 中央 | 省、地 | 本级 |
其他 | 合计 | 执行数, each (万元), then 执行率), copied with its empty cells dropped and its
words interleaved with the next block's (中央 省、地 本级 其他 合计 执行数 (万元)… 5.5 5.5 来源
项目年度目标 3、一次性□ 5.5 执行率 100%).

The amounts cannot be put under their sources for sure; the year's budget (合计) and the
amount spent (执行数) are read when every placement of the amounts, in order, under the
columns that the arithmetic confirms (合计 = the sum of the sources placed, if any; 执行数 /
合计 = 执行率) gives them the same values. The sources themselves are not read.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import combinations
from typing import Final

from jixiao.extract.builder import Builder, Keys
from jixiao.extract.funds import has_total_amounts
from jixiao.extract.labels import amount, is_plain_number
from jixiao.model import FundRow, RowSources
from jixiao.readers import runs

_SOURCES: Final = ("中央", "省、地", "省", "市", "本级", "其他")
_COLUMNS: Final = ("合计", "执行数")
_RATE: Final = "执行率"


def funds_by_source(b: Builder, keys: list[Keys], start: int, end: int) -> None:
    """The total funds row of a by-source block, when the form has none with amounts."""
    if has_total_amounts(b):
        return
    held = b.funds.get("total")
    words = [
        (r, c) for r in range(start, end) for c in range(len(keys[r].cells)) if keys[r].cells[c]
    ]
    texts = [keys[r].cells[c] for r, c in words]
    first = next((i for i, k in enumerate(texts) if k == _SOURCES[0]), None)
    if first is None:
        return
    columns: list[str] = []
    i = first
    while i < len(texts) and (texts[i] in _SOURCES or texts[i] in _COLUMNS):
        columns.append(texts[i])
        i += 1
    if columns[-2:] != list(_COLUMNS):
        return
    amounts: list[int] = []
    while i < len(texts) and texts[i] != _RATE:
        if is_plain_number(texts[i]) and not texts[i].endswith("%"):
            amounts.append(i)
        i += 1
    if i + 1 >= len(texts) or not texts[i + 1].endswith("%") or not is_plain_number(texts[i + 1]):
        return
    rate = runs.value(texts[i + 1])
    found = _agreed(columns, [amount(texts[a])[0] or Decimal(0) for a in amounts], rate)
    if found is None:
        return
    budget, spent = found
    r, c = words[i + 1]
    sources = RowSources(b.grid.row_at(r), {"rate": c})
    b.funds["total"] = replace(
        held or FundRow(), annual=budget, spent=spent, rate=rate, sources=sources
    )


def _agreed(
    columns: list[str], amounts: list[Decimal], rate: Decimal
) -> tuple[Decimal, Decimal] | None:
    """(合计, 执行数) on which every confirmed placement agrees; None when none or several."""
    found = set()
    for placed in combinations(range(len(columns)), len(amounts)):
        at = dict(zip((columns[p] for p in placed), amounts, strict=True))
        budget, spent = at.get("合计"), at.get("执行数")
        if not budget or spent is None:
            continue
        sources = [v for k, v in at.items() if k in _SOURCES]
        if sources and abs(sum(sources, Decimal(0)) - budget) > runs.last_place(budget):
            continue
        if abs(spent / budget * 100 - rate) > runs.last_place(rate):
            continue
        found.add((budget, spent))
    return found.pop() if len(found) == 1 else None
