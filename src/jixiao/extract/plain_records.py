"""Indicator rows run together in a table with no 分值/得分 columns (name | target | actual
| reason, 灭火设备配备率100%1000件达成预期指标监控系统维护率100%5个…): with no score to end a
record, a record ends where its values do: a target and an actual side by side
(``100%100%``, ``0起0起``, a doubled word ``高高``), or a value followed by an achievement
label (达成预期指标) or by ``无`` and its reason. Read only when the whole text reads so, up
to a section label (说明, 注:) that ends the table (``plain_records``)."""

from __future__ import annotations

import re
from typing import Final

from jixiao.extract.labels import SECTION_LABELS, TRADITIONAL

OP_WORDS: Final = "不低于|不高于|不少于|不多于|不超过|不大于|不小于|低于|高于|小于|大于|少于|超过"
_UNITS: Final = (
    "万美元|万元|元|人次|人|件|个|個|起|次|篇|份|台套|台|套|吨|噸|亩|畝|天|小时|户|戶"
    "|项|家|所|平方米|米|公里|辆|輛|座|处|處|场|場|批|条|條|册|冊|张|張|名|期"
)
# A value: an operator (sign or word), a number (no leading zero: 00 is 0 | 0), a unit.
_VALUE_RE: Final = re.compile(
    r"(?:(?<![\d.])|(?<=(?<![\d.])0))"  # not inside a number, but 00 is 0 | 0
    rf"(?:[≥≤=<>＝≧≦]|{OP_WORDS})?(?:0(?!\.)|(?:0|[1-9]\d*)\.\d+(?![\d.])|[1-9]\d*(?![\d.]))"
    rf"(?:%|‰|{_UNITS})?"
)
# The achievement labels a unit writes as an actual (or, beside one, as its reason).
_LABEL_RE: Final = re.compile(
    r"部分达成[^达]{0,12}?(?:指标|效果)|未达成[^达]{0,12}?(?:指标|较差)"
    r"|达成年度指标|达成预期指标|达成指标"
)
_DOUBLED_RE: Final = re.compile(r"(.+?)([^\d%]{1,6})\2$")  # 粮食储备设备维护及安全性高高
_FOLD: Final = str.maketrans("達", "达")  # (預 is among TRADITIONAL)


def plain_records(text: str, header: tuple[str, ...]) -> tuple[list[dict[str, str]], str] | None:
    """The records of a header with a target and an actual but no weight or score, and the
    text after them from a section label on; None unless all before it reads as records."""
    if "weight" in header or "score" in header:
        return None
    if not {"name", "target", "actual"} <= set(header):
        return None
    folded = text.translate(TRADITIONAL).translate(_FOLD)
    records: list[dict[str, str]] = []
    pos = 0
    while pos < len(text) and not folded.startswith(SECTION_LABELS, pos):
        end = _record_end(folded, pos)
        record = None if end is None else _record(text, folded, pos, end)
        if record is None or end is None:
            return None
        records.append(record)
        pos = end
    return (records, text[pos:]) if records else None


def _record_end(folded: str, pos: int) -> int | None:
    """Where the record starting at ``pos`` ends: after its target and actual side by side,
    or its value(s) and an achievement label, or a last value and 无 with its reason; or a
    doubled word at the end of the text (高高)."""
    stop = _stop(folded, pos)
    for m in _VALUE_RE.finditer(folded, pos + 1, stop):
        label = _LABEL_RE.match(folded, m.end())
        nxt = _VALUE_RE.match(folded, m.end(), stop)
        if nxt is not None:
            label = _LABEL_RE.match(folded, nxt.end())
            return label.end() if label else nxt.end()
        if label is not None:
            return label.end()
        if folded.startswith("无", m.end()) and _VALUE_RE.search(folded, m.end(), stop) is None:
            return stop
    label = _LABEL_RE.search(folded, pos + 1, stop)
    if label is not None:
        return label.end()
    return stop if _DOUBLED_RE.fullmatch(folded, pos, stop) else None


def _stop(folded: str, pos: int) -> int:
    ends = [i for i in (folded.find(s, pos + 1) for s in SECTION_LABELS) if i > 0]
    return min(ends, default=len(folded))


def _record(text: str, folded: str, pos: int, end: int) -> dict[str, str] | None:
    """One record: the name, then its values, 无 and its reason, or its label."""
    part, label_text = folded[pos:end], ""
    label = _LABEL_RE.search(part)
    if label is not None and label.end() == len(part):
        part, label_text = part[: label.start()], text[pos + label.start() : end]
    values = [m for m in _VALUE_RE.finditer(part) if m.end() > m.start()]
    reason = ""
    if values and part.startswith("无", values[-1].end()):
        reason = text[pos + values[-1].end() : pos + len(part)]
        part = part[: values[-1].end()]
    run: list[re.Match[str]] = []
    for m in reversed(values):
        if m.end() != (run[-1].start() if run else len(part)):
            break
        run.append(m)
    run.reverse()
    if len(run) > 2:
        return None
    start = run[0].start() if run else len(part)
    fields = {"name": text[pos : pos + start]}
    if run:
        names = ("target", "actual")[: len(run)]
        fields.update(
            {n: text[pos + m.start() : pos + m.end()] for n, m in zip(names, run, strict=True)}
        )
    elif not label_text and (doubled := _DOUBLED_RE.fullmatch(part)):
        fields = {"name": text[pos : pos + doubled.end(1)]}
        fields["target"] = fields["actual"] = doubled.group(2)
    if not fields["name"]:
        return None
    if reason:
        fields["actual"], fields["deviation"] = "无", reason[1:]
    elif label_text:
        fields["deviation" if "actual" in fields else "actual"] = label_text
    return fields
