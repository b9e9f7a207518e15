"""A scoring sheet instead of the indicator table: 目标名称 | 评分标准 | 分值 | 得分 (a
Guangxi 专项支出绩效评分细则) or 评价内容 | 分值 | 自评分 | 复核分 | 评价标准及依据 (Hubei's
广水 template), copied with its cells joined by spaces so that each criterion's wrapped
lines fall among the names and numbers (充分性 制定有…,得3分 ,否则不得分。 3 3 合理性 …).

A record ends at two numbers side by side, its weight and its score (a score within its
weight); its name is the last short word before them that is no sentence (no punctuation,
no digit) and no label. The other words are criteria, not kept: which record a wrapped
line of them belongs to cannot be told (the 广水 sheet puts them after the numbers, the
Guangxi one before). A record whose name the copy wrapped into its criterion keeps its
numbers and an empty name. Words left after the last record that are no 总分 or note: the
sheet was cut off there (``CUT_OFF``), and no count of its indicators is claimed. Read only
where the form has no indicators read otherwise.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.extract.builder import Builder, Keys
from jixiao.extract.core_records import CUT_OFF
from jixiao.extract.labels import (
    POINTS_RE,
    SCORING_LEVEL1_LABELS,
    SECTION_LABELS,
    TOTAL_LABELS,
    clean,
    is_plain_number,
)
from jixiao.model import Indicator, RowSources
from jixiao.values import parse

# The header: a name column and 分值, then the words of the header up to the first record.
_NAME_COLUMNS = ("目标名称", "评价内容")
_HEADER_WORDS = frozenset(
    ("目标名称", "评价内容", "评分标准", "分值", "得分", "自评分", "复核分", "评价标准及依据")
)
_SENTENCE_RE = re.compile(r"[\d,，。;；、:：()（）]")
_NAME_LENGTH = range(2, 11)
Cell = tuple[int, int]


def scoring_sheet(b: Builder, keys: list[Keys], start: int, end: int) -> None:
    """The records after the first row holding the sheet's header, when the form has no
    indicators yet."""
    if b.indicators:
        return
    head = next((r for r in range(start, end) if _header_at(keys[r]) is not None), None)
    if head is None:
        return
    first = _header_at(keys[head]) or 0
    words = [
        (r, c)
        for r in range(head, end)
        for c in range(first if r == head else 0, len(keys[r]))
        if keys[r][c]
    ]
    level1, i = "", 0
    record: list[Cell] = []
    while i < len(words):
        if i + 1 < len(words) and _is_pair(keys, words[i], words[i + 1]):
            level1 = _add(b, keys, record, words[i], words[i + 1], level1)
            record, i = [], i + 2
        else:
            record.append(words[i])
            i += 1
    if b.indicators and record:
        r, c = record[0]
        if not keys[r][c].startswith((*TOTAL_LABELS, *SECTION_LABELS)):
            b.note(r, c, f"{CUT_OFF}：{keys[r][c][:20]}", block="indicators")


def _add(b: Builder, keys: list[Keys], words: list[Cell], w: Cell, s: Cell, level1: str) -> str:
    """One record's indicator; returns the level-1 label in force after it."""
    text = {(r, c): clean(b.grid.rows[r][c]) for r, c in words}
    rest: list[Cell] = []
    expect = ""  # after a level label: its points, then 分
    for r, c in words:
        k = keys[r][c]
        if POINTS_RE.sub("", k) in SCORING_LEVEL1_LABELS:
            level1, expect = text[r, c], "points"
        elif expect == "points" and is_plain_number(k):
            level1, expect = f"{level1}({k}分)", "分"
        elif expect == "分" and k == "分":
            expect = ""
        elif k not in _HEADER_WORDS:
            expect = ""
            rest.append((r, c))
    names = [w for w in rest if _is_name(keys[w[0]][w[1]])]
    name = names[-1] if names else None
    placed = {"weight": w[1], "score": s[1]} if w[0] == s[0] else {"weight": w[1]}
    if name is not None and name[0] == w[0]:
        placed["name"] = name[1]
    b.indicators.append(
        Indicator(
            level1=level1,
            level2="",
            name=text[name] if name else "",
            target="",
            actual="",
            target_value=parse(""),
            actual_value=parse(""),
            weight=Decimal(keys[w[0]][w[1]]),
            score=Decimal(keys[s[0]][s[1]]),
            source=b.grid.source(w[0]),
            sources=RowSources(b.grid.source(w[0]), placed),
        )
    )
    return level1


def _is_name(k: str) -> bool:
    return len(k) in _NAME_LENGTH and not _SENTENCE_RE.search(k)


def _header_at(keys: Keys) -> int | None:
    """The first column after the header's words, in a row holding a name column and 分值
    (the words after a record may name the header's last columns: 复核分 评价标准及依据)."""
    c = next((c for c, k in enumerate(keys) if k in _NAME_COLUMNS), None)
    if c is None or "分值" not in keys:
        return None
    while c < len(keys) and (keys[c] in _HEADER_WORDS or not keys[c]):
        c += 1
    return c


def _is_pair(keys: list[Keys], a: tuple[int, int], b: tuple[int, int]) -> bool:
    """A weight and its score side by side: two numbers, the score within the weight."""
    x, y = keys[a[0]][a[1]], keys[b[0]][b[1]]
    if not (is_plain_number(x) and is_plain_number(y)) or "%" in x + y:
        return False
    weight, score = Decimal(x), Decimal(y)
    return 0 < weight <= 100 and 0 <= score <= weight
