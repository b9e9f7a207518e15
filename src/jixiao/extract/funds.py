"""The funds block (项目资金): its header row of columns, the total and 其中 rows, the
Hebei-style inline row (预算数 6.84 到位数 6.84 …), and funds numbers run together, read
only as the one split the arithmetic confirms."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from jixiao.extract.builder import Builder, Keys, has_any, needles
from jixiao.extract.labels import (
    FUND_COLUMN_LABELS,
    FUND_HEADER_PREFIXES,
    FUND_ROW_LABELS,
    FUND_ROW_RE,
    SEP,
    WAN_RE,
    amount,
    clean,
    columns,
    is_plain_number,
    key,
    match_prefix,
)
from jixiao.makers import positional
from jixiao.memo import Memo
from jixiao.model import FundRow, RowSources
from jixiao.readers import runs


def is_fund_header(b: Builder, keys: Keys) -> bool:
    return has_any(keys, _FUND_HEADER) or _bare_header(keys)


_FUND_HEADER: Final = needles(*FUND_HEADER_PREFIXES)
# Wuhan's header names no year: 资金来源 | 预算数(A) | 执行数(B) | 执行率(B/A).
_BARE_HEADER: Final = ("预算数", "执行数", "执行率")
_BARE_NEEDLES: Final = needles(*_BARE_HEADER)  # has(keys, label) for each


def _bare_header(keys: Keys) -> bool:
    """A row of the bare funds column labels, and no number (预算数 | 6.84 | 执行数 is an
    inline funds row). (Tried on every labelled row: the first label absent ends it.)"""
    joined = keys.joined
    for needle in _BARE_NEEDLES:
        if needle not in joined:
            return False
    return not any(map(is_plain_number, keys.cells))


def fund_header(b: Builder, r: int, keys: Keys) -> None:
    b.block = "funds"
    b.fund_cols = columns(tuple(keys.cells), FUND_COLUMN_LABELS)
    b.fund_by_col = {c: n for n, c in b.fund_cols.items()}
    if _fund_label_in(keys.joined) is not None:
        fund_row(b, r, keys)


def _fund_label_in(joined: str) -> tuple[int, str] | None:
    """The column and name of the row's funds label (年度资金总额 → total), if it has one.
    (Cached: the row's test and its handler both ask.)"""
    return _FUND_LABEL_IN.of(joined)


def _fund_label_in_uncached(joined: str) -> tuple[int, str] | None:
    if not FUND_ROW_RE.search(joined):
        return None
    cells = joined.split(SEP)[1:]
    for c, k in enumerate(cells):
        if not k or len(k) > 20:
            continue
        if len(k) == 1 and c + 1 < len(cells) and len(cells[c + 1]) == 1:
            k, c = k + cells[c + 1], c + 1  # a label spaced out over two cells: 合 计
        for needle, name in FUND_ROW_LABELS:
            if needle in k:
                return c, name
    return None


_FUND_LABEL_IN: Final = Memo(_fund_label_in_uncached, 8192)


def is_fund_row(b: Builder, keys: Keys) -> bool:
    """(Tried in the header and funds blocks only: ``rows``.)"""
    return _fund_label_in(keys.joined) is not None


def fund_row(b: Builder, r: int, keys: Keys) -> None:
    """A funds row: label, then initial, annual, spent, weight, rate, score.

    Positional when every filled cell sits under a funds column header; otherwise the filled
    cells are taken in order (rows whose cells drifted from their header).
    """
    b.block = "funds"
    found = _fund_label_in(keys.joined)
    assert found is not None
    label_col, name = found
    row = b.grid.rows[r]
    filled = [c for c in range(label_col + 1, len(row)) if keys.cells[c]]
    by_col = b.fund_by_col
    if filled and all(c in by_col for c in filled) and b.grid.layout != "words":
        placed = {by_col[c]: c for c in filled}
    elif not b.fund_cols:  # no header above: which value is which cannot be known
        b.note(r, label_col, f"资金行“{clean(row[label_col])}”上方没有表头，数值未读取")
        placed = {}
    else:
        order = _without_missing_rate(_header_order(b.fund_cols), row, filled)
        placed = dict(zip(order, filled, strict=False))
        for c in filled[len(order) :]:
            b.note(r, c, f"资金行多出的单元格已忽略：{clean(row[c])}")
    values: dict[str, Decimal | None] = {}
    run = fund_run(b.fund_cols, row, filled)
    if run:
        values, placed = run, dict.fromkeys(run, filled[0])
    else:
        for col_name, c in placed.items():
            if col_name.startswith("_"):
                continue  # a column the form has and the model does not (历年结余结转)
            value, ok = fund_amount(row[c])
            if not ok:
                b.note(r, c, f"资金数“{clean(row[c])}”不是数字，已按空值处理")
            values[col_name] = value
    held = b.funds.get(name)
    if held is not None and (not values or any(v is not None for v in _amounts(held))):
        b.note(r, label_col, f"资金行“{clean(row[label_col])}”重复出现，保留第一次")
        return
    placed["label"] = label_col
    b.funds[name] = fund_row_of(values, RowSources(b.grid.row_at(r), placed))


_fund_row: Final = positional(FundRow)


def fund_row_of(values: dict[str, Decimal | None], sources: RowSources) -> FundRow:
    """``FundRow(**values, sources=sources)``, made positionally (every form makes four;
    the fields named: a call with ``*`` unpacking cost three times as much)."""
    get = values.get
    return _fund_row(
        initial=get("initial"),
        annual=get("annual"),
        spent=get("spent"),
        weight=get("weight"),
        rate=get("rate"),
        score=get("score"),
        sources=sources,
    )


def fund_amount(text: str) -> tuple[Decimal | None, bool]:
    """A funds cell's amount: ``amount``, the block's unit written in the cell (150万)
    dropped."""
    return amount(WAN_RE.sub("", text) if "万" in text else text)


def has_total_amounts(b: Builder) -> bool:
    """Whether the form has a total funds row with its budget, spending or rate read."""
    held = b.funds.get("total")
    return held is not None and any(v is not None for v in (held.annual, held.spent, held.rate))


def _amounts(row: FundRow) -> tuple[Decimal | None, ...]:
    return (row.initial, row.annual, row.spent, row.weight, row.rate, row.score)


def fund_run(
    fund_cols: dict[str, int], row: list[str], filled: list[int]
) -> dict[str, Decimal | None] | None:
    """A funds row whose numbers ran together (202010100.00%10): the one split of the run
    whose rate is spent / budget and whose score is weight × rate; None when not one. A
    split that spends nothing confirms nothing (0 / any budget = 0%): ``6363100%`` is
    63 | 63 | 100%, not 63631 | 0 | 0%."""
    if len(filled) != 1 or "rate" not in fund_cols:
        return None
    text = key(row[filled[0]])
    if not runs.holds_several(text):
        return None
    order = _header_order(fund_cols)
    found: list[dict[str, Decimal | None]] = [
        dict(zip(order, map(runs.value, split), strict=True))
        for split in runs.splits(text, len(order))
        if all(v.endswith("%") <= (n == "rate") for n, v in zip(order, split, strict=True))
    ]
    confirmed = [v for v in found if v.get("spent") and fund_arithmetic(v)]
    if len(confirmed) != 1:
        return None
    # The columns the model has not (历年结余结转) are read past.
    return {n: v for n, v in confirmed[0].items() if not n.startswith("_")}


def fund_arithmetic(v: dict[str, Decimal | None]) -> bool:
    """Whether a funds row's numbers agree to the places they are written with: rate =
    spent / budget, score = weight × rate (money spent is never a rate of 0)."""
    budget, spent, rate = v.get("annual") or v.get("initial"), v.get("spent"), v.get("rate")
    if not budget or spent is None or rate is None or (spent and not rate):
        return False
    if abs(spent / budget * 100 - rate) > runs.last_place(rate):
        return False
    weight, score = v.get("weight"), v.get("score")
    if weight is None or score is None:
        return True
    return abs(weight * min(rate, Decimal(100)) / 100 - score) <= runs.last_place(score)


def _inline_pairs(keys: Keys) -> dict[str, int]:
    """预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84: funds column → the number after its label."""
    pairs: dict[str, int] = {}
    for c in range(len(keys.cells) - 1):
        name = match_prefix(keys.cells[c], FUND_COLUMN_LABELS) if keys.cells[c] else None
        if name and name not in pairs and is_plain_number(keys.cells[c + 1]):
            pairs[name] = c + 1
    return pairs


def is_inline_funds(b: Builder, keys: Keys) -> bool:
    """(Tried in the header and funds blocks only: ``rows``.)"""
    return (
        "total" not in b.funds
        and _INLINE_RE.search(keys.joined) is not None
        and len(_inline_pairs(keys)) >= 2
    )


# A funds column label with a number in the next cell (预算数 | 6.84).
_INLINE_RE: Final = re.compile(
    f"{SEP}(?:{'|'.join(re.escape(p) for p, _ in FUND_COLUMN_LABELS)})[^{SEP}]*{SEP}[\\d.]"
)


def inline_funds(b: Builder, r: int, keys: Keys) -> None:
    """The total funds row written label, number, label, number (Hebei's 预算数 6.84 到位数
    6.84 执行数 6.84 100.00); a last number with no label is the rate when it is spent /
    budget."""
    b.block = "funds"
    placed = _inline_pairs(keys)
    values = {n: amount(keys.cells[c])[0] for n, c in placed.items()}
    last = max(c for c, k in enumerate(keys.cells) if k)
    if "rate" not in placed and last not in placed.values() and is_plain_number(keys.cells[last]):
        rate = amount(keys.cells[last])[0]
        if fund_arithmetic({**values, "rate": rate}):
            values["rate"], placed["rate"] = rate, last
    b.funds["total"] = fund_row_of(values, RowSources(b.grid.row_at(r), placed))


def _without_missing_rate(
    order: tuple[str, ...], row: list[str], filled: list[int]
) -> tuple[str, ...]:
    """A copy that dropped empty cells leaves one value short; when the value in the rate's
    place is not the rate (spent / budget), the rate is the one that was empty."""
    if len(filled) != len(order) - 1 or "rate" not in order:
        return order
    values = dict(zip(order, (fund_amount(row[c])[0] for c in filled), strict=False))
    budget, spent, rate = (
        values.get("annual") or values.get("initial"),
        values.get("spent"),
        values.get("rate"),
    )
    if budget and spent is not None and rate is not None and abs(spent / budget * 100 - rate) > 1:
        return tuple(n for n in order if n != "rate")
    return order


def _header_order(cols: dict[str, int]) -> tuple[str, ...]:
    """The funds columns in the order the header gives them (templates differ)."""
    return tuple(sorted(cols, key=cols.__getitem__))
