"""The scoring engine: ``score(form, profile)`` → a ``ScoreSheet`` with every number recomputed
by the rules (RULES.md §3) and explained in one Chinese line. Pure, ``Decimal``, full
precision inside; the profile rounds once, when a number is shown or compared.
"""

from jixiao.scoring.engine import (
    HUNDRED,
    ZERO,
    Correction,
    IndicatorScore,
    ScoreSheet,
    score,
    unit_corrections,
)

__all__ = [
    "HUNDRED",
    "ZERO",
    "Correction",
    "IndicatorScore",
    "ScoreSheet",
    "score",
    "unit_corrections",
]
