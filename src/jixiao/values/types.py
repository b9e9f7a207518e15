"""The typed values an indicator's target (年度指标值) or actual (实际完成值) can hold.

Every value is a frozen dataclass with a ``kind`` (the open-data ``"kind"`` field),
a canonical ``__str__`` that the parser reads back to an equal value, and ``to_json``.
The original text is kept on the indicator, not here: ``百分之九十`` and ``90%`` are
the same value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import ClassVar, Literal, get_args

Op = Literal["=", "≥", ">", "≤", "<"]
Band = Literal["achieved", "partial", "not_achieved"]
Tendency = Literal["up", "down", "keep", "metric"]
TimeForm = Literal["date", "deadline", "frequency", "period", "timely", "schedule"]


def num(d: Decimal) -> str:
    """A decimal as written, never in exponent notation (``Decimal('1E+2')`` → ``100``)."""
    return format(d, "f")


def _unit_suffix(unit: str) -> str:
    if not unit:
        return ""
    if unit == "%":
        return "%"
    return f"({unit})"


class _Value:
    """The base of the value kinds, a plain class: no fields, no frozen ``__setattr__`` of
    its own, so that ``makers.positional`` can fill a value (the kinds are dataclasses)."""

    __slots__ = ()
    kind: ClassVar[str] = ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.kind}
        for f in fields(self):  # type: ignore[arg-type]  # (each kind is a dataclass)
            value = getattr(self, f.name)
            if isinstance(value, Decimal):
                value = num(value)
            out[f.name] = value
        return out


@dataclass(frozen=True, kw_only=True, slots=True)
class Comparison(_Value):
    """``=97.00(人)``, ``≥85(百分比)``, ``≤5%``: operator, number, unit (``%`` for 百分比)."""

    kind: ClassVar[str] = "comparison"
    op: Op
    number: Decimal
    unit: str = ""

    def __str__(self) -> str:
        return f"{self.op}{num(self.number)}{_unit_suffix(self.unit)}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Quantity(_Value):
    """A plain number with an optional unit: ``97.00(人)``, ``100.00(%)``, ``50``."""

    kind: ClassVar[str] = "quantity"
    number: Decimal
    unit: str = ""

    def __str__(self) -> str:
        unit = self.unit
        return f"{num(self.number)}({unit})" if unit else num(self.number)


@dataclass(frozen=True, kw_only=True, slots=True)
class Percentage(_Value):
    """A bare percentage, maybe after its subject: ``90%``, ``百分之九十``, ``准确率百分百``."""

    kind: ClassVar[str] = "percentage"
    number: Decimal
    subject: str = ""

    def __str__(self) -> str:
        return f"{self.subject}{num(self.number)}%"


@dataclass(frozen=True, kw_only=True, slots=True)
class Direction(_Value):
    """A qualitative target: a direction (提升, 降低, 保障, 建立健全…) or a bare metric (合格率).

    ``tendency`` is ``up``, ``down``, ``keep`` or ``metric`` (a metric named without a value).
    """

    kind: ClassVar[str] = "direction"
    text: str
    tendency: Tendency

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True, slots=True)
class Achievement(_Value):
    """An achievement label: 达成指标 (achieved), 部分达成… (partial), 未达成… (not achieved)."""

    kind: ClassVar[str] = "achievement"
    label: str
    band: Band

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True, kw_only=True, slots=True)
class Time(_Value):
    """A time value.

    ``form`` is one of: ``date`` (2023年1月10日: year, month, day), ``deadline``
    (24小时内, 1小时: amount, unit, within), ``frequency`` (每月, 每季度一次: per, times),
    ``period`` (第一季度, 11月-12月: text), ``timely`` (及时), ``schedule`` (按计划开展: text).
    """

    kind: ClassVar[str] = "time"
    form: TimeForm
    text: str = ""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    amount: Decimal | None = None
    unit: str = ""
    within: bool = False
    per: str = ""
    times: int | None = None

    def __str__(self) -> str:
        return _TIME_PRINTERS[self.form](self)


def _print_date(t: Time) -> str:
    out = f"{t.year}年" if t.year is not None else ""
    out += f"{t.month}月" if t.month is not None else ""
    return out + (f"{t.day}日" if t.day is not None else "")


def _print_deadline(t: Time) -> str:
    amount = num(t.amount) if t.amount is not None else ""
    return f"{amount}{t.unit}{'内' if t.within else ''}"


def _print_frequency(t: Time) -> str:
    return f"每{t.per}" + (f"{t.times}次" if t.times is not None else "")


_TIME_PRINTERS: dict[str, Callable[[Time], str]] = {
    "date": _print_date,
    "deadline": _print_deadline,
    "frequency": _print_frequency,
    "period": lambda t: t.text,
    "timely": lambda t: t.text,
    "schedule": lambda t: t.text,
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Question(_Value):
    """A yes/no question written as a target: ``是否提高效率``."""

    kind: ClassVar[str] = "question"
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True, slots=True)
class Empty(_Value):
    """An empty cell."""

    kind: ClassVar[str] = "empty"

    def __str__(self) -> str:
        return ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Unparsed(_Value):
    """Text the grammar cannot read; kept verbatim and reported."""

    kind: ClassVar[str] = "unparsed"
    text: str

    def __str__(self) -> str:
        return self.text


Value = (
    Comparison
    | Quantity
    | Percentage
    | Direction
    | Achievement
    | Time
    | Question
    | Empty
    | Unparsed
)

Numbered = Comparison | Quantity | Percentage  # the kinds with a number
NUMERIC_KINDS = get_args(Numbered)
