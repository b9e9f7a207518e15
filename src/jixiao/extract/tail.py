"""A table's tail with nothing above it: no 项目名称, no 主管部门, no column header (the last
page of a paginated article: 产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 …
合计100 评价结论…).

Each record is its level labels (kept from the record before when left out), a name, an
operator and a target, then its numbers. With no header to say which column a number is
in, the numbers are placed by what a form never leaves empty: the weight (the weights add
up to the 合计 after them); so one number is the weight, two are the weight and the score,
three the actual, the weight and the score. Read only when every word up to 合计 (or a
section label) reads so, at least two records, and the weights add up to no more than the
合计. The rows are laid out under a header of those columns for the extractor; the form has
no project name, which it does not invent.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.extract.labels import (
    LEVEL1_LABELS,
    LEVEL2_LABELS,
    SECTION_LABELS,
    TRADITIONAL,
    clean,
    is_plain_number,
    key,
)
from jixiao.extract.plain_records import OP_WORDS
from jixiao.extract.records import OPS
from jixiao.findings import Finding, finding
from jixiao.model import Source
from jixiao.readers.grid import Grid, RowPos

HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
# The header's columns a record's numbers fill, by how many it has.
_NUMBER_COLUMNS = {1: (5,), 2: (5, 6), 3: (4, 5, 6)}
_LEVEL_RE = {
    n: re.compile("|".join(sorted(map(re.escape, labels), key=len, reverse=True)))
    for n, labels in ((1, LEVEL1_LABELS), (2, LEVEL2_LABELS))
}
_TARGET_RE = re.compile(rf"[{OPS}]|{OP_WORDS}")
_TOTAL_RE = re.compile(r"合计(\d+(?:\.\d+)?)?")
_MIN_RECORDS = 2


def tail_finding(source: Source) -> Finding:
    return finding(
        "JX003",
        "只有表格的后半部分（没有项目名称和表头）：指标按记录读取，记录里的数依次读作分值、得分",
        source,
    )


def tail_grid(grid: Grid) -> Grid | None:
    """The grid's indicator records laid out under ``HEADER``; None unless it is such a tail."""
    rows: list[list[str]] = [list(HEADER)]
    positions: list[RowPos] = []
    levels = ["", ""]
    total: Decimal | None = None
    for r, row in enumerate(grid.rows):
        for text in row:
            k = key(text)
            if not k:
                continue
            if k.startswith(("合计", *SECTION_LABELS)):
                m = _TOTAL_RE.match(k)
                total = Decimal(m.group(1)) if m and m.group(1) else None
                return _laid_out(grid, rows, positions, total)
            if is_plain_number(k) and len(rows) > 1 and len(rows[-1]) < len(HEADER) + 3:
                rows[-1].append(k)
                continue
            record = _record(clean(text), levels)
            if record is None:
                return None
            rows.append(record)
            positions.append(grid.positions[r])
    return _laid_out(grid, rows, positions, total)


def _record(text: str, levels: list[str]) -> list[str] | None:
    """Level labels, a name, an operator and a target (the numbers follow as cells). The
    labels are matched in simplified script, the text kept as written."""
    folded, at = text.translate(TRADITIONAL), 0
    for n in (1, 2):
        m = _LEVEL_RE[n].match(folded, at)
        if m is not None:
            levels[n - 1 :] = [text[m.start() : m.end()], *([""] if n == 1 else [])]
            at = m.end()
    op = _TARGET_RE.search(folded, at)
    if op is None or op.start() == at or not levels[0]:
        return None
    return [levels[0], levels[1], text[at : op.start()], text[op.start() :]]


def _laid_out(
    grid: Grid, rows: list[list[str]], positions: list[RowPos], total: Decimal | None
) -> Grid | None:
    records = rows[1:]
    if len(records) < _MIN_RECORDS or any(len(r) - 4 not in _NUMBER_COLUMNS for r in records):
        return None
    out = [rows[0]]
    for record in records:
        cells = [*record[:4], "", "", ""]
        for c, number in zip(_NUMBER_COLUMNS[len(record) - 4], record[4:], strict=True):
            cells[c] = number
        out.append(cells)
    weights = sum(Decimal(r[5]) for r in out[1:])
    if total is not None and weights > total:
        return None
    return Grid(file=grid.file, rows=out, positions=[positions[0], *positions], layout="table")
