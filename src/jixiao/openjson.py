"""The open-data JSON shape of a form (names fixed: other tools read them) and its schema.

Numbers are strings holding the decimal as written, normalised (``2,087.07`` → ``2087.07``);
a dash or an empty cell is ``null``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.model import (
    FUND_COLUMNS,
    FUND_ROWS,
    Form,
    FundRow,
    Funds,
    Goal,
    Indicator,
    RowSources,
    Source,
)
from jixiao.values import parse
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


# ---------------------------------------------------------------------------------------
# Back from JSON: the open-data shape to a ``Form`` (extra fields such as findings ignored).


class FormJSONError(ValueError):
    """JSON that is not a form in the open-data shape; the message says where and why."""


def _decimal(value: Any, where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FormJSONError(f"{where}：应为写成字符串的数字，而不是 {value!r}")
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation as exc:
        raise FormJSONError(f"{where}：“{value}”不是数字") from exc
    if not d.is_finite():
        raise FormJSONError(f"{where}：“{value}”不是有限的数字")
    return d


def _str(value: Any, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FormJSONError(f"{where}：应为文字，而不是 {value!r}")
    return value


def _obj(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FormJSONError(f"{where}：应为对象")
    return value


def form_from_json(data: Any, file: str = "") -> Form:
    """A ``Form`` from its open-data JSON. Raises ``FormJSONError`` naming the bad field."""
    d = _obj(data, "表")
    source = _source(d.get("source"), Source(file=file))
    funds_json = _obj(d.get("funds"), "funds")
    funds = Funds(**{name: _fund_row(funds_json.get(name), name) for name in FUND_ROWS})
    goal = _obj(d.get("goal"), "goal")
    raw_indicators = d.get("indicators") or []
    if not isinstance(raw_indicators, list):
        raise FormJSONError("indicators：应为列表")
    indicators = tuple(
        _indicator(_obj(x, f"indicators[{i}]"), i, source) for i, x in enumerate(raw_indicators, 1)
    )
    year = d.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise FormJSONError(f"year：应为整数年份，而不是 {year!r}")
    return Form(
        title=_str(d.get("title"), "title"),
        year=year,
        project=_str(d.get("project"), "project"),
        department=_str(d.get("department"), "department"),
        unit=_str(d.get("unit"), "unit"),
        funds=funds,
        goal=Goal(
            expected=_str(goal.get("expected"), "goal.expected"),
            achieved=_str(goal.get("achieved"), "goal.achieved"),
        ),
        indicators=indicators,
        total=_decimal(d.get("total"), "total"),
        grade=d.get("grade") if isinstance(d.get("grade"), str) else None,
        source=source,
    )


def _fund_row(value: Any, name: str) -> FundRow:
    row = _obj(value, f"funds.{name}")
    amounts = [_decimal(row.get(c), f"funds.{name}.{c}") for c in FUND_COLUMNS]
    initial, annual, spent, weight, rate, score = amounts
    return FundRow(
        initial=initial, annual=annual, spent=spent, weight=weight, rate=rate, score=score
    )


def _indicator(x: dict[str, Any], i: int, source: Source) -> Indicator:
    where = f"indicators[{i}]"
    target, actual = (
        _str(x.get("target"), f"{where}.target"),
        _str(x.get("actual"), f"{where}.actual"),
    )
    return Indicator(
        level1=_str(x.get("level1"), f"{where}.level1"),
        level2=_str(x.get("level2"), f"{where}.level2"),
        name=_str(x.get("name"), f"{where}.name"),
        target=target,
        actual=actual,
        weight=_decimal(x.get("weight"), f"{where}.weight"),
        score=_decimal(x.get("score"), f"{where}.score"),
        deviation=_str(x.get("deviation"), f"{where}.deviation"),
        target_value=parse(target),
        actual_value=parse(actual),
        sources=RowSources.of(_source(x.get("source"), source)),
    )


def _source(value: Any, default: Source) -> Source:
    """A ``{"file", "line"}`` object as a Source; the form's source when absent."""
    src = _obj(value, "source")
    if not src:
        return default
    line = src.get("line")
    return Source(
        file=_str(src.get("file"), "source.file") or default.file,
        line=line if isinstance(line, int) and not isinstance(line, bool) else None,
    )
