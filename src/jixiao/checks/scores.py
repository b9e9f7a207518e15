"""JX4xx: scores and weights — against weights, formulas, bands, totals and grades."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from jixiao.checks.base import Ctx
from jixiao.findings import Finding
from jixiao.model import DIMENSION_NAMES
from jixiao.scoring import ZERO


def jx401(ctx: Ctx) -> Iterator[Finding]:
    for i, ind in ctx.indexed():
        w, s = ind.weight, ind.score
        if s is None:
            continue
        if s < ZERO:
            yield ctx.at_ind("JX401", f"得分{s}为负", i, "score")
        elif w is not None and s > w:
            yield ctx.at_ind("JX401", f"得分{s}超过分值{w}", i, "score", suggestion=f"不超过{w}")


def jx402(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        sc, stated = r.scored, r.ind.score
        if sc.method not in ("positive", "reverse") or sc.score is None or stated is None:
            continue
        if not ctx.same(stated, sc.score):
            yield ctx.at_ind(
                "JX402",
                f"填报得分{stated}，按公式应为{ctx.d(sc.score)}（{sc.explanation}）",
                r.index,
                "score",
                suggestion=f"改为{ctx.d(sc.score)}，并在偏差原因中说明",
            )


def jx403(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        sc, ind = r.scored, r.ind
        if sc.method != "qualitative" or ind.score is None or sc.score is None:
            continue
        if ind.score != sc.score:
            yield ctx.at_ind(
                "JX403",
                f"填报得分{ind.score}不在“{ind.actual}”的得分区间内（{sc.explanation}）",
                r.index,
                "score",
                suggestion=f"改为区间内的分数，如{ctx.d(sc.score)}，或改写达成等级",
            )


def _weights(ctx: Ctx) -> Decimal:
    execution = ctx.form.funds.total.weight
    return (execution or ZERO) + sum((i.weight or ZERO for i in ctx.form.indicators), ZERO)


def jx404(ctx: Ctx) -> Iterator[Finding]:
    if not ctx.form.indicators:
        return
    total, expected = _weights(ctx), ctx.profile.weights["total"]
    if total != expected:
        yield ctx.at_form(
            "JX404",
            f"分值合计{total}（执行率{ctx.form.funds.total.weight or 0} + 指标），应为{expected}",
            "total",
            "indicators",
            suggestion="调整各指标分值使合计为100",
        )


def jx405(ctx: Ctx) -> Iterator[Finding]:
    sums = dict.fromkeys(DIMENSION_NAMES, ZERO)
    for r in ctx.rows:
        if r.dim is not None and r.ind.weight:
            sums[r.dim] += r.ind.weight
    w = ctx.profile.weights
    if sums["satisfaction"] == ZERO:
        fits = sums["output"] + sums["benefit"] == w["output"] + w["benefit"] + w["satisfaction"]
    else:
        fits = all(sums[d] == w[d] for d in DIMENSION_NAMES)
    if ctx.form.indicators and not fits:
        stated = "、".join(f"{DIMENSION_NAMES[d]}{sums[d]}" for d in DIMENSION_NAMES)
        rule = "、".join(f"{DIMENSION_NAMES[d]}{w[d]}" for d in DIMENSION_NAMES)
        yield ctx.at_form("JX405", f"一级指标分值为{stated}，规则为{rule}", "project", "indicators")


def jx406(ctx: Ctx) -> Iterator[Finding]:
    for i, ind in ctx.indexed():
        if ind.weight is not None and ind.weight == ZERO:
            yield ctx.at_ind(
                "JX406", "分值为0，该指标不影响得分", i, "weight", suggestion="删去该指标或给予分值"
            )


def _stated_sum(ctx: Ctx) -> Decimal:
    execution = ctx.form.funds.total.score
    return (execution or ZERO) + sum((i.score or ZERO for i in ctx.form.indicators), ZERO)


def jx407(ctx: Ctx) -> Iterator[Finding]:
    total = ctx.form.total
    if total is None or not ctx.form.indicators:
        return
    s = _stated_sum(ctx)
    if abs(s - total) > ctx.profile.tolerance:
        yield ctx.at_form(
            "JX407",
            f"填报总分{total}不等于执行得分与各指标得分之和{s}",
            "total",
            "footer",
            suggestion=f"改为{s}",
        )


def jx408(ctx: Ctx) -> Iterator[Finding]:
    total, grade = ctx.form.total, ctx.form.grade
    if total is None or not grade:
        return
    expected = ctx.grade(total)
    if grade != expected:
        yield ctx.at_form(
            "JX408",
            f"评分等级“{grade}”与填报总分{total}不符（应为“{expected}”）",
            "grade",
            "footer",
            suggestion=f"改为“{expected}”",
        )


def jx409(ctx: Ctx) -> Iterator[Finding]:
    """A stated total is a sum of scores each rounded on its own, so it may differ from the
    total rounded once by one unit of the last place per term: that much is not reported
    (a wrong score is JX402's, a wrong sum JX407's)."""
    total = ctx.form.total
    if total is None:
        return
    stated_grade = ctx.form.grade or ctx.grade(total)
    recomputed = ctx.sheet.total
    terms = 1 + len(ctx.form.indicators)
    close = abs(total - ctx.round(recomputed)) <= ctx.profile.tolerance * terms
    if close and stated_grade == ctx.sheet.grade:
        return
    yield ctx.at_form(
        "JX409",
        f"填报总分{total}（{stated_grade}），重算为{ctx.d(recomputed)}（{ctx.sheet.grade}）",
        "total",
        "footer",
        suggestion=f"总分改为{ctx.d(recomputed)}，等级改为“{ctx.sheet.grade}”",
    )


def jx410(ctx: Ctx) -> Iterator[Finding]:
    factor = ctx.profile.over_achievement
    for r in ctx.rows:
        a, b, ind = r.target, r.actual, r.ind
        if a is None or b is None or a <= ZERO or r.reverse or ind.deviation.strip():
            continue
        if b >= a * factor and ind.weight is not None and ind.score == ind.weight:
            yield ctx.at_ind(
                "JX410",
                f"实际{b}达到指标{a}的{ctx.d(b / a * 100)}%，满分且未说明，指标值可能定得过低",
                r.index,
                "actual",
                suggestion="在偏差原因中说明超额原因，下年度合理调高指标值",
            )


CHECKS: Final = {
    "JX401": jx401,
    "JX402": jx402,
    "JX403": jx403,
    "JX404": jx404,
    "JX405": jx405,
    "JX406": jx406,
    "JX407": jx407,
    "JX408": jx408,
    "JX409": jx409,
    "JX410": jx410,
}
