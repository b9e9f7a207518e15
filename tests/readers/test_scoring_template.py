"""A province's scoring template read from an OCR'd run-together copy (real table 013):
项目决策(10分) | 项目目标 as levels, the weight before the target, a dash (一) for "no
target", dates as values, the template's 指标2: placeholders, OCR's 考值参分 and IO, page
chunks (1、 2、) joined back, and a form with no 项目名称 starting at its 主管部门."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao import pipeline
from jixiao.extract import glued_records, level_of
from jixiao.extract.ocr import fold_ocr
from jixiao.extract.unglue import pages_joined, unglued

HEADER = ("level1", "level2", "name", "weight", "target", "actual", "score", "deviation")


def test_scoring_template_levels() -> None:
    assert level_of("项目决策(10分)") == 1
    assert level_of("项目管理(25分)") == 1
    assert level_of("项目目标") == 2
    assert level_of("财务管理") == 2
    assert level_of("项目实施") == 0  # prose (项目实施方案) too often


def test_scoring_level1_cut_only_with_its_points() -> None:
    head = "项目名称初中公用经费主管部门银川市教育局实施单位银川市第六中学一级指标二级指标得分"
    cells = [c for c, _ in unglued(head + "项目管理(25分)投入管理预算执行率10一100%9", 0)]
    assert "项目管理(25分)" in cells
    cells = [c for c, _ in unglued(head + "加强项目管理制度建设,项目实施方案完整,得3分。", 0)]
    assert cells[-1] == "加强项目管理制度建设,项目实施方案完整,得3分。"


def test_dash_target_before_a_text_actual() -> None:
    got = glued_records("完整性4一目标明确、内容细化、目标量化4预算执行率10一100%9", HEADER)
    assert got == [
        {
            "name": "完整性",
            "weight": "4",
            "target": "一",
            "actual": "目标明确、内容细化、目标量化",
            "score": "4",
        },
        {"name": "预算执行率", "weight": "10", "target": "一", "actual": "100%", "score": "9"},
    ]


def test_dates_and_placeholders() -> None:
    got = glued_records("公用经费完成时间52021年12月完成2021年12月完成4指标2:", HEADER)
    assert got == [
        {
            "name": "公用经费完成时间",
            "weight": "5",
            "target": "2021年12月完成",
            "actual": "2021年12月完成",
            "score": "4",
        }
    ]


def test_ocr_misreadings_of_a_header_and_a_score() -> None:
    assert fold_ocr("考值参分指标值(A)") == "分值指标值(A)"
    assert fold_ocr("保障人数102370人2370人IO") == "保障人数102370人2370人10"
    assert fold_ocr("IO接口") == "IO接口"


def test_a_level_label_repeated_starts_the_name() -> None:
    text = (
        "项目名称初中公用经费一级指标二级指标三级指标得分"
        "项目管理(25分)财务管理财务管理制度有效性7一财务制度健全,严格执行制度7"
    )
    cells = [c for c, _ in unglued(text, 0)]
    assert cells[-2:] == ["财务管理", "财务管理制度有效性7一财务制度健全,严格执行制度7"]


def test_page_chunks_joined_only_when_long() -> None:
    long1, long2 = "1、" + "甲" * 70, "2、" + "乙" * 70
    assert pages_joined([(long1, 0), (long2, 1)]) == [(long1 + "乙" * 70, 0)]
    short = [("1、一", 0), ("2、二", 1)]
    assert pages_joined(short) == short


def test_form_without_project_name_starts_at_its_department(tmp_path: Path) -> None:
    p = tmp_path / "dept.txt"
    p.write_text(
        "部门整体绩效自评表\n主管部门\t某局\t自评总分(分)\t97.6\n一级指标\t二级指标\n",
        encoding="utf-8",
    )
    doc = pipeline.read(p)
    assert len(doc.forms) == 1
    form = doc.forms[0].form
    assert (form.project, form.department, form.total) == ("", "某局", Decimal("97.6"))
