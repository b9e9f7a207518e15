"""JX3xx: targets and actuals — missing or unreadable, units, measurability, labels."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from jixiao.checks.base import Ctx
from jixiao.findings import Finding
from jixiao.scoring import HUNDRED, ZERO
from jixiao.values import (
    Achievement,
    Comparison,
    Direction,
    Empty,
    Percentage,
    Question,
    Time,
    Unparsed,
)

_MISSING: Final = (Empty, Unparsed)
_COUNT_NAME: Final = re.compile(r"(人数|数量|次数|个数|台数|户数|场次|件数|面积|条数)$")
_RATE_NAME: Final = re.compile(r"率$")
_LABEL_OR_MISSING: Final = (Achievement, Empty, Unparsed, Percentage)
_RATE_UNITS: Final = frozenset({"%", "‰", ""})
_VAGUE_TIME: Final = frozenset({"timely", "schedule"})


def _missing_message(value: object, side: str) -> str:
    if isinstance(value, Unparsed):
        return f"{side}“{value.text}”无法识别"
    return f"{side}缺失"


def jx301(ctx: Ctx) -> Iterator[Finding]:
    for i, ind in ctx.indexed():
        if isinstance(ind.target_value, _MISSING):
            yield ctx.at_ind("JX301", _missing_message(ind.target_value, "年度指标值"), i, "target")


def jx302(ctx: Ctx) -> Iterator[Finding]:
    for i, ind in ctx.indexed():
        if isinstance(ind.actual_value, _MISSING):
            yield ctx.at_ind("JX302", _missing_message(ind.actual_value, "实际完成值"), i, "actual")


def jx303(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        t, a = r.target_unit, r.actual_unit
        if t and a and t != a:
            yield ctx.at_ind(
                "JX303",
                f"实际完成值单位“{a}”与指标值单位“{t}”不一致",
                r.index,
                "actual",
                suggestion=f"统一为“{t}”",
            )


def jx304(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        unit = r.target_unit
        name = r.ind.name.split("（")[0].split("(")[0]
        if _RATE_NAME.search(name) and unit not in _RATE_UNITS:
            yield ctx.at_ind(
                "JX304",
                f"名称是比率（…率），单位却是“{unit}”",
                r.index,
                "target",
                suggestion="以%计，或改指标名称",
            )
        elif unit == "%" and _COUNT_NAME.search(name):
            yield ctx.at_ind(
                "JX304",
                "名称是数量，单位却是%",
                r.index,
                "target",
                suggestion="以实际计量单位计，或改为…率",
            )


def jx305(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        n, ind, i = r.target, r.ind, r.index
        if n is None or r.target_unit != "%":
            continue
        satisfaction = r.dim == "satisfaction" or "满意" in ind.name
        if n > HUNDRED:
            yield ctx.at_ind("JX305", f"百分比指标值{ind.target}超过100%", i, "target")
        elif satisfaction and r.op == "=":
            yield ctx.at_ind(
                "JX305",
                f"满意度指标值“{ind.target}”用“=”，应为“≥”",
                i,
                "target",
                suggestion="改为≥",
            )
        elif satisfaction and n >= HUNDRED:
            yield ctx.at_ind(
                "JX305",
                f"满意度指标值“{ind.target}”要求100%，难以衡量",
                i,
                "target",
                suggestion="如≥90%",
            )


def _vague(value: object) -> bool:
    if isinstance(value, (Direction, Achievement, Question)):
        return True
    if isinstance(value, Time):
        return value.form in _VAGUE_TIME
    return isinstance(value, Comparison) and value.op in ("≥", ">") and value.number == ZERO


def jx306(ctx: Ctx) -> Iterator[Finding]:
    for i, ind in ctx.indexed():
        if _vague(ind.target_value):
            yield ctx.at_ind(
                "JX306",
                f"指标值“{ind.target}”不可衡量",
                i,
                "target",
                suggestion="写成可衡量的值，如“≥95%”“=12(次)”",
            )


def jx307(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        if "成本" not in r.ind.level2:
            continue
        if not (r.reverse and "元" in r.target_unit):
            yield ctx.at_ind(
                "JX307",
                f"成本指标“{r.ind.target}”应为“≤金额(元/万元)”",
                r.index,
                "target",
                suggestion="如“≤50(万元)”",
            )


def jx308(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        if r.actual is not None or isinstance(r.ind.actual_value, _LABEL_OR_MISSING):
            continue
        yield ctx.at_ind(
            "JX308",
            f"实际完成值“{r.ind.actual}”不是达成等级表述（达成/部分达成/未达成年度指标）",
            r.index,
            "actual",
            suggestion="写实际数值，或“达成年度指标”等规定表述",
        )


CHECKS: Final = {
    "JX301": jx301,
    "JX302": jx302,
    "JX303": jx303,
    "JX304": jx304,
    "JX305": jx305,
    "JX306": jx306,
    "JX307": jx307,
    "JX308": jx308,
}
