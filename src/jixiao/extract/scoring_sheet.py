"""A scoring sheet instead of the indicator table: 目标名称 | 评分标准 | 分值 | 得分 (a
Guangxi 专项支出绩效评分细则) or 评价内容 | 分值 | 自评分 | 复核分 | 评价标准及依据 (Hubei's
广水 template), copied with its cells joined by spaces so that each criterion's wrapped
lines fall among the names and numbers (充分性 制定有…,得3分 ,否则不得分。 3 3 合理性 …).

A record ends at two numbers side by side, its weight and its score: a score within its
weight, and not a number of a criterion (扣0.5分: a number followed by 分). Its name is a
short word that is no sentence (no punctuation, no digit) and no label: where the sheet's
criteria come after the numbers (评价标准及依据 after 分值), the word just before the
weight; otherwise the one such word of the record, and none when there are several (the
copy wrapped a name into its criterion: the record keeps its numbers). The criteria are not
kept: which record a wrapped line of them belongs to cannot be told. 合计/总分 ends the
sheet, and its score is the stated total. Words left after the last record that are no
总分 or note: the sheet was cut off there (``CUT_OFF``), and no count of its indicators is
claimed. Read only where the form has no indicators read otherwise.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from jixiao.extract.builder import Builder, Keys
from jixiao.extract.core_records import CUT_OFF
from jixiao.extract.labels import (
    POINTS_RE,
    SCORING_LEVEL1_LABELS,
    SECTION_LABELS,
    TOTAL_LABELS,
    amount,
    clean,
    is_plain_number,
)
from jixiao.model import Indicator, RowSources
from jixiao.values import parse

# The header: a name column and 分值, then the words of the header up to the first record.
_NAME_COLUMNS: Final = ("目标名称", "评价内容")
_CRITERIA: Final = ("评分标准", "评价标准及依据", "评价标准")
_HEADER_WORDS: Final = frozenset(
    (*_NAME_COLUMNS, *_CRITERIA, "分值", "得分", "自评分", "复核分", *TOTAL_LABELS)
)
_SENTENCE_RE: Final = re.compile(r"[\d,，。;；、:：()（）]")
_NAME_LENGTH: Final = range(2, 11)
_POINT: Final = "分"
Cell = tuple[int, int]


def scoring_sheet(b: Builder, keys: list[Keys], start: int, end: int) -> None:
    """The records after the first row holding the sheet's header, when the form has no
    indicators yet."""
    if b.indicators:
        return
    found = ((r, c) for r in range(start, end) if (c := _header_at(keys[r])) is not None)
    head, first = next(found, (None, 0))
    if head is None:
        return
    named_last = _criteria_after(keys[head])
    words = [
        (r, c)
        for r in range(head, end)
        for c in range(first if r == head else 0, len(keys[r].cells))
        if keys[r].cells[c]
    ]
    level1, i = "", 0
    record: list[Cell] = []
    while i < len(words):
        r, c = words[i]
        if keys[r].cells[c].startswith(TOTAL_LABELS):
            _total(b, keys, words[i + 1 : i + 3])
            return
        if _is_pair(keys, words, i):
            level1 = _add(b, keys, record, words[i : i + 2], level1, named_last)
            record, i = [], i + 2
        else:
            record.append(words[i])
            i += 1
    if b.indicators and record:
        r, c = record[0]
        if not keys[r].cells[c].startswith(SECTION_LABELS):
            b.note(r, c, f"{CUT_OFF}：{keys[r].cells[c][:20]}", block="indicators")


def _header_at(keys: Keys) -> int | None:
    """The first column after the header's words, in a row holding a name column and 分值
    (the words after a record may name the header's last columns: 复核分 评价标准及依据)."""
    c = next((c for c, k in enumerate(keys.cells) if k in _NAME_COLUMNS), None)
    if c is None or "分值" not in keys.cells:
        return None
    while c < len(keys.cells) and (keys.cells[c] in _HEADER_WORDS or not keys.cells[c]):
        c += 1
    return c


def _criteria_after(keys: Keys) -> bool:
    """Whether the header names the criteria after 分值 (so the name ends the record)."""
    crit = next((c for c, k in enumerate(keys.cells) if k in _CRITERIA), None)
    return crit is not None and crit > keys.cells.index("分值")


def _number(keys: list[Keys], cell: Cell) -> Decimal | None:
    k = keys[cell[0]].cells[cell[1]]
    return amount(k)[0] if is_plain_number(k) and not k.endswith("%") else None


def _is_pair(keys: list[Keys], words: list[Cell], i: int) -> bool:
    """A weight and its score side by side at ``words[i]``: the score within the weight,
    and not a criterion's number (4 0.5 分,扣完为止: 0.5 is the criterion's)."""
    if i + 1 >= len(words):
        return False
    weight, score = _number(keys, words[i]), _number(keys, words[i + 1])
    if weight is None or score is None or not (0 < weight <= 100 and 0 <= score <= weight):
        return False
    after = words[i + 2] if i + 2 < len(words) else None
    return after is None or not keys[after[0]].cells[after[1]].startswith(_POINT)


def _total(b: Builder, keys: list[Keys], after: list[Cell]) -> None:
    """合计 | 100 | 89: the weights' sum, then the stated total."""
    if len(after) == 2 and _is_pair(keys, after, 0):
        r, c = after[1]
        b.total = _number(keys, after[1])
        b.sources["total"] = b.grid.source(r, c)


def _levels(keys: list[Keys], words: list[Cell], level1: str) -> tuple[list[Cell], str]:
    """The record's words without its level labels (项目决策 2 分 → 项目决策(2分), in force
    from there on) and header words; and the level-1 label in force."""
    rest: list[Cell] = []
    expect = ""  # after a level label: its points, then 分
    for r, c in words:
        k = keys[r].cells[c]
        if POINTS_RE.sub("", k) in SCORING_LEVEL1_LABELS:
            level1, expect = clean(k), "points"
        elif expect == "points" and is_plain_number(k):
            level1, expect = f"{level1}({k}分)", _POINT
        elif expect == _POINT and k == _POINT:
            expect = ""
        elif k not in _HEADER_WORDS:
            expect = ""
            rest.append((r, c))
    return rest, level1


def _add(
    b: Builder, keys: list[Keys], words: list[Cell], pair: list[Cell], level1: str, last: bool
) -> str:
    """One record's indicator; returns the level-1 label in force after it."""
    rest, level1 = _levels(keys, words, level1)
    names = [w for w in rest if _is_name(keys[w[0]].cells[w[1]])]
    if last:
        name = rest[-1] if rest and names and names[-1] == rest[-1] else None
    else:
        name = names[0] if len(names) == 1 else None
    (wr, wc), (sr, sc) = pair
    placed = {"weight": wc, "score": sc} if wr == sr else {"weight": wc}
    if name is not None and name[0] == wr:
        placed["name"] = name[1]
    b.indicators.append(
        Indicator(
            level1=level1,
            level2="",
            name=clean(b.grid.rows[name[0]][name[1]]) if name else "",
            target="",
            actual="",
            target_value=parse(""),
            actual_value=parse(""),
            weight=_number(keys, pair[0]),
            score=_number(keys, pair[1]),
            sources=RowSources(b.grid.row_at(wr), placed),
        )
    )
    return level1


def _is_name(k: str) -> bool:
    return len(k) in _NAME_LENGTH and not _SENTENCE_RE.search(k) and k not in _HEADER_WORDS
