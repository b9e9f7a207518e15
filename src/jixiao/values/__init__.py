"""Indicator values: the typed kinds (``types``) and the grammar that reads them (``parser``).

Re-exports the value types and ``parse``, ``normalise``, ``number_of``, ``unit_of``, ``op_of``.
"""

from jixiao.values.parser import normalise, number_of, op_of, parse, unit_of
from jixiao.values.types import (
    NUMERIC_KINDS,
    Achievement,
    Band,
    Comparison,
    Direction,
    Empty,
    Op,
    Percentage,
    Quantity,
    Question,
    Tendency,
    Time,
    TimeForm,
    Unparsed,
    Value,
    num,
)

__all__ = [
    "NUMERIC_KINDS",
    "Achievement",
    "Band",
    "Comparison",
    "Direction",
    "Empty",
    "Op",
    "Percentage",
    "Quantity",
    "Question",
    "Tendency",
    "Time",
    "TimeForm",
    "Unparsed",
    "Value",
    "normalise",
    "num",
    "number_of",
    "op_of",
    "parse",
    "unit_of",
]
