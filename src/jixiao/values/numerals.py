"""Chinese numerals (九十五, 一百零五, 两千, 二〇二三, 九十九点五) read as decimals.

Owns ``chinese_to_decimal`` and ``CN_NUMERAL_CHARS`` (the characters it reads, for regexes).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

_DIGITS: Final = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL: Final = {"十": 10, "百": 100, "千": 1000}
_BIG: Final = {"万": 10_000, "亿": 100_000_000}
_POINT: Final = "点"

CN_NUMERAL_CHARS: Final = "".join([*_DIGITS, *_SMALL, *_BIG, _POINT])


def _digit_string(text: str) -> str | None:
    """``二〇二三`` → ``"2023"``; None unless every character is a digit."""
    if not text or any(c not in _DIGITS for c in text):
        return None
    return "".join(str(_DIGITS[c]) for c in text)


def _integer(text: str) -> str | None:
    """The integer part: a digit string (二〇二三) or digits with units (一百零五, 两万三千)."""
    if not text:
        return None
    if len(text) > 1 and (digits := _digit_string(text)) is not None:
        return digits
    total = section = 0
    digit: int | None = None
    last_small, last_big = 10_000, 10**12  # units must fall: 百 then 十, 万 then nothing bigger
    for c in text:
        if c in _DIGITS:
            if digit:  # 九五: two digits in a row (only 零 may precede another digit)
                return None
            digit = _DIGITS[c]
        elif c in _SMALL:
            unit = _SMALL[c]
            if unit >= last_small:
                return None
            section += (1 if digit is None else digit) * unit  # 十 = 10, 百 = 100
            digit, last_small = None, unit
        elif c in _BIG:
            unit = _BIG[c]
            if unit >= last_big or (section == 0 and not digit):
                return None
            total += (section + (digit or 0)) * unit
            section, digit, last_small, last_big = 0, None, 10_000, unit
        else:
            return None
    return str(total + section + (digit or 0))


def chinese_to_decimal(text: str) -> Decimal | None:
    """Read a Chinese numeral, or None when ``text`` is not one.

    ``九十五`` → 95, ``一百`` → 100, ``百`` → 100, ``两千零五`` → 2005,
    ``二〇二三`` → 2023, ``九十九点五`` → 99.5, ``零点零五`` → 0.05.
    """
    whole, point, fraction = text.partition(_POINT)
    integer = _integer(whole)
    if integer is None:
        return None
    if not point:
        return Decimal(integer)
    digits = _digit_string(fraction)
    return None if digits is None else Decimal(f"{integer}.{digits}")
