"""What every check gets (``Ctx``: the form, its score sheet, the profile, and ``rows``, the
per-form table of each indicator's parsed numbers, units and operator, worked out once) and
how it builds located findings. A check is a function ``Ctx -> Iterable[Finding]``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal

from jixiao import rounding
from jixiao.findings import Finding, finding
from jixiao.model import Form, Indicator, dimension
from jixiao.profiles import Profile
from jixiao.scoring import IndicatorScore, ScoreSheet
from jixiao.values import Op, number_of, op_of, unit_of
from jixiao.values.types import num


class Row:
    """One indicator with what the checks ask of it: parsed once per form, read by many
    (never changed after ``rows`` builds it)."""

    def __init__(
        self,
        ind: Indicator,
        scored: IndicatorScore,  # the engine's recomputation
        target: Decimal | None,  # number_of(target_value): A of RULES.md §3
        actual: Decimal | None,  # number_of(actual_value): B
        target_unit: str,
        actual_unit: str,
        op: Op | None,  # the target's operator, if it is a Comparison
        dim: str | None,  # the level-1 dimension: output, benefit, satisfaction
        short: bool,  # a stated score below its weight
    ) -> None:
        self.ind = ind
        self.scored = scored
        self.target = target
        self.actual = actual
        self.target_unit = target_unit
        self.actual_unit = actual_unit
        self.op = op
        self.dim = dim
        self.short = short

    @property
    def index(self) -> int:
        """1-based, as findings number indicators (the engine's numbering)."""
        return self.scored.index

    @property
    def reverse(self) -> bool:
        """A reverse target (``≤``, ``<``): less is better."""
        return self.op in ("≤", "<")


def rows(form: Form, sheet: ScoreSheet) -> tuple[Row, ...]:
    """Every indicator of the form with its parsed values and recomputed score, in order."""
    out = []
    for ind, scored in zip(form.indicators, sheet.indicators, strict=True):
        t, a, w, s = ind.target_value, ind.actual_value, ind.weight, ind.score
        short = w is not None and s is not None and s < w
        out.append(
            Row(
                ind,
                scored,
                number_of(t),
                number_of(a),
                unit_of(t),
                unit_of(a),
                op_of(t),
                dimension(ind.level1),
                short,
            )
        )
    return tuple(out)


class Ctx:
    """One form as the checks see it; ``rows`` worked out on first use."""

    def __init__(self, *, form: Form, sheet: ScoreSheet, profile: Profile) -> None:
        self.form = form
        self.sheet = sheet
        self.profile = profile
        self._rows: tuple[Row, ...] | None = None
        self._indexed: tuple[tuple[int, Indicator], ...] | None = None
        # (the profile's rounding, read once: the checks round and compare dozens of times)
        self._step, self._mode, self._tolerance = profile.step, profile.mode, profile.tolerance
        self._grades = profile.grades

    def round(self, value: Decimal) -> Decimal:
        """``profile.round``."""
        return rounding.rounded(value, self._step, self._mode)

    def same(self, stated: Decimal, recomputed: Decimal) -> bool:
        """``profile.same``."""
        return rounding.same(stated, recomputed, self._step, self._mode, self._tolerance)

    def grade(self, total: Decimal) -> str:
        """``profile.grade``."""
        return rounding.grade(total, self._grades)

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every indicator with its parsed values and recomputed score (``rows``)."""
        if self._rows is None:
            self._rows = rows(self.form, self.sheet)
        return self._rows

    def d(self, value: Decimal | None) -> str:
        """A number as the profile shows it."""
        return "空" if value is None else num(self.round(value))

    def at_form(self, code: str, message: str, field: str, block: str, **kw: str | None) -> Finding:
        src = self.form.sources.get(field, self.form.source)
        return finding(
            code, message, src, block=block, column=field, suggestion=kw.get("suggestion")
        )

    def at_fund(self, code: str, message: str, row: str, column: str, **kw: str | None) -> Finding:
        fund_row = getattr(self.form.funds, row)
        src = fund_row.sources.get(column) or fund_row.sources.get("label") or self.form.source
        return finding(
            code,
            message,
            src,
            block="funds",
            row=row,
            column=column,
            suggestion=kw.get("suggestion"),
        )

    def at_goal(self, code: str, message: str, field: str, **kw: str | None) -> Finding:
        src = self.form.goal.sources.get(field, self.form.source)
        return finding(
            code, message, src, block="goal", column=field, suggestion=kw.get("suggestion")
        )

    def at_ind(self, code: str, message: str, index: int, column: str, **kw: str | None) -> Finding:
        ind = self.form.indicators[index - 1]
        src = ind.sources.get(column, ind.source)
        return finding(
            code,
            f"指标{index}“{ind.name}”：{message}",
            src,
            block="indicators",
            row=index,
            column=column,
            suggestion=kw.get("suggestion"),
        )

    def indexed(self) -> tuple[tuple[int, Indicator], ...]:
        """The indicators numbered from 1, as findings number them (made once a form: a
        tuple, which the compiled checks loop over natively, where an ``enumerate`` took
        Python's generic iteration)."""
        if self._indexed is None:
            self._indexed = tuple(enumerate(self.form.indicators, 1))
        return self._indexed


Check = Callable[[Ctx], Iterable[Finding]]


def with_severity(findings: list[Finding], profile: Profile) -> list[Finding]:
    """Apply the profile's per-code severity overrides."""
    if not profile.severity:
        return findings
    return [
        replace(f, severity=profile.severity[f.code]) if f.code in profile.severity else f
        for f in findings
    ]
