"""Rules for OCR'd and space-joined copies: rows whose texts wrapped over several words
(their scores after 总分 given back only when they match one for one), a funds block whose
amounts OCR lost (rate | weight | score kept only when the arithmetic agrees), and a flat
table whose records end at 是否核心指标."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract import Extracted, extract
from jixiao.extract.builder import row_keys
from jixiao.extract.core_records import CUT_OFF, records
from jixiao.extract.label_run import labelled_values
from jixiao.readers.grid import Grid, RowPos


def _words(text: str) -> list[str]:
    return text.split()


def _read(words: list[str]) -> Extracted:
    rows = [[w] for w in words]
    grid = Grid(
        file="t", rows=rows, positions=[RowPos(line=i + 1) for i in range(len(rows))],
        layout="word-cells",
    )  # fmt: skip
    forms, _ = extract(grid)
    return forms[0]


_HEAD = "项目名称 服务资金 三级指标 年初目标值 实际完成值 得分 服务外包在岸 20000 23333.56 10 "
_WRAPPED = "企业国际质量提升 获得目的国 (地区)受 众欢迎 受目的国受 众欢迎显著 10 资金拨付及时性 98% 100% 10 "
_LATE = "社会效益指标 企业把握政治导向和文 化方向情况 企业把握正 确政治导向 可持续影响指标 推动企业走出去方面发 挥的作用 是否利于企 业走出去 "
_SECTION = "二级指标 数量指标 年度 绩效 目标 (80 分) 产出指标 (60 分) "
_FOOT = "总分 质量指标 企业较好把 握正确政治 "


def test_wrapped_row_runs_to_its_score_and_section_labels_are_no_rows() -> None:
    x = _read(_words(_HEAD + _WRAPPED + _LATE + _SECTION + _FOOT + "有利于推动 20 20 100"))
    got = [(i.name, i.target, str(i.score)) for i in x.form.indicators]
    assert got == [
        ("服务外包在岸", "20000", "10"),
        ("企业国际质量提升", "", "10"),  # the wrapped target and actual cannot be split
        ("资金拨付及时性", "98%", "10"),
        ("企业把握政治导向和文", "", "20"),  # scores after 总分, one for each row waiting
        ("推动企业走出去方面发", "", "20"),
    ]
    assert str(x.form.total) == "100"


def test_late_rows_dropped_when_the_scores_after_the_total_do_not_match() -> None:
    x = _read(_words(_HEAD + _WRAPPED + _LATE + _SECTION + _FOOT + "20 100"))
    assert [i.name for i in x.form.indicators] == [
        "服务外包在岸",
        "企业国际质量提升",
        "资金拨付及时性",
    ]
    assert any("无法对应" in f.message for f in x.findings)


def test_rate_weight_score_after_lost_amounts() -> None:
    """执行率(%) | 执行率 权重 | 执行率 得分 (分)O76%107.6: the amounts OCR lost stay null;
    76% | 10 | 7.6 is the one split whose score is weight × rate."""
    cells = ["", "年初预算数", "全年(If整)", "预算数", "全年执行数", "执行率", "(%)", "执行率",
             "权重", "执行率", "得分", "(分)O76%107.6当年绩效目标"]  # fmt: skip
    found = labelled_values(row_keys(cells), 1)
    assert found is not None
    assert found[0] == {"rate": Decimal(76), "weight": Decimal(10), "score": Decimal("7.6")}
    cells[-1] = "(分)O76%108.6当年绩效目标"  # 10 × 76% is not 8.6: nothing is read
    assert labelled_values(row_keys(cells), 1) is None


def test_core_records_end_at_yes_or_no() -> None:
    text = "财政供养人员控制率%定量指标100%92%100%22否资金使用合规性好好100%55否播发量100%1010是公共服务"
    got, rest = records(text)
    assert got == [
        ("财政供养人员控制率", "", Decimal(2), Decimal(2)),
        ("资金使用合规性", "好", Decimal(5), Decimal(5)),
        ("播发量", "", Decimal(10), Decimal(10)),  # 1010 at 100% = 10 | 10
    ]
    assert rest == "公共服务"  # a record cut off: not read


def test_core_record_weight_unread_unless_the_factor_confirms() -> None:
    got, _ = records("预算完成率%70%76%50%22否")  # 2 × 50% is not 2
    assert got == [("预算完成率", "", None, None)]


def test_cut_off_core_table_is_reported() -> None:
    from jixiao import pipeline
    from tests.readers.real_facts import REAL

    form = pipeline.read(REAL / "008.txt").forms[0]
    assert len(form.form.indicators) == 19
    assert any(CUT_OFF in f.message for f in form.findings)
