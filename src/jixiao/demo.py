"""Demo forms in the style of the published sample, typical defects included, written by
the project itself (deterministic by seed): used by ``jixiao serve --demo``.

Each project is a template of indicators; ``demo_forms`` varies amounts and injects the
defects reviewers meet most: amounts in 元, an under-achieved indicator scored full, no
spending with full scores, a sentence pasted twice, a wrong total, vague targets.
"""

from __future__ import annotations

import random
from decimal import ROUND_DOWN, Decimal

DEPARTMENTS = {
    "示例区民政局": ["示例区社会救助事务中心", "示例区养老服务指导中心"],
    "示例区人力资源和社会保障局": ["示例区职业技能鉴定中心", "示例区就业促进中心"],
    "示例区城市管理局": ["示例区环境卫生管理所"],
}

# project, unit index, indicators: (level1, level2, name, target, actual, weight)
PROJECTS = [
    (
        "困难家庭临时救助",
        0,
        [
            ("产出指标", "数量指标", "救助人次", "≥1200(人次)", "1265(人次)", "20"),
            ("产出指标", "质量指标", "救助资金发放准确率", "=100(%)", "100(%)", "15"),
            ("产出指标", "时效指标", "救助审批办结时限", "≤10(个工作日)", "8(个工作日)", "15"),
            ("效益指标", "社会效益指标", "困难群众基本生活保障", "有效保障", "达成年度指标", "30"),
            ("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90(%)", "95(%)", "10"),
        ],
    ),
    (
        "社区老年助餐服务补贴",
        1,
        [
            ("产出指标", "数量指标", "助餐服务人数", "≥1800(人)", "1860(人)", "20"),
            ("产出指标", "质量指标", "补贴发放准确率", "=100(%)", "100(%)", "15"),
            ("产出指标", "成本指标", "人均补贴标准", "≤8(元/人/餐)", "8(元/人/餐)", "15"),
            ("效益指标", "社会效益指标", "老年人就餐便利度", "提升", "达成指标", "30"),
            ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90(%)", "93(%)", "10"),
        ],
    ),
    (
        "养老机构运营补贴",
        1,
        [
            ("产出指标", "数量指标", "补贴机构数", "=12(家)", "12(家)", "25"),
            ("产出指标", "质量指标", "等级评定达标率", "≥90(%)", "92(%)", "25"),
            ("效益指标", "社会效益指标", "养老床位利用率", "≥80(%)", "76(%)", "30"),
            ("满意度指标", "服务对象满意度指标", "入住老人满意度", "≥90(%)", "91(%)", "10"),
        ],
    ),
    (
        "职业技能提升培训补贴",
        2,
        [
            ("产出指标", "数量指标", "培训人数", "≥3000(人)", "3120(人)", "20"),
            ("产出指标", "质量指标", "培训合格率", "≥90(%)", "94(%)", "15"),
            ("产出指标", "时效指标", "补贴拨付及时性", "每季度一次", "达成年度指标", "15"),
            ("效益指标", "社会效益指标", "参训人员就业率", "≥70(%)", "73(%)", "30"),
            ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90(%)", "96(%)", "10"),
        ],
    ),
    (
        "就业困难人员公益性岗位补贴",
        3,
        [
            ("产出指标", "数量指标", "公益性岗位数", "=450(个)", "450(个)", "25"),
            ("产出指标", "质量指标", "岗位补贴发放准确率", "=100(%)", "100(%)", "25"),
            ("效益指标", "社会效益指标", "就业困难人员稳定就业", "保障", "达成指标", "30"),
            ("满意度指标", "服务对象满意度指标", "上岗人员满意度", "≥90(%)", "92(%)", "10"),
        ],
    ),
    (
        "道路机扫保洁作业经费",
        4,
        [
            ("产出指标", "数量指标", "机扫道路面积", "≥260(万平方米)", "262(万平方米)", "20"),
            ("产出指标", "质量指标", "道路保洁考核达标率", "≥95(%)", "97(%)", "15"),
            ("产出指标", "时效指标", "作业频次", "每日两次", "达成指标", "15"),
            ("效益指标", "生态效益指标", "道路扬尘", "降低", "达成年度指标", "30"),
            ("满意度指标", "服务对象满意度指标", "市民满意度", "≥85(%)", "88(%)", "10"),
        ],
    ),
    (
        "公厕改造提升工程",
        4,
        [
            ("产出指标", "数量指标", "改造公厕座数", "=24(座)", "18(座)", "25"),
            ("产出指标", "质量指标", "工程验收合格率", "=100(%)", "100(%)", "25"),
            ("效益指标", "社会效益指标", "如厕环境", "改善", "达成指标", "30"),
            ("满意度指标", "服务对象满意度指标", "周边居民满意度", "≥90(%)", "93(%)", "10"),
        ],
    ),
]

GOALS = {
    "expected": "按计划完成{project}各项工作，资金规范使用，服务对象满意。",
    "achieved": "全年完成{project}各项任务，资金按规定拨付使用。",
}


def _d(x: float | Decimal) -> Decimal:
    return Decimal(str(x)).quantize(Decimal("0.01"))


def _trunc(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def demo_text(year: int = 2024, seed: int = 2024) -> str:
    """All demo forms as one tab-text document (the layout of the published sample)."""
    rng = random.Random(seed)
    units = [(dept, unit) for dept, us in DEPARTMENTS.items() for unit in us]
    out = []
    for i, (project, unit_index, indicators) in enumerate(PROJECTS):
        dept, unit = units[unit_index]
        out.append(_form(rng, i, year, project, dept, unit, [list(x) for x in indicators]))
    return "\n".join(out)


def _form(
    rng: random.Random, i: int, year: int, project: str, dept: str, unit: str, inds: list[list[str]]
) -> str:
    budget = _d(rng.uniform(20, 900))
    share = Decimal(str(rng.choice([1, 0.985, 0.96, 0.93, 0.88])))
    defect = i % 4
    spent = _d(budget * share)
    if i == 6:  # the works project: spent little, every indicator still full
        spent = _d(budget * Decimal("0.35"))
    spent_written = f"{spent * 10000:,.2f}" if i == 5 else f"{spent:,.2f}"  # 元 instead of 万元
    rate = _trunc((Decimal(spent_written.replace(",", "")) / budget) * 100)
    exec_score = _trunc(min(rate, Decimal(100)) / 10)
    scores = [Decimal(row[5]) for row in inds]
    if defect == 2:  # a qualitative score in band, with a reason
        scores[-2] = scores[-2] - 2
        inds[-2].append("部分服务对象反映仍有改进空间，下一年度加强")
    total = exec_score + sum(scores)
    if defect == 3:
        total += 3  # the stated total does not add up
    goal_achieved = GOALS["achieved"].format(project=project)
    if i == 2:
        goal_achieved += goal_achieved  # pasted twice
    rows = [
        ["财政项目支出绩效自评表"],
        [f"（{year}年度）"],
        [],
        ["项目名称", "", "", project, "", "", "", "", "", ""],
        ["主管部门", "", "", dept, "", "", "实施单位", "", unit, ""],
        [
            "项目资金（万元）",
            "",
            "",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率(%)",
            "得分",
        ],
        [
            "",
            "",
            "",
            "年度资金总额",
            f"{budget:,.2f}",
            f"{budget:,.2f}",
            spent_written,
            "10.00",
            f"{rate}",
            f"{exec_score}",
        ],
        [
            "",
            "",
            "",
            "其中：当年财政拨款",
            f"{budget:,.2f}",
            f"{budget:,.2f}",
            spent_written,
            "—",
            f"{rate}",
            "—",
        ],
        ["", "", "", "上年结转资金", "0.00", "0.00", "0.00", "—", "0.00", "—"],
        ["", "", "", "其他资金", "0.00", "0.00", "0.00", "—", "0.00", "—"],
        ["年度总体目标", "预期目标", "", "", "", "", "实际完成情况", "", "", ""],
        ["", GOALS["expected"].format(project=project), "", "", "", "", goal_achieved, "", "", ""],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "",
            "",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
    ]
    previous = ("", "")
    for row, score in zip(inds, scores, strict=True):
        l1, l2, name, target, actual, weight = row[:6]
        reason = row[6] if len(row) > 6 else ""
        rows.append(
            [
                l1 if l1 != previous[0] else "",
                l2 if (l1, l2) != previous else "",
                name,
                "",
                "",
                target,
                actual,
                f"{Decimal(weight):.2f}",
                f"{score:.2f}",
                reason,
            ]
        )
        previous = (l1, l2)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    rows.append(["总分", "", "", "", "", "", "", "100", f"{total}", ""])
    rows.append(["评分等级", "", grade, "", "", "", "", "", "", ""])
    return "\n".join("\t".join(r) for r in rows) + "\n"
