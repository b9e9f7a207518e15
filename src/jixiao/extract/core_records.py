"""A flat indicator table with no level columns whose rows end at 是否核心指标 (Chongqing's
部门整体 form: 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 | 全年完成值 | 得分系数(%)
| 指标权重(分) | 指标得分(分) | 是否核心指标), run together in one text (OCR): each record ends
at its 得分系数, weight and score run together, and 是/否 (``100%22否`` = 100% | 2 | 2 | 否).
The weight and score are read only when one split of the run makes the score weight ×
得分系数; the name is the text before the record's first number or %. Targets and actuals
are read only as a word written twice after the name (高高: 高 | 高): numbers, units and the
indicator's nature run together cannot be told apart for sure."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Final

from jixiao.extract.builder import Builder, Keys
from jixiao.extract.labels import SECTION_LABELS
from jixiao.model import Indicator, RowSources
from jixiao.readers import runs
from jixiao.values import parse

# The finding of a table that stops inside a record: the indicators read are not all of them.
CUT_OFF: Final = "指标表在一条指标中间中断，其后的指标未读取"
_HEAD: Final = "是否核心指标"
_HEAD_LABELS: Final = ("指标名称", "指标权重", "指标得分")
# 得分系数 (a percentage), the weight and score run together, 是/否.
_END_RE: Final = re.compile(r"((?:[1-9]\d{0,2}|0)(?:\.\d+)?%)(\d[\d.]*)([是否])")
_NAME_END_RE: Final = re.compile(r"[\d%]")
_NATURE_RE: Final = re.compile(r"定[量性]指标$")
_DOUBLED_RE: Final = re.compile(r"(.{2,}?)(\D{1,2})\2")  # 资金使用合规性好好
_BLOCK_LABEL: Final = "绩效指标"  # the table's merged left cell, cut into the rows by the copy


def core_records(b: Builder, keys: list[Keys], start: int, end: int) -> None:
    """The indicators of a 是否核心指标 table run together after its header, when the form
    has none read otherwise."""
    if b.indicators:
        return
    for r in range(start, end):
        if _HEAD not in keys[r].joined:
            continue
        c = next(c for c, k in enumerate(keys[r].cells) if _HEAD in k)  # (keys hold no SEP)
        if not all(label in "".join(keys[r].cells) for label in _HEAD_LABELS):
            continue
        text = keys[r].cells[c].split(_HEAD, 1)[1] + "".join(keys[r].cells[c + 1 :])
        found, rest = records(text)
        for name, word, weight, score in found:
            b.indicators.append(
                Indicator(
                    level1="",
                    level2="",
                    name=name,
                    target=word,
                    actual=word,
                    target_value=parse(word),
                    actual_value=parse(word),
                    weight=weight,
                    score=score,
                    sources=RowSources(b.grid.row_at(r), {"name": c}),
                )
            )
        if found and rest and not rest.startswith(SECTION_LABELS):
            b.note(r, c, f"{CUT_OFF}：{rest[:20]}", block="indicators")
        return


Record = tuple[str, str, Decimal | None, Decimal | None]


def records(text: str) -> tuple[list[Record], str]:
    """(name, the doubled word, weight, score) of each record in the text, and the text
    after the last: a record cut off at the end of the text (no 是/否 after it) is not read."""
    out: list[Record] = []
    pos = 0
    for m in _END_RE.finditer(text):
        name, word = _name(text[pos : m.start()])
        pos = m.end()
        if not name:
            continue
        weight, score = runs.weight_score(m.group(2), runs.value(m.group(1))) or (None, None)
        out.append((name, word, weight, score))
    return out, text[pos:]


def _name(part: str) -> tuple[str, str]:
    """The name, and the word a qualitative record writes twice after it as target and
    actual (资金使用合规性好好: 好 | 好), or ""."""
    if part.startswith(_BLOCK_LABEL) and len(part) > len(_BLOCK_LABEL):
        part = part[len(_BLOCK_LABEL) :]
    cut = _NAME_END_RE.search(part)
    name = _NATURE_RE.sub("", part[: cut.start()] if cut else part)
    doubled = _DOUBLED_RE.fullmatch(name)
    return (doubled.group(1), doubled.group(2)) if doubled else (name, "")
