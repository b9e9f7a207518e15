"""The form model: ``Form`` and its parts, and ``Source`` positions."""

from jixiao.model.form import (
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
