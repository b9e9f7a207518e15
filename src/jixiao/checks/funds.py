"""JX2xx: the funds block — sums, execution rate and score, amounts in the wrong unit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from jixiao.checks.base import Ctx
from jixiao.findings import Finding
from jixiao.model.labels import FUND_COLUMN_NAMES
from jixiao.scoring import HUNDRED, ZERO, unit_corrections
from jixiao.values.types import num

_COMPONENTS: Final = ("appropriation", "carryover", "other")
_AMOUNTS: Final = tuple((c, FUND_COLUMN_NAMES[c]) for c in ("initial", "annual", "spent"))
_ROW_NAMES: Final = {
    "total": "年度资金总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}


def jx201(ctx: Ctx) -> Iterator[Finding]:
    funds = ctx.form.funds
    rows = [getattr(funds, r) for r in _COMPONENTS]
    for column, label in _AMOUNTS:
        total = getattr(funds.total, column)
        parts = [p for row in rows if (p := getattr(row, column)) is not None]
        if total is None or not parts:
            continue
        s = sum(parts, ZERO)
        if abs(s - total) > ctx.profile.tolerance:
            yield ctx.at_fund(
                "JX201",
                f"{label}：资金总额{total}不等于分项之和{s}",
                "total",
                column,
                suggestion=f"核对分项，或将总额改为{s}",
            )


def _unit_fixed(ctx: Ctx) -> bool:
    return bool(ctx.sheet.corrections)


def jx202(ctx: Ctx) -> Iterator[Finding]:
    stated, rate = ctx.form.funds.total.rate, ctx.sheet.rate
    if stated is None or rate is None or _unit_fixed(ctx) or ctx.same(stated, rate):
        return
    yield ctx.at_fund(
        "JX202",
        f"填报执行率{stated}%，按{ctx.d(ctx.sheet.spent)} / {ctx.d(ctx.sheet.annual)}重算为{ctx.d(rate)}%",
        "total",
        "rate",
        suggestion=f"改为{ctx.d(rate)}",
    )


def jx203(ctx: Ctx) -> Iterator[Finding]:
    stated, recomputed = ctx.form.funds.total.score, ctx.sheet.execution_score
    if stated is None or recomputed is None or _unit_fixed(ctx) or ctx.same(stated, recomputed):
        return
    yield ctx.at_fund(
        "JX203",
        f"填报执行得分{stated}，按执行率{ctx.d(ctx.sheet.rate)}%重算为{ctx.d(recomputed)}",
        "total",
        "score",
        suggestion=f"改为{ctx.d(recomputed)}",
    )


def jx204(ctx: Ctx) -> Iterator[Finding]:
    rate = ctx.sheet.rate
    if rate is not None and ctx.round(rate) > HUNDRED:
        yield ctx.at_fund(
            "JX204",
            f"全年执行数{ctx.d(ctx.sheet.spent)}超过全年预算数{ctx.d(ctx.sheet.annual)}（执行率{ctx.d(rate)}%）",
            "total",
            "spent",
            suggestion="核对执行数，或说明超支原因",
        )


def jx205(ctx: Ctx) -> Iterator[Finding]:
    for name, row in ctx.form.funds.rows():
        corrections = (
            ctx.sheet.corrections if name == "total" else unit_corrections(name, row, ctx.profile)
        )
        for c in corrections:
            label = dict(_AMOUNTS)[c.column]
            message = f"{_ROW_NAMES[name]}的{label}{c.stated}约为应有数的1万倍，疑似以元填报：应为{num(c.corrected)}万元"
            if name == "total" and ctx.sheet.rate is not None:
                message += (
                    f"，执行率应为{ctx.d(ctx.sheet.rate)}%，执行得分应为{ctx.d(ctx.sheet.execution_score)}"
                    f"（填报执行率{row.rate}%）"
                )
            yield ctx.at_fund(
                "JX205", message, name, c.column, suggestion=f"改为{num(c.corrected)}"
            )


def jx206(ctx: Ctx) -> Iterator[Finding]:
    funds = ctx.form.funds
    annual = funds.total.annual
    if annual is not None and annual != ZERO:
        return
    spent = funds.total.spent or ZERO
    filled = any((getattr(funds, r).annual or ZERO) != ZERO for r in _COMPONENTS)
    if spent > ZERO or filled:
        yield ctx.at_fund(
            "JX206",
            f"全年预算数为{'0' if annual is not None else '空'}，但执行数为{spent}"
            + ("，且分项有预算" if filled else ""),
            "total",
            "annual",
            suggestion="填写全年预算数（调整后预算）",
        )


def jx207(ctx: Ctx) -> Iterator[Finding]:
    weight, expected = ctx.form.funds.total.weight, ctx.profile.weights["execution"]
    if weight is not None and weight != expected:
        yield ctx.at_fund(
            "JX207",
            f"执行率分值为{weight}，规则（{ctx.profile.name}）为{expected}",
            "total",
            "weight",
            suggestion=f"按规则改为{expected}，并相应调整指标分值",
        )


CHECKS: Final = {
    "JX201": jx201,
    "JX202": jx202,
    "JX203": jx203,
    "JX204": jx204,
    "JX205": jx205,
    "JX206": jx206,
    "JX207": jx207,
}
