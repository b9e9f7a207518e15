"""The form model: ``Form`` and its parts, and ``Source`` positions."""

from jixiao.model.form import (
    DIMENSION_NAMES,
    LEVEL2,
    dimension,
    level2_fits,
    FUND_COLUMNS,
    FUND_ROWS,
    LEVEL1,
    Form,
    FundRow,
    Funds,
    Goal,
    Indicator,
)
from jixiao.model.source import Source

__all__ = [
    "DIMENSION_NAMES",
    "LEVEL2",
    "dimension",
    "level2_fits",
    "FUND_COLUMNS",
    "FUND_ROWS",
    "LEVEL1",
    "Form",
    "FundRow",
    "Funds",
    "Goal",
    "Indicator",
    "Source",
]
