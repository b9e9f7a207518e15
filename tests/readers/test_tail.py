"""A table's tail with nothing above it (``extract.tail``): records read under the columns a
form never leaves empty, only when every word reads so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.readers.conftest import read_text

TAIL = (
    "产出指标数量指标足额保障率=100% 22.5 科目调整次数≤10次 22.5 "
    "时效指标按时发放率=100% 22.5 效益指标经济效益指标结余率(结余数/预算数)≤5% 22.5 "
    "合计100 评价结论及时、足额缴纳。存在问题暂无"
)


def test_one_number_a_record_is_its_weight(tmp_path: Path) -> None:
    doc = read_text(tmp_path, TAIL)
    (x,) = doc.forms
    got = [(i.level1, i.level2, i.name, i.target, i.weight, i.score) for i in x.form.indicators]
    assert got == [
        ("产出指标", "数量指标", "足额保障率", "=100%", Decimal("22.5"), None),
        ("产出指标", "数量指标", "科目调整次数", "≤10次", Decimal("22.5"), None),
        ("产出指标", "时效指标", "按时发放率", "=100%", Decimal("22.5"), None),
        ("效益指标", "经济效益指标", "结余率(结余数/预算数)", "≤5%", Decimal("22.5"), None),
    ]
    # Nothing invented: no project, no total (合计100 is the weights' sum), no funds.
    assert x.form.project == "" and x.form.total is None and x.form.funds.total.annual is None
    assert any("后半部分" in f.message for f in x.findings)


def test_two_numbers_are_weight_and_score(tmp_path: Path) -> None:
    doc = read_text(
        tmp_path, "產出指標數量指標足額保障率≥95% 50 48 質量指標合格率=100% 40 40 合计90"
    )
    got = [(i.level2, i.name, i.weight, i.score) for i in doc.forms[0].form.indicators]
    # Labels are matched in simplified script (and read as the labels they are); the
    # names are kept as written.
    assert got == [
        ("数量指标", "足額保障率", Decimal(50), Decimal(48)),
        ("质量指标", "合格率", Decimal(40), Decimal(40)),
    ]


def test_words_apart_and_actuals(tmp_path: Path) -> None:
    text = (
        "产出指标 数量指标 足额保障率 =100% 100% 45 45 时效指标 按时发放率 ≥95% 96% 45 40 "
        "合计 100 85"
    )
    got = [
        (i.level2, i.name, i.target, i.actual, i.weight, i.score)
        for i in read_text(tmp_path, text).forms[0].form.indicators
    ]
    assert got == [
        ("数量指标", "足额保障率", "=100%", "100%", Decimal(45), Decimal(45)),
        ("时效指标", "按时发放率", "≥95%", "96%", Decimal(45), Decimal(40)),
    ]


def test_not_a_tail_is_not_read(tmp_path: Path) -> None:
    for text in (
        TAIL.replace("合计100", "合计80"),  # weights past the 合计: not weights
        TAIL.replace("合计100", "合计 80"),  # the same, its number a word of its own
        TAIL.replace("合计100", "评价结论"),  # no 合计 to check the weights against
        TAIL.replace("22.5 科目", "10 22.5 科目"),  # a score past its weight
        TAIL.replace("22.5 科目", "1,000 科目"),  # no weight of 1,000 within 合计100
        "产出指标数量指标足额保障率=100% 22.5 合计100",  # one record is no table
        "产出指标数量指标足额保障率=100% 22.5 这是一段说明 科目调整次数≤10次 22.5",
        "足额保障率=100% 22.5 科目调整次数≤10次 22.5",  # no level label to start from
    ):
        doc = read_text(tmp_path, text)
        assert not doc.forms, text
        assert [f.code for f in doc.findings] == ["JX002"], text
