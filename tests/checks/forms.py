"""Build self-evaluation forms as tab text for tests: a clean base form and mutations of it.

The base form is clean under mof-2020: no finding at all. Each test changes one thing.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

FUND_LABELS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")


def base() -> dict[str, Any]:
    return {
        "title": "财政项目支出绩效自评表",
        "year": "（2024年度）",
        "project": "职业技能培训补贴",
        "department": "示例区人力资源和社会保障局",
        "unit": "示例区职业技能鉴定中心",
        "funds": [
            ["100.00", "100.00", "96.00", "10.00", "96.00", "9.60"],
            ["100.00", "100.00", "96.00", "—", "96.00", "—"],
            ["0.00", "0.00", "0.00", "—", "0.00", "—"],
            ["0.00", "0.00", "0.00", "—", "0.00", "—"],
        ],
        "goal": [
            "全年开展职业技能培训10场以上，培训合格率不低于95%。",
            "全年开展培训12场，合格率98%。",
        ],
        "indicators": [
            ["产出指标", "数量指标", "培训场次", "≥10(次)", "12(次)", "30.00", "30.00", ""],
            ["产出指标", "质量指标", "培训合格率", "≥95(%)", "98(%)", "20.00", "20.00", ""],
            ["效益指标", "社会效益指标", "参训人员就业率", "≥80(%)", "85(%)", "30.00", "30.00", ""],
            [
                "满意度指标",
                "服务对象满意度指标",
                "参训人员满意度",
                "≥90(%)",
                "95(%)",
                "10.00",
                "10.00",
                "",
            ],
        ],
        "total": "99.60",
        "grade": "优",
    }


def mutate(**changes: Any) -> dict[str, Any]:
    """The base form with top-level fields replaced; ``ind`` = {(row, col): text} and
    ``fund`` = {(row, col): text} change single cells."""
    spec = copy.deepcopy(base())
    for (r, c), text in changes.pop("ind", {}).items():
        spec["indicators"][r][c] = text
    for (r, c), text in changes.pop("fund", {}).items():
        spec["funds"][r][c] = text
    spec.update(changes)
    return spec


def to_text(spec: dict[str, Any]) -> str:
    rows: list[list[str]] = []
    if spec["title"] is not None:
        rows.append([spec["title"]])
    if spec["year"] is not None:
        rows.append([spec["year"]])
    rows += [
        ["项目名称", "", spec["project"], "", "", "", "", ""],
        ["主管部门", "", spec["department"], "", "实施单位", spec["unit"], "", ""],
        [
            "项目资金（万元）",
            "",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率(%)",
            "得分",
        ],
    ]
    rows += [
        ["", "", label, *values] for label, values in zip(FUND_LABELS, spec["funds"], strict=True)
    ]
    rows.append(["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""])
    rows.append(["", spec["goal"][0], "", "", spec["goal"][1], "", "", ""])
    rows.append(
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    previous = ("", "")
    for l1, l2, *rest in spec["indicators"]:
        rows.append([l1 if l1 != previous[0] else "", l2 if (l1, l2) != previous else "", *rest])
        previous = (l1, l2)
    if spec["total"] is not None:
        rows.append(["总分", "", "", "", "", "100", spec["total"], ""])
    if spec["grade"] is not None:
        rows.append(["评分等级", "", spec["grade"], "", "", "", "", ""])
    return "\n".join("\t".join(r) for r in rows) + "\n"


def write(
    tmp: Path, *specs: dict[str, Any], name: str = "form.txt", encoding: str = "utf-8"
) -> Path:
    path = tmp / name
    path.write_text("\n".join(to_text(s) for s in specs), encoding=encoding)
    return path
