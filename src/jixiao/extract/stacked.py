"""A funds header whose column labels a copy stacked one a line (Fujian's department
template: 年初部门预算安排金额① | 历年结余结转② | 年中调整金额③ | 小计④=①+②+③ | 年度拨付金额⑤ |
支出实现率⑥=⑤/④ | 本年度结余金额⑦ | 资金结余率⑧): each label row adds its columns, in order,
the formulas and units between them skipped; the rows of numbers below are read by them."""

from __future__ import annotations

import re
from typing import Final

from jixiao.extract.builder import Builder, Keys, has_any, needles
from jixiao.extract.labels import SEP, STACKED_FUND_LABELS, match_prefix
from jixiao.model import FundRow

# What stands between the labels: ④=①+②+③, (%), (万元).
# (keys: ④ is 4 once normalised)
_FORMULA: Final = r"\d{0,2}(?:[=+\-/×]\d{0,2})+|\d|\(%\)|\(万元\)"
_LABELS: Final = needles(*(label for label, _ in STACKED_FUND_LABELS))
# A row whose every filled cell is a label or what stands between labels.
_LABELS_ONLY_RE: Final = re.compile(
    f"(?:{SEP}(?:(?:{'|'.join(re.escape(label) for label, _ in STACKED_FUND_LABELS)})"
    f"[^{SEP}]*|{_FORMULA})?)*"
)


def _label(k: str) -> str | None:
    return match_prefix(k, STACKED_FUND_LABELS)


def _filled(row: FundRow) -> bool:
    return any(v is not None for v in (row.initial, row.annual, row.spent, row.rate))


def is_stacked_fund_header(b: Builder, keys: Keys) -> bool:
    """(Tried in the header and funds blocks only: ``rows``.)"""
    if not (has_any(keys, _LABELS) or any(n.startswith("_") for n in b.fund_cols)):
        return False
    if any(_filled(row) for row in b.funds.values()):
        return False
    return _LABELS_ONLY_RE.fullmatch(keys.joined) is not None


def stacked_fund_header(b: Builder, r: int, keys: Keys) -> None:
    b.block = "funds"
    b.fund_cols = dict(b.fund_cols)  # a header's columns come from a shared cache: copy
    for k in keys.cells:
        name = _label(k) if k else None
        if name and name not in b.fund_cols:
            b.fund_cols[name] = len(b.fund_cols) + 1  # after the rows' label cell
    b.fund_by_col = {c: n for n, c in b.fund_cols.items()}
