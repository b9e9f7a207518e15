"""The form model: ``Form`` and its parts, and ``Source`` positions."""

from jixiao.model.form import (
    DIMENSION_NAMES,
    FUND_COLUMNS,
    FUND_ROWS,
    LEVEL1,
    LEVEL2,
    Form,
    FundRow,
    Funds,
    Goal,
    Indicator,
    dimension,
    level2_fits,
)
from jixiao.model.source import CellSources, RowSources, Source

__all__ = [
    "DIMENSION_NAMES",
    "FUND_COLUMNS",
    "FUND_ROWS",
    "LEVEL1",
    "LEVEL2",
    "CellSources",
    "Form",
    "FundRow",
    "Funds",
    "Goal",
    "Indicator",
    "RowSources",
    "Source",
    "dimension",
    "level2_fits",
]
