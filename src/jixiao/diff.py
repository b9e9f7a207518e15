"""The difference between two versions of a form, cell by cell, on their open-data JSON.

A cell's key is ``block:row:column`` (``funds:total:spent``, ``goal::achieved``); an
indicator's row is its stable id when the versions carry ids (the web app gives each
indicator one, so an edited, moved or renamed indicator is still the same row), else its
position. Indicators present in only one version are one change each (added or removed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.model import FUND_COLUMNS, FUND_ROWS
from jixiao.model.labels import (
    FOOTER_NAMES,
    FUND_COLUMN_NAMES,
    FUND_LABELS,
    GOAL_NAMES,
    HEADER_NAMES,
    INDICATOR_NAMES,
)

Cells = dict[str, tuple[str, str | None]]


@dataclass(frozen=True, slots=True)
class Change:
    """One changed cell: its key, its Chinese name, the text before and after."""

    key: str
    label: str
    before: str | None
    after: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"cell": self.key, "label": self.label, "before": self.before, "after": self.after}


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def indicator_label(ind: dict[str, Any], position: int) -> str:
    return f"指标{position}「{ind.get('name') or '未命名'}」"


def _ids(form: dict[str, Any], ids: Sequence[str] | None) -> list[str]:
    n = len(form.get("indicators") or [])
    return list(ids) if ids is not None and len(ids) == n else [str(i) for i in range(1, n + 1)]


def cells(form: dict[str, Any]) -> Cells:
    """Every cell of a form's JSON but the indicators: key → (name, text)."""
    out: Cells = {}
    for name, label in HEADER_NAMES.items():
        out[f"header::{name}"] = (label, _text(form.get(name)))
    funds = form.get("funds") or {}
    for row in FUND_ROWS:
        values = funds.get(row) or {}
        for col in FUND_COLUMNS:
            label = f"{FUND_LABELS[row]}·{FUND_COLUMN_NAMES[col]}"
            out[f"funds:{row}:{col}"] = (label, _text(values.get(col)))
    goal = form.get("goal") or {}
    for name, label in GOAL_NAMES.items():
        out[f"goal::{name}"] = (label, _text(goal.get(name)))
    for name, label in FOOTER_NAMES.items():
        out[f"footer::{name}"] = (label, _text(form.get(name)))
    return out


def diff(
    a: dict[str, Any],
    b: dict[str, Any],
    a_ids: Sequence[str] | None = None,
    b_ids: Sequence[str] | None = None,
) -> list[Change]:
    """What changed from form ``a`` to form ``b``, in the order of the table."""
    ca, cb = cells(a), cells(b)
    changes = [
        Change(key, label, ca[key][1], value)
        for key, (label, value) in cb.items()
        if ca[key][1] != value
    ]
    head = next(
        (i for i, c in enumerate(changes) if not c.key.startswith(("header", "funds", "goal"))),
        len(changes),
    )
    changes[head:head] = _indicator_changes(a, b, _ids(a, a_ids), _ids(b, b_ids))
    return changes


def _summary(ind: dict[str, Any]) -> str:
    parts = (
        ind.get("level2"),
        ind.get("target"),
        ind.get("actual"),
        ind.get("weight"),
        ind.get("score"),
    )
    return " / ".join(str(p) for p in parts if p)


def _indicator_changes(
    a: dict[str, Any], b: dict[str, Any], a_ids: list[str], b_ids: list[str]
) -> list[Change]:
    rows_a = dict(zip(a_ids, a.get("indicators") or [], strict=True))
    out: list[Change] = []
    for pos, (uid, ind) in enumerate(zip(b_ids, b.get("indicators") or [], strict=True), 1):
        label = indicator_label(ind, pos)
        old = rows_a.get(uid)
        if old is None:
            out.append(Change(f"indicators:{uid}:", f"新增{label}", None, _summary(ind)))
            continue
        for col, name in INDICATOR_NAMES.items():
            before, after = _text(old.get(col)), _text(ind.get(col))
            if before != after:
                out.append(Change(f"indicators:{uid}:{col}", f"{label}·{name}", before, after))
    kept = set(b_ids)
    for pos, (uid, ind) in enumerate(rows_a.items(), 1):
        if uid not in kept:
            out.append(
                Change(
                    f"indicators:{uid}:", f"删除{indicator_label(ind, pos)}", _summary(ind), None
                )
            )
    order_a = [u for u in a_ids if u in kept]
    order_b = [u for u in b_ids if u in rows_a]
    if order_a != order_b:
        out.append(Change("indicators::order", "指标顺序", "原顺序", "已调整"))
    return out


def diff_versions(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    """``diff`` of two stored versions' data (the form's JSON with its indicators' ids)."""
    return diff(a["form"], b["form"], a.get("ids"), b.get("ids"))
