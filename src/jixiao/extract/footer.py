"""The footer: the stated total (总分 / 合计, or a row of numbers that lost its label) and
the grade (评分等级); a total stated at the top instead (自评总分: 69)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Final

from jixiao.extract.builder import Builder, Keys, first_key
from jixiao.extract.labels import GRADE_LABELS, TOTAL_LABELS, amount, clean, is_plain_number, key
from jixiao.readers import runs


def is_total(b: Builder, keys: Keys) -> bool:
    return first_key(keys).startswith(TOTAL_LABELS)


def total_row(b: Builder, r: int, keys: Keys) -> None:
    """总分 | … | 100 | 99.55: the stated total is in the score column, else the last number."""
    b.block = "footer"
    row = b.grid.rows[r]
    c = b.ind_cols.get("score")
    if c is not None and c < len(row) and keys.cells[c] and is_plain_number(row[c]):
        b.total, _ = amount(row[c])
        b.sources["total"] = b.grid.source(r, c)
        return
    numbers = [c for c, k in enumerate(keys.cells) if k and is_plain_number(k)]
    from_right = _from_right(b, row, numbers)
    if from_right is not None:
        numbers = (
            [from_right] if b.ind_cols.get("score") == from_right + b.ind_width - len(row) else []
        )
        if not numbers:
            return  # the one number is the weights' sum: no stated total
    if numbers:
        b.total = total_value(key(row[numbers[-1]]))
        b.sources["total"] = b.grid.source(r, numbers[-1])
    else:
        b.note(r, None, "总分行没有数字")
    awaited_scores(b, r, [row[c] for c in numbers[:-1]])


def awaited_scores(b: Builder, r: int, scores: list[str]) -> None:
    """The scores of rows whose wrapped texts pushed them after 总分 (总分 | … | 20 | 20 |
    100): given back in order when there are just as many numbers before the total as rows
    waiting; otherwise those rows, which cannot be told from stray words, are dropped."""
    waiting, b.awaiting = b.awaiting, []
    if not waiting:
        return
    if len(scores) == len(waiting):
        for i, text in zip(waiting, scores, strict=True):
            b.indicators[i] = replace(b.indicators[i], score=amount(text)[0])
        return
    for i in sorted(waiting, reverse=True):
        b.note(r, None, f"指标行没有得分，无法对应，已跳过：{b.indicators[i].name}")
        del b.indicators[i]


def total_value(text: str) -> Decimal | None:
    """The stated total; a run of two numbers (100100: the weights' sum and the total, run
    together) is read when only one split has both at most 100."""
    value, _ = amount(text)
    if value is None or value <= 100 or not runs.is_run(text):
        return value
    pairs = [p for p in runs.splits(text, 2) if all(runs.value(v) <= 100 for v in p)]
    return runs.value(pairs[0][1]) if len(pairs) == 1 else None


def _from_right(b: Builder, row: list[str], numbers: list[int]) -> int | None:
    """A lone number in a 合计 row whose empty cells were kept (a copy that dropped the
    merged cells on the left): its column counted from the right end of the header."""
    if len(numbers) != 1 or not b.ind_width or row[-1].strip() or len(row) >= b.ind_width:
        return None
    return numbers[0]


def is_grade(b: Builder, keys: Keys) -> bool:
    first = first_key(keys)
    return first.startswith(GRADE_LABELS) and len(first) <= 8


def grade_row(b: Builder, r: int, keys: Keys) -> None:
    b.block = "footer"
    row = b.grid.rows[r]
    label_col = next(c for c, k in enumerate(keys.cells) if k)
    inline = keys.cells[label_col].split(":", 1)[-1] if ":" in keys.cells[label_col] else ""
    if inline:
        b.grade = inline
        b.sources["grade"] = b.grid.source(r, label_col)
        return
    for c in range(label_col + 1, len(row)):
        if keys.cells[c]:
            b.grade = clean(row[c])
            b.sources["grade"] = b.grid.source(r, c)
            return


# 自评总分: 69 / 自评得分 | 98 / 自评总分(分)97.6: a total stated at the top of the form.
SELF_TOTAL_RE: Final = re.compile(r"^自评(?:总分|得分)(?:\(分\))?:?")


def self_total(b: Builder, keys: list[Keys], start: int, end: int) -> None:
    """A form with no 总分 row may state its total at the top, beside 自评总分: the number
    after the label, in its cell or at the start of the next."""
    if b.total is not None:
        return
    for r in range(start, end):
        if "自评" not in keys[r].joined:
            continue
        for c, k in enumerate(keys[r].cells):
            m = SELF_TOTAL_RE.match(k)
            if m is None:
                continue
            rest = k[m.end() :] or next((k2 for k2 in keys[r].cells[c + 1 :] if k2), "")
            number, _ = runs.leading_run(rest)
            value, ok = amount(number) if number else (None, False)
            if ok and value is not None and value <= 100:
                b.total = value
                b.sources["total"] = b.grid.source(r, c)
                return
