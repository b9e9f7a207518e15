"""JX5xx: plausibility — self-scores against spending, reasons given or missing, narratives
that contradict the scores."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from jixiao.checks.base import Ctx
from jixiao.findings import Finding
from jixiao.scoring import HUNDRED, ZERO

REASON: Final = re.compile(
    r"因|由于|资金紧张|延期|延迟|下年度支付|于\d{4}年支付|无法预估|原因|尚未|结余|节约|未到付款"
)
SHORTFALL: Final = re.compile(
    r"未达到|未完成|未能|取消|推迟开展|延期开展|未开展|没有完成|尚未完成|未实施"
)
DEFERRED_PAYMENT: Final = re.compile(
    r"资金紧张|下年度支付|于\d{4}年支付|\d{4}年支付|延期支付|推迟支付"
)
PLACEHOLDERS: Final = frozenset({"无", "/", "—", "-", "－", "——", "无偏差", "暂无", "未", "0"})
_SENTENCES: Final = re.compile(r"[。；;！!？?\n]")


def _texts(ctx: Ctx) -> list[str]:
    return [
        ctx.form.goal.expected,
        ctx.form.goal.achieved,
        *(i.deviation for i in ctx.form.indicators),
    ]


def _all_full(ctx: Ctx) -> bool:
    inds = ctx.form.indicators
    return bool(inds) and all(i.weight is not None and i.score == i.weight for i in inds)


def jx501(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        ind = r.ind
        if r.short and not ind.deviation.strip():
            yield ctx.at_ind(
                "JX501",
                f"得分{ind.score}低于分值{ind.weight}，偏差原因为空",
                r.index,
                "deviation",
                suggestion="说明未达标原因和改进措施",
            )


def jx502(ctx: Ctx) -> Iterator[Finding]:
    rate = ctx.sheet.rate
    if rate is None or rate >= ctx.profile.low_execution:
        return
    if any(REASON.search(t) or admitted_shortfall(t) for t in _texts(ctx)):
        return
    yield ctx.at_fund(
        "JX502",
        f"执行率{ctx.d(rate)}%低于{ctx.profile.low_execution}%，表内没有说明原因",
        "total",
        "rate",
        suggestion="在实际完成情况或偏差原因中说明执行率低的原因",
    )


def completion(ctx: Ctx) -> Decimal | None:
    """Indicator completion: Σ stated scores / Σ weights."""
    weights = sum((i.weight or ZERO for i in ctx.form.indicators), ZERO)
    if weights <= ZERO:
        return None
    return sum((i.score or ZERO for i in ctx.form.indicators), ZERO) / weights


def jx503(ctx: Ctx) -> Iterator[Finding]:
    rate, done = ctx.sheet.rate, completion(ctx)
    if rate is None or done is None:
        return
    spent_share = min(rate, HUNDRED) / HUNDRED
    if done > spent_share * (1 + ctx.profile.inflation_margin):
        yield ctx.at_fund(
            "JX503",
            f"指标完成度{ctx.d(done * 100)}%，而预算执行率只有{ctx.d(rate)}%：自评分可能虚高",
            "total",
            "rate",
            suggestion="核实指标完成情况，未完成的产出应如实扣分",
        )


def jx504(ctx: Ctx) -> Iterator[Finding]:
    annual, spent = ctx.sheet.annual, ctx.sheet.spent
    if annual is None or spent is None or annual <= ZERO:
        return
    unspent = (annual - spent) / annual
    if unspent > ctx.profile.unspent_share:
        yield ctx.at_fund(
            "JX504",
            f"预算结余{ctx.d(annual - spent)}万元，占全年预算{ctx.d(unspent * 100)}%",
            "total",
            "spent",
        )


def admitted_shortfall(text: str) -> str | None:
    """A sentence that admits an output fell short (not a merely deferred payment)."""
    for sentence in _SENTENCES.split(text):
        if SHORTFALL.search(sentence) and not DEFERRED_PAYMENT.search(sentence):
            return sentence.strip()
    return None


def jx505(ctx: Ctx) -> Iterator[Finding]:
    if not _all_full(ctx):
        return
    sentence = admitted_shortfall(ctx.form.goal.achieved)
    if sentence:
        yield ctx.at_goal(
            "JX505",
            f"实际完成情况写明“{sentence[:40]}”，但所有指标均为满分",
            "achieved",
            suggestion="对未完成的产出指标如实扣分",
        )
        return
    for i, ind in ctx.indexed():
        sentence = admitted_shortfall(ind.deviation)
        if sentence:
            yield ctx.at_ind(
                "JX505", f"偏差原因写明“{sentence[:40]}”，但所有指标均为满分", i, "deviation"
            )
            return


def jx506(ctx: Ctx) -> Iterator[Finding]:
    numeric = [
        (r.target, r.actual) for r in ctx.rows if r.target is not None and r.actual is not None
    ]
    if len(numeric) >= 2 and all(a == b for a, b in numeric):
        yield ctx.at_form(
            "JX506",
            f"全部{len(numeric)}个定量指标的实际值都与指标值完全相等",
            "project",
            "indicators",
            suggestion="核对实际完成值是否按实填写",
        )


def jx507(ctx: Ctx) -> Iterator[Finding]:
    for r in ctx.rows:
        said = r.ind.deviation.strip()
        if r.short and said in PLACEHOLDERS:
            yield ctx.at_ind(
                "JX507",
                f"得分低于分值，偏差原因只写了“{said}”",
                r.index,
                "deviation",
                suggestion="写明未达标的具体原因和改进措施",
            )


CHECKS: Final = {
    "JX501": jx501,
    "JX502": jx502,
    "JX503": jx503,
    "JX504": jx504,
    "JX505": jx505,
    "JX506": jx506,
    "JX507": jx507,
}
