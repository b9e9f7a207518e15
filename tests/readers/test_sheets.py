"""Tables that are not the self-evaluation template's: scoring sheets with the criteria
interleaved (``extract.scoring_sheet``), funds by source (``extract.by_source``) and a
scoring table whose weights are in its labels (``extract.points_table``)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao import pipeline
from jixiao.extract.by_source import _agreed
from jixiao.extract.core_records import CUT_OFF
from tests.readers.conftest import read_text


def _rows(doc: pipeline.Document) -> list[tuple[str, str, Decimal | None, Decimal | None]]:
    return [(i.level1, i.name, i.weight, i.score) for i in doc.forms[0].form.indicators]


def test_scoring_sheet_records_end_at_weight_and_score(tmp_path: Path) -> None:
    text = (
        "某街道2018年某补贴项目专项支出绩效评分细则 评价项目:2018年某补贴 评价人员: "
        "目标名称 分值 充分性 制定有实施方案,得3分 ,否则不得分。 3 3 "
        "通过板报宣传,对村级 宣传培训工作工作人员进行培训,得2分。 2 2 "
        "信息传达 收到文件后在15个工作日内通知各村 的,得2分。 2 1 "
        "完成情况 全部完成得5分"
    )
    doc = read_text(tmp_path, text)
    assert doc.forms[0].form.project == "2018年某补贴"
    # The second record's name was wrapped into its criterion: its numbers are kept.
    assert _rows(doc) == [
        ("", "充分性", Decimal(3), Decimal(3)),
        ("", "", Decimal(2), Decimal(2)),
        ("", "信息传达", Decimal(2), Decimal(1)),
    ]
    # The words after the last record: the sheet was cut off, and it is said.
    assert any(CUT_OFF in f.message for f in doc.forms[0].findings)


def test_scoring_sheet_levels_carry_their_points(tmp_path: Path) -> None:
    text = (
        "项目名称 局域网维护费\n"
        "项目权重 评价内容 分值 自评分 项目决策 2 分 决策依据 2 2 复核分 评价标准及依据 "
        "有工作计划计 2 分,没有不得分。 财务制度 3 3 项目管理 13 分 运行监管 4 3 总分"
    )
    doc = read_text(tmp_path, text)
    assert _rows(doc) == [
        ("项目决策(2分)", "决策依据", Decimal(2), Decimal(2)),
        ("项目决策(2分)", "财务制度", Decimal(3), Decimal(3)),
        ("项目管理(13分)", "运行监管", Decimal(4), Decimal(3)),
    ]
    assert not any(CUT_OFF in f.message for f in doc.forms[0].findings)


def test_a_score_past_its_weight_ends_no_record(tmp_path: Path) -> None:
    doc = read_text(
        tmp_path, "项目名称 某项目\n目标名称 分值 充分性 说明,略。 3 5 合理性 说明,略。 3 3"
    )
    # 3 5 is no weight and score: the record runs on to 3 3 and holds two name words, so
    # which is its name cannot be told.
    assert _rows(doc) == [("", "", Decimal(3), Decimal(3))]


def test_criteria_numbers_totals_and_thousands(tmp_path: Path) -> None:
    text = (
        "项目名称 某项目\n评价内容 分值 自评分 复核分 评价标准及依据 目标申报 4 0.5 分,扣完为止; 4 "
        "有一项未申报扣 1,000 元 资金使用 10 9 合计 14 13 说明:无"
    )
    doc = read_text(tmp_path, text)
    # 4 0.5 分: 0.5 is the criterion's, so 目标申报's numbers make no pair and its words run
    # on into the next record, named by the word just before its weight (the criteria come
    # after the numbers here); 1,000 is read as a number, without a crash.
    assert _rows(doc) == [("", "资金使用", Decimal(10), Decimal(9))]
    assert doc.forms[0].form.total == 13


def test_a_sentence_like_name_is_not_taken(tmp_path: Path) -> None:
    doc = read_text(tmp_path, "项目名称 某项目\n目标名称 分值 充分性 制定有实施方案 得3分 3 3")
    assert _rows(doc) == [("", "", Decimal(3), Decimal(3))]


def test_funds_by_source_agree_on_budget_and_spent() -> None:
    columns = ["中央", "省、地", "本级", "其他", "合计", "执行数"]
    five = Decimal("5.5")
    # Any one source, 合计 and 执行数: the sources differ, 合计 and 执行数 do not.
    assert _agreed(columns, [five, five, five], Decimal(100)) == (five, five)
    # 合计 and 执行数 alone (no source filled in).
    assert _agreed(columns, [Decimal(10), Decimal(8)], Decimal(80)) == (Decimal(10), Decimal(8))
    # The rate contradicts every placement: nothing read.
    assert _agreed(columns, [five, five, five], Decimal(50)) is None
    # Two sources then 合计 = their sum, and 执行数.
    got = _agreed(columns, [Decimal(2), Decimal(3), Decimal(5), Decimal(4)], Decimal(80))
    assert got == (Decimal(5), Decimal(4))


def test_funds_by_source_in_a_form(tmp_path: Path) -> None:
    text = (
        "项目名称 局域网维护费\n"
        "项目资金 中央 省、地 本级 其他 合计 执行数 (万元) (万元) 5.5 5.5 来源 3、一次性□ 5.5 "
        "执行率 100%\n"
    )
    total = read_text(tmp_path, text).forms[0].form.funds.total
    assert (total.annual, total.spent, total.rate) == (Decimal("5.5"), Decimal("5.5"), 100)


def test_points_table(tmp_path: Path) -> None:
    text = (
        "本部门对2017年整体支出开展绩效自评,自评得分\n90 分,存在的问题:无。\n"
        "2017 年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 部门决 策(25 分) "
        "目标任务(15 分) 相关性(5 分)\n5 明确性(5 分)\n5 合理性(5 分)\n5 预算编制(10 分) "
        "测算依据(5 分)\n2 目标管理(5 分)\n4 综合管 理(30 分) 资金分配(2 分)\n1 中央专款分配合规........"
    )
    doc = read_text(tmp_path, text)
    form = doc.forms[0].form
    got = [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators]
    assert got == [
        ("部门决策(25分)", "目标任务(15分)", "相关性(5分)", Decimal(5), Decimal(5)),
        ("部门决策(25分)", "目标任务(15分)", "明确性(5分)", Decimal(5), Decimal(5)),
        ("部门决策(25分)", "目标任务(15分)", "合理性(5分)", Decimal(5), Decimal(5)),
        ("部门决策(25分)", "预算编制(10分)", "测算依据(5分)", Decimal(5), Decimal(2)),
        ("部门决策(25分)", "预算编制(10分)", "目标管理(5分)", Decimal(5), Decimal(4)),
        ("综合管理(30分)", "", "资金分配(2分)", Decimal(2), Decimal(1)),
    ]
    assert form.total == 90 and form.year == 2017
    messages = [f.message for f in doc.forms[0].findings]
    assert any("自评得分90分" in m for m in messages)
    assert any(CUT_OFF in m for m in messages)


def test_no_title_no_points_table(tmp_path: Path) -> None:
    doc = read_text(tmp_path, "一级指标 二级指标 三级指标 得分 部门决策(25分) 相关性(5分) 5")
    assert not doc.forms


def test_points_table_total_only_when_one_is_stated(tmp_path: Path) -> None:
    table = "2017年部门整体支出绩效评价得分表 一级指标 二级指标 三级指标 得分 相关性(5分) 5 明确性(5分) 4"
    two = read_text(tmp_path, f"甲项目自评得分95分。乙单位自评得分80分。\n{table}")
    assert two.forms[0].form.total is None
    one = read_text(tmp_path, f"甲项目自评得分95分。\n{table}")
    assert one.forms[0].form.total == 95
    assert [i.score for i in one.forms[0].form.indicators] == [5, 4]


def test_points_table_stops_at_a_score_past_its_weight(tmp_path: Path) -> None:
    text = "2017年部门整体支出绩效评价得分表 一级指标 二级指标 三级指标 得分 相关性(5分) 5 明确性(5分) 50 合理性(5分)"
    form = read_text(tmp_path, text).forms[0]
    assert [i.name for i in form.form.indicators] == ["相关性(5分)"]
    assert any(CUT_OFF in f.message and "明确性" in f.message for f in form.findings)


def test_funds_by_source_keeps_a_stated_weight(tmp_path: Path) -> None:
    text = (
        "项目名称 局域网维护费\n"
        "年度资金总额 分值 10 执行率 得分 10\n"
        "项目资金 中央 省、地 本级 其他 合计 执行数 1,000 1,000 1,000 执行率 100%\n"
    )
    total = read_text(tmp_path, text).forms[0].form.funds.total
    assert (total.annual, total.spent, total.rate) == (1000, 1000, 100)
    assert (total.weight, total.score) == (10, 10)  # the held row's, kept


def test_a_scoring_label_inside_a_form_starts_no_form(tmp_path: Path) -> None:
    text = "项目名称\t某项目\n主管部门\t甲\t实施单位\t乙\n评价项目\t见附件说明\n"
    doc = read_text(tmp_path, text)
    assert len(doc.forms) == 1 and doc.forms[0].form.project == "某项目"


def test_a_bare_funds_header_has_no_numbers() -> None:
    from jixiao.extract.builder import row_keys
    from jixiao.extract.funds import _bare_header

    assert _bare_header(row_keys(["资金来源", "预算数(A)", "执行数(B)", "执行率(B/A)"]))
    assert not _bare_header(row_keys(["预算数", "6.84", "执行数", "6.84", "执行率", "100%"]))
