"""How the rules round a number and compare a stated one with a recomputed one, given a
profile's rounding (``step``, ``mode``), tolerance and grade floors: the one place of the
arithmetic behind ``Profile.round``, ``same`` and ``grade``. Compiled, so that the compiled
checks and engine call it directly (``checks.base.Ctx``), with no Python frame a number."""

from __future__ import annotations

from decimal import Decimal


def rounded(value: Decimal, step: Decimal, mode: str) -> Decimal:
    """``value`` rounded once to ``step`` (0.01 for two places) the ``mode`` way."""
    return value.quantize(step, rounding=mode)


def same(
    stated: Decimal, recomputed: Decimal, step: Decimal, mode: str, tolerance: Decimal
) -> bool:
    """Whether a stated number equals a recomputed one, rounded, within the tolerance."""
    return abs(stated - recomputed.quantize(step, rounding=mode)) <= tolerance


def grade(total: Decimal, grades: tuple[tuple[str, Decimal], ...]) -> str:
    """The grade of a total: the first whose floor it reaches, else the last."""
    for label, floor in grades:
        if total >= floor:
            return label
    return grades[-1][0]
