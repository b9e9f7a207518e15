"""Indicator rows whose cells were joined by spaces (``layout == "words"``, empty cells
dropped): laid out under the header word by word, and the lower header row whose score
columns the trailing numbers fill (单项指标得分 | 权重占比 | 折算得分)."""

from __future__ import annotations

from jixiao.extract.builder import Builder, Keys
from jixiao.extract.labels import POINTS_RE, TAIL_LABELS, is_plain_number, key, level_of
from jixiao.extract.records import OPS


def loose(b: Builder, words: list[str]) -> list[str] | None:
    """An indicator row whose cells were joined by spaces (empty ones dropped), laid out
    under the header by what each word is: level labels first, the (weight, score) pair
    of numbers, the words before it name, target and actual, the words after it the
    deviation. None when the row has no such pair."""
    cols, keys = b.ind_cols, [key(w) for w in words]
    levels = 0
    while levels < len(keys) and (level_of(keys[levels]) or POINTS_RE.fullmatch(keys[levels])):
        levels += 1
    if b.tail_cols:
        return _loose_tail(b, words, keys, levels)
    pairs = [
        c
        for c in range(levels, len(keys) - 1)
        if is_plain_number(keys[c]) and is_plain_number(keys[c + 1])
    ]
    if "weight" not in cols and "score" in cols:
        return _loose_flat(b, words, keys, levels)
    if "weight" not in cols or "score" not in cols or cols["score"] != cols["weight"] + 1:
        return None
    width = max(cols.values()) + 1
    out = [""] * width
    for w, k in zip(words[:levels], keys[:levels], strict=True):
        name = "level2" if level_of(k) == 2 else "level1"
        if name in cols:
            out[cols[name]] = w
    if not pairs:
        if levels == len(words):
            return out
        middle, tail = words[levels:], []
    else:
        p = pairs[-1]
        out[cols["weight"]], out[cols["score"]] = words[p], words[p + 1]
        middle, tail = words[levels:p], words[p + 2 :]
    fields = [n for n in ("name", "target", "actual") if n in cols]
    if len(middle) > len(fields):  # a name that held spaces
        middle = [
            " ".join(middle[: len(middle) - len(fields) + 1]),
            *middle[len(middle) - len(fields) + 1 :],
        ]
    for n, w in zip(fields, middle, strict=False):
        out[cols[n]] = w
    if tail and "deviation" in cols:
        out[cols["deviation"]] = " ".join(tail)
    return out


def is_indicator_subheader(b: Builder, keys: Keys) -> bool:
    """符号 | 单位 | 单项指标得分 | 权重占比(%) | 单项指标折算得分: the lower row of a header
    whose 自评得分 spans several numbers (space-joined copies only: elsewhere the columns
    are kept). (Tried in the indicators block only: ``rows``.)"""
    if b.grid.layout != "words" or b.indicators or b.tail_cols:
        return False
    filled = [k for k in keys.cells if k]
    return any("得分" in k for k in filled) and not any(
        is_plain_number(k) or level_of(k) for k in filled
    )


def indicator_subheader(b: Builder, r: int, keys: Keys) -> None:
    filled = [k for k in keys.cells if k]
    first = next(i for i, k in enumerate(filled) if "得分" in k or k.startswith("权重"))
    b.tail_cols = tuple(
        next((n for label, n in TAIL_LABELS if label in k), "") for k in filled[first:]
    )


def _loose_tail(b: Builder, words: list[str], keys: list[str], levels: int) -> list[str]:
    """A space-joined row under a two-row header whose trailing numbers are the lower
    row's score columns (单项指标得分 | 权重占比 | 折算得分): those read right-aligned; the
    name is the word after the levels; the target runs from the first word with a number
    or operator to the actual, the last such word."""
    cols, n = b.ind_cols, len(b.tail_cols)
    out = [""] * (max(cols.values()) + 1)
    for w, k in zip(words[:levels], keys[:levels], strict=True):
        level = "level2" if level_of(k) == 2 else "level1"
        if level in cols:
            out[cols[level]] = w
    tail = words[-n:] if len(words) - levels > n else []
    for name, w in zip(b.tail_cols, tail, strict=False):
        if name in cols:
            out[cols[name]] = w
    middle = words[levels : len(words) - len(tail)]
    valued = [i for i, k in enumerate(keys[levels : levels + len(middle)]) if _value_start(k)]
    fields = {"name": middle[:1]}
    if len(valued) >= 2:
        fields["target"] = middle[valued[0] : valued[-1]]
        fields["actual"] = middle[valued[-1] : valued[-1] + 1]
    for name, ws in fields.items():
        if name in cols:
            out[cols[name]] = " ".join(ws)
    return out


def _value_start(k: str) -> bool:
    return bool(k) and (k[0].isdigit() or k[0] in OPS)


def is_section_label(words: list[str]) -> bool:
    """A space-joined row that ends in a weight in brackets and holds no number: a section
    label the copy put among the rows (数量指标 | 年度 | 绩效 | 目标 | (80分)), no indicator."""
    keys = [key(w) for w in words]
    return (
        len(keys) > 1
        and POINTS_RE.fullmatch(keys[-1]) is not None
        and not any(is_plain_number(k) for k in keys)
    )


def _loose_flat(b: Builder, words: list[str], keys: list[str], levels: int) -> list[str]:
    """A space-joined row under a header with a score but no weight column (三级指标 |
    年初目标值 | 实际完成值 | 得分): the score is the last word when it is a number; the name,
    target and actual are the words before it when there are just as many, else only the
    name (the first word) is read: a text wrapped over several words cannot be split."""
    cols = b.ind_cols
    out = [""] * (max(cols.values()) + 1)
    middle = words[levels:]
    if middle and is_plain_number(keys[-1]):
        out[cols["score"]], middle = words[-1], middle[:-1]
    fields = [n for n in ("name", "target", "actual") if n in cols]
    if len(middle) != len(fields):
        middle = middle[:1]
    for n, w in zip(fields, middle, strict=False):
        out[cols[n]] = w
    return out
