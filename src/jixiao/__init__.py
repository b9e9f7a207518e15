"""jixiao（绩效）: read, recompute, check and publish project expenditure performance
self-evaluation forms (项目支出绩效自评表).

Public API: ``read`` (one file → forms), ``read_many``, and the model types.
"""

from jixiao.findings import Finding
from jixiao.model import Form, FundRow, Funds, Goal, Indicator, Source
from jixiao.pipeline import Document, read, read_many

__all__ = [
    "Document",
    "Finding",
    "Form",
    "FundRow",
    "Funds",
    "Goal",
    "Indicator",
    "Source",
    "read",
    "read_many",
]
__version__ = "0.1.0"
