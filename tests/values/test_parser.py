"""Tests of the value grammar (jixiao.values.parser) and the Chinese numerals.

Owns: the table of every distinct target and actual of the shared sample, the examples of
RULES.md §2 and other provinces, the round-trip and never-raises properties (hypothesis),
number_of / unit_of, chinese_to_decimal, the numeric shortcut of ``parse`` and
``jixiao.unicode.nfkc`` (both against their plain forms, hypothesis).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal as D
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.unicode import nfkc
from jixiao.values import (
    NUMERIC_KINDS,
    Achievement,
    Band,
    Comparison,
    Direction,
    Empty,
    Percentage,
    Quantity,
    Question,
    Tendency,
    Time,
    Unparsed,
    Value,
    normalise,
    number_of,
    parse,
    parser,
    unit_of,
)
from jixiao.values.numerals import chinese_to_decimal

# Every distinct 年度指标值 and 实际完成值 of /work/shared/data/000_4248eb844d2ba1f1.txt,
# in order of first appearance (137 strings).
SAMPLE = [
    ("=97.00(人)", Comparison(op="=", number=D("97.00"), unit="人")),
    ("97.00(人)", Quantity(number=D("97.00"), unit="人")),
    ("=100.00(%)", Comparison(op="=", number=D("100.00"), unit="%")),
    ("100.00(%)", Quantity(number=D("100.00"), unit="%")),
    ("=90.00(%)", Comparison(op="=", number=D("90.00"), unit="%")),
    ("90.00(%)", Quantity(number=D("90.00"), unit="%")),
    ("≥9.00(次)", Comparison(op="≥", number=D("9.00"), unit="次")),
    ("9.00(次)", Quantity(number=D("9.00"), unit="次")),
    ("质量达标率", Direction(text="质量达标率", tendency="metric")),
    ("达成指标", Achievement(label="达成指标", band="achieved")),
    ("提升率", Direction(text="提升率", tendency="metric")),
    ("满意率", Direction(text="满意率", tendency="metric")),
    ("≥8.00(次)", Comparison(op="≥", number=D("8.00"), unit="次")),
    ("8.00(次)", Quantity(number=D("8.00"), unit="次")),
    ("准确率百分百", Percentage(number=D("100"), subject="准确率")),
    ("提升率百分百", Percentage(number=D("100"), subject="提升率")),
    ("满意率百分百", Percentage(number=D("100"), subject="满意率")),
    ("=56.00(人)", Comparison(op="=", number=D("56.00"), unit="人")),
    ("56.00(人)", Quantity(number=D("56.00"), unit="人")),
    ("100%", Percentage(number=D("100"))),
    ("提升工作能力", Direction(text="提升工作能力", tendency="up")),
    ("90%", Percentage(number=D("90"))),
    ("=100.00(1次)", Comparison(op="=", number=D("100.00"), unit="1次")),
    ("100.00(1次)", Quantity(number=D("100.00"), unit="1次")),
    ("合格率", Direction(text="合格率", tendency="metric")),
    ("满意度", Direction(text="满意度", tendency="metric")),
    ("=100.00(次)", Comparison(op="=", number=D("100.00"), unit="次")),
    ("100.00(次)", Quantity(number=D("100.00"), unit="次")),
    ("=8.00(人)", Comparison(op="=", number=D("8.00"), unit="人")),
    ("4.00(人)", Quantity(number=D("4.00"), unit="人")),
    ("=100(百分比)", Comparison(op="=", number=D("100"), unit="%")),
    ("100.00(百分比)", Quantity(number=D("100.00"), unit="%")),
    ("=100.00(百分比)", Comparison(op="=", number=D("100.00"), unit="%")),
    ("保障", Direction(text="保障", tendency="keep")),
    ("建立健全", Direction(text="建立健全", tendency="keep")),
    ("≥85(百分比)", Comparison(op="≥", number=D("85"), unit="%")),
    ("90.00(百分比)", Quantity(number=D("90.00"), unit="%")),
    ("及时", Time(form="timely", text="及时")),
    ("百分之九十", Percentage(number=D("90"))),
    ("=35.00(人)", Comparison(op="=", number=D("35.00"), unit="人")),
    ("35.00(人)", Quantity(number=D("35.00"), unit="人")),
    ("每月", Time(form="frequency", per="月")),
    ("降低", Direction(text="降低", tendency="down")),
    ("=240.00(台)", Comparison(op="=", number=D("240.00"), unit="台")),
    ("240.00(台)", Quantity(number=D("240.00"), unit="台")),
    ("提升", Direction(text="提升", tendency="up")),
    ("≥90.00(%)", Comparison(op="≥", number=D("90.00"), unit="%")),
    ("=12.00(人)", Comparison(op="=", number=D("12.00"), unit="人")),
    ("12.00(人)", Quantity(number=D("12.00"), unit="人")),
    ("=52.00(人)", Comparison(op="=", number=D("52.00"), unit="人")),
    ("52.00(人)", Quantity(number=D("52.00"), unit="人")),
    ("=360.00(人)", Comparison(op="=", number=D("360.00"), unit="人")),
    ("360.00(人)", Quantity(number=D("360.00"), unit="人")),
    ("有效压降", Direction(text="有效压降", tendency="down")),
    ("≥500.00(份)", Comparison(op="≥", number=D("500.00"), unit="份")),
    ("500.00(份)", Quantity(number=D("500.00"), unit="份")),
    ("11月-12月", Time(form="period", text="11月-12月")),
    ("扩展", Direction(text="扩展", tendency="up")),
    ("=21(个)", Comparison(op="=", number=D("21"), unit="个")),
    ("21.00(个)", Quantity(number=D("21.00"), unit="个")),
    ("=20(人)", Comparison(op="=", number=D("20"), unit="人")),
    ("20.00(人)", Quantity(number=D("20.00"), unit="人")),
    ("=100(%)", Comparison(op="=", number=D("100"), unit="%")),
    ("2023年1月10日", Time(form="date", year=2023, month=1, day=10)),
    ("推进", Direction(text="推进", tendency="up")),
    ("维护", Direction(text="维护", tendency="keep")),
    ("≥90(%)", Comparison(op="≥", number=D("90"), unit="%")),
    ("=4(相)", Comparison(op="=", number=D("4"), unit="相")),
    ("4.00(相)", Quantity(number=D("4.00"), unit="相")),
    ("24小时内", Time(form="deadline", amount=D("24"), unit="小时", within=True)),
    ("改善", Direction(text="改善", tendency="up")),
    ("=19.00(人)", Comparison(op="=", number=D("19.00"), unit="人")),
    ("19.00(人)", Quantity(number=D("19.00"), unit="人")),
    ("1小时", Time(form="deadline", amount=D("1"), unit="小时")),
    ("完善", Direction(text="完善", tendency="up")),
    ("提高", Direction(text="提高", tendency="up")),
    ("全面开展", Direction(text="全面开展", tendency="keep")),
    ("=42.00(个)", Comparison(op="=", number=D("42.00"), unit="个")),
    ("42.00(个)", Quantity(number=D("42.00"), unit="个")),
    ("=41.00(个)", Comparison(op="=", number=D("41.00"), unit="个")),
    ("41.00(个)", Quantity(number=D("41.00"), unit="个")),
    ("≥195.00(个)", Comparison(op="≥", number=D("195.00"), unit="个")),
    ("195.00(个)", Quantity(number=D("195.00"), unit="个")),
    ("≥95.00(%)", Comparison(op="≥", number=D("95.00"), unit="%")),
    ("95.00(%)", Quantity(number=D("95.00"), unit="%")),
    ("=36.00(条)", Comparison(op="=", number=D("36.00"), unit="条")),
    ("36.00(条)", Quantity(number=D("36.00"), unit="条")),
    ("=26.00(条)", Comparison(op="=", number=D("26.00"), unit="条")),
    ("26.00(条)", Quantity(number=D("26.00"), unit="条")),
    ("=0.00(条)", Comparison(op="=", number=D("0.00"), unit="条")),
    ("0.00(条)", Quantity(number=D("0.00"), unit="条")),
    ("=13.00(处)", Comparison(op="=", number=D("13.00"), unit="处")),
    ("13.00(处)", Quantity(number=D("13.00"), unit="处")),
    ("=6905.00(个)", Comparison(op="=", number=D("6905.00"), unit="个")),
    ("6905.00(个)", Quantity(number=D("6905.00"), unit="个")),
    ("每季度一次", Time(form="frequency", per="季度", times=1)),
    ("2小时", Time(form="deadline", amount=D("2"), unit="小时")),
    ("72小时", Time(form="deadline", amount=D("72"), unit="小时")),
    ("=1020.00(份)", Comparison(op="=", number=D("1020.00"), unit="份")),
    ("1020.00(份)", Quantity(number=D("1020.00"), unit="份")),
    ("=1020.00(人)", Comparison(op="=", number=D("1020.00"), unit="人")),
    ("1020.00(人)", Quantity(number=D("1020.00"), unit="人")),
    ("按规定时间开展", Time(form="schedule", text="按规定时间开展")),
    ("消除", Direction(text="消除", tendency="down")),
    ("=7306.20(平方米)", Comparison(op="=", number=D("7306.20"), unit="平方米")),
    ("7306.20(平方米)", Quantity(number=D("7306.20"), unit="平方米")),
    ("≥100.00(%)", Comparison(op="≥", number=D("100.00"), unit="%")),
    ("≥80.00(%)", Comparison(op="≥", number=D("80.00"), unit="%")),
    ("80.00(%)", Quantity(number=D("80.00"), unit="%")),
    ("=66.00(人)", Comparison(op="=", number=D("66.00"), unit="人")),
    ("66.00(人)", Quantity(number=D("66.00"), unit="人")),
    ("按计划开展", Time(form="schedule", text="按计划开展")),
    ("巩固", Direction(text="巩固", tendency="keep")),
    ("是否提高效率", Question(text="是否提高效率")),
    ("=128.00(人)", Comparison(op="=", number=D("128.00"), unit="人")),
    ("128.00(人)", Quantity(number=D("128.00"), unit="人")),
    ("=40.00(人)", Comparison(op="=", number=D("40.00"), unit="人")),
    ("40.00(人)", Quantity(number=D("40.00"), unit="人")),
    ("=4.00(人)", Comparison(op="=", number=D("4.00"), unit="人")),
    ("=109.00(人)", Comparison(op="=", number=D("109.00"), unit="人")),
    ("109.00(人)", Quantity(number=D("109.00"), unit="人")),
    ("=3.00(个)", Comparison(op="=", number=D("3.00"), unit="个")),
    ("3.00(个)", Quantity(number=D("3.00"), unit="个")),
    ("每半年一次", Time(form="frequency", per="半年", times=1)),
    ("=19975.00(平方米)", Comparison(op="=", number=D("19975.00"), unit="平方米")),
    ("19975.00(平方米)", Quantity(number=D("19975.00"), unit="平方米")),
    ("≥46.00(人)", Comparison(op="≥", number=D("46.00"), unit="人")),
    ("46.00(人)", Quantity(number=D("46.00"), unit="人")),
    ("=200.00(元/人/月)", Comparison(op="=", number=D("200.00"), unit="元/人/月")),
    ("200.00(元/人/月)", Quantity(number=D("200.00"), unit="元/人/月")),
    ("第一季度", Time(form="period", text="第一季度")),
    ("≥10.00(次)", Comparison(op="≥", number=D("10.00"), unit="次")),
    ("10.00(次)", Quantity(number=D("10.00"), unit="次")),
    ("≥1.00(次)", Comparison(op="≥", number=D("1.00"), unit="次")),
    ("1.00(次)", Quantity(number=D("1.00"), unit="次")),
    ("≥90.00(百分比)", Comparison(op="≥", number=D("90.00"), unit="%")),
    ("99.00(百分比)", Quantity(number=D("99.00"), unit="%")),
]

# RULES.md §2 and other provinces.
EXAMPLES = [
    ("≥50个", Comparison(op="≥", number=D("50"), unit="个")),
    ("≤5%", Comparison(op="≤", number=D("5"), unit="%")),
    ("≥100百分比", Comparison(op="≥", number=D("100"), unit="%")),
    (">=90%", Comparison(op="≥", number=D("90"), unit="%")),
    ("＞＝95％", Comparison(op="≥", number=D("95"), unit="%")),
    ("≧95%", Comparison(op="≥", number=D("95"), unit="%")),
    ("<=3(次)", Comparison(op="≤", number=D("3"), unit="次")),
    ("≦3次", Comparison(op="≤", number=D("3"), unit="次")),
    ("＝97.00（人）", Comparison(op="=", number=D("97.00"), unit="人")),
    ("≥ 90 %", Comparison(op="≥", number=D("90"), unit="%")),
    ("≤10万元", Comparison(op="≤", number=D("10"), unit="万元")),
    ("≤90万元", Comparison(op="≤", number=D("90"), unit="万元")),
    ("≥85(百分比)", Comparison(op="≥", number=D("85"), unit="%")),
    ("=200.00(元/人/月)", Comparison(op="=", number=D("200.00"), unit="元/人/月")),
    ("=2,087.07(万元)", Comparison(op="=", number=D("2087.07"), unit="万元")),
    ("不低于95%", Comparison(op="≥", number=D("95"), unit="%")),
    ("满意度≥90%", Comparison(op="≥", number=D("90"), unit="%")),
    ("90%以上", Comparison(op="≥", number=D("90"), unit="%")),
    ("50人以上", Comparison(op="≥", number=D("50"), unit="人")),
    ("≥百分之九十", Comparison(op="≥", number=D("90"), unit="%")),
    ("50", Quantity(number=D("50"))),
    ("2,087.07", Quantity(number=D("2087.07"))),
    ("90.00(百分比)", Quantity(number=D("90.00"), unit="%")),
    ("90%", Percentage(number=D("90"))),
    ("１００％", Percentage(number=D("100"))),
    ("百分之九十五", Percentage(number=D("95"))),
    ("百分之九十九点五", Percentage(number=D("99.5"))),
    ("百分百", Percentage(number=D("100"))),
    ("百分之百", Percentage(number=D("100"))),
    ("准确率90%", Percentage(number=D("90"), subject="准确率")),
    ("降低5%", Direction(text="降低5%", tendency="down")),
    ("改善", Direction(text="改善", tendency="up")),
    ("优化营商环境", Direction(text="优化营商环境", tendency="up")),
    ("减少", Direction(text="减少", tendency="down")),
    ("确保", Direction(text="确保", tendency="keep")),
    ("保持", Direction(text="保持", tendency="keep")),
    ("知晓率", Direction(text="知晓率", tendency="metric")),
    ("及时性", Direction(text="及时性", tendency="metric")),
    ("严格执行相关制度规定", Direction(text="严格执行相关制度规定", tendency="keep")),
    ("达成", Achievement(label="达成", band="achieved")),
    ("达成预期指标", Achievement(label="达成预期指标", band="achieved")),
    ("达成年度指标", Achievement(label="达成年度指标", band="achieved")),
    (
        "部分达成年度指标并具有一定效果",
        Achievement(label="部分达成年度指标并具有一定效果", band="partial"),
    ),
    (
        "未达成年度指标且效果较差",
        Achievement(label="未达成年度指标且效果较差", band="not_achieved"),
    ),
    ("已完成", Achievement(label="已完成", band="achieved")),
    ("2023年12月", Time(form="date", year=2023, month=12)),
    ("2023-01-10", Time(form="date", year=2023, month=1, day=10)),
    ("3个工作日内", Time(form="deadline", amount=D("3"), unit="个工作日", within=True)),
    ("三个工作日内", Time(form="deadline", amount=D("3"), unit="个工作日", within=True)),
    ("3天", Time(form="deadline", amount=D("3"), unit="天")),
    ("每年2次", Time(form="frequency", per="年", times=2)),
    ("每季度1次", Time(form="frequency", per="季度", times=1)),
    ("每两周一次", Time(form="frequency", per="两周", times=1)),
    ("年底前", Time(form="period", text="年底前")),
    ("12月底前", Time(form="period", text="12月底前")),
    ("上半年", Time(form="period", text="上半年")),
    ("按时", Time(form="timely", text="按时")),
    ("按计划", Time(form="schedule", text="按计划")),
    ("", Empty()),
    ("   ", Empty()),
    ("—", Empty()),
    ("-", Empty()),
    ("－", Empty()),
    ("/", Empty()),
    ("在项目计划完成时间内完成", Unparsed(text="在项目计划完成时间内完成")),
    ("效果明显", Unparsed(text="效果明显")),
    ("二〇二三年", Unparsed(text="二〇二三年")),
]


@pytest.mark.parametrize(("text", "expected"), SAMPLE + EXAMPLES)
def test_table(text: str, expected: Value) -> None:
    value = parse(text)
    assert value == expected
    assert value.to_json() == expected.to_json()  # the number as written: 97.00, not 97
    assert parse(str(value)) == value


def test_sample_table_is_complete_and_readable() -> None:
    assert len({text for text, _ in SAMPLE}) == len(SAMPLE) == 137
    assert not [text for text, value in SAMPLE if isinstance(value, Unparsed)]


# ---------------------------------------------------------------------------------------
# number_of, unit_of, Chinese numerals


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("=97.00(人)", D("97.00"), "人"),
        ("100.00(%)", D("100.00"), "%"),
        ("准确率百分百", D("100"), "%"),
        ("50", D("50"), ""),
        ("提升", None, ""),
        ("24小时内", None, ""),
        ("达成指标", None, ""),
        ("", None, ""),
        ("效果明显", None, ""),
    ],
)
def test_number_of_and_unit_of(text: str, number: D | None, unit: str) -> None:
    value = parse(text)
    assert number_of(value) == number
    assert unit_of(value) == unit


def test_value_kinds_have_no_subclasses() -> None:
    """number_of, unit_of and op_of tell a kind by its exact type: a subclass would read as
    a kind with no number."""
    kinds = get_args(Value)
    assert set(NUMERIC_KINDS) <= set(kinds)
    assert not any(kind.__subclasses__() for kind in kinds)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("零", "0"),
        ("一", "1"),
        ("两", "2"),
        ("十", "10"),
        ("十五", "15"),
        ("九十", "90"),
        ("九十五", "95"),
        ("百", "100"),
        ("一百", "100"),
        ("一百零五", "105"),
        ("一百一十", "110"),
        ("两千零二十", "2020"),
        ("十万", "100000"),
        ("一万零五十", "10050"),
        ("三亿二千万", "320000000"),
        ("二〇二三", "2023"),
        ("九十九点五", "99.5"),
        ("零点零五", "0.05"),
        ("", None),
        ("万", None),
        ("点五", None),
        ("九十点", None),
        ("十百", None),
        ("百分", None),
        ("一点二点三", None),
    ],
)
def test_chinese_numerals(text: str, expected: str | None) -> None:
    got = chinese_to_decimal(text)
    assert (None if got is None else str(got)) == expected


# ---------------------------------------------------------------------------------------
# Properties

NUMBERS = st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False)
AMOUNTS = st.decimals(min_value=0, max_value=999, places=2)
UNITS = st.one_of(
    st.sampled_from(["", "%", "人", "次", "1次", "元/人/月", "平方米", "万元", "m2"]),
    st.text(alphabet="人次个元米台份条处相/平方万%1", min_size=1, max_size=8),
)
OPS = st.sampled_from(["=", "≥", ">", "≤", "<"])
VERBS: list[tuple[str, Tendency]] = [
    ("提升", "up"), ("提高", "up"), ("改善", "up"), ("扩展", "up"), ("推进", "up"),
    ("完善", "up"), ("增强", "up"), ("加强", "up"), ("优化", "up"),
    ("降低", "down"), ("减少", "down"), ("压降", "down"), ("消除", "down"),
    ("保障", "keep"), ("维护", "keep"), ("巩固", "keep"), ("建立健全", "keep"),
    ("开展", "keep"), ("确保", "keep"), ("保持", "keep"), ("执行", "keep"),
]  # fmt: skip
ADVERBS = st.sampled_from(["", "有效", "进一步", "持续", "全面", "严格"])
TAILS = st.sampled_from(["", "工作能力", "服务水平", "相关制度规定", "满意度", "5%", "至90%"])
LABELS: list[tuple[str, Band]] = [
    ("达成", "achieved"), ("已达成", "achieved"), ("部分达成", "partial"),
    ("基本达成", "partial"), ("未达成", "not_achieved"),
]  # fmt: skip


@st.composite
def directions(draw: st.DrawFn) -> Direction:
    if draw(st.booleans()):
        name = draw(st.text(alphabet="满意合格质量达标知晓覆盖", max_size=6))
        return Direction(text=name + draw(st.sampled_from("率度性")), tendency="metric")
    verb, tendency = draw(st.sampled_from(VERBS))
    return Direction(text=draw(ADVERBS) + verb + draw(TAILS), tendency=tendency)


@st.composite
def achievements(draw: st.DrawFn) -> Achievement:
    prefix, band = draw(st.sampled_from(LABELS))
    tail = draw(st.sampled_from(["", "指标", "预期指标", "年度指标", "年度指标并具有一定效果"]))
    return Achievement(label=prefix + tail, band=band)


@st.composite
def dates(draw: st.DrawFn) -> Time:
    year = draw(st.none() | st.integers(1000, 9999))
    month = draw(st.integers(1, 12) if year is None else st.none() | st.integers(1, 12))
    day = None if month is None else draw(st.none() | st.integers(1, 31))
    return Time(form="date", year=year, month=month, day=day)


DEADLINE_UNITS = ["分钟", "小时", "工作日", "个工作日", "天", "日", "周", "星期", "个月", "年"]
PERS = ["年", "半年", "季度", "季", "月", "半月", "周", "两周", "2周", "天", "日", "3个月"]
TIMES = st.one_of(
    dates(),
    st.builds(
        Time,
        form=st.just("deadline"),
        amount=AMOUNTS,
        unit=st.sampled_from(DEADLINE_UNITS),
        within=st.booleans(),
    ),
    st.builds(
        Time,
        form=st.just("frequency"),
        per=st.sampled_from(PERS),
        times=st.none() | st.integers(0, 10**6),
    ),
    st.builds(
        Time,
        form=st.just("period"),
        text=st.sampled_from(
            ["第一季度", "第1季度", "上半年", "11月-12月", "年底前", "12月底前", "2023年度"]
        ),
    ),
    st.builds(Time, form=st.just("timely"), text=st.sampled_from(["及时", "按时", "准时完成"])),
    st.builds(
        Time, form=st.just("schedule"), text=st.sampled_from(["按计划开展", "按规定时间开展"])
    ),
)
VALUES: st.SearchStrategy[Value] = st.one_of(
    st.builds(Comparison, op=OPS, number=NUMBERS, unit=UNITS),
    st.builds(Quantity, number=NUMBERS, unit=UNITS),
    st.builds(
        Percentage,
        number=NUMBERS,
        subject=st.text(alphabet="准确满意合格覆盖知晓服务质量率度", max_size=8),
    ),
    directions(),
    achievements(),
    TIMES,
    st.text().map(lambda s: Question(text=normalise("是否" + s))),
    st.just(Empty()),
    st.text().map(parse).filter(lambda v: isinstance(v, Unparsed)),
)

# Pieces of the grammar, so that generated text often comes close to a value.
TOKENS = [
    "≥", ">=", "＞＝", "=", "＝", "<", "≤", "≦", "不低于", "大于", "以上", "及", "以内",
    "90", "0", "2023", "12", "1", "24", ".", ".5", "-", "－", "—", ",", ",000", "%", "％",
    "百分比", "(", ")", "（", "）", "人", "次", "个", "元/人/月", "年", "月", "日", "号",
    "小时", "工作日", "天", "内", "前", "底", "度", "每", "季度", "半年", "第", "一", "二", "两",
    "十", "百", "千", "万", "点", "〇", "零", "百分之", "百分百", "提升", "降低", "有效", "率",
    "性", "达成", "部分", "未", "完成", "是否", "及时", "按计划", "开展", "/", " ", "\u3000",
    "\u200b", "\n", "a", "e", "\u0301", "\u0338", "²",
]  # fmt: skip
TOKEN_TEXTS = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)
TEXTS = st.one_of(st.text(), TOKEN_TEXTS)


@given(VALUES)
@settings(max_examples=2000)
def test_every_value_round_trips(value: Value) -> None:
    assert parse(str(value)) == value


@given(TEXTS)
@settings(max_examples=3000)
def test_parse_is_idempotent_through_str(text: str) -> None:
    value = parse(text)  # never raises
    assert parse(str(value)) == value


@given(TEXTS)
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(st.one_of(TEXTS, st.binary().map(lambda b: b.decode("utf-8", "replace"))))
def test_parse_never_raises(text: str) -> None:
    assert isinstance(parse(text), Value)


def _every_case(text: str) -> Value:
    """``parse`` trying every case in the grammar's order, without the numeric shortcut."""
    t = normalise(text)
    return next((v for case in parser._CASES if (v := case(t)) is not None), Unparsed(text=t))


NUMERIC_LED = st.tuples(
    st.sampled_from(["=", "≥", "≤", ">", "<", "＞", "2023", "5", "0.5", "３"]), TOKEN_TEXTS
).map("".join)


@given(st.one_of(NUMERIC_LED, TEXTS))
@settings(max_examples=3000)
def test_numeric_shortcut_reads_as_every_case(text: str) -> None:
    """Texts that start with an operator, or a digit and hold a bracket, are tried on
    ``numeric`` alone (``parser._NUMERIC_ONLY``): the value every case in order gives."""
    assert parse(text) == _every_case(text)


BRACKETED = st.tuples(
    st.sampled_from(["", "=", "≥", "≤", ">", "<", "-", "约", "＝"]),
    st.from_regex(r"[0-9]{1,5}(\.[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["(", "（"]),
    st.one_of(
        st.sampled_from(["人", "万元", "%", "百分比", "平方米/人", "个", "人次", "", "a b"]),
        st.text("人次个%()/ 百分比ab1", max_size=14),
    ),
    st.sampled_from([")", "）", ")以上", ") "]),
).map("".join)


@given(BRACKETED)
@settings(max_examples=3000)
def test_bracketed_shortcut_reads_as_every_case(text: str) -> None:
    """The commonest texts (=97.00(人), 26.00(人)) are read without the numeric pattern
    (``parser._bracketed``): the value every case in order gives, for those it takes and
    those it leaves."""
    assert parse(text) == _every_case(text)


def test_bracketed_shortcut_takes_the_common_texts() -> None:
    for text in ("=97.00(人)", "26.00(人)", "≥85(百分比)", "<5(%)", "≤124.00(万元)"):
        taken = parser._bracketed(normalise(text))
        assert taken is not None and taken == _every_case(text)
    for text in ("-5(人)", "=5人", "97(人)以上", "约5(人)"):
        assert parser._bracketed(normalise(text)) is None


@given(st.one_of(TEXTS, st.text()))
@settings(max_examples=3000)
def test_nfkc_is_unicodedata_nfkc(text: str) -> None:
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
    assert nfkc(text + "，\u0338（a\u0301）") == unicodedata.normalize(
        "NFKC", text + "，\u0338（a\u0301）"
    )


def _normalise_once_by_patterns(text: str) -> str:
    """``parser._normalise_once`` as patterns write it (the oracle of its str methods)."""
    text = re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", unicodedata.normalize("NFKC", text))
    text = re.sub(r"\s+", " ", text).strip()
    text = parser._LONE_SPACE.sub("", text)
    text = re.sub(">=|≧|<=|≦", lambda m: {">=": "≥", "≧": "≥", "<=": "≤", "≦": "≤"}[m[0]], text)
    return parser._THOUSANDS.sub("", text)


@given(st.one_of(TEXTS, st.text(), st.text("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0 >=<≧≦,1")))
@settings(max_examples=3000)
def test_normalise_once_is_its_patterns(text: str) -> None:
    assert parser._normalise_once(text) == _normalise_once_by_patterns(text)
