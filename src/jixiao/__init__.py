"""jixiao（绩效）: read, recompute, check and publish project expenditure performance
self-evaluation forms (项目支出绩效自评表).

Public API:

- ``read(path)`` → a ``Document``: the forms of one file, as stated, with reading findings;
- ``run(paths, profile="mof-2020")`` → a ``Run``: every form read, recomputed (``ScoreSheet``)
  and checked (``Finding``s), plus the cross-form findings;
- ``score(form, profile)``, ``check(form, sheet, profile)``, ``load_profile(name_or_path)``.
"""

from jixiao import native  # noqa: F401  (first: its guard runs before the compiled modules load)
from jixiao.checks.runner import check, check_batch
from jixiao.findings import Finding, Location
from jixiao.model import Form, FundRow, Funds, Goal, Indicator, Source
from jixiao.pipeline import Document, Result, Run, read, read_many, run
from jixiao.profiles import Profile, ProfileError, load_profile
from jixiao.scoring import ScoreSheet, score

__all__ = [
    "Document",
    "Finding",
    "Form",
    "FundRow",
    "Funds",
    "Goal",
    "Indicator",
    "Location",
    "Profile",
    "ProfileError",
    "Result",
    "Run",
    "ScoreSheet",
    "Source",
    "check",
    "check_batch",
    "load_profile",
    "read",
    "read_many",
    "run",
    "score",
]
__version__ = "0.1.0"
