"""How many of the facts read by hand from each real table (shared/data/real/index.jsonl)
jixiao reads right: project name, budget, spent, rate, execution score and weight, total,
indicator count, and the name, weight and score of the first indicators.

A fact the index leaves ``null`` is not held by the text; jixiao must not invent it
(counted as *guessed* when it does). A fact the hand reading marks ``(truncated)`` was cut
off with the excerpt: the text holds only its start, so it is counted as *cut*, neither held
nor missed. Run ``python -m tests.readers.real_facts`` for the table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao import pipeline
from jixiao.extract.core_records import CUT_OFF
from jixiao.model import Form, FundRow
from tests.conftest import SHARED

REAL = SHARED / "real"
_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")
SCALARS = (
    "project_name",
    "initial_budget",
    "annual_budget",
    "executed",
    "execution_rate",
    "execution_score",
    "execution_weight",
    "total_score",
    "indicator_count",
)


@dataclass
class Score:
    file: str
    layout: str
    held: int = 0
    right: int = 0
    guessed: int = 0
    cut: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.right / self.held if self.held else 1.0


def index() -> list[dict[str, Any]]:
    lines = (REAL / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _number(value: Any) -> Decimal | None:
    if value is None:
        return None
    m = _NUMBER_RE.search(str(value))
    return Decimal(m.group()) if m else None


# Traditional → simplified for the characters of the names in the traditional-script tables
# (011, 019: pages re-hosted through a converter). jixiao keeps names verbatim; the hand
# reading wrote them simplified, so names are compared after this mapping.
_SIMPLIFIED = str.maketrans(
    "級資衛執補經費績評項驗時區專滅設備監統維護災",
    "级资卫执补经费绩评项验时区专灭设备监统维护灾",
)


def _name(value: Any) -> str | None:
    if value is None:
        return None
    return "".join(str(value).split(" (")[0].split()).translate(_SIMPLIFIED)


def _budget_row(form: Form) -> FundRow:
    """The row the amounts are read from: the total row, unless it states nothing but zeros
    while its 其中 row has the money (the index reads that row then)."""
    total, sub = form.funds.total, form.funds.appropriation
    amounts = (total.initial, total.annual, total.spent)
    if all(a is None or a == 0 for a in amounts) and any((sub.annual, sub.spent)):
        return sub
    return total


def read_facts(form: Form | None, cut_off: bool = False) -> dict[str, Any]:
    """The facts jixiao read; no indicator count when jixiao reports the table cut off
    inside a record (``core_records.CUT_OFF``): it claims only the indicators it read."""
    if form is None:
        return {}
    row, total = _budget_row(form), form.funds.total
    return {
        "project_name": _name(form.project) or None,
        "initial_budget": row.initial,
        "annual_budget": row.annual,
        "executed": row.spent,
        "execution_rate": total.rate,
        "execution_score": total.score,
        "execution_weight": total.weight,
        "total_score": form.total,
        "indicator_count": None if cut_off else len(form.indicators) or None,
        "indicators": [
            {"name": _name(i.name), "weight": i.weight, "score": i.score} for i in form.indicators
        ],
    }


def _same(kind: str, want: Any, got: Any) -> bool:
    if kind == "project_name" or kind == "name":
        return _name(want) == got
    try:
        return _number(want) == (None if got is None else Decimal(got))
    except InvalidOperation:
        return False


def score_table(entry: dict[str, Any]) -> Score:
    doc = pipeline.read(REAL / entry["file"])
    form = doc.forms[0].form if doc.forms else None
    cut_off = bool(doc.forms) and any(CUT_OFF in f.message for f in doc.forms[0].findings)
    got = read_facts(form, cut_off)
    s = Score(file=entry["file"], layout=entry["layout"].split(" ")[0])
    facts = entry["facts"]
    for kind in SCALARS:
        _count(s, kind, facts.get(kind), got.get(kind))
    for k, ind in enumerate(facts.get("first_indicators") or []):
        mine = got["indicators"][k] if form and k < len(got["indicators"]) else {}
        for kind in ("name", "weight", "score"):
            _count(s, f"{kind}[{k + 1}]", ind.get(kind), mine.get(kind), kind)
    return s


def _count(s: Score, label: str, want: Any, got: Any, kind: str | None = None) -> None:
    if want is not None and "(truncated)" in str(want):
        s.cut += 1
        return
    if want is None:
        if got is not None:
            s.guessed += 1
            s.wrong.append(f"{label}: 文本没有，读出了 {got}")
        return
    s.held += 1
    if _same(kind or label, want, got):
        s.right += 1
    else:
        s.wrong.append(f"{label}: 应为 {want}，读出 {got}")


def score_all() -> list[Score]:
    return [score_table(e) for e in index()]


def main() -> None:
    scores = score_all()
    print(f"{'table':8} {'layout':14} {'right/held':>11} {'share':>7} {'guessed':>8} {'cut':>4}")
    for s in scores:
        print(
            f"{s.file:8} {s.layout:14} {s.right:>5}/{s.held:<5} {s.share:7.0%} {s.guessed:>8}"
            f" {s.cut:>4}"
        )
    held, right = sum(s.held for s in scores), sum(s.right for s in scores)
    guessed, cut = sum(s.guessed for s in scores), sum(s.cut for s in scores)
    print(f"{'all':8} {'':14} {right:>5}/{held:<5} {right / held:7.0%} {guessed:>8} {cut:>4}")


if __name__ == "__main__":
    main()
