"""A funds block copied label after label, then its values (年度资金总额 … 预算数 (A) 执行数(B)
执行率(B/A) 得分 (20分*执行率) 285.84 285.84 100% 20, or 64.864.864.8100% run together):
PDF text extraction and OCR that lost the table's rows. The values are read only when there
is one for each label (or one run the arithmetic splits that way) and they agree: rate =
spent / budget, score = weight × rate. A score labelled 得分(20分*执行率) states its weight."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from jixiao.extract.builder import Builder, Keys
from jixiao.extract.funds import fund_arithmetic, fund_row_of, has_total_amounts
from jixiao.extract.labels import FUND_COLUMN_LABELS, FUND_ROW_LABELS, amount, match_prefix
from jixiao.model import RowSources
from jixiao.readers import runs

_FRAGMENT_MAX: Final = (
    8  # (A), ,A、, (20, 分*执行率): a label's bracket cut off into cells of its own
)
_WEIGHT_RE: Final = re.compile(r"\((\d+(?:\.\d+)?)分[*×xX]执行率\)")


def _innermost(labels: list[str]) -> tuple[str, ...]:
    """The labels holding no other (资金总额 holds 总额): for a test whether a text holds
    one of them, the rest decide nothing."""
    return tuple(n for n in labels if not any(o != n and o in n for o in labels))


_TOTAL_LABELS: Final = _innermost([n for n, name in FUND_ROW_LABELS if name == "total"])
# What a row's cells must hold for it to be read: a total label (``_is_total_label``) or,
# in a cell it starts, a rate label (``_rate_tail_row`` wants one). Any cell's text is in
# the row's ``joined``, so a row whose ``joined`` holds none is one that reads nothing.
_ROW_MARKS: Final = _innermost(
    [*_TOTAL_LABELS, *(n for n, name in FUND_COLUMN_LABELS if name == "rate")]
)


def funds_from_label_run(b: Builder, keys: list[Keys], start: int, end: int) -> None:
    """The total funds row from the labels-then-values run after the total's label, when
    the form has no total row with amounts."""
    if has_total_amounts(b):
        return
    for r in range(start, end):
        if not any(mark in keys[r].joined for mark in _ROW_MARKS):
            continue  # a cheap skip: none of its cells is a total or rate label
        c = next((c for c, k in enumerate(keys[r].cells) if k and _is_total_label(k)), None)
        if c is None:
            c = _rate_tail_row(keys[r])
            found = labelled_values(keys[r], c) if c is not None else None
            if found is not None:
                source = RowSources(b.grid.row_at(r), found[1])
                b.funds["total"] = fund_row_of(found[0], source)
                return
            continue
        for r2, c2 in ((r, c + 1), (r + 1, 0)):
            if r2 >= end:
                break
            found = labelled_values(keys[r2], c2)
            if found is not None:
                values, placed = found
                source = RowSources(b.grid.row_at(r2), placed)
                b.funds["total"] = fund_row_of(values, source)
                return


def _rate_tail_row(keys: Keys) -> int | None:
    """A form with no total row (a 部门整体 form's 部门预算执行情况) whose labels end 执行率
    | 执行率权重 | 执行率得分: the cell of its first funds label."""
    names = [match_prefix(k, FUND_COLUMN_LABELS) if k else None for k in keys.cells]
    if not {"rate", "weight", "score"} <= set(names):
        return None
    return next(c for c, n in enumerate(names) if n)


def _is_total_label(k: str) -> bool:
    return len(k) <= 8 and any(n in k for n in _TOTAL_LABELS)


def labelled_values(
    keys: Keys, start: int
) -> tuple[dict[str, Decimal | None], dict[str, int]] | None:
    """Funds column labels from ``start`` on (other cells before the first skipped, the
    brackets cut off a label kept with it), then one value for each: column → value, and
    column → the value's cell. None unless the values agree."""
    labels: list[tuple[str, str]] = []  # (column, the label's text with its brackets)
    c = start
    while c < len(keys.cells):
        k = keys.cells[c]
        name = match_prefix(k, FUND_COLUMN_LABELS) if k else None
        if name == "rate" and _qualifies_next(keys, c) and "rate" in (n for n, _ in labels):
            c += 1  # 执行率 | 权重, 执行率 | 得分: the rate's weight and score (执行率权重)
            continue
        if name:
            if name in (n for n, _ in labels):
                return None
            labels.append((name, k))
        elif labels and k and runs.is_run(k):
            break
        elif labels and len(k) <= _FRAGMENT_MAX:
            if k:
                labels[-1] = (labels[-1][0], labels[-1][1] + k)
        elif labels:
            tail = _rate_tail([n for n, _ in labels], k)
            return (tail, dict.fromkeys(tail, c)) if tail else None
        c += 1
    return _values(keys, c, labels) if len(labels) >= 3 else None


def _qualifies_next(keys: Keys, c: int) -> bool:
    """Whether the cell after a second 执行率 is 权重 or 得分 (执行率 | 权重 cut in two)."""
    nxt = keys.cells[c + 1] if c + 1 < len(keys.cells) else ""
    return match_prefix(nxt, FUND_COLUMN_LABELS) in ("weight", "score")


# (分)O76%107.6当年…: a label's bracket, at most two characters OCR made of the amounts, the
# rate, then a run of the weight and the score; the text after them is the next block's.
_RATE_TAIL_RE: Final = re.compile(r"^(?:\([^)]{0,4}\))?\D{0,2}?(\d+(?:\.\d+)?%)([\d.]+)(?!\d)")


def _rate_tail(order: list[str], text: str) -> dict[str, Decimal | None] | None:
    """Labels ending 执行率 | 权重 | 得分 whose values come glued to the next text with the
    amounts lost (O76%107.6: rate 76, weight 10, score 7.6): the rate, weight and score only,
    when one split of the run after the rate makes the score weight × rate."""
    m = _RATE_TAIL_RE.match(text)
    if order[-3:] != ["rate", "weight", "score"] or m is None:
        return None
    rate = runs.value(m.group(1))
    found = runs.weight_score(m.group(2), min(rate, Decimal(100)))
    if found is None:
        return None
    weight, score = found
    return {"rate": rate, "weight": weight, "score": score}


def _values(
    keys: Keys, c: int, labels: list[tuple[str, str]]
) -> tuple[dict[str, Decimal | None], dict[str, int]] | None:
    order = [n for n, _ in labels]
    numbers: list[str] = []
    while c + len(numbers) < len(keys.cells) and runs.is_run(keys.cells[c + len(numbers)]):
        numbers.append(keys.cells[c + len(numbers)])
    if len(numbers) >= len(order):
        splits: tuple[tuple[str, ...], ...] = (tuple(numbers[: len(order)]),)
        cells = list(range(c, c + len(order)))
    elif len(numbers) == 1:
        splits, cells = runs.splits(numbers[0], len(order)), [c] * len(order)
    else:
        return None
    weight = _stated_weight(labels)
    found = []
    for split in splits:
        if any(v.endswith("%") > (n == "rate") for n, v in zip(order, split, strict=True)):
            continue
        if any(not amount(v)[1] for v in split):
            continue
        values: dict[str, Decimal | None] = dict(zip(order, map(runs.value, split), strict=True))
        if weight is not None and "weight" not in values and "score" in values:
            values["weight"] = weight
        if fund_arithmetic(values):
            found.append(values)
    if len(found) != 1:
        return None
    return found[0], dict(zip(order, cells, strict=True))


def _stated_weight(labels: list[tuple[str, str]]) -> Decimal | None:
    """得分(20分*执行率): the score's label states the weight."""
    for name, text in labels:
        m = _WEIGHT_RE.search(text) if name == "score" else None
        if m:
            return Decimal(m.group(1))
    return None
