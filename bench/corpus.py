"""A synthetic corpus of self-evaluation forms with known defects (ground truth).

Forms are drawn from distributions learned from the published sample (浦江镇 2023): amounts
(log-uniform 0.3–3,000 万元, initial budget often equal to the full-year one, sometimes 0),
indicator counts 4–17, the sample's value kinds and units, weights in multiples of 5 that add
up to 90 beside the execution weight 10. Every stated number is computed exactly as the rules
do under profile ``pujiang-2023`` (truncated to two decimals), so a clean form is clean for
every injected code. Defects are injected at set rates and written, one line each, to
``truth.jsonl`` beside the forms; ``forms.jsonl`` lists every form (file, position, project).

The same forms are written as tab text, as xlsx (XlsxWriter, a sheet a form, numbers as
numbers, merged cells drawn) or as PDF (WeasyPrint, a form a page run), several forms a
file; every format reads back to the same forms and findings, byte for byte the same for a
seed (``layout`` is the one place that knows the table).

    python -m bench.corpus --forms 2000 --seed 1 --out bench/out/corpus [--format xlsx]
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

ZERO, HUNDRED, CENT = Decimal(0), Decimal(100), Decimal("0.01")
EXEC_WEIGHT = Decimal(10)
INFLATION = Decimal("1.05")  # JX503: completion > rate × (1 + 0.05)
GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (ZERO, "差"))

# defect kind → the code that should fire
DEFECTS: dict[str, str] = {
    "amount_in_yuan": "JX205",
    "underachieved_full": "JX402",
    "wrong_exec_score": "JX203",
    "wrong_exec_rate": "JX202",
    "wrong_total": "JX407",
    "wrong_grade": "JX408",
    "weights_not_100": "JX404",
    "qualitative_out_of_band": "JX403",
    "qualitative_band_edge": "JX403",  # a score at the open upper end of 部分达成 / 未达成
    "missing_deviation": "JX501",
    "zero_spending_full": "JX503",
    "sentence_twice": "JX106",
    "vague_target": "JX306",
    "unit_mismatch": "JX303",
}
CODES = tuple(sorted(set(DEFECTS.values())))
# kinds that cannot share a form (the checker rightly stays silent on the combination)
CONFLICTS = {
    frozenset({"amount_in_yuan", "wrong_exec_rate"}),
    frozenset({"amount_in_yuan", "wrong_exec_score"}),
    frozenset({"amount_in_yuan", "zero_spending_full"}),
    frozenset({"missing_deviation", "zero_spending_full"}),
}
DEFAULT_RATE = 0.04

# ---------------------------------------------------------------------------------------
# Vocabulary (from the sample and its neighbours)

DEPARTMENTS = {
    "上海市闵行区浦江镇人民政府": [
        "上海市闵行区浦江镇社区党群服务中心",
        "上海市闵行区浦江镇平安办",
        "上海市闵行区浦江镇信访办",
        "上海市闵行区浦江镇社区事务受理服务中心",
        "上海市闵行区浦江镇城市运行管理中心",
    ],
    "上海市闵行区民政局": ["上海市闵行区社会救助事务管理中心", "上海市闵行区养老服务指导中心"],
    "上海市闵行区人力资源和社会保障局": [
        "上海市闵行区就业促进中心",
        "上海市闵行区职业技能鉴定中心",
    ],
    "上海市闵行区绿化和市容管理局": ["上海市闵行区环境卫生管理所", "上海市闵行区绿化管理所"],
}
PROJECT_STEMS = [
    "社工",
    "党建活动",
    "下拨经费",
    "事业编残保金",
    "劝导队经费",
    "维稳经费",
    "信访代理员经费",
    "信息采集终端租赁服务费",
    "安保经费",
    "书报杂志费",
    "公用事业费",
    "视频监控系统租赁经费",
    "社会治安保障经费",
    "社工点经费",
    "平安志愿者经费",
    "新址装修工程",
    "禁毒与反邪教",
    "档案数字化加工项目",
    "后勤及协管员经费",
    "重精患者监护人奖励费",
    "人才活动",
    "人才健康体检",
    "困难家庭临时救助",
    "老年助餐服务补贴",
    "养老机构运营补贴",
    "职业技能提升培训补贴",
    "公益性岗位补贴",
    "道路机扫保洁作业经费",
    "公厕改造提升工程",
    "河道养护经费",
    "绿化养护经费",
    "垃圾分类宣传经费",
    "社区文化活动经费",
    "防汛物资储备",
]
PROJECT_SUFFIXES = ["", "", "（党群中心）", "（平安办）", "（信）", "（受理中心）", "（城运中心）"]

# (name, unit, kind): kind "count" targets are = or ≥ a count; "rate" targets are %.
QUANTITY = [
    ("社工数量", "人"),
    ("开展活动次数", "次"),
    ("志愿活动次数", "次"),
    ("事业编人数", "人"),
    ("信访代理员人数", "人"),
    ("信息采集设备", "台"),
    ("联动执法人数", "人"),
    ("交通辅警人数", "人"),
    ("特勤安保人数", "人"),
    ("各类书报杂志", "份"),
    ("出席部门、单位数量", "个"),
    ("安保人数", "人"),
    ("社工人数", "人"),
    ("居委", "个"),
    ("村委", "个"),
    ("乡村道路", "条"),
    ("绿化", "处"),
    ("涉及点位", "个"),
    ("志愿者装备数", "份"),
    ("志愿者人数", "人"),
    ("装修面积", "平方米"),
    ("反邪教监测人数", "人"),
    ("保洁人数", "人"),
    ("修缮面积", "平方米"),
    ("重精患者监护人数", "人"),
    ("监护人奖励费", "元/人/月"),
    ("救助人次", "人次"),
    ("培训场次", "场"),
    ("补贴机构数", "家"),
    ("改造公厕座数", "座"),
    ("服务户数", "户"),
    ("宣传资料发放", "份"),
    ("巡查次数", "次"),
    ("养护河道长度", "公里"),
]
QUALITY_RATE = [
    "资金发放准确率",
    "缴纳残保金准确率",
    "设备故障维修率",
    "安保人员勤务完成率",
    "书报杂志验收合格率",
    "工程验收合格率",
    "社工考核达标率",
    "信息登记准确率",
    "设备合格率",
    "设备安装率",
    "通信传输率",
    "志愿者服务工作达标率",
    "宣传活动达标率",
    "维修达标率",
    "培训合格率",
    "补贴发放准确率",
]
TIMELY = [
    "来登去消工作完成及时率",
    "信访代理员发放及时率",
    "维稳事件发生响应及时率",
    "补贴拨付及时率",
]
TIMELY_NAMES = [
    "现场巡检保养",
    "设备故障响应及时性",
    "设备故障处置及时性",
    "支付及时性",
    "奖励费发放及时性",
    "保洁经费支付及时性",
    "屋顶检查频率",
    "启动仪式举办时间",
    "按时完成书报杂志征订",
    "突发事件处置及时性",
    "经费拨付及时性",
]
TIME_TARGETS = [
    "每月",
    "每季度一次",
    "每半年一次",
    "每年一次",
    "24小时内",
    "2小时",
    "72小时",
    "1小时",
    "第一季度",
    "11月-12月",
    "{year}年1月10日",
    "{year}年12月31日前",
]
COST = [("项目成本控制", "万元"), ("人均补贴标准", "元/人/月"), ("单次活动成本", "万元")]
BENEFIT_RATE = [
    ("社会效益指标", "政策知晓率"),
    ("社会效益指标", "服务覆盖率"),
    ("社会效益指标", "矛盾纠纷化解率"),
    ("社会效益指标", "社工日常工作开展情况"),
    ("社会效益指标", "保障派出所日常办公秩序"),
    ("社会效益指标", "群众办事一次办成率"),
    ("经济效益指标", "资金使用效益达标率"),
    ("生态效益指标", "垃圾分类达标率"),
    ("可持续影响指标", "长效管理机制覆盖率"),
    ("可持续影响指标", "设施完好率"),
]
BENEFIT_QUAL = [
    ("社会效益指标", "提升党组织的凝聚力"),
    ("社会效益指标", "保障地区稳定性"),
    ("社会效益指标", "人口信息质量"),
    ("社会效益指标", "区域内治安状况"),
    ("社会效益指标", "干部群众知识储备"),
    ("社会效益指标", "重精患者日常管理"),
    ("社会效益指标", "日常办公秩序"),
    ("生态效益指标", "道路扬尘控制"),
    ("可持续影响指标", "长效管理机制"),
    ("可持续影响指标", "长效管理制度"),
]
SATISFACTION = [
    "社工满意度",
    "党员满意度",
    "周边居民满意率",
    "相关单位满意度",
    "居民群众满意度",
    "各单位干部群众满意度",
    "相关社工满意度",
    "主管部门满意度",
    "志愿者满意度",
    "特殊人员满意度",
    "监护人满意度",
    "人才满意度",
    "服务对象满意度",
    "参训人员满意度",
]
PCT_TARGETS = ["90%", "百分之九十", "95%", "百分之九十五"]
PCT_TARGETS_FULL = ["100%", "准确率百分百"]
ACHIEVED = ["达成指标", "达成指标", "达成预期指标", "达成年度指标"]
PARTIAL = "部分达成年度指标并具有一定效果"
NOT_ACHIEVED = "未达成年度指标且效果较差"
VAGUE = [
    "提升",
    "降低",
    "保障",
    "建立健全",
    "有效压降",
    "提升率",
    "满意率",
    "合格率",
    "改善",
    "及时",
    "按计划开展",
    "是否提高效率",
    "达成指标",
    "≥0",
]
OTHER_UNIT = {
    "人": "人次",
    "人次": "人",
    "次": "场",
    "场": "次",
    "个": "家",
    "家": "个",
    "台": "套",
    "份": "册",
    "条": "公里",
    "公里": "条",
    "处": "个",
    "平方米": "亩",
    "户": "人",
    "座": "个",
    "元/人/月": "元/人",
    "万元": "元",
    "%": "人",
}
EXPECTED = [
    "保障{p}年度各项工作经费的正常支出",
    "按计划完成{p}各项任务，资金规范使用",
    "进一步提升{p}的服务质量和工作效率",
    "全年组织开展{p}相关工作，做到应保尽保",
    "加强{p}的日常管理，建立长效工作机制",
    "确保{p}资金专款专用，服务对象满意度不低于90%",
    "推动{p}工作走内涵式、高质量发展之路",
]
ACHIEVED_TEXTS = [
    "按时按实完成了{y}年度{p}的各项支出",
    "全年完成{p}各项任务，资金按规定拨付使用",
    "{p}工作有序推进，服务对象普遍认可",
    "扩大了{p}的工作影响力，增强了群众的获得感",
    "以{p}为抓手，全面提升了服务职能",
    "{p}各项制度进一步健全，管理更加规范",
]
LOW_EXEC_REASONS = [
    "因{y}年度资金紧张，部分经费于{n}年度支付",
    "由于部分合同尚未到付款节点，相关款项于{n}年支付",
    "因项目结算审计周期较长，尾款延期支付",
]
DEVIATIONS = [
    "受客观因素影响，实际数量少于计划，下一年度将加强计划管理",
    "部分服务对象需求变化，实际完成值低于年度指标，后续及时调整经费",
    "因人员变动，部分工作延后开展，将优化工作安排",
    "实际人员数量少于预期，下一年度合理设定指标值",
    "部分环节衔接不够顺畅，下一年度加强过程监控",
]


# ---------------------------------------------------------------------------------------
# Numbers as the rules compute them (pujiang-2023: truncate to two decimals)


def trunc(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_DOWN)


def grade_of(total: Decimal) -> str:
    for floor, label in GRADES:
        if total >= floor:
            return label
    return GRADES[-1][1]


def money(x: Decimal, sep: bool) -> str:
    return f"{x:,.2f}" if sep else f"{x:.2f}"


def positive_score(w: Decimal, a: Decimal, b: Decimal) -> Decimal:
    b = max(b, ZERO)
    if a == 0:
        return w
    return w if b >= a else w * b / a


def reverse_score(w: Decimal, a: Decimal, b: Decimal) -> Decimal:
    b = max(b, ZERO)
    if b <= a:
        return w
    if a == 0 or b >= 2 * a:
        return ZERO
    return w * (1 - (b - a) / a)


# ---------------------------------------------------------------------------------------
# The form being built


@dataclass
class Ind:
    level1: str
    level2: str
    name: str
    kind: str  # positive | reverse | qualitative
    target: str
    actual: str
    weight: Decimal
    score: Decimal = ZERO
    deviation: str = ""
    a: Decimal | None = None  # target number (quantitative)
    b: Decimal | None = None  # actual number (quantitative)
    unit: str = ""
    op: str = ""
    band: str = "achieved"
    touched: bool = False  # already used by a defect


@dataclass
class Spec:
    form_id: str
    year: int
    project: str
    department: str
    unit: str
    initial: Decimal
    annual: Decimal
    spent: Decimal
    split: tuple[Decimal, Decimal, Decimal]  # shares of appropriation, carryover, other
    indicators: list[Ind]
    expected: str
    achieved: str
    defects: list[str] = field(default_factory=list)
    # presentation
    title: str = "财政项目支出绩效自评表"
    year_brackets: tuple[str, str] = ("（", "）")
    dash: str = "—"
    sep: bool = True
    grade_row: bool = True
    # stated funds (filled by _finish)
    fund_rows: list[list[str]] = field(default_factory=list)
    rate_text: str = ""
    score_text: str = ""
    exec_score: Decimal = ZERO
    total_text: str = ""
    grade: str = ""


def _weights(rng: random.Random, n: int) -> list[Decimal]:
    """n weights in multiples of 5 (of 1 when n is large) adding up to 90."""
    step = 5 if n * 5 <= 90 else 1
    units = [1] * n
    for _ in range(90 // step - n):
        units[rng.randrange(n)] += 1
    return [Decimal(u * step) for u in units]


def _count_target(rng: random.Random, unit: str) -> Decimal:
    if unit in ("平方米",):
        return Decimal(rng.randint(500, 20000)) + Decimal(rng.randint(0, 9)) / 10
    if unit in ("元/人/月",):
        return Decimal(rng.choice([100, 150, 200, 300, 500]))
    if unit == "公里":
        return Decimal(rng.randint(5, 120))
    big = rng.random() < 0.2
    return Decimal(rng.randint(100, 7000) if big else rng.randint(1, 120))


def _fmt_num(x: Decimal, style: int) -> str:
    return f"{x:.2f}" if style else (f"{x:.0f}" if x == x.to_integral_value() else f"{x:.2f}")


def _quantitative(
    rng: random.Random,
    level1: str,
    level2: str,
    name: str,
    unit: str,
    op: str,
    a: Decimal,
    w: Decimal,
    under: bool,
    cap: Decimal | None = None,
) -> Ind:
    style = 0 if rng.random() < 0.2 else 1
    shown_unit = "百分比" if unit == "%" and rng.random() < 0.15 else unit
    target = f"{op}{_fmt_num(a, style)}({shown_unit})"
    integral = a == a.to_integral_value() and unit not in ("%", "平方米", "万元")
    if op in ("≤", "<"):
        if under:  # over the ceiling
            b = a * Decimal(str(rng.uniform(1.03, 1.6)))
        else:
            b = a * Decimal(str(rng.uniform(0.7, 1.0)))
        b = b.quantize(CENT)
        kind = "reverse"
    else:
        if under:
            b = a * Decimal(str(rng.uniform(0.45, 0.97)))
            b = b.to_integral_value(rounding=ROUND_DOWN) if integral else trunc(b)
            if b >= a:
                b = a - 1 if a >= 2 else trunc(a / 2)
        elif op == "=" or rng.random() < 0.7:
            b = a
        else:
            b = a + (Decimal(rng.randint(1, 3)) if integral else trunc(a * Decimal("0.03")))
            b = min(b, trunc(a * Decimal("1.25")))  # below JX410's 130%
            if integral:
                b = b.to_integral_value(rounding=ROUND_DOWN)
        if cap is not None:
            b = min(b, cap)
        kind = "positive"
    actual = f"{b:.2f}({shown_unit})"
    return Ind(
        level1,
        level2,
        name,
        kind,
        target,
        actual,
        w,
        a=Decimal(_fmt_num(a, style)),
        b=b,
        unit=unit,
        op=op,
    )


def _qualitative(
    rng: random.Random, level1: str, level2: str, name: str, target: str, w: Decimal, under: bool
) -> Ind:
    band = "achieved"
    actual = rng.choice(ACHIEVED)
    if under:
        band = rng.choice(["achieved", "partial", "partial", "not_achieved"])
        actual = {"achieved": actual, "partial": PARTIAL, "not_achieved": NOT_ACHIEVED}[band]
    return Ind(level1, level2, name, "qualitative", target, actual, w, band=band)


def _indicator(
    rng: random.Random,
    year: int,
    level1: str,
    level2: str,
    name: str,
    unit: str,
    w: Decimal,
    under: bool,
) -> Ind:
    if level2 == "数量指标":
        op = rng.choice(["=", "=", "≥"])
        return _quantitative(
            rng, level1, level2, name, unit, op, _count_target(rng, unit), w, under
        )
    if level2 == "成本指标":
        a = (
            Decimal(rng.randint(5, 400))
            if unit == "万元"
            else Decimal(rng.choice([50, 100, 200, 300]))
        )
        return _quantitative(rng, level1, level2, name, unit, "≤", a, w, under)
    if level2 == "时效指标":
        if name.endswith("率"):
            return _quantitative(rng, level1, level2, name, "%", "=", HUNDRED, w, under, HUNDRED)
        target = rng.choice(TIME_TARGETS).format(year=year)
        return _qualitative(rng, level1, level2, name, target, w, under)
    if level1 == "满意度指标":
        if rng.random() < 0.7:
            a = Decimal(rng.choice([85, 90, 90, 90, 95]))
            ind = _quantitative(rng, level1, level2, name, "%", "≥", a, w, under, HUNDRED)
            if not under and ind.b is not None and ind.b == ind.a and rng.random() < 0.5:
                ind.b = min(HUNDRED, ind.a + rng.randint(1, 8))
                ind.actual = f"{ind.b:.2f}({ind.actual.split('(')[1]}"
            return ind
        return _qualitative(rng, level1, level2, name, rng.choice(PCT_TARGETS), w, under)
    # 质量指标 and the benefit rates
    if unit == "%":
        if rng.random() < 0.75:
            a = Decimal(rng.choice([100, 100, 100, 95, 90, 80]))
            op = "=" if a == 100 and rng.random() < 0.7 else "≥"
            return _quantitative(rng, level1, level2, name, "%", op, a, w, under, HUNDRED)
        return _qualitative(
            rng, level1, level2, name, rng.choice(PCT_TARGETS + PCT_TARGETS_FULL), w, under
        )
    return _qualitative(rng, level1, level2, name, unit, w, under)


def _indicators(rng: random.Random, year: int, n: int, under_p: float) -> list[Ind]:
    n_sat = 2 if n >= 8 and rng.random() < 0.6 else 1
    n_ben = max(1, round(n * rng.uniform(0.2, 0.4)))
    n_out = n - n_sat - n_ben
    weights = _weights(rng, n)
    rng.shuffle(weights)
    specs: list[tuple[str, str, str, str]] = []  # level1, level2, name, unit-or-target
    quantity = rng.sample(QUANTITY, k=min(len(QUANTITY), n_out))
    quality = rng.sample(QUALITY_RATE, k=min(len(QUALITY_RATE), n_out))
    timely = rng.sample(TIMELY_NAMES, k=min(len(TIMELY_NAMES), n_out))
    out_l2 = ["数量指标", "质量指标"] + [
        rng.choice(["数量指标", "数量指标", "质量指标", "时效指标", "时效指标", "成本指标"])
        for _ in range(max(0, n_out - 2))
    ]
    out_l2 = sorted(out_l2[:n_out], key=["数量指标", "质量指标", "时效指标", "成本指标"].index)
    cost_used = False
    for l2 in out_l2:
        if l2 == "数量指标":
            name, unit = quantity.pop()
        elif l2 == "质量指标":
            name, unit = quality.pop(), "%"
        elif l2 == "时效指标":
            if rng.random() < 0.3:
                name, unit = rng.choice(TIMELY), "%"
                if any(s[2] == name for s in specs):
                    name, unit = timely.pop(), ""
            else:
                name, unit = timely.pop(), ""
        else:
            if cost_used:
                name, unit = quantity.pop()
                l2 = "数量指标"
            else:
                name, unit = rng.choice(COST)
                cost_used = True
        specs.append(("产出指标", l2, name, unit))
    out_l2_sorted = sorted(
        specs, key=lambda s: ["数量指标", "质量指标", "时效指标", "成本指标"].index(s[1])
    )
    specs = out_l2_sorted
    pool = [(l2, nm, "%") for l2, nm in BENEFIT_RATE] + [(l2, nm, "") for l2, nm in BENEFIT_QUAL]
    benefit = rng.sample(pool, k=n_ben)
    order = ["社会效益指标", "经济效益指标", "生态效益指标", "可持续影响指标"]
    for l2, name, unit in sorted(benefit, key=lambda s: order.index(s[0])):
        if unit == "":
            unit = rng.choice([*PCT_TARGETS, "每季度一次", "每月", "每半年一次"])
            specs.append(("效益指标", l2, name, "@" + unit))
        else:
            specs.append(("效益指标", l2, name, unit))
    for name in rng.sample(SATISFACTION, k=n_sat):
        specs.append(("满意度指标", "服务对象满意度指标", name, "%"))
    inds = []
    for (l1, l2, name, unit), w in zip(specs, weights, strict=True):
        under = rng.random() < under_p
        if unit.startswith("@"):
            inds.append(_qualitative(rng, l1, l2, name, unit[1:], w, under))
        else:
            inds.append(_indicator(rng, year, l1, l2, name, unit, w, under))
    return inds


def _score_indicator(rng: random.Random, ind: Ind) -> None:
    """The stated score as the rules give it, and a reason when it is below the weight."""
    w = ind.weight
    if ind.kind == "positive":
        assert ind.a is not None and ind.b is not None
        ind.score = trunc(positive_score(w, ind.a, ind.b))
    elif ind.kind == "reverse":
        assert ind.a is not None and ind.b is not None
        ind.score = trunc(reverse_score(w, ind.a, ind.b))
    else:
        lo, hi = {
            "achieved": ("0.8", "1"),
            "partial": ("0.6", "0.8"),
            "not_achieved": ("0", "0.6"),
        }[ind.band]
        low, high = w * Decimal(lo), w * Decimal(hi)
        edge = rng.random()
        if ind.band == "achieved" and edge < 0.6:
            ind.score = w
        elif edge > 0.9 and low == trunc(low):  # the lower edge of the band belongs to it
            ind.score = low
        else:
            for _ in range(50):
                s = trunc(low + (high - low) * Decimal(str(rng.uniform(0.05, 0.9))))
                if low <= s < high:
                    break
            else:  # pragma: no cover - weights are whole numbers
                s = trunc(low)
            ind.score = s
    if ind.score < w:
        ind.deviation = rng.choice(DEVIATIONS)


# ---------------------------------------------------------------------------------------
# Defects


def _pick(rng: random.Random, spec: Spec, ok: object) -> Ind | None:
    cands = [i for i in spec.indicators if not i.touched and ok(i)]  # type: ignore[operator]
    if not cands:
        return None
    ind = rng.choice(cands)
    ind.touched = True
    return ind


def _pre_defects(rng: random.Random, spec: Spec, kinds: list[str]) -> list[str]:
    """Defects applied before scoring; returns the kinds that could be applied."""
    ind: Ind | None
    done: list[str] = []
    for kind in kinds:
        if kind == "weights_not_100":
            ind = _pick(rng, spec, lambda i: True)
            if ind is None:
                continue
            delta = Decimal(rng.choice([-5, -3, -2, -1, 1, 2, 3, 5]))
            if ind.weight + delta < 1:
                delta = -delta
            ind.weight += delta
            ind.touched = False  # its score is still recomputed consistently
        elif kind == "vague_target":
            ind = _pick(rng, spec, lambda i: True)
            if ind is None:
                continue
            ind.kind, ind.band = "qualitative", "achieved"
            ind.target, ind.actual = rng.choice(VAGUE), rng.choice(ACHIEVED)
            ind.a = ind.b = None
            ind.touched = False
        elif kind == "unit_mismatch":
            ind = _pick(rng, spec, lambda i: i.kind != "qualitative" and i.unit in OTHER_UNIT)
            if ind is None:
                continue
            ind.actual = f"{ind.b:.2f}({OTHER_UNIT[ind.unit]})"
            ind.touched = False
        elif kind == "zero_spending_full":
            for ind in spec.indicators:  # every indicator met, scored full
                if ind.kind == "qualitative":
                    ind.band, ind.actual = "achieved", rng.choice(ACHIEVED)
                else:
                    assert ind.a is not None and ind.b is not None
                    if ind.kind == "positive" and ind.b < ind.a:
                        ind.b = ind.a
                    if ind.kind == "reverse" and ind.b > ind.a:
                        ind.b = ind.a
                    ind.actual = f"{ind.b:.2f}({ind.actual.split('(', 1)[1]}"
        done.append(kind)
    return done


def _post_defects(rng: random.Random, spec: Spec, kinds: list[str]) -> list[str]:
    """Defects applied to the stated indicator scores."""
    ind: Ind | None
    done: list[str] = []
    for kind in kinds:
        if kind == "underachieved_full":
            rev = [i for i in spec.indicators if not i.touched and i.kind == "reverse"]
            if rev and rng.random() < 0.5:  # a cost over its ceiling, scored full
                ind = rng.choice(rev)
                ind.touched = True
                assert ind.a is not None
                ind.b = (ind.a * Decimal(str(rng.uniform(1.1, 2.5)))).quantize(CENT)
                ind.actual = f"{ind.b:.2f}({ind.actual.split('(', 1)[1]}"
                ind.score, ind.deviation = ind.weight, ""
                done.append(kind)
                continue
            ind = _pick(rng, spec, lambda i: i.kind == "positive" and i.a is not None and i.a > 0)
            if ind is None:
                continue
            assert ind.a is not None
            integral = ind.a == ind.a.to_integral_value() and ind.unit not in ("%", "平方米")
            b = ind.a * Decimal(str(rng.uniform(0.5, 0.95)))
            ind.b = b.to_integral_value(rounding=ROUND_DOWN) if integral else trunc(b)
            if trunc(positive_score(ind.weight, ind.a, ind.b)) > ind.weight - Decimal("0.05"):
                ind.b = trunc(ind.a / 2)
            ind.actual = f"{ind.b:.2f}({ind.actual.split('(', 1)[1]}"
            ind.score, ind.deviation = ind.weight, ""
        elif kind == "qualitative_band_edge":
            ind = _pick(rng, spec, lambda i: i.kind == "qualitative")
            if ind is None:
                continue
            w = ind.weight
            if rng.random() < 0.5:  # 部分达成 at the open upper end of [0.6w, 0.8w)
                ind.band, ind.actual = "partial", PARTIAL
                ind.score, ind.deviation = trunc(w * Decimal("0.8")), rng.choice(DEVIATIONS)
            else:  # 未达成 at the open upper end of [0, 0.6w)
                ind.band, ind.actual = "not_achieved", NOT_ACHIEVED
                ind.score, ind.deviation = trunc(w * Decimal("0.6")), rng.choice(DEVIATIONS)
        elif kind == "qualitative_out_of_band":
            ind = _pick(rng, spec, lambda i: i.kind == "qualitative")
            if ind is None:
                continue
            w = ind.weight
            variant = rng.random()
            if variant < 0.5:  # 部分达成 with full marks
                ind.band, ind.actual, ind.score, ind.deviation = "partial", PARTIAL, w, ""
            else:  # 达成 scored below its band
                ind.band, ind.actual = "achieved", rng.choice(ACHIEVED)
                ind.score = trunc(w * Decimal(str(rng.uniform(0.3, 0.75))))
                ind.deviation = rng.choice(DEVIATIONS)
        elif kind == "missing_deviation":
            lowered = [i for i in spec.indicators if not i.touched and i.score < i.weight]
            if lowered:
                ind = rng.choice(lowered)
            else:
                ind = _pick(rng, spec, lambda i: i.kind == "qualitative")
                if ind is None:
                    ind = _pick(rng, spec, lambda i: i.kind == "positive" and (i.a or 0) > 1)
                    if ind is None:
                        continue
                    assert ind.a is not None
                    ind.b = trunc(ind.a * Decimal("0.8"))
                    ind.actual = f"{ind.b:.2f}({ind.actual.split('(', 1)[1]}"
                    ind.score = trunc(positive_score(ind.weight, ind.a, ind.b))
                else:
                    ind.band, ind.actual = "achieved", rng.choice(ACHIEVED)
                    ind.score = trunc(ind.weight * Decimal("0.9"))
            ind.touched = True
            ind.deviation = ""
        else:
            continue
        done.append(kind)
    return done


# ---------------------------------------------------------------------------------------
# Building one form


def _texts(rng: random.Random, project: str, year: int, low: bool, twice: bool) -> tuple[str, str]:
    p = project.split("（")[0]
    expected = "。".join(t.format(p=p) for t in rng.sample(EXPECTED, k=rng.randint(1, 3))) + "。"
    ach = [t.format(p=p, y=year) for t in rng.sample(ACHIEVED_TEXTS, k=rng.randint(1, 3))]
    if low:
        ach.append(rng.choice(LOW_EXEC_REASONS).format(y=year, n=year + 1))
    achieved = "。".join(ach) + "。"
    if twice:
        if rng.random() < 0.5:
            achieved += ach[0] + "。"
        else:
            first = expected.split("。")[0]
            expected += first + "。"
    return expected, achieved


def _rate_sample(rng: random.Random) -> Decimal:
    x = rng.random()
    if x < 0.4:
        return HUNDRED
    if x < 0.75:
        return Decimal(str(rng.uniform(90, 100)))
    if x < 0.92:
        return Decimal(str(rng.uniform(60, 90)))
    return Decimal(str(rng.uniform(20, 60)))


def _choose_defects(rng: random.Random, rates: dict[str, float]) -> list[str]:
    kinds: list[str] = []
    for kind in DEFECTS:
        if rng.random() < rates.get(kind, 0.0) and all(
            frozenset({kind, k}) not in CONFLICTS for k in kinds
        ):
            kinds.append(kind)
    return kinds


def make_form(seed: int, index: int, rates: dict[str, float] | None = None) -> Spec:
    """Form ``index`` of the corpus of ``seed``: the same whatever the corpus size."""
    rates = {k: DEFAULT_RATE for k in DEFECTS} if rates is None else rates
    rng = random.Random(f"jixiao-corpus:{seed}:{index}")
    kinds = _choose_defects(rng, rates)
    year = rng.choice([2023, 2023, 2023, 2022, 2024])
    department = rng.choice(list(DEPARTMENTS))
    unit = rng.choice(DEPARTMENTS[department])
    project = rng.choice(PROJECT_STEMS) + rng.choice(PROJECT_SUFFIXES)
    n = rng.choice(
        [4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6, 6, 8, 8, 8, 9, 10, 12, 12, 15, 17]
    )
    rate_goal = _rate_sample(rng)
    under_p = 0.5 if rate_goal < 90 else 0.08
    inds = _indicators(rng, year, n, under_p)
    annual = trunc(Decimal(str(10 ** rng.uniform(-0.5, 3.45))))
    if annual <= 0:
        annual = Decimal("0.36")
    x = rng.random()
    if x < 0.6:
        initial = annual
    elif x < 0.75:
        initial = ZERO
    else:
        initial = trunc(annual * Decimal(str(rng.uniform(0.8, 1.25))))
    split = (Decimal(1), ZERO, ZERO)
    if rng.random() < 0.15:
        share = Decimal(str(round(rng.uniform(0.1, 0.6), 2)))
        split = (1 - share, share, ZERO) if rng.random() < 0.7 else (1 - share, ZERO, share)
    spec = Spec(
        form_id=f"s{seed}-{index:06d}",
        year=year,
        project=project,
        department=department,
        unit=unit,
        initial=initial,
        annual=annual,
        spent=ZERO,
        split=split,
        indicators=inds,
        expected="",
        achieved="",
        title=rng.choice(
            ["财政项目支出绩效自评表"] * 4 + ["财政项目支出绩效自我评价表", "项目支出绩效自评表"]
        ),
        year_brackets=rng.choice([("（", "）"), ("(", ")"), (" （", "）")]),
        dash=rng.choice(["—", "—", "-", "－"]),
        sep=rng.random() < 0.7,
        grade_row=rng.random() < 0.75,
    )
    applied = _pre_defects(rng, spec, [k for k in kinds if k in _PRE])
    for ind in spec.indicators:
        _score_indicator(rng, ind)
    applied += _post_defects(rng, spec, [k for k in kinds if k in _POST])
    applied += [k for k in kinds if k not in _PRE and k not in _POST]
    _funds(rng, spec, rate_goal, "zero_spending_full" in applied)
    applied = _stated(rng, spec, applied)
    spec.expected, spec.achieved = _texts(
        rng, project, year, spec.spent < spec.annual * Decimal("0.9"), "sentence_twice" in applied
    )
    spec.defects = [k for k in DEFECTS if k in applied]
    return spec


_PRE = {"weights_not_100", "vague_target", "unit_mismatch", "zero_spending_full"}
_POST = {
    "underachieved_full",
    "qualitative_out_of_band",
    "qualitative_band_edge",
    "missing_deviation",
}


def _completion(spec: Spec) -> Decimal:
    weights = sum((i.weight for i in spec.indicators), ZERO)
    return sum((i.score for i in spec.indicators), ZERO) / weights


def _funds(rng: random.Random, spec: Spec, rate_goal: Decimal, zero: bool) -> None:
    """Spending: the sampled rate, raised where the self-scores would otherwise look inflated
    (JX503) unless that is the defect."""
    if zero:
        spec.spent = ZERO
        return
    floor = _completion(spec) / INFLATION * HUNDRED + Decimal("0.2")
    rate = rate_goal
    if rate < floor:
        rate = min(HUNDRED, floor + (HUNDRED - floor) * Decimal(str(rng.random())))
    spent = min(spec.annual, trunc(spec.annual * rate / HUNDRED))
    if rng.random() < 0.03:  # spent more than the budget: the score stops at the weight
        spent = trunc(spec.annual * Decimal(str(rng.uniform(1.005, 1.1))))
    while spent < spec.annual and _completion(spec) > spent / spec.annual * INFLATION:
        spent = min(spec.annual, spent + max(CENT, trunc(spec.annual / 1000)))
    spec.spent = spent


def _stated(rng: random.Random, spec: Spec, applied: list[str]) -> list[str]:
    """The funds block, total and grade as written, with the number defects."""
    annual, spent, initial = spec.annual, spec.spent, spec.initial
    rate = spent / annual * HUNDRED
    rate_t = trunc(rate)
    exec_score = trunc(min(rate, HUNDRED) / HUNDRED * EXEC_WEIGHT)
    cols = {"initial": initial, "annual": annual, "spent": spent}
    yuan_col = ""
    if "amount_in_yuan" in applied:
        options = []
        if spent > 0 and Decimal("0.35") <= spent / annual <= Decimal("1.4"):
            options.append("spent")
        if initial > 0 and Decimal("0.35") <= annual / initial <= Decimal("1.4"):
            options += ["annual", "initial"]
        if options:
            yuan_col = rng.choice(options)
        else:
            applied.remove("amount_in_yuan")
    if "wrong_exec_rate" in applied:
        delta = Decimal(str(round(rng.uniform(0.3, 12), 2))) * rng.choice([-1, 1])
        if (
            initial > 0 and initial != annual and rng.random() < 0.5
        ):  # divided by the initial budget
            wrong = trunc(spent / initial * HUNDRED)
        else:
            wrong = rate_t + delta
        if wrong < 0 or abs(wrong - rate_t) <= Decimal("0.05"):
            wrong = rate_t + Decimal("1.5") if rate_t < 50 else rate_t - Decimal("1.5")
        rate_shown = wrong
    else:
        rate_shown = rate_t
    score_shown = exec_score
    if "wrong_exec_score" in applied:
        if rate_t < 99:
            score_shown = EXEC_WEIGHT  # full marks despite the rate
        else:
            score_shown = exec_score - Decimal(str(round(rng.uniform(0.1, 1.0), 2)))
    yuan_row = ""
    if yuan_col == "spent" and rng.random() < 0.25:  # only the component row is in 元
        yuan_row, yuan_col = "其中：当年财政拨款", ""
    if yuan_col:
        cols[yuan_col] = cols[yuan_col] * 10000
        if rng.random() < 0.5 and yuan_col == "spent":  # the rate computed from the wrong amount
            rate_shown = trunc(cols["spent"] / annual * HUNDRED)
            score_shown = EXEC_WEIGHT
    spec.rate_text = f"{rate_shown:.2f}"
    spec.score_text = f"{score_shown:.2f}"
    spec.exec_score = score_shown
    rows = []
    labels = ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    parts = _split(spec, cols)
    for label, amounts in zip(labels, [cols, *parts], strict=True):
        if label == yuan_row:
            amounts = {**amounts, "spent": amounts["spent"] * 10000}
        a, s = amounts["annual"], amounts["spent"]
        if label == labels[0]:
            r, w, sc = spec.rate_text, f"{EXEC_WEIGHT:.2f}", spec.score_text
        else:
            r = f"{trunc(s / a * HUNDRED):.2f}" if a > 0 else "0.00"
            w = sc = spec.dash
        rows.append(
            [
                label,
                money(amounts["initial"], spec.sep),
                money(a, spec.sep),
                money(s, spec.sep),
                w,
                r,
                sc,
            ]
        )
    spec.fund_rows = rows
    total = score_shown + sum((i.score for i in spec.indicators), ZERO)
    if "wrong_total" in applied:
        delta = Decimal(str(round(rng.uniform(0.5, 6), 2))) * rng.choice([-1, 1])
        total = total + delta if total + delta >= 0 else total - delta
    spec.grade = grade_of(total)
    if "wrong_grade" in applied:
        if spec.grade_row:
            labels = [g for _, g in GRADES]
            at = labels.index(spec.grade)
            near = [labels[j] for j in (at - 1, at + 1) if 0 <= j < len(labels)]
            spec.grade = rng.choice(near if rng.random() < 0.7 else labels[:at] + labels[at + 1 :])
        else:
            applied.remove("wrong_grade")
    spec.total_text = _total_text(rng, total)
    return applied


def _split(spec: Spec, cols: dict[str, Decimal]) -> list[dict[str, Decimal]]:
    """The three component rows; they add up to the total row exactly."""
    out = [{k: ZERO for k in cols} for _ in range(3)]
    nonzero = [j for j, s in enumerate(spec.split) if s > 0]
    for k, v in cols.items():
        rest = v
        for j in nonzero[1:]:
            part = trunc(v * spec.split[j])
            out[j][k] = part
            rest -= part
        out[nonzero[0]][k] = rest
    return out


def _total_text(rng: random.Random, total: Decimal) -> str:
    if rng.random() < 0.5:
        return f"{total:.2f}"
    text = f"{total.normalize():f}"
    return text


# ---------------------------------------------------------------------------------------
# Writing


Merge = tuple[int, int, int, int]  # row, column, rows spanned, columns spanned
WIDTH = 9


def layout(spec: Spec) -> tuple[list[list[str]], list[Merge]]:
    """One form as rows of nine cells in the layout of the published sample, and the
    merged ranges the text leaves implicit (drawn in the xlsx and PDF versions)."""
    o, c = spec.year_brackets
    blank = [""] * WIDTH

    def row(*cells: str) -> list[str]:
        return [*cells, *blank[len(cells) :]]

    rows = [
        row(spec.title),
        row(f"{o}{spec.year}年度{c}"),
        row("项目名称", "", spec.project),
        row("主管部门", "", spec.department, "", "", "实施单位", spec.unit),
        row("项目资金 (万元)", "", "", *FUND_HEADERS),
    ]
    merges: list[Merge] = [(0, 0, 1, 9), (1, 0, 1, 9), (2, 0, 1, 2), (2, 2, 1, 7)]
    merges += [(3, 0, 1, 2), (3, 2, 1, 3), (3, 6, 1, 3), (4, 0, 5, 2)]
    rows += [["", "", *r] for r in spec.fund_rows]
    goal = len(rows)
    rows.append(row("年度 总体 目标", "预期目标", "", "", "实际完成情况"))
    rows.append(row("", spec.expected, "", "", spec.achieved))
    merges += [(goal, 0, 2, 1)] + [(goal + k, 1, 1, 3) for k in (0, 1)]
    merges += [(goal + k, 4, 1, 5) for k in (0, 1)]
    merges.append((len(rows), 2, 1, 2))
    rows.append(row("一级指标", "二级指标", "三级指标", "", *INDICATOR_HEADERS))
    first, previous = len(rows), ("", "")
    for i in spec.indicators:
        merges.append((len(rows), 2, 1, 2))
        level1 = i.level1 if i.level1 != previous[0] else ""
        level2 = i.level2 if (i.level1, i.level2) != previous else ""
        score = (f"{i.weight:.2f}", f"{i.score:.2f}")
        rows.append(row(level1, level2, i.name, "", i.target, i.actual, *score, i.deviation))
        previous = (i.level1, i.level2)
    merges += _runs(rows, first, 0) + _runs(rows, first, 1)
    merges.append((len(rows), 0, 1, 6))
    rows.append(row("总分", "", "", "", "", "", "100", spec.total_text))
    if spec.grade_row:
        merges += [(len(rows), 0, 1, 2), (len(rows), 2, 1, 7)]
        rows.append(row("评分等级", "", spec.grade))
    return rows, merges


FUND_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分数", "执行率(%)", "得分")
INDICATOR_HEADERS = ("年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")


def _runs(rows: list[list[str]], first: int, col: int) -> list[Merge]:
    """A level cell merged down over the blank cells under it."""
    starts = [r for r in range(first, len(rows)) if rows[r][col]] + [len(rows)]
    return [(a, col, b - a, 1) for a, b in pairwise(starts) if b - a > 1]


def to_text(spec: Spec) -> str:
    """One form as tab text in the layout of the published sample."""
    return "\n".join("\t".join(r) for r in layout(spec)[0]) + "\n"


_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.(\d+))?|-?\d+(?:\.(\d+))?")


def _number_format(text: str) -> str:
    places = len(text.split(".")[1]) if "." in text else 0
    return ("#,##0" if "," in text else "0") + ("." + "0" * places if places else "")


def to_xlsx(specs: list[Spec]) -> bytes:
    """Forms as a workbook (XlsxWriter), a sheet each: numbers as numbers with the decimals
    and separators the text shows, merged ranges drawn. The same bytes for the same forms."""
    import xlsxwriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    wb.set_properties({"created": datetime(2024, 1, 1), "creator": "bench.corpus"})
    formats: dict[str, Any] = {}
    for n, spec in enumerate(specs, 1):
        ws = wb.add_worksheet(f"表{n}")
        ws.set_column(0, WIDTH - 1, 14)
        rows, merges = layout(spec)
        for r, c, h, w in merges:
            ws.merge_range(r, c, r + h - 1, c + w - 1, "")
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                if not text:
                    continue
                if _NUMBER.fullmatch(text):
                    code = _number_format(text)
                    fmt = formats.setdefault(code, wb.add_format({"num_format": code}))
                    ws.write_number(r, c, float(text.replace(",", "")), fmt)
                else:
                    ws.write_string(r, c, text)
    wb.close()
    return buffer.getvalue()


PAGE_CSS = """
@page { size: A4 landscape; margin: 10mm; }
body { font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { border: 0.6pt solid black; padding: 1.5pt 2pt; }
.break { page-break-before: always; }
"""


def to_html(specs: list[Spec]) -> str:
    """Forms as a web page, one table a page, merged ranges as row and column spans."""
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{PAGE_CSS}</style>"]
    parts.append("</head><body>")
    for n, spec in enumerate(specs):
        rows, merges = layout(spec)
        spans = {(r, c): (h, w) for r, c, h, w in merges}
        covered = {
            (r + i, c + j) for r, c, h, w in merges for i in range(h) for j in range(w)
        } - spans.keys()
        parts.append(f"<div{' class=break' if n else ''}><table>")
        for r, cells in enumerate(rows):
            tds = []
            for c, text in enumerate(cells):
                if (r, c) in covered:
                    continue
                h, w = spans.get((r, c), (1, 1))
                attrs = (f" rowspan={h}" if h > 1 else "") + (f" colspan={w}" if w > 1 else "")
                tds.append(f"<td{attrs}>{html.escape(text)}</td>")
            parts.append("<tr>" + "".join(tds) + "</tr>")
        parts.append("</table></div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def to_pdf(specs: list[Spec]) -> bytes:
    """Forms as a PDF (WeasyPrint from ``to_html``), a form a page run."""
    import weasyprint  # type: ignore[import-untyped]

    data: bytes = weasyprint.HTML(string=to_html(specs)).write_pdf()
    return data


WRITERS: dict[str, Callable[[list[Spec]], str | bytes]] = {
    "txt": lambda specs: "\n".join(to_text(s) for s in specs),
    "xlsx": to_xlsx,
    "pdf": to_pdf,
}


def truth_records(spec: Spec, file: str, position: int) -> list[dict[str, object]]:
    return [
        {
            "form": spec.form_id,
            "file": file,
            "position": position,
            "project": spec.project,
            "kind": kind,
            "code": DEFECTS[kind],
        }
        for kind in spec.defects
    ]


def generate(
    n: int,
    seed: int,
    out: str | Path,
    *,
    per_file: int = 25,
    rates: dict[str, float] | None = None,
    fmt: str = "txt",
) -> Path:
    """Write ``n`` forms to ``out`` (``per_file`` forms a file) with ``truth.jsonl`` and
    ``forms.jsonl``; returns the folder. ``fmt`` is ``txt``, ``xlsx`` (a sheet a form) or
    ``pdf`` (a form a page run); the forms and truth are the same whatever the format."""
    if fmt not in WRITERS:
        raise ValueError(f"unsupported format: {fmt}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("corpus-*.*"):
        old.unlink()
    truth: list[str] = []
    forms: list[str] = []
    for start in range(0, n, per_file):
        name = f"corpus-{start // per_file:05d}.{fmt}"
        chunk = [make_form(seed, i, rates) for i in range(start, min(n, start + per_file))]
        data = WRITERS[fmt](chunk)
        if isinstance(data, str):
            (folder / name).write_text(data, encoding="utf-8")
        else:
            (folder / name).write_bytes(data)
        for pos, spec in enumerate(chunk):
            forms.append(
                json.dumps(
                    {
                        "form": spec.form_id,
                        "file": name,
                        "position": pos,
                        "project": spec.project,
                        "defects": spec.defects,
                    },
                    ensure_ascii=False,
                )
            )
            truth += [json.dumps(r, ensure_ascii=False) for r in truth_records(spec, name, pos)]
    (folder / "truth.jsonl").write_text("".join(t + "\n" for t in truth), encoding="utf-8")
    (folder / "forms.jsonl").write_text("".join(f + "\n" for f in forms), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="生成带已知缺陷的自评表语料（真值写入 truth.jsonl）")
    ap.add_argument("--forms", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="bench/out/corpus")
    ap.add_argument("--format", choices=list(WRITERS), default="txt")
    ap.add_argument("--per-file", type=int, default=25)
    ap.add_argument("--rate", type=float, default=DEFAULT_RATE, help="每种缺陷的注入比例")
    args = ap.parse_args(argv)
    rates = {k: args.rate for k in DEFECTS}
    folder = generate(
        args.forms, args.seed, args.out, per_file=args.per_file, rates=rates, fmt=args.format
    )
    print(f"{args.forms} 张表 → {folder}（真值：{folder / 'truth.jsonl'}）")


if __name__ == "__main__":
    main()
