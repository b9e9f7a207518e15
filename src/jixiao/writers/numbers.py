"""The numbers an exported form holds, taken from the scoring engine: the amounts written, the
execution rate and score, each indicator's score, the total and the grade.

Two views (``numbers(result, recomputed=...)``):

- **as stated** (the default export): the amounts as the unit entered them, the unit's own
  indicator scores; rate, execution score, total and grade are what the engine computes from
  them. An amount the engine would read as entered in 元 (JX205) is left as entered: the form
  shows what was stated, and its formulas follow the cells (see ``docs/data-dictionary.md``).
- **recomputed** (``--recomputed``): the form as the rules say it should be: the engine's
  corrected amounts, its recomputed indicator scores, total and grade (``ScoreSheet``).

Every number is a full-precision ``Decimal``; writers show them rounded by the profile.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.model import Form, FundRow, Funds, Source
from jixiao.pipeline import Result
from jixiao.profiles import Profile
from jixiao.scoring import ZERO, ScoreSheet, score
from jixiao.scoring.engine import Correction, IndicatorScore, unit_corrections

_NOWHERE = Source(file="")


def as_stated(profile: Profile) -> Profile:
    """The profile with the 元/万元 correction switched off (an empty ratio range): the engine
    then scores the amounts exactly as they stand in the cells."""
    return replace(profile, unit_factor_range=(Decimal(1), Decimal(0)))


@dataclass(frozen=True, kw_only=True, slots=True)
class FormNumbers:
    """What the computed cells of one exported form hold (full precision)."""

    recomputed: bool
    profile: Profile
    funds: dict[str, FundRow]
    corrections: tuple[Correction, ...]
    rates: dict[str, Decimal | None]
    execution_weight: Decimal
    execution_score: Decimal | None
    scores: tuple[Decimal | None, ...]
    total: Decimal
    grade: str


def row_rate(row: FundRow, profile: Profile) -> Decimal | None:
    """The engine's execution rate of one funds row, taking its amounts as they stand."""
    probe = Form(funds=Funds(total=row), source=_NOWHERE)
    return score(probe, as_stated(profile)).rate


def corrected_rows(form: Form, profile: Profile) -> tuple[dict[str, FundRow], list[Correction]]:
    """Every funds row with the engine's 元 → 万元 corrections applied (row by row)."""
    rows: dict[str, FundRow] = {}
    corrections: list[Correction] = []
    for name, row in form.funds.rows():
        found = unit_corrections(name, row, profile)
        corrections.extend(found)
        fixed = {c.column: c.corrected for c in found}
        rows[name] = replace(
            row,
            initial=fixed.get("initial", row.initial),
            annual=fixed.get("annual", row.annual),
            spent=fixed.get("spent", row.spent),
        )
    return rows, corrections


def numbers(result: Result, profile: Profile, *, recomputed: bool = False) -> FormNumbers:
    """The numbers of one form as stated, or as recomputed by the rules."""
    form = result.form
    if recomputed:
        sheet = result.sheet if result.sheet is not None else score(form, profile)
        return _recomputed(form, sheet, profile)
    return _stated(form, profile)


def _stated(form: Form, profile: Profile) -> FormNumbers:
    sheet = score(form, as_stated(profile))
    rows = dict(form.funds.rows())
    scores = tuple(i.score for i in form.indicators)
    total = (sheet.execution_score or ZERO) + sum((s or ZERO for s in scores), ZERO)
    return FormNumbers(
        recomputed=False,
        profile=profile,
        funds=rows,
        corrections=(),
        rates={name: row_rate(row, profile) for name, row in rows.items()},
        execution_weight=sheet.execution_weight,
        execution_score=sheet.execution_score,
        scores=scores,
        total=total,
        grade=profile.grade(profile.round(total)),
    )


def _recomputed(form: Form, sheet: ScoreSheet, profile: Profile) -> FormNumbers:
    rows, corrections = corrected_rows(form, profile)
    rates = {name: row_rate(row, profile) for name, row in rows.items()}
    rates["total"] = sheet.rate
    scores = tuple(
        counted(s, ind.score) for s, ind in zip(sheet.indicators, form.indicators, strict=True)
    )
    return FormNumbers(
        recomputed=True,
        profile=profile,
        funds=rows,
        corrections=tuple(corrections),
        rates=rates,
        execution_weight=sheet.execution_weight,
        execution_score=sheet.execution_score,
        scores=scores,
        total=sheet.total,
        grade=sheet.grade,
    )


def counted(s: IndicatorScore, stated: Decimal | None) -> Decimal | None:
    """What an indicator adds to the engine's total: its recomputed score, else the stated."""
    return s.score if s.score is not None else stated
