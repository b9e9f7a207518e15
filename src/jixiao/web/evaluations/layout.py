"""The official table as the form page draws it: blocks of cells, each with the findings
that point at it (by block, row and column) and the reviewers' comments pinned to it,
stated and recomputed numbers side by side."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.model import FUND_COLUMNS
from jixiao.model.labels import FUND_LABELS
from jixiao.web.evaluations.models import CellComment, FindingRecord

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Cell:
    """One cell: its text, the recomputed value beside it (if any), its findings."""

    text: Any
    key: str
    recomputed: Any = None
    marks: list[FindingRecord] = field(default_factory=list)
    notes: list[CellComment] = field(default_factory=list)

    @property
    def severity(self) -> str:
        if not self.marks:
            return ""
        return min((m.severity for m in self.marks), key=SEVERITY_ORDER.__getitem__)

    @property
    def anchor(self) -> str:
        return "cell-" + self.key.replace(":", "-")

    @property
    def differs(self) -> bool:
        """Whether the recomputed value is not the stated one (as numbers when both are:
        50 and 50.00 are the same)."""
        if self.recomputed is None:
            return False
        try:
            return Decimal(str(self.recomputed)) != Decimal(str(self.text))
        except InvalidOperation:
            return str(self.recomputed) != str(self.text)


class _Marks:
    def __init__(
        self, findings: Sequence[FindingRecord], comments: Sequence[tuple[str, CellComment]]
    ) -> None:
        self.by_cell: dict[str, list[FindingRecord]] = defaultdict(list)
        for f in findings:
            self.by_cell[f.cell].append(f)
        self.notes: dict[str, list[CellComment]] = defaultdict(list)
        for key, c in comments:
            self.notes[key].append(c)
        self.placed: set[str] = set()

    def cell(self, text: Any, block: str, row: Any, column: str, recomputed: Any = None) -> Cell:
        key = f"{block}:{'' if row is None else row}:{column}"
        self.placed.add(key)
        marks, notes = self.by_cell.get(key, []), self.notes.get(key, [])
        return Cell(text=text, key=key, recomputed=recomputed, marks=marks, notes=notes)

    def unplaced(self) -> list[FindingRecord]:
        return [f for key, fs in self.by_cell.items() if key not in self.placed for f in fs]

    def unplaced_notes(self) -> list[CellComment]:
        return [c for key, cs in self.notes.items() if key not in self.placed for c in cs]


def form_page(
    data: dict[str, Any],
    findings: Sequence[FindingRecord],
    comments: Sequence[tuple[str, CellComment]] = (),
) -> dict[str, Any]:
    """Everything the form template draws; ``comments`` are (``block:row:column``, comment)."""
    form, rec = data["form"], data.get("recomputed", {})
    m = _Marks(findings, comments)
    header = [
        m.cell(form.get("project"), "header", None, "project"),
        m.cell(form.get("department"), "header", None, "department"),
        m.cell(form.get("unit"), "header", None, "unit"),
        m.cell(form.get("year"), "header", None, "year"),
    ]
    funds = []
    for name, label in FUND_LABELS.items():
        row = form["funds"][name]
        recomputed = (
            {"rate": rec.get("rate"), "score": rec.get("execution_score")}
            if name == "total"
            else {}
        )
        funds.append(
            {
                "label": label,
                "cells": [
                    m.cell(row[c], "funds", name, c, recomputed.get(c)) for c in FUND_COLUMNS
                ],
            }
        )
    goal = [
        m.cell(form["goal"]["expected"], "goal", None, "expected"),
        m.cell(form["goal"]["achieved"], "goal", None, "achieved"),
    ]
    table_marks = m.cell("", "indicators", None, "indicators")
    also = m.cell("", "indicators", None, "project")
    table_marks.marks = table_marks.marks + also.marks
    indicators = _indicators(form["indicators"], rec.get("indicators", []), m)
    footer = {
        "total": m.cell(form.get("total"), "footer", None, "total", rec.get("total")),
        "grade": m.cell(form.get("grade"), "footer", None, "grade", rec.get("grade")),
    }
    return {
        "header": header,
        "funds": funds,
        "goal": goal,
        "table": table_marks,
        "indicators": indicators,
        "footer": footer,
        "unplaced": m.unplaced(),
        "unplaced_notes": m.unplaced_notes(),
        "findings": sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.id)),
        "explanation": rec.get("explanation", ""),
    }


def _indicators(
    rows: list[dict[str, Any]], recomputed: list[dict[str, Any]], m: _Marks
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for i, ind in enumerate(rows, 1):
        rec = recomputed[i - 1] if i - 1 < len(recomputed) else {}
        out.append(
            {
                "level1": ind["level1"],
                "level2": ind["level2"],
                "cells": {
                    c: m.cell(ind[c], "indicators", i, c)
                    for c in ("name", "target", "actual", "weight", "deviation", "level2")
                },
                "score": m.cell(ind["score"], "indicators", i, "score", rec.get("score")),
                "explanation": rec.get("explanation", ""),
                "kinds": (ind["target_value"]["kind"], ind["actual_value"]["kind"]),
            }
        )
    # rowspans of the merged level-1 and level-2 cells
    for key in ("level1", "level2"):
        start = 0
        for i in range(1, len(out) + 1):
            same = (
                i < len(out)
                and out[i]["level1"] == out[start]["level1"]
                and (key == "level1" or out[i]["level2"] == out[start]["level2"])
            )
            if not same:
                out[start][f"{key}_span"] = i - start
                for j in range(start + 1, i):
                    out[j][f"{key}_span"] = 0
                start = i
    return out
