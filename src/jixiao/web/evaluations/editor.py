"""The editor page's state: the form as the editor's fields hold it, and what the core engine
says about it, cell by cell.

``from_post`` reads the fields (``funds-total-spent``, ``goal-expected``, the indicator
lists ``ind-name`` …) into the form's open-data JSON, keeping each bad number as a field
error instead of failing; ``apply`` adds, removes and moves indicator rows; ``calc`` gives the
HTML of every computed element (recomputed numbers, how a value was read, the findings
marks of each cell), keyed by element id, for the page and for htmx's out-of-band swaps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from jixiao import pipeline
from jixiao.findings import Finding
from jixiao.model import FUND_COLUMNS, FUND_ROWS, LEVEL1, LEVEL2, dimension
from jixiao.model.labels import FUND_COLUMN_NAMES, FUND_LABELS, INDICATOR_NAMES
from jixiao.openjson import dec
from jixiao.values import parse

INDICATOR_FIELDS = tuple(INDICATOR_NAMES)
NUMBER_FIELDS = ("weight", "score")
KIND_NAMES = {
    "comparison": "比较",
    "quantity": "数量",
    "percentage": "百分比",
    "direction": "定性",
    "achievement": "达成度",
    "time": "时间",
    "question": "是否",
    "empty": "空",
    "unparsed": "未能识别",
}
OPS = ("add", "remove", "up", "down", "refresh")
# The computed elements drawn inside the indicator rows (the rest sit outside them).
ROW_CALC = ("calc-score-", "read-", "m-indicators-")


@dataclass
class State:
    """What the editor holds: the form's JSON, its indicators' ids, the version it was
    opened at, and the numbers that could not be read (field name → message)."""

    data: dict[str, Any]
    ids: list[str]
    base: int
    errors: dict[str, str] = field(default_factory=dict)


def from_version(data: Mapping[str, Any], number: int) -> State:
    form = dict(data["form"])
    ids = list(data.get("ids") or [str(i) for i in range(1, len(form["indicators"]) + 1)])
    return State(data=form, ids=ids, base=number)


def _number(text: str, name: str, errors: dict[str, str]) -> str | None:
    clean = text.replace(",", "").replace("，", "").strip()
    if not clean:
        return None
    try:
        if Decimal(clean).is_finite():
            return clean
    except InvalidOperation:
        pass
    errors[name] = f"“{text}”不是数字"
    return None


def from_post(post: Any, base_form: Mapping[str, Any]) -> State:
    """The editor's fields as a form's JSON; the header stays the stored form's."""
    errors: dict[str, str] = {}
    funds = {
        row: {
            col: _number(post.get(f"funds-{row}-{col}", ""), f"funds-{row}-{col}", errors)
            for col in FUND_COLUMNS
        }
        for row in FUND_ROWS
    }
    columns = {f: post.getlist(f"ind-{f}") for f in INDICATOR_FIELDS}
    ids = post.getlist("ind-id")
    indicators = []
    for i in range(len(ids)):
        ind = {f: (columns[f][i] if i < len(columns[f]) else "") for f in INDICATOR_FIELDS}
        for f in NUMBER_FIELDS:
            ind[f] = _number(ind[f], f"indicators-{i + 1}-{f}", errors)
        indicators.append(ind)
    data = {
        **{k: base_form.get(k) for k in ("project", "department", "unit", "year")},
        "title": post.get("title", "") or base_form.get("title"),
        "funds": funds,
        "goal": {
            "expected": post.get("goal-expected", ""),
            "achieved": post.get("goal-achieved", ""),
        },
        "indicators": indicators,
        "total": _number(post.get("total", ""), "footer--total", errors),
        "grade": post.get("grade", "").strip() or None,
    }
    base = post.get("base", "")
    return State(data=data, ids=list(ids), base=int(base) if base.isdigit() else 0, errors=errors)


def fields(state: State) -> dict[str, Any]:
    """The editor's fields holding ``state`` (what ``from_post`` reads back): a value or
    a list of values per field name."""

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    data = state.data
    out: dict[str, Any] = {"base": str(state.base), "title": text(data.get("title"))}
    for row in FUND_ROWS:
        for col in FUND_COLUMNS:
            out[f"funds-{row}-{col}"] = text((data["funds"].get(row) or {}).get(col))
    out["goal-expected"] = text(data["goal"].get("expected"))
    out["goal-achieved"] = text(data["goal"].get("achieved"))
    out["ind-id"] = list(state.ids)
    for f in INDICATOR_FIELDS:
        out[f"ind-{f}"] = [text(ind.get(f)) for ind in data["indicators"]]
    out["total"], out["grade"] = text(data.get("total")), text(data.get("grade"))
    return out


def apply(state: State, op: str, at: int, new_id: str) -> None:
    """Add a row after ``at`` (like it: same level-1 and level-2), remove row ``at``, or move
    it up or down (1-based; ``refresh`` changes nothing)."""
    rows, ids, i = state.data["indicators"], state.ids, at - 1
    if op == "add":
        like = rows[i] if 0 <= i < len(rows) else {"level1": LEVEL1[0], "level2": ""}
        rows.insert(i + 1, {"level1": like.get("level1"), "level2": like.get("level2"), "name": ""})
        ids.insert(i + 1, new_id)
    elif op == "remove" and 0 <= i < len(rows):
        del rows[i], ids[i]
    elif op in ("up", "down"):
        j = i - 1 if op == "up" else i + 1
        if 0 <= i < len(rows) and 0 <= j < len(rows):
            rows[i], rows[j] = rows[j], rows[i]
            ids[i], ids[j] = ids[j], ids[i]


def level2_choices(level1: str, current: str) -> list[str]:
    """The level-2 names RULES.md allows under a level-1 (and the current one if not)."""
    dim = dimension(level1 or "")
    names = [f"{n}指标" for n in LEVEL2[dim]] if dim else []
    return names if not current or current in names else [current, *names]


def rows(state: State, comments: Mapping[str, list[Any]]) -> list[dict[str, Any]]:
    """The indicator rows as the editor draws them: values, choices, pinned comments."""
    out = []
    for pos, (uid, ind) in enumerate(zip(state.ids, state.data["indicators"], strict=True), 1):
        values = {f: "" if ind.get(f) is None else ind.get(f) for f in INDICATOR_FIELDS}
        out.append(
            {
                "pos": pos,
                "uid": uid,
                **values,
                "level1_choices": list(LEVEL1)
                if values["level1"] in LEVEL1
                else [values["level1"], *LEVEL1],
                "level2_choices": level2_choices(values["level1"], values["level2"]),
                "comments": {c: comments.get(f"indicators:{uid}:{c}", []) for c in INDICATOR_NAMES},
            }
        )
    return out


def funds(state: State) -> list[dict[str, Any]]:
    return [
        {
            "name": row,
            "label": FUND_LABELS[row],
            "cells": [
                (col, FUND_COLUMN_NAMES[col], state.data["funds"][row].get(col) or "")
                for col in FUND_COLUMNS
            ],
        }
        for row in FUND_ROWS
    ]


# ---------------------------------------------------------------------------------------
# What the engine says, as HTML per element id.


def _reading(text: str) -> SafeString:
    """How the value grammar read a target or an actual: its kind and its canonical text."""
    value = parse(text or "")
    if value.kind == "empty":
        return SafeString("")
    return format_html("读作：{} {}", KIND_NAMES[value.kind], value)


def _marks(findings: Iterable[tuple[int, Finding]]) -> SafeString:
    return format_html_join(
        "",
        '<a class="mark {}" href="#f-{}" title="{}：{}{}">{}</a>',
        (
            (
                f.level.value,
                i,
                f.code,
                f.message,
                f"（建议：{f.suggestion}）" if f.suggestion else "",
                f.code,
            )
            for i, f in findings
        ),
    )


def cell_id(block: str, row: object, column: str) -> str:
    return f"m-{block}-{'' if row is None else row}-{column}"


def calc(result: pipeline.Result, state: State) -> dict[str, SafeString]:
    """Every computed element of the editor: id → its HTML."""
    sheet = result.sheet

    def shown(value: Decimal | None) -> str:
        return (dec(sheet.shown(value)) if sheet else None) or "—"

    out: dict[str, SafeString] = {
        "calc-rate": format_html("重算 {}", shown(sheet.rate if sheet else None)),
        "calc-exec": format_html("重算 {}", shown(sheet.execution_score if sheet else None)),
        "calc-total": format_html("重算 {}", shown(sheet.total if sheet else None)),
        "calc-grade": format_html("重算 {}", sheet.grade if sheet else "—"),
    }
    scores = {s.index: s for s in sheet.indicators} if sheet else {}
    for pos, ind in enumerate(state.data["indicators"], 1):
        s = scores.get(pos)
        out[f"calc-score-{pos}"] = format_html(
            '<span title="{}">重算 {}</span>',
            s.explanation if s else "",
            shown(s.score if s else None),
        )
        out[f"read-target-{pos}"] = _reading(ind.get("target") or "")
        out[f"read-actual-{pos}"] = _reading(ind.get("actual") or "")
    marks: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
    for i, f in enumerate(result.findings, 1):
        loc = f.location
        marks[cell_id(loc.block or "", loc.row, loc.column or "")].append((i, f))
    for key in cell_ids(state):
        out[key] = _marks(marks.get(key, []))
    for name, message in state.errors.items():
        out[f"m-{name}"] = format_html(
            '{}<span class="field-error">{}</span>', out.get(f"m-{name}", ""), message
        )
    out["calc-findings"] = findings_panel(result)
    return out


def cell_ids(state: State) -> list[str]:
    """The ids of every cell's marks element (so that cleared marks are swapped too)."""
    ids = [cell_id("funds", row, col) for row in FUND_ROWS for col in FUND_COLUMNS]
    ids += [cell_id("goal", None, c) for c in ("expected", "achieved")]
    ids += [cell_id("footer", None, c) for c in ("total", "grade")]
    ids += [cell_id("indicators", None, "indicators")]
    ids += [
        cell_id("indicators", pos, c)
        for pos in range(1, len(state.data["indicators"]) + 1)
        for c in INDICATOR_NAMES
    ]
    return ids


def findings_panel(result: pipeline.Result) -> SafeString:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result.findings:
        counts[f.level.value] += 1
    items = format_html_join(
        "",
        '<li class="finding {}" id="f-{}"><strong>{}</strong> {}{}</li>',
        (
            (
                f.level.value,
                i,
                f.code,
                f.message,
                f"（建议：{f.suggestion}）" if f.suggestion else "",
            )
            for i, f in enumerate(result.findings, 1)
        ),
    )
    return format_html(
        '<p>错误 <b class="n-error">{}</b> · 警告 <b>{}</b> · 提示 <b>{}</b></p><ul class="findings">{}</ul>',
        counts["error"],
        counts["warning"],
        counts["info"],
        items,
    )


def out_of_band(calc: Mapping[str, SafeString]) -> SafeString:
    """Every computed element for htmx to swap in place by its id."""
    return format_html_join(
        "", '<span id="{}" class="calc" hx-swap-oob="true">{}</span>', calc.items()
    )
