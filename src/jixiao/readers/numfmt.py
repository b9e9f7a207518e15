"""Spreadsheet numbers as their cells show them: a float and its number format → text.

Workbooks store numbers as binary floats and say how to show them with a number format
(``0.00``, ``#,##0.00``, ``0.00%``, ``General``…). The form's numbers are the shown ones
("10.00", "95.53%"), so readers render each numeric cell through its format, in ``Decimal``
(half away from zero, as Excel rounds), never through float arithmetic. Literal text in a
format (``"万元"``), colours, padding and fill are display decoration and are dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

_LITERAL_RE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_CODES = frozenset("ymdhs")


class Format(NamedTuple):
    """What a number format asks for: decimals, percent, thousands separators, a date."""

    places: int | None  # None: General (as many as the value needs)
    percent: bool = False
    thousands: bool = False
    date: bool = False
    text: bool = False


@lru_cache(maxsize=1024)
def parse_format(fmt: str | None) -> Format:
    """Read the positive section of a number format."""
    if not fmt or fmt.lower() == "general":
        return Format(None)
    if fmt == "@":
        return Format(None, text=True)
    section = _LITERAL_RE.sub("", fmt.split(";")[0])
    low = section.lower()
    if any(ch in _DATE_CODES for ch in low) and not low.startswith("general"):
        return Format(None, date=True)
    if "general" in low:
        return Format(None, percent="%" in section)
    if not any(ch in "0#?" for ch in section):
        return Format(None)
    decimals = section.split(".", 1)[1] if "." in section else ""
    places = sum(ch in "0#?" for ch in decimals.split("e")[0].split("E")[0])
    integer = section.split(".", 1)[0]
    return Format(places, percent="%" in section, thousands="," in integer)


def exact(value: float | int | Decimal) -> Decimal:
    """The decimal a float stands for, as Excel would show it in General (15 digits)."""
    if isinstance(value, int):
        return Decimal(value)
    d = value if isinstance(value, Decimal) else Decimal(repr(value))
    if d.adjusted() >= -5 and len(d.as_tuple().digits) > 15:
        d = round(d, max(0, 14 - d.adjusted()))
    return d


def _plain(d: Decimal) -> str:
    """A General-format decimal: no exponent, no trailing zeros after the point."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def render_number(value: float | int | Decimal, fmt: str | None) -> str:
    """A numeric cell's text as shown: ``2087.07`` with ``#,##0.00`` → ``2,087.07``."""
    f = parse_format(fmt)
    if f.date:
        return render_date(from_serial(float(value)))
    d = exact(value) * 100 if f.percent else exact(value)
    if f.places is None:
        text = _plain(d)
    else:
        q = d.quantize(Decimal(1).scaleb(-f.places), rounding=ROUND_HALF_UP)
        text = format(q, ",f" if f.thousands else "f")
    return text + "%" if f.percent else text


_EPOCH = datetime(1899, 12, 30)


def from_serial(serial: float) -> datetime:
    """An Excel date serial (1900 system) as a datetime."""
    return _EPOCH + timedelta(days=serial)


def render_date(value: date | datetime | time) -> str:
    """Dates the way the forms write them: ``2023年1月10日`` (with the time if any)."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime) and (value.hour, value.minute) != (0, 0):
        text += value.strftime(" %H:%M")
    return text
