"""A table's tail with nothing above it: no 项目名称, no 主管部门, no column header (the last
page of a paginated article: 产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 …
合计100 评价结论…).

Each record is its level labels (kept from the record before when left out), a name, an
operator and a target, then its numbers. With no header to say which column a number is
in, the numbers are placed by what a form never leaves empty: the weight (the weights add
up to the 合计 after them). So one number is the weight; two are the weight and the score;
a percentage before them is the actual (weights and scores are never percentages), and so
is the first of three. Read only when every word up to 合计 reads so, with at least two
records, every score within its weight, and a 合计 that the weights do not exceed. The rows
are laid out under a header of those columns for the extractor; the form has no project
name, which it does not invent.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from jixiao.extract.labels import (
    LEVEL1_LABELS,
    LEVEL2_LABELS,
    TRADITIONAL,
    amount,
    clean,
    is_plain_number,
    key,
)
from jixiao.extract.plain_records import OP_WORDS
from jixiao.extract.records import OPS
from jixiao.findings import Finding, finding
from jixiao.model import Source
from jixiao.readers.grid import Grid, RowPos

HEADER: Final = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
_ACTUAL, _WEIGHT, _SCORE = 4, 5, 6
_LEVEL_RE: Final = {
    n: re.compile("|".join(sorted(map(re.escape, labels), key=len, reverse=True)))
    for n, labels in ((1, LEVEL1_LABELS), (2, LEVEL2_LABELS))
}
_TARGET_RE: Final = re.compile(rf"[{OPS}]|{OP_WORDS}")
_TOTAL: Final = "合计"
_MIN_RECORDS: Final = 2
_MAX_NUMBERS: Final = 3


def tail_finding(source: Source) -> Finding:
    return finding(
        "JX003",
        "只有表格的后半部分（没有项目名称和表头）：指标按记录读取，记录里的数依次读作分值、得分",
        source,
    )


class _Tail:
    """The records read so far: level labels in force, a name waiting for its target."""

    def __init__(self) -> None:
        self.records: list[tuple[list[str], list[str], RowPos]] = []  # cells, numbers, pos
        self.levels = ["", ""]
        self.name = ""

    def word(self, text: str, pos: RowPos) -> bool:
        """Take one word; False when it is no part of a record."""
        k = key(text)
        if is_plain_number(k) and not self.name and self.records:
            numbers = self.records[-1][1]
            numbers.append(k)
            return len(numbers) <= _MAX_NUMBERS
        text = clean(text)
        folded, at = text.translate(TRADITIONAL), 0
        for n in (1, 2):
            m = _LEVEL_RE[n].match(folded, at)
            if m is not None:
                self.levels[n - 1 :] = [text[m.start() : m.end()], *([""] if n == 1 else [])]
                at = m.end()
        if at == len(text) and at:
            return not self.name  # labels alone, before the record's name
        if not self.levels[0]:
            return False
        name, rest = self.name + text[at:], folded[at:]
        op = _TARGET_RE.search(rest)
        if op is None:
            self.name = name  # the target follows as a word of its own
            return not is_plain_number(k)
        start = len(self.name) + op.start()
        if start == 0:
            return False
        self.records.append(([*self.levels, name[:start], name[start:]], [], pos))
        self.name = ""
        return True


def tail_grid(grid: Grid) -> Grid | None:
    """The grid's indicator records laid out under ``HEADER``; None unless it is such a tail."""
    tail = _Tail()
    words = [(t, grid.positions[r]) for r, row in enumerate(grid.rows) for t in row if t.strip()]
    for i, (text, pos) in enumerate(words):
        k = key(text)
        if k.startswith(_TOTAL):
            after = k[len(_TOTAL) :] or (key(words[i + 1][0]) if i + 1 < len(words) else "")
            total, ok = amount(after) if is_plain_number(after) else (None, False)
            return _laid_out(grid, tail, total) if ok and total is not None else None
        if not tail.word(text, pos):
            return None
    return None


def _laid_out(grid: Grid, tail: _Tail, total: Decimal) -> Grid | None:
    if len(tail.records) < _MIN_RECORDS or tail.name:
        return None
    rows = [list(HEADER)]
    for cells, numbers, _ in tail.records:
        row = _placed(cells, numbers)
        if row is None:
            return None
        rows.append(row)
    weights = sum(amount(r[_WEIGHT])[0] or 0 for r in rows[1:])
    if weights > total:
        return None
    positions = [tail.records[0][2], *(pos for _, _, pos in tail.records)]
    return Grid(file=grid.file, rows=rows, positions=positions, layout="table")


def _placed(cells: list[str], numbers: list[str]) -> list[str] | None:
    """The record's row, its numbers placed; None when they fit no place."""
    row = [*cells, "", "", ""]
    if numbers and (numbers[0].endswith("%") or len(numbers) == _MAX_NUMBERS):
        row[_ACTUAL], numbers = numbers[0], numbers[1:]
    if not numbers or len(numbers) > 2 or any(n.endswith("%") for n in numbers):
        return None
    for c, n in zip((_WEIGHT, _SCORE), numbers, strict=False):
        row[c] = n
    weight, score = amount(numbers[0])[0], amount(numbers[-1])[0]
    if weight is None or score is None or score > weight:
        return None
    return row
