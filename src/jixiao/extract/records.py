"""Indicator rows a copy ran together with nothing between their cells
(安装坡面水标尺10≥266米≥266米10水标尺宽度10…): read record by record by the header's columns
from the name to the score, only when the whole text reads so (``glued_records``)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Final

OPS: Final = "≥≤=<>﹦＝≧≦"
_NUM: Final = r"(?:0|[1-9]\d*)(?:\.\d+)?(?!\d)"
# A dash standing for "no target" (一 in an OCR'd copy) before a text actual is a value alone.
_DASH: Final = r"[—一－-](?![—一－-])"
# A date (2021年12月完成) is a value too.
_DATE: Final = rf"20\d\d年(?:1[0-2]月|[1-9]月)?(?:[1-3]?\d日)?[^\d{OPS}%.]{{0,4}}"
_VALUE: Final = rf"[{OPS}]*{_NUM}(?:%|[^\d{OPS}%.]{{1,4}})?|{_DATE}|{_DASH}|[^\d{OPS}%.]{{2,12}}"
_ACTUAL: Final = rf"[{OPS}]*{_NUM}(?:%|[^\d{OPS}%.]{{1,4}})?|{_DATE}|[^\d{OPS}%.]{{2,24}}"
# A weight may run into the target after it (20100% = 20 | 100%): at most 100, no lookahead.
_WEIGHT: Final = r"100(?:\.0+)?|[1-9]?\d(?:\.\d+)?"
_FIELD_PATTERNS: Final = {"weight": _WEIGHT, "score": _NUM, "target": _VALUE, "actual": _ACTUAL}
_DIGIT_OR_OP: Final = frozenset("0123456789" + OPS)


@lru_cache(maxsize=64)
def _record_re(fields: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("".join(f"(?P<{n}>{_FIELD_PATTERNS[n]})" for n in fields))


def glued_records(text: str, header: tuple[str, ...]) -> list[dict[str, str]] | None:
    """Indicator rows run together with nothing between their cells, read by the header's
    columns from the name to the score: a name, then its numbers and values, the score
    ending the record. Only where the header has 分值 and 得分 (a record's end must be
    known); None unless the whole text reads so, every score within its weight."""
    if "name" not in header or "score" not in header or "weight" not in header:
        return None
    i = header.index("name")
    fields = tuple(n for n in header[i + 1 : header.index("score") + 1] if n in _FIELD_PATTERNS)
    if fields[-1] != "score" or len(text) < 6 or text[0] in _DIGIT_OR_OP:
        return None
    text = _PLACEHOLDERS_RE.sub("", text.rstrip("…．.。 "))
    return _parse_records(text, 0, _record_re(fields)) if text else None


# The template's empty rows left at the end of a run (…5指标2:, 指标1:指标2:, 指标L for 指标1).
_PLACEHOLDERS_RE: Final = re.compile(r"(?:指标[1-9Ll][:：]?)+$")


def _parse_records(text: str, pos: int, pattern: re.Pattern[str]) -> list[dict[str, str]] | None:
    if pos == len(text):
        return []
    for i in range(pos + 1, len(text)):
        if text[i] not in _DIGIT_OR_OP or text[i - 1] in _DIGIT_OR_OP:
            continue
        for j in range(i + 1, len(text) + 1):
            if j < len(text) and (
                text[j] in _DIGIT_OR_OP or text[j] in "%." or not text[j - 1].isdigit()
            ):
                continue
            m = pattern.fullmatch(text, i, j)
            if m is None or Decimal(m["score"]) > Decimal(m["weight"]):
                continue
            rest = _parse_records(text, j, pattern)
            if rest is not None:
                return [_record(text[pos:i], m.groupdict()), *rest]
    return None


def _record(name: str, fields: dict[str, str]) -> dict[str, str]:
    """One record; a qualitative target and actual run together as one doubled text
    (显著提升显著提升) are its two halves."""
    both = fields.get("target", "") + fields.get("actual", "")
    half = len(both) // 2
    if "target" in fields and "actual" in fields and both[:half] == both[half:]:
        fields = {**fields, "target": both[:half], "actual": both[half:]}
    return {"name": name, **fields}
