"""The indicator block: its header (one row, or two whose upper row holds the columns
after 年度指标值), and each indicator row, realigned when a copy dropped its leading empty
cells; blank level-1/level-2 cells mean "same as above"."""

from __future__ import annotations

import re
from decimal import Decimal
from operator import itemgetter
from typing import Final

from jixiao.extract.builder import Builder, Keys, first_filled, first_key, has, preview
from jixiao.extract.footer import total_row
from jixiao.extract.labels import (
    DASHES,
    INDICATOR_COLUMN_LABELS,
    INDICATOR_HEADER_PREFIX,
    PLACEHOLDER,
    PLACEHOLDER_RE,
    SEP,
    SUB_ROW_PREFIX,
    amount,
    clean,
    columns,
    is_level1,
    is_plain_number,
    key,
    level_of,
)
from jixiao.extract.loose import is_section_label, loose
from jixiao.makers import positional
from jixiao.memo import Memo
from jixiao.model import Indicator, RowSources
from jixiao.values import parse


def is_indicator_header(b: Builder, keys: Keys) -> bool:
    if has(keys, INDICATOR_HEADER_PREFIX):
        return has(keys, "三级指标", "年度指标值", "指标值")
    if first_key(keys) == "三级指标":  # a table with no level columns: 三级指标 | 目标值 | 得分
        return has(keys, "年度指标值", "指标值", "年初目标值", "目标值") and has(keys, "得分")
    # A copy that broke 一级 / 指标 over two lines keeps the rest of the header together.
    return b.grid.layout == "words" and has(keys, "二级指标") and has(keys, "三级指标")


def indicator_header(b: Builder, r: int, keys: Keys) -> None:
    b.block = "indicators"
    labels = list(keys.cells)
    if b.pre_header and "年度指标值" in b.pre_header:
        # The upper row's columns after 年度指标值 come after the lower row's last one.
        last = max(c for c, k in enumerate(labels) if k) + 1
        labels = labels[:last] + b.pre_header[b.pre_header.index("年度指标值") + 1 :]
    b.ind_cols = columns(tuple(labels), INDICATOR_COLUMN_LABELS)
    b.ind_aligned = _aligned_columns(b.grid.layout, b.ind_cols)
    b.ind_width = len(labels)
    missing = [n for n in ("name", "target", "actual", "weight", "score") if n not in b.ind_cols]
    if missing:
        b.note(r, None, f"指标表头缺少栏目：{'、'.join(missing)}")


def is_indicator_preheader(b: Builder, keys: Keys) -> bool:
    """绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分: the upper row of a two-row header
    whose lower row (一级指标 … 指标性质 | 指标值 | 度量单位) splits the target."""
    return (
        not has(keys, INDICATOR_HEADER_PREFIX)
        and has(keys, "年度指标值")
        and (has(keys, "实际完成值", "完成值") and has(keys, "分值", "得分", "权重"))
    )


def indicator_preheader(b: Builder, r: int, keys: Keys) -> None:
    b.block = "ind-pre"
    b.pre_header = [k for k in keys.cells if k]


def indicator_row(b: Builder, r: int, keys: Keys) -> None:
    if _aligned_row(b, r, keys):
        return
    if _PLACEHOLDER_ROW_RE.fullmatch(keys.joined) or first_key(keys).startswith(SUB_ROW_PREFIX):
        return  # the template's …… / 指标2 rows; 其中 sub-items, which have no weight
    if b.grid.layout == "words":
        if is_section_label(b.grid.rows[r]):
            b.note(r, None, f"指标表中的栏目标签，不是指标，已跳过：{preview(b.grid.rows[r])}")
            return
        row, shift = loose(b, b.grid.rows[r]), 0
        cells = row or b.grid.rows[r]
    else:
        cells, shift = _aligned(b, b.grid.rows[r], keys)
    cols = b.ind_cols
    n_cells = len(cells)
    # Each column's cell as content (read once: most columns are read, some twice).
    text = {n: clean(cells[c]) for n, c in cols.items() if c < n_cells}
    get = text.get
    name = _name(cells, cols)
    target, actual = get("target", ""), get("actual", "")
    if "operator" in cols or "unit" in cols:  # 指标性质 | 指标值 | 度量单位
        target = f"{get('operator', '')}{target}{get('unit', '')}" if target else ""
    weight_text, score_text = get("weight", ""), get("score", "")
    level1, level2 = get("level1", ""), get("level2", "")
    if not (name or target or actual) and not (level1 or level2):
        if weight_text or score_text:  # the 总分 row that lost its label
            total_row(b, r, keys)
            return
        b.note(r, None, f"无法识别的指标行，已跳过：{preview(b.grid.rows[r])}")
        return
    _set_levels(b, level1, level2)
    awaiting = _awaiting_score(b, r, name, target, score_text)
    if not awaiting and (
        key(target) in DASHES
        and key(actual) in DASHES
        and key(weight_text) in DASHES
        and key(score_text) in DASHES
    ):
        if name and not PLACEHOLDER_RE.match(key(name)):
            b.note(r, None, f"指标行只有名称，没有指标值、完成值和分数，已跳过：{name}")
        return  # a level heading alone, or the template's 指标2 / …… placeholder row
    if awaiting:
        b.awaiting.append(len(b.indicators))
    weight = _number(b, r, cols.get("weight"), shift, weight_text, "分值")
    score = _number(b, r, cols.get("score"), shift, score_text, "得分")
    _append(b, r, shift, (name, target, actual, weight, score, get("deviation", "")))


def _aligned_row(b: Builder, r: int, keys: Keys) -> bool:
    """The fast path: a row of a table whose cells sit under their header columns (tab
    text of the standard template), read straight from its columns. It takes only rows
    the general path reads the same way: level cells empty or level labels in their own
    columns (no realigning), a plain number in the weight column, weight and score read
    without a finding, something besides the numbers, and no 其中 sub-item. False for any
    other row, which the general path then reads."""
    if b.ind_aligned is None:
        return False
    last, l1, l2, nc, tc, ac, wc, sc, dc = b.ind_aligned
    row = b.grid.rows[r]
    if len(row) <= last or not is_plain_number(row[wc]):
        return False
    if _level_shift(keys, b.ind_cols):
        return False  # a level label out of its column: the row lost cells
    if first_key(keys).startswith(SUB_ROW_PREFIX) or (
        keys.cells[l1] and not is_level1(keys.cells[l1])
    ):
        return False
    weight, weight_ok = amount(clean(row[wc]))
    score, score_ok = amount(clean(row[sc]))
    if weight is None or not (weight_ok and score_ok):
        return False
    # (``_name``'s first step written out: a name in its own column is nearly every row.)
    name = clean(row[nc]) if row[nc].strip() else _name(row, b.ind_cols)
    target, actual = clean(row[tc]), clean(row[ac])
    level1, level2 = clean(row[l1]), clean(row[l2])
    if level1 or level2:
        _set_levels(b, level1, level2)
    elif not (name or target or actual):
        return False  # the 总分 row that lost its label
    deviation = clean(row[dc]) if dc >= 0 else ""
    _append(b, r, 0, (name, target, actual, weight, score, deviation))
    return True


def _aligned_columns(layout: str, cols: dict[str, int]) -> tuple[int, ...] | None:
    """What ``_aligned_row`` reads: the header's last column, then its level1, level2,
    name, target, actual, weight and score columns, and deviation or -1; None for tables it
    does not take: space-joined copies, a target split over 指标性质 | 指标值 | 度量单位, a
    table without one of the columns."""
    if layout == "words" or "operator" in cols or "unit" in cols:
        return None
    try:
        return (max(cols.values()), *_ALIGNED_COLUMNS(cols), cols.get("deviation", -1))
    except KeyError:
        return None


_ALIGNED_COLUMNS: Final = itemgetter(
    "level1", "level2", "name", "target", "actual", "weight", "score"
)


def _set_levels(b: Builder, level1: str, level2: str) -> None:
    """A level-1 cell starts a new level 1 (and clears level 2); blank ones carry on."""
    if level1 and (level1 := _level_text(level1)):
        b.level1, b.level2 = level1, ""
    if level2 and (level2 := _level_text(level2)):
        b.level2 = level2


def _append(
    b: Builder,
    r: int,
    shift: int,
    fields: tuple[str, str, str, Decimal | None, Decimal | None, str],
) -> None:
    """The indicator of row r, under the levels above it, its values parsed."""
    name, target, actual, weight, score, deviation = fields
    b.indicators.append(
        _indicator(
            b.level1,
            b.level2,
            name,
            target,
            actual,
            weight,
            score,
            deviation,
            parse(target),
            parse(actual),
            RowSources(b.grid.row_at(r), b.ind_cols, shift),
        )
    )


# Indicator(level1=…, …, sources=…) with every field given in order (rows make thousands).
_indicator: Final = positional(Indicator)


def _awaiting_score(b: Builder, r: int, name: str, target: str, score_text: str) -> bool:
    """A space-joined row with no weight column whose texts wrapped over several words and
    that holds no score: its score may sit after 总分 (read there by ``footer``)."""
    if b.grid.layout != "words" or "weight" in b.ind_cols or not name or target or score_text:
        return False
    words = [k for k in map(key, b.grid.rows[r]) if k and not level_of(k)]
    return len(words) >= 2 and not any(is_plain_number(k) for k in words)


# A row whose filled cells are all placeholders (or that has none).
_PLACEHOLDER_ROW_RE: Final = re.compile(f"(?:{SEP}(?:{PLACEHOLDER})?)*")


def _level_text(text: str) -> str:
    """A level-1/level-2 cell as a label; a template placeholder (……) is no label."""
    return _LEVEL_TEXT.of(text)


def _level_text_uncached(text: str) -> str:
    k = key(text)
    return "" if PLACEHOLDER_RE.match(k) else k


_LEVEL_TEXT: Final = Memo(_level_text_uncached, 4096)


def _name(cells: list[str], cols: dict[str, int]) -> str:
    """The level-3 name: the first filled cell from its column up to the target's."""
    c0 = cols.get("name")
    if c0 is None:
        return ""
    c1 = cols.get("target", c0 + 1)
    for c in range(c0, max(c1, c0 + 1)):
        if c < len(cells) and cells[c].strip():
            return clean(cells[c])
    return ""


def _number(b: Builder, r: int, c: int | None, shift: int, text: str, what: str) -> Decimal | None:
    value, ok = amount(text)
    if not ok:
        b.note(r, None if c is None else c - shift, f"{what}“{text}”不是数字，已按空值处理")
    return value


def _aligned(b: Builder, row: list[str], keys: Keys) -> tuple[list[str], int]:
    """Realign a row that lost its leading empty cells, on its (weight, score) pair.

    A row is aligned when its level-1 cell is empty or a level-1 label and its weight cell
    holds a number. Otherwise the last two plain numbers as far apart as the weight and
    score columns are taken as weight and score, and the row is shifted so that they sit
    under their headers.
    """
    cols = b.ind_cols
    wc, l1 = cols.get("weight"), cols.get("level1", 0)
    if wc is None:
        return row, 0
    by_label = _level_shift(keys, cols)
    if by_label:
        return _shifted(row, by_label)
    first = keys.cells[l1] if l1 < len(row) else ""
    weight_ok = wc < len(row) and is_plain_number(row[wc])
    if (not first or is_level1(first)) and (weight_ok or not any(map(is_plain_number, row))):
        return row, 0
    gap = cols.get("score", wc + 1) - wc  # 1 when 得分 follows 分值; more when not
    pairs = [
        c
        for c in range(max(0, -gap), len(row) - max(gap, 0))
        if is_plain_number(row[c]) and is_plain_number(row[c + gap])
    ]
    if not pairs:
        return row, 0
    return _shifted(row, wc - pairs[-1])


def _shifted(row: list[str], shift: int) -> tuple[list[str], int]:
    if shift > 0:
        return [""] * shift + row, shift
    return row[-shift:], shift


def _level_shift(keys: Keys, cols: dict[str, int]) -> int:
    """How far a row starting with a level label must move to put it under its header: a
    level-2 label (社会效益指标) in the level-1 column lost the merged cell before it."""
    first = first_filled(keys)
    if first is None:
        return 0
    column = cols.get(_LEVEL_COLUMNS.get(level_of(keys.cells[first]), ""))
    return 0 if column is None else column - first


_LEVEL_COLUMNS: Final = {1: "level1", 2: "level2"}
