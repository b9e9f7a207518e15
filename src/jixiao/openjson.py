"""The open-data JSON shape of a form (names fixed: other tools read them) and its schema.

Numbers are strings holding the decimal as written, normalised (``2,087.07`` → ``2087.07``);
a dash or an empty cell is ``null``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model import FUND_COLUMNS, Form, FundRow, Indicator
from jixiao.values.types import num


def dec(value: Decimal | None) -> str | None:
    return None if value is None else num(value)


def _text(value: str) -> str | None:
    return value or None


def fund_row_json(row: FundRow) -> dict[str, str | None]:
    return {c: dec(getattr(row, c)) for c in FUND_COLUMNS}


def indicator_json(ind: Indicator) -> dict[str, Any]:
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "target": _text(ind.target),
        "actual": _text(ind.actual),
        "weight": dec(ind.weight),
        "score": dec(ind.score),
        "deviation": _text(ind.deviation),
        "target_value": ind.target_value.to_json(),
        "actual_value": ind.actual_value.to_json(),
        "source": {"file": ind.source.file, "line": ind.source.line},
    }


def form_json(form: Form) -> dict[str, Any]:
    return {
        "title": _text(form.title),
        "year": form.year,
        "project": _text(form.project),
        "department": _text(form.department),
        "unit": _text(form.unit),
        "funds": {name: fund_row_json(row) for name, row in form.funds.rows()},
        "goal": {"expected": _text(form.goal.expected), "achieved": _text(form.goal.achieved)},
        "indicators": [indicator_json(i) for i in form.indicators],
        "total": dec(form.total),
        "grade": form.grade,
        "source": form.source.to_json(),
    }


def forms_json(forms: list[Form]) -> dict[str, Any]:
    return {"forms": [form_json(f) for f in forms]}


_DECIMAL = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
_TEXT = {"type": ["string", "null"]}
_VALUE = {
    "type": "object",
    "required": ["kind"],
    "properties": {
        "kind": {
            "enum": [
                "comparison",
                "quantity",
                "percentage",
                "direction",
                "achievement",
                "time",
                "question",
                "empty",
                "unparsed",
            ]
        }
    },
}
_SOURCE = {
    "type": "object",
    "required": ["file", "line"],
    "properties": {"file": {"type": "string"}, "line": {"type": ["integer", "null"]}},
}


def schema() -> dict[str, Any]:
    """The JSON Schema of ``jixiao show --format json``."""
    fund_row = {
        "type": "object",
        "required": list(FUND_COLUMNS),
        "properties": {c: _DECIMAL for c in FUND_COLUMNS},
        "additionalProperties": False,
    }
    indicator = {
        "type": "object",
        "required": [
            "level1",
            "level2",
            "name",
            "target",
            "actual",
            "weight",
            "score",
            "deviation",
            "target_value",
            "actual_value",
        ],
        "properties": {
            "level1": {"type": "string"},
            "level2": {"type": "string"},
            "name": {"type": "string"},
            "target": _TEXT,
            "actual": _TEXT,
            "weight": _DECIMAL,
            "score": _DECIMAL,
            "deviation": _TEXT,
            "target_value": _VALUE,
            "actual_value": _VALUE,
            "source": _SOURCE,
        },
    }
    form = {
        "type": "object",
        "required": [
            "title",
            "year",
            "project",
            "department",
            "unit",
            "funds",
            "goal",
            "indicators",
            "total",
            "grade",
            "source",
        ],
        "properties": {
            "title": _TEXT,
            "year": {"type": ["integer", "null"]},
            "project": _TEXT,
            "department": _TEXT,
            "unit": _TEXT,
            "funds": {
                "type": "object",
                "required": ["total", "appropriation", "carryover", "other"],
                "properties": {
                    n: fund_row for n in ("total", "appropriation", "carryover", "other")
                },
            },
            "goal": {
                "type": "object",
                "required": ["expected", "achieved"],
                "properties": {"expected": _TEXT, "achieved": _TEXT},
            },
            "indicators": {"type": "array", "items": indicator},
            "total": _DECIMAL,
            "grade": {"type": ["string", "null"]},
            "source": _SOURCE,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "jixiao 项目支出绩效自评表（开放数据）",
        "type": "object",
        "required": ["forms"],
        "properties": {"forms": {"type": "array", "items": form}},
    }
