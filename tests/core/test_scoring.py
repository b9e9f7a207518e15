"""The scoring engine: formulas, bands, rounding by profile, and the sample's figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import pipeline
from jixiao.model import Form, Indicator, RowSources, Source
from jixiao.profiles import load_profile
from jixiao.scoring import score
from jixiao.scoring.engine import score_indicator
from jixiao.values import parse
from tests.conftest import SAMPLE

D = Decimal
SRC = Source(file="t.txt", line=1)
MOF = load_profile("mof-2020")
PUJIANG = load_profile("pujiang-2023")


def indicator(target: str, actual: str, weight: str = "10", score_: str | None = "10") -> Indicator:
    return Indicator(
        level1="产出指标",
        level2="数量指标",
        name="测试",
        target=target,
        actual=actual,
        weight=D(weight),
        score=None if score_ is None else D(score_),
        target_value=parse(target),
        actual_value=parse(actual),
        sources=RowSources.of(SRC),
    )


# (target, actual, weight, stated score, method, recomputed score)
CASES = [
    ("=8.00(人)", "4.00(人)", "15", "14.90", "positive", "7.5"),
    ("≥9.00(次)", "9.00(次)", "15", "15", "positive", "15"),
    ("≥10(次)", "12(次)", "15", "15", "positive", "15"),
    ("=0.00(条)", "0.00(条)", "3", "3", "positive", "3"),
    ("=0(条)", "2(条)", "3", "3", "positive", "0"),
    ("≥0(个)", "2(个)", "3", "3", "positive", "3"),
    ("≥90(%)", "-5(%)", "10", "0", "positive", "0"),
    ("90%", "93.00(%)", "10", "10", "positive", "10"),
    ("≤5(%)", "4(%)", "10", "10", "reverse", "10"),
    ("≤5(%)", "6(%)", "10", "10", "reverse", "8"),
    ("≤5(%)", "10(%)", "10", "10", "reverse", "0"),
    ("<0(起)", "1(起)", "10", "10", "reverse", "0"),
    ("提升", "达成指标", "30", "30", "qualitative", "30"),
    ("提升", "达成指标", "30", "20", "qualitative", "24"),
    ("提升", "部分达成年度指标并具有一定效果", "30", "20", "qualitative", "20"),
    ("提升", "部分达成年度指标并具有一定效果", "30", "30", "qualitative", "23.99"),
    ("提升", "未达成年度指标且效果较差", "30", "10", "qualitative", "10"),
    ("提升", "达成指标", "30", None, "qualitative", "30"),
    ("提升", "提升", "30", "30", "unscored", None),
]


@pytest.mark.parametrize(("target", "actual", "w", "stated", "method", "expected"), CASES)
def test_indicator_rules(
    target: str, actual: str, w: str, stated: str | None, method: str, expected: str | None
) -> None:
    s = score_indicator(1, indicator(target, actual, w, stated), MOF)
    assert s.method == method
    assert s.score == (None if expected is None else D(expected))
    assert s.explanation


def test_reverse_ratio_variant() -> None:
    from dataclasses import replace

    ratio = replace(MOF, reverse="ratio")
    s = score_indicator(1, indicator("≤5(%)", "10(%)"), ratio)
    assert s.score == D(5)


def _form(annual: str, spent: str) -> Form:
    from jixiao.model import FundRow, Funds

    row = FundRow(initial=D(annual), annual=D(annual), spent=D(spent), weight=D(10))
    return Form(
        funds=Funds(total=row), indicators=(indicator("≥1(次)", "1(次)", "90", "90"),), source=SRC
    )


def test_execution_rate_rounding_by_profile() -> None:
    form = _form("2138.12", "2042.66")
    assert PUJIANG.round(score(form, PUJIANG).rate or D(0)) == D("95.53")
    assert MOF.round(score(form, MOF).rate or D(0)) == D("95.54")
    assert score(_form("81.90", "39.38"), PUJIANG).shown(
        score(_form("81.90", "39.38"), PUJIANG).execution_score
    ) == D("4.80")


def test_grade_boundaries() -> None:
    assert [MOF.grade(D(x)) for x in ("90", "89.99", "80", "79.99", "60", "59.99")] == [
        "优",
        "良",
        "良",
        "中",
        "中",
        "差",
    ]


def test_unit_error_corrected() -> None:
    sheet = score(_form("25.62", "256175.00"), PUJIANG)
    assert [(c.column, c.corrected) for c in sheet.corrections] == [("spent", D("25.6175"))]
    assert sheet.shown(sheet.rate) == D("99.99")
    assert sheet.shown(sheet.execution_score) == D("9.99")


def test_zero_budget_has_no_rate() -> None:
    sheet = score(_form("0", "5"), MOF)
    assert sheet.rate is None and sheet.execution_score is None


@pytest.fixture(scope="module")
def sample_run() -> pipeline.Run:
    return pipeline.run(SAMPLE, "pujiang-2023")


def test_sample_execution_equal_except_yuan_form(sample_run: pipeline.Run) -> None:
    differing = []
    for r in sample_run.results:
        t, s = r.form.funds.total, r.sheet
        assert s is not None
        if (t.rate, t.score) != (s.shown(s.rate), s.shown(s.execution_score)):
            differing.append(r.form.project)
    assert differing == ["户籍档案数字化加工项目"]


def test_sample_quandao(sample_run: pipeline.Run) -> None:
    r = next(r for r in sample_run.results if r.form.project == "劝导队经费（信）")
    assert r.sheet is not None
    assert r.sheet.shown(r.sheet.total) == D("89.17") and r.sheet.grade == "良"
    codes = {f.code: f.message for f in r.findings}
    assert "14.90" in codes["JX402"] and "7.50" in codes["JX402"]
    assert all(x in codes["JX409"] for x in ("96.57", "89.17", "优", "良"))


def test_sample_yuan_form(sample_run: pipeline.Run) -> None:
    r = next(r for r in sample_run.results if r.form.project == "户籍档案数字化加工项目")
    messages = [f.message for f in r.findings if f.code == "JX205"]
    assert any("25.6175万元" in m and "99.99%" in m and "9.99" in m for m in messages)


def test_sample_jx503_on_forms_that_spent_nothing(sample_run: pipeline.Run) -> None:
    nothing = [r for r in sample_run.results if r.form.funds.total.spent == 0]
    assert len(nothing) == 3
    for r in nothing:
        assert "JX503" in {f.code for f in r.findings}, r.form.project


def test_library_api_run_matches_cli_numbers() -> None:
    import jixiao

    run = jixiao.run([SAMPLE], profile="pujiang-2023")
    assert len(run.results) == 28
    r = run.results[6]
    assert r.form.project == "劝导队经费（信）"
    assert r.sheet is not None and r.sheet.shown(r.sheet.total) == D("89.17")
    assert {f.code for f in r.findings} >= {"JX402", "JX409"}
    assert isinstance(run.profile, jixiao.Profile)


@pytest.mark.parametrize(
    ("actual", "stated", "expected"),
    [
        (
            "部分达成年度指标并具有一定效果",
            "16.00",
            "15.99",
        ),  # the open top belongs to the band above
        ("部分达成年度指标并具有一定效果", "15.99", "15.99"),
        ("未达成年度指标且效果较差", "12.00", "11.99"),
        ("达成指标", "20.00", "20.00"),
    ],
)
def test_qualitative_open_band_top(actual: str, stated: str, expected: str) -> None:
    s = score_indicator(1, indicator("提升", actual, "20", stated), MOF)
    assert s.score == D(expected)
