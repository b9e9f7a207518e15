r"""The value grammar: a target (年度指标值) or actual (实际完成值) string → a typed ``Value``.

Owns ``parse``, ``normalise``, ``number_of``, ``unit_of`` and ``op_of``. Parsing is pure and cached.

The text is first normalised (``normalise``): NFKC (full-width digits, brackets, ``％``,
``＞＝`` become ASCII), zero-width characters dropped, whitespace collapsed and kept only
between two ASCII letters or digits, ``>=`` ``≧`` → ``≥``, ``<=`` ``≦`` → ``≤``, thousands
separators dropped (``2,087.07`` → ``2087.07``); repeated until nothing changes.

Grammar of the normalised text. The cases are tried in this order and the first that
reads the whole text wins; ``L`` is a letter (CJK or other, not a digit), ``NUM`` is
``-?[0-9]+(\.[0-9]+)?``, ``CN`` a Chinese numeral (``numerals.py``), ``...`` any text:

    value       := empty | question | time | metric | achievement | numeric | direction
                 | unparsed
    empty       := ("-" | "—" | "–" | "―" | "‒" | "─" | "/" | "\")*
    question    := "是否" ...
    time        := date | period | deadline | frequency | timely | schedule
    date        := YEAR "年" [M "月" [D ("日" | "号")]] | M "月" [D ("日" | "号")]
                 | YEAR ("-" | "/" | ".") M SAME-SEP D | YEAR ("-" | "/") M
    period      := [YEAR "年"] PART [BEFORE | WITHIN] ["完成"]
                 | [YEAR] "年" ("度内" | "度" | "内" | "底" | "末" | "初" | "中") [BEFORE] ["完成"]
                 | ([YEAR "年"] M "月" [D "日"] | YEAR "年") BEFORE ["完成"]
    PART        := ["第"] Q "季度" [TO ["第"] Q "季度"] | ("上" | "下") "半年" | "全年"
                 | M ["月"] TO M "月"
                 | M "月" ("底" | "末" | "初" | "中" | "上旬" | "中旬" | "下旬")
    deadline    := (UNUM | CN) DUNIT [WITHIN] ["完成"]     (not when 年 follows a YEAR-like amount)
    DUNIT       := "分钟" | "小时" | ["个"] "工作日" | "天" | "日" | "周" | ["个"] "星期"
                 | "个月" | "年"
    frequency   := "每" PER [([0-9]{1,9} | CN) "次"]              (times is a whole number)
    PER         := [UNUM | CN] ["个"] ("年" | "半年" | "季度" | "季" | "月" | "半月" | "周" | "星期"
                 | "天" | "日" | "工作日" | "学期" | "小时")
    timely      := ("及时" | "按时" | "准时") ["完成" | "到位"]
    schedule    := "按" ("计划" | "规定时间" | "规定" | "要求" | "进度" | "时间节点" | "合同约定"
                 | "合同") ["开展" | "完成" | "执行" | "实施" | "推进" | "进行"]
    metric      := L{0,20} ("率" | "度" | "性")                    (and not a verb phrase)
    achievement := ["未" | "部分" | "基本" | "已" | "全部" | "完全"] "达成" ...
                 | "完成" | "已完成" | "全部完成" | "部分完成" | "基本完成" | "未完成"
    numeric     := L* OP AMOUNT [SUFFIX]                   → Comparison (the L* is dropped)
                 | L* AMOUNT SUFFIX                        → Comparison (以上 ≥; 以下, 以内 ≤)
                 | SUBJECT PERCENT                         → Percentage
                 | NUM [UNIT]                              → Quantity
    AMOUNT      := PERCENT | NUM [UNIT]
    PERCENT     := NUM ("%" | "百分比") | "百分之" (CN | UNUM) | "百分百"
    UNIT        := "(" [^()\s]{1,12} ")" | L (L | DIGIT | "/"){0,7}     ("百分比" → "%")
    OP          := "=" | "≥" | ">" | "≤" | "<" | "等于" | "不低于" | "不少于" | "不小于" | "至少"
                 | "大于等于" | "大于或等于" | "不高于" | "不超过" | "不大于" | "不多于" | "至多"
                 | "小于等于" | "小于或等于" | "大于" | "高于" | "超过" | "多于" | "小于" | "低于"
                 | "少于"
    SUFFIX      := ["及"] "以上" | ["及"] "以下" | "以内"
    SUBJECT     := L*                          (a verb phrase makes the whole a direction)
    direction   := ADVERB* VERB ...                          (tendency of the VERB)
    unparsed    := ...
    YEAR        := [1-9][0-9]{3}
    M, D        := [0-9]{1,2}                                        (a month 1-12, a day 1-31)
    Q           := "一" | "二" | "三" | "四" | "1" | "2" | "3" | "4"
    TO          := "-" | "~" | "〜" | "至" | "到" | "—" | "–"
    BEFORE      := "前" | "之前" | "以前"
    WITHIN      := "内" | "以内" | "之内"
    UNUM        := [0-9]+(\.[0-9]+)?

``VERB`` and ``ADVERB`` are the tables ``_VERBS`` and ``_ADVERBS`` below; a verb phrase
is ``ADVERB* VERB`` followed by more than a bare metric suffix (提升率 is a metric,
提升满意度 a direction). Hence ``严格执行相关制度规定`` is Direction(keep).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final, cast, get_args

from jixiao.makers import positional
from jixiao.memo import Memo
from jixiao.unicode import nfkc
from jixiao.values.numerals import CN_NUMERAL_CHARS, chinese_to_decimal
from jixiao.values.types import (
    NUMERIC_KINDS,
    Achievement,
    Band,
    Comparison,
    Direction,
    Empty,
    Numbered,
    Op,
    Percentage,
    Quantity,
    Question,
    Tendency,
    Time,
    Unparsed,
    Value,
    num,
)

__all__ = ["normalise", "number_of", "op_of", "parse", "unit_of"]

# ---------------------------------------------------------------------------------------
# Normalisation

_ZERO_WIDTH_CHARS: Final = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH: Final = dict.fromkeys(map(ord, _ZERO_WIDTH_CHARS))
_LONE_SPACE: Final = re.compile(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])")
_OP_SPELLINGS: Final = {">=": "≥", "≧": "≥", "<=": "≤", "≦": "≤"}  # (no two overlap)
_THOUSANDS: Final = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")


def _normalise_once(text: str) -> str:
    # (Substring tests and str methods first: they cost a fraction of a pattern's call.)
    text = nfkc(text)
    if any(c in text for c in _ZERO_WIDTH_CHARS):  # (translating is slow: test first)
        text = text.translate(_ZERO_WIDTH)
    text = " ".join(text.split())  # whitespace runs as one space, none at the ends
    # (A pattern that starts with a lookbehind is tried at every position: only when its
    # space or comma is there.)
    if " " in text:
        text = _LONE_SPACE.sub("", text)
    for spelling, op in _OP_SPELLINGS.items():
        if spelling in text:
            text = text.replace(spelling, op)
    return _THOUSANDS.sub("", text) if "," in text else text


def normalise(text: str) -> str:
    """The text the grammar reads (see the module docstring); idempotent."""
    while (out := _normalise_once(text)) != text:
        text = out
    return out


# ---------------------------------------------------------------------------------------
# Tokens

_L: Final = r"[^\W\d_]"  # a letter: CJK, Latin, … but no digit and no underscore
_NUM: Final = r"-?[0-9]+(?:\.[0-9]+)?"
_UNUM: Final = r"[0-9]+(?:\.[0-9]+)?"
_CN: Final = f"[{CN_NUMERAL_CHARS}]+"
_YEAR: Final = r"[1-9][0-9]{3}"
_TO: Final = r"[-~〜至到—–]"
_BEFORE: Final = r"(?:前|之前|以前)"
_UNUM_RE: Final = re.compile(_UNUM)
_YEAR_RE: Final = re.compile(_YEAR)

_OPS: Final[dict[str, Op]] = {
    "=": "=", "≥": "≥", ">": ">", "≤": "≤", "<": "<", "等于": "=",
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥", "大于等于": "≥", "大于或等于": "≥",
    "不高于": "≤", "不超过": "≤", "不大于": "≤", "不多于": "≤", "至多": "≤", "小于等于": "≤",
    "小于或等于": "≤", "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "小于": "<", "低于": "<", "少于": "<",
    "以上": "≥", "及以上": "≥", "以下": "≤", "及以下": "≤", "以内": "≤",  # suffixes
}  # fmt: skip
_SUFFIXES: Final = ("及以上", "以上", "及以下", "以下", "以内")

_VERBS: Final[dict[Tendency, str]] = {
    "up": "提升 提高 改善 扩展 扩大 推进 推动 促进 完善 增强 加强 强化 优化 增加 增长 拓展 "
    "深化 丰富 加大 加快 上升",
    "down": "降低 减少 压降 下降 消除 减轻 缩短 缩小 杜绝 遏制 控制 化解 避免 防止 防范 压缩",
    "keep": "保障 维护 巩固 建立健全 建立 健全 开展 确保 保持 保证 维持 稳定 落实 规范 执行 "
    "坚持 持续",
}
_TENDENCY: Final = {verb: tendency for tendency, verbs in _VERBS.items() for verb in verbs.split()}
_ADVERBS: Final = (
    "有效 进一步 不断 稳步 明显 显著 大幅 逐步 切实 全面 持续 着力 努力 积极 大力 严格 继续 力争"
)
_METRIC_SUFFIXES: Final = frozenset("率度性")

_BANDS: Final[dict[str, Band]] = {"": "achieved", "已": "achieved", "全部": "achieved", "完全": "achieved",
                           "部分": "partial", "基本": "partial", "未": "not_achieved"}  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that 建立健全 wins over 建立."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE)


_EMPTY: Final = _compile(r"[-—–―‒─/\\]*")
_QUESTION: Final = _compile(r"是否.*")
_DATES: Final = tuple(
    _compile(p)
    for p in (
        rf"(?P<y>{_YEAR})年(?:(?P<m>[0-9]{{1,2}})月(?:(?P<d>[0-9]{{1,2}})[日号])?)?",
        r"(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})[日号])?",
        rf"(?P<y>{_YEAR})(?P<sep>[-/.])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})",
        rf"(?P<y>{_YEAR})[-/](?P<m>[0-9]{{1,2}})",
    )
)
_Q: Final = "[一二三四1-4]"
_PERIOD: Final = _compile(
    rf"""
    (?: (?:{_YEAR}年)?
        (?: 第?{_Q}季度(?:{_TO}第?{_Q}季度)? | [上下]半年 | 全年
          | [0-9]{{1,2}}月?{_TO}[0-9]{{1,2}}月 | [0-9]{{1,2}}月(?:底|末|初|中|上旬|中旬|下旬) )
        (?:{_BEFORE}|内|之内)?
      | (?:{_YEAR})?年(?:度内|度|内|底|末|初|中){_BEFORE}?
      | (?:(?:{_YEAR}年)?[0-9]{{1,2}}月(?:[0-9]{{1,2}}[日号])?|{_YEAR}年){_BEFORE}
    ) (?:完成)?
    """
)
_DEADLINE: Final = _compile(
    rf"""(?P<amount>{_UNUM}|{_CN})
    (?P<unit>分钟|小时|个?工作日|天|日|周|个?星期|个月|年)
    (?P<within>内|以内|之内)? (?:完成)?"""
)
_FREQUENCY: Final = _compile(
    rf"""每(?P<per>(?:{_UNUM}|{_CN})?个?(?:半年|年|季度|季|半月|月|周|星期|工作日|天|日|学期|小时))
    (?:(?P<times>[0-9]{{1,9}}|{_CN})次)?"""
)
_TIMELY: Final = _compile(r"(?:及时|按时|准时)(?:完成|到位)?")
_SCHEDULE: Final = _compile(
    r"按(?:计划|规定时间|规定|要求|进度|时间节点|合同约定|合同)(?:开展|完成|执行|实施|推进|进行)?"
)
_METRIC: Final = _compile(rf"{_L}{{0,20}}[率度性]")
_ACHIEVEMENT: Final = _compile(r"(?P<prefix>未|部分|基本|已|全部|完全)?达成.*")
_COMPLETION: Final = {"完成": "", "已完成": "已", "全部完成": "全部", "部分完成": "部分",
               "基本完成": "基本", "未完成": "未"}  # fmt: skip
_BRACKET_UNIT: Final = r"\((?P<punit>[^()\s]{1,12})\)"  # (人), (万元), (%)
_NUMERIC: Final = _compile(
    rf"""
    (?P<subject>{_L}*?)
    (?P<op>{_alternation([k for k in _OPS if k not in _SUFFIXES])})?
    (?: (?P<num>{_NUM})
        (?: (?P<pct>%|百分比)
          | {_BRACKET_UNIT}
          | (?P<bunit>{_L}(?:[^\W_]|/){{0,7}}?) )??
      | 百分之(?P<cn>{_CN}|{_UNUM})
      | (?P<whole>百分百) )
    (?P<suffix>{_alternation(_SUFFIXES)})?
    """
)
_VERB: Final = _compile(
    rf"(?:{_alternation(_ADVERBS.split())})*(?P<verb>{_alternation(_TENDENCY)})"
)


# ---------------------------------------------------------------------------------------
# Cases: each reads the whole normalised text or returns None.


def _number(text: str) -> Decimal | None:
    """ASCII digits or a Chinese numeral."""
    if _UNUM_RE.fullmatch(text):
        return Decimal(text)
    return chinese_to_decimal(text)


def _empty(t: str) -> Value | None:
    return Empty() if _EMPTY.fullmatch(t) else None


def _question(t: str) -> Value | None:
    return Question(text=t) if _QUESTION.fullmatch(t) else None


def _date(t: str) -> Time | None:
    for pattern in _DATES:
        if m := pattern.fullmatch(t):
            found = m.groupdict()
            y, mo, d = (int(found[k]) if found.get(k) else None for k in ("y", "m", "d"))
            if (mo is None or 1 <= mo <= 12) and (d is None or 1 <= d <= 31):
                return Time(form="date", year=y, month=mo, day=d)
    return None


def _period(t: str) -> Time | None:
    return Time(form="period", text=t) if _PERIOD.fullmatch(t) else None


def _deadline(t: str) -> Time | None:
    m = _DEADLINE.fullmatch(t)
    amount = _number(m["amount"]) if m else None
    if m is None or amount is None:
        return None
    if m["unit"] == "年" and _YEAR_RE.fullmatch(num(amount)):
        return None  # 二〇二三年 would print as 2023年, a date: leave it unread
    return Time(form="deadline", amount=amount, unit=m["unit"], within=bool(m["within"]))


def _frequency(t: str) -> Time | None:
    m = _FREQUENCY.fullmatch(t)
    if m is None:
        return None
    if m["times"] is None:
        return Time(form="frequency", per=m["per"])
    times = _number(m["times"])
    if times is None or times != times.to_integral_value() or times > 10**9:
        return None
    return Time(form="frequency", per=m["per"], times=int(times))


def _timely(t: str) -> Time | None:
    return Time(form="timely", text=t) if _TIMELY.fullmatch(t) else None


def _schedule(t: str) -> Time | None:
    return Time(form="schedule", text=t) if _SCHEDULE.fullmatch(t) else None


_TIME_CASES: Final[tuple[Callable[[str], Time | None], ...]] = (
    _date, _period, _deadline, _frequency, _timely, _schedule,
)  # fmt: skip


def _time(t: str) -> Value | None:
    return next((v for case in _TIME_CASES if (v := case(t)) is not None), None)


def _tendency(text: str) -> Tendency | None:
    """The tendency of a verb phrase (提升工作能力 → up), or None (提升率 is not one)."""
    m = _VERB.match(text)
    if m is None or text[m.end() :] in _METRIC_SUFFIXES:
        return None
    return _TENDENCY[m["verb"]]


def _metric(t: str) -> Value | None:
    if _METRIC.fullmatch(t) and _tendency(t) is None:
        return Direction(text=t, tendency="metric")
    return None


def _achievement(t: str) -> Value | None:
    if (m := _ACHIEVEMENT.fullmatch(t)) is not None:
        return Achievement(label=t, band=_BANDS[m["prefix"] or ""])
    if (prefix := _COMPLETION.get(t)) is not None:
        return Achievement(label=t, band=_BANDS[prefix])
    return None


def _numeric(t: str) -> Value | None:
    m = _NUMERIC.fullmatch(t)
    if m is None:
        return None
    percent = bool(m["pct"] or m["cn"] or m["whole"])
    if m["num"] is not None:
        number: Decimal | None = Decimal(m["num"])
    else:
        number = Decimal(100) if m["whole"] else _number(m["cn"])
    if number is None:
        return None
    unit = "%" if percent else _unit(m["punit"] or m["bunit"] or "")
    if op := m["op"] or m["suffix"]:
        return _comparison(_OPS[op], number, unit)
    if percent:
        subject = m["subject"]
        if subject and (tendency := _tendency(subject)) is not None:
            return Direction(text=t, tendency=tendency)  # 降低5%: a direction, not a 5% target
        return Percentage(number=number, subject=subject)
    return None if m["subject"] else _quantity(number, unit)


def _unit(unit: str) -> str:
    return "%" if unit == "百分比" else unit


# Comparison(op=…, number=…, unit=…) and Quantity(number=…, unit=…) made positionally: the
# values of most targets and actuals, and most texts not cached yet (numbers vary).
_comparison: Final = positional(Comparison)
_quantity: Final = positional(Quantity)


def _bracketed(t: str) -> Value | None:
    """The commonest target or actual, a number with its unit in brackets and maybe a sign
    before (``=97.00(人)``, ``26.00(人)``), read as ``_numeric`` reads it (tests/values
    checks it) without its long pattern: most texts the cache has not seen are these."""
    m = _BRACKETED.fullmatch(t)
    if m is None:
        return None
    number, unit = Decimal(m["num"]), _unit(m["punit"])
    return _comparison(_OPS[op], number, unit) if (op := m["op"]) else _quantity(number, unit)


_BRACKETED: Final = re.compile(
    f"(?P<op>[{''.join(re.escape(k) for k in _OPS if len(k) == 1)}]?)(?P<num>{_UNUM}){_BRACKET_UNIT}"
)


def _direction(t: str) -> Value | None:
    tendency = _tendency(t)
    return None if tendency is None else Direction(text=t, tendency=tendency)


_CASES: Final[tuple[Callable[[str], Value | None], ...]] = (
    _empty, _question, _time, _metric, _achievement, _numeric, _direction,
)  # fmt: skip


def parse(text: str) -> Value:
    """Read one target or actual; never raises. See the module docstring for the grammar."""
    return _PARSE.of(text)


def _parse_uncached(text: str) -> Value:
    t = normalise(text)
    if (value := _bracketed(t)) is not None:
        return value
    for case in _NUMERIC_CASES if _NUMERIC_ONLY.match(t) else _CASES:
        value = case(t)
        if value is not None:
            return value
    return Unparsed(text=t)  # (made only here: a frozen class's keyword call is costly)


_PARSE: Final = Memo(_parse_uncached, 1 << 16)

# A text that starts with an operator, or with a digit and holds a bracket (=97(人),
# 26.00(人): most targets and actuals), can be read by no case but ``numeric``: the cases
# before it start with a word, a dash, or digits with no bracket after them, and
# ``direction`` with a word. Only ``numeric`` is tried on it.
_NUMERIC_ONLY: Final = re.compile(r"[=≥≤<>]|[0-9][^(]*\(")
_NUMERIC_CASES: Final[tuple[Callable[[str], Value | None], ...]] = (_numeric,)


# The kinds are told by their exact type (none has a subclass; tests/values checks it): one
# set lookup, where isinstance with a tuple of classes tries each class and its bases. The
# checks ask these of every indicator's target and actual.
WithUnit = Comparison | Quantity
_NUMBERED: Final = frozenset(NUMERIC_KINDS)
_WITH_UNIT: Final = frozenset(get_args(WithUnit))


def number_of(value: Value) -> Decimal | None:
    """The number of a Comparison, Quantity or Percentage; None for every other kind."""
    return cast(Numbered, value).number if type(value) in _NUMBERED else None


def unit_of(value: Value) -> str:
    """The unit of a Comparison or Quantity, ``%`` for a Percentage, else ``""``."""
    if type(value) in _WITH_UNIT:
        return cast(WithUnit, value).unit
    return "%" if type(value) is Percentage else ""


def op_of(value: Value) -> Op | None:
    """The operator of a Comparison (``≥``, ``≤``…); None for every other kind."""
    return value.op if type(value) is Comparison else None
