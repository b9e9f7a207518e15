"""The spreadsheet formulas of an exported form: execution rate and score, indicator scores,
total and grade, written in the function names Excel, WPS and LibreOffice share.

Each formula mirrors the scoring engine (``jixiao.scoring.engine``) step for step: numbers are
kept at full precision and rounded once, by the profile (``ROUNDDOWN`` for ``down``, ``ROUND``
for ``half_up``). Before that rounding, ``ROUND(x, 10)`` removes binary floating-point noise
(``4.35*100`` is ``434.99999999999994`` in a spreadsheet), so that truncating gives the answer
the engine's decimal arithmetic gives.

References are A1 strings (``"E7"``) made by ``a1``; an expression is a string without ``=``.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.profiles import Profile
from jixiao.values.types import num

NOISE_PLACES = 10
_ROUND_FUNCTION = {"down": "ROUNDDOWN", "half_up": "ROUND"}


def a1(row: int, col: int) -> str:
    """The A1 name of a 0-based (row, col) cell: (0, 0) → ``A1``, (6, 27) → ``AB7``."""
    letters = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{row + 1}"


def literal(value: Decimal) -> str:
    return num(value)


def rounded(expr: str, profile: Profile) -> str:
    """``expr`` rounded once, as the profile rounds (after removing floating-point noise)."""
    return f"{_ROUND_FUNCTION[profile.rounding]}(ROUND({expr},{NOISE_PLACES}),{profile.places})"


def number_or(ref: str, default: Decimal) -> str:
    """The number in ``ref``, or ``default`` when the cell holds no number (a dash, a blank)."""
    return f"IF(ISNUMBER({ref}),{ref},{literal(default)})"


def has_rate(annual: str, spent: str) -> str:
    """Whether the engine computes a rate: a positive full-year budget and a spent amount."""
    return f"AND(ISNUMBER({annual}),ISNUMBER({spent}),N({annual})>0)"


def execution_rate(annual: str, spent: str, profile: Profile) -> str:
    """执行率 = 全年执行数 / 全年预算数 × 100, rounded; a dash when it cannot be computed."""
    return f'IF({has_rate(annual, spent)},{rounded(f"{spent}/{annual}*100", profile)},"—")'


def execution_exact(annual: str, spent: str, weight: str) -> str:
    """The execution score at full precision (0 when no rate): min(rate, 100) / 100 × weight."""
    return f"IF({has_rate(annual, spent)},MIN({spent}/{annual}*100,100)/100*{weight},0)"


def execution_score(annual: str, spent: str, weight: str, profile: Profile) -> str:
    exact = f"MIN({spent}/{annual}*100,100)/100*{weight}"
    return f'IF({has_rate(annual, spent)},{rounded(exact, profile)},"—")'


def positive(weight: str, target: str, actual: str, op: str) -> str:
    """B ≥ A → w; else w × B / A (B below 0 counts as 0). A = 0: full marks, but for ``=``
    only when B ≤ 0."""
    b = f"MAX({actual},0)"
    at_zero = f"IF({b}<=0,{weight},0)" if op == "=" else weight
    return f"IF({target}=0,{at_zero},IF({b}>={target},{weight},{weight}*{b}/{target}))"


def reverse(weight: str, target: str, actual: str, variant: str) -> str:
    """B ≤ A → w; A = 0 → 0; linear: B ≥ 2A → 0, else w × (1 − (B − A) / A); ratio: w × A / B."""
    b = f"MAX({actual},0)"
    if variant == "ratio":
        above = f"{weight}*{target}/{b}"
    else:
        above = f"IF({b}>=2*{target},0,{weight}*(1-({b}-{target})/{target}))"
    return f"IF({b}<={target},{weight},IF({target}=0,0,{above}))"


def total(terms: list[str], profile: Profile) -> str:
    """总分 = execution score + Σ indicator scores, at full precision, rounded once."""
    return rounded("+".join(terms) or "0", profile)


def grade(total_ref: str, profile: Profile) -> str:
    """The grade of the (rounded) total by the profile's cut-offs, best first."""
    *ranked, (last, _) = profile.grades
    out = f'"{last}"'
    for label, floor in reversed(ranked):
        out = f'IF({total_ref}>={literal(floor)},"{label}",{out})'
    return out


def weight_sum(execution: str, ranges: list[str]) -> str:
    """The 总分 row's 分值: the execution weight plus the indicators' weights."""
    return "+".join([f"N({execution})", *(f"SUM({r})" for r in ranges)])
