"""Recompute a form: execution rate and score, each indicator's score, total and grade."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from mypy_extensions import mypyc_attr

from jixiao.makers import positional
from jixiao.model import Form, FundRow, Indicator
from jixiao.profiles import Profile
from jixiao.rounding import grade, rounded
from jixiao.values import Achievement, number_of, op_of
from jixiao.values.types import num

Method = Literal["positive", "reverse", "qualitative", "unscored"]
HUNDRED: Final = Decimal(100)
ZERO: Final = Decimal(0)


@mypyc_attr(native_class=False)  # (mypyc: pickled by workers, a plain Python class)
@dataclass(frozen=True, kw_only=True, slots=True)
class Correction:
    """An amount entered in 元 where 万元 belongs (``stated`` ≈ factor × what its peer implies)."""

    row: str
    column: str
    stated: Decimal
    corrected: Decimal


@mypyc_attr(native_class=False)  # (mypyc: pickled by workers, a plain Python class)
@dataclass(frozen=True, kw_only=True, slots=True)
class IndicatorScore:
    """One indicator recomputed: the rule applied, the score, and why.

    The one-line explanation is made when asked for (``explanation``): ``template`` with
    ``numbers`` rounded as the profile shows them.
    """

    index: int
    method: Method
    score: Decimal | None
    profile: Profile
    template: str
    numbers: tuple[Decimal, ...] = ()
    band: tuple[Decimal, Decimal] | None = None
    label: str = ""

    @property
    def explanation(self) -> str:
        return self.template.format(*(num(self.profile.round(n)) for n in self.numbers))


@mypyc_attr(native_class=False)  # (mypyc: pickled by workers, a plain Python class)
@dataclass(frozen=True, kw_only=True, slots=True)
class ScoreSheet:
    """Every number of a form as the rules say it should be (full precision).

    ``explanation`` (how the execution rate and score were worked out) is made when asked for.
    """

    profile: Profile
    annual: Decimal | None
    spent: Decimal | None
    corrections: tuple[Correction, ...]
    rate: Decimal | None
    execution_weight: Decimal
    execution_score: Decimal | None
    indicators: tuple[IndicatorScore, ...]
    total: Decimal
    grade: str

    @property
    def explanation(self) -> str:
        rate, exec_score, annual, spent = self.rate, self.execution_score, self.annual, self.spent
        if rate is None or exec_score is None or annual is None or spent is None:
            return "全年预算数为空或为0，无法计算执行率"
        d = self.profile.round
        return (
            f"执行率 = {num(spent)} / {num(annual)} × 100 = {num(d(rate))}%；"
            f"得分 = min({num(d(rate))}, 100) / 100 × {num(self.execution_weight)}"
            f" = {num(d(exec_score))}"
        )

    def shown(self, value: Decimal | None) -> Decimal | None:
        """A number as the profile shows it."""
        return None if value is None else rounded(value, self.profile.step, self.profile.mode)


# (column that may be in 元, its peer column): checked in this order.
_UNIT_PAIRS: Final = (("spent", "annual"), ("annual", "initial"), ("initial", "annual"))


def unit_corrections(name: str, row: FundRow, profile: Profile) -> list[Correction]:
    """Amounts of a funds row that are ~10,000× their peer: entered in 元, not 万元."""
    out: list[Correction] = []
    low, high = profile.unit_factor_range
    factor = profile.unit_factor
    least, most = low * factor, high * factor  # the ratios that mean 元 entered for 万元
    for column, peer in _UNIT_PAIRS:
        value, base = getattr(row, column), getattr(row, peer)
        if (
            value is None
            or base is None
            or base <= ZERO
            or (out and any(c.column == peer for c in out))
        ):
            continue
        if least <= value / base <= most:
            out.append(Correction(row=name, column=column, stated=value, corrected=value / factor))
    return out


def score(form: Form, profile: Profile) -> ScoreSheet:
    """Recompute every number of the form by the profile's rules."""
    total_row = form.funds.total
    corrections = tuple(unit_corrections("total", total_row, profile))
    fixed = {c.column: c.corrected for c in corrections}
    annual = fixed.get("annual", total_row.annual)
    spent = fixed.get("spent", total_row.spent)
    weight = total_row.weight if total_row.weight is not None else profile.weights["execution"]
    rate = spent / annual * HUNDRED if annual and spent is not None and annual > ZERO else None
    exec_score = min(rate, HUNDRED) / HUNDRED * weight if rate is not None else None
    indicators = tuple(score_indicator(i, ind, profile) for i, ind in enumerate(form.indicators, 1))
    total = (exec_score or ZERO) + sum(
        (_counted(s, ind) for s, ind in zip(indicators, form.indicators, strict=True)), ZERO
    )
    graded = grade(rounded(total, profile.step, profile.mode), profile.grades)
    return _score_sheet(
        profile, annual, spent, corrections, rate, weight, exec_score, indicators, total, graded
    )


# ScoreSheet(…) and IndicatorScore(…) with every field given in order (a form makes one
# and one an indicator; the frozen classes' keyword calls cost three times as much).
_score_sheet: Final = positional(ScoreSheet)
_indicator_score: Final = positional(IndicatorScore)


def _counted(s: IndicatorScore, ind: Indicator) -> Decimal:
    """What an indicator adds to the total: its recomputed score, else its stated one."""
    if s.score is not None:
        return s.score
    return ind.score if ind.score is not None else ZERO


def _result(
    index: int, method: Method, score: Decimal | None, p: Profile, template: str, *numbers: Decimal
) -> IndicatorScore:
    return _indicator_score(index, method, score, p, template, numbers, None, "")


def score_indicator(index: int, ind: Indicator, p: Profile) -> IndicatorScore:
    """Recompute one indicator: quantitative (positive or reverse) or qualitative (band)."""
    w = ind.weight
    if w is None:
        return _result(index, "unscored", None, p, "分值缺失，无法重算")
    actual = ind.actual_value
    if isinstance(actual, Achievement):
        return _qualitative(index, ind, w, actual, p)
    a, b = number_of(ind.target_value), number_of(actual)
    if a is None or b is None:
        why = "指标值没有数字" if a is None else "实际完成值没有数字"
        return _result(index, "unscored", None, p, f"{why}，沿用填报得分")
    op = op_of(ind.target_value) or "≥"
    if op in ("≤", "<"):
        return _reverse(index, w, a, b, p)
    return _positive(index, w, a, b, op, p)


def _positive(
    index: int, w: Decimal, a: Decimal, b: Decimal, op: str, p: Profile
) -> IndicatorScore:
    """B ≥ A → w; else w × B / A. With A = 0, ``=`` gives full marks only if B ≤ 0."""
    b = max(b, ZERO)
    if a == ZERO:
        full = b <= ZERO if op == "=" else True
        met = "满足" if full else "不满足"
        return _result(index, "positive", w if full else ZERO, p, f"指标值为0：实际{{0}}{met}", b)
    if b >= a:
        return _result(index, "positive", w, p, "实际{0} ≥ 指标{1}，得满分{2}", b, a, w)
    s = w * b / a
    return _result(index, "positive", s, p, "实际{0} < 指标{1}：{2} × {0} / {1} = {3}", b, a, w, s)


def _reverse(index: int, w: Decimal, a: Decimal, b: Decimal, p: Profile) -> IndicatorScore:
    """B ≤ A → w; A < B < 2A → w × (1 − (B − A) / A); B ≥ 2A → 0 (or w × A / B: ``ratio``)."""
    b = max(b, ZERO)
    if b <= a:
        return _result(index, "reverse", w, p, "反向指标：实际{0} ≤ 指标{1}，得满分{2}", b, a, w)
    if a == ZERO:
        return _result(index, "reverse", ZERO, p, "反向指标：指标为0而实际{0}，得0", b)
    if p.reverse == "ratio":
        s = w * a / b
        return _result(index, "reverse", s, p, "反向指标：{0} × {1} / {2} = {3}", w, a, b, s)
    if b >= 2 * a:
        return _result(index, "reverse", ZERO, p, "反向指标：实际{0} ≥ 2 × 指标{1}，得0", b, a)
    s = w * (1 - (b - a) / a)
    template = "反向指标：{0} × (1 − ({1} − {2}) / {2}) = {3}"
    return _result(index, "reverse", s, p, template, w, b, a, s)


_BAND_NAMES: Final = {"achieved": "达成", "partial": "部分达成", "not_achieved": "未达成"}


def _qualitative(
    index: int, ind: Indicator, w: Decimal, actual: Achievement, p: Profile
) -> IndicatorScore:
    """A score inside the band of the label: [low·w, high·w] (the upper end of the lower
    bands is open: a score there belongs to the band above)."""
    low_share, high_share = p.bands[actual.band]
    low, high = w * low_share, w * high_share
    open_top = actual.band != "achieved"
    stated = ind.score
    name = _BAND_NAMES[actual.band]
    span = f"定性指标（{name}），区间[{{0}}, {{1}}{')' if open_top else ']'}"
    # the highest score inside the band: the open top's neighbour one place below
    top = high - p.step if open_top and high > low else high
    if stated is None:
        s, template = top, span + "，未填得分，按上限计"
    elif stated < low or stated > top:
        s = low if stated < low else top
        template = span + f"，填报{num(stated)}不在区间内，按{{2}}计"
    else:
        s, template = stated, span + f"，填报{num(stated)}在区间内"
    return _indicator_score(
        index, "qualitative", s, p, template, (low, high, s), (low, high), actual.band
    )
