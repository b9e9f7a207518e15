"""The single table of check codes: code, default severity, one-line title (RULES.md §4).

Codes are never reused. Severity here is the default; a profile may override it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def label(self) -> str:
        return _LABEL[self]


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}
_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    title: str


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

CODES: dict[str, Code] = {
    c.code: c
    for c in (
        Code("JX001", E, "文件无法读取或格式不受支持"),
        Code("JX002", E, "文件中未找到自评表"),
        Code("JX003", W, "行或单元格无法识别，已跳过"),
        Code("JX004", I, "文本按旧编码（GB18030、UTF-16）解码"),
        Code("JX101", E, "项目名称、主管部门、实施单位或年度缺失"),
        Code("JX102", W, "预期目标或实际完成情况为空"),
        Code("JX103", W, "一级指标（产出/效益/满意度）下没有指标"),
        Code("JX104", W, "二级指标不属于其一级指标"),
        Code("JX105", W, "同一三级指标出现两次"),
        Code("JX106", I, "文字栏内句子重复（疑似复制粘贴）"),
        Code("JX107", I, "缺少总分，或版式有评分等级却未填写"),
        Code("JX201", E, "资金总额不等于三项分项之和"),
        Code("JX202", E, "填报执行率与重算不符"),
        Code("JX203", E, "填报执行得分与重算不符"),
        Code("JX204", W, "执行数超过全年预算数（执行率超过100%）"),
        Code("JX205", E, "金额疑似以元填报（约为应有数的1万倍）"),
        Code("JX206", E, "全年预算数为0或为空，但有支出或分项"),
        Code("JX207", W, "执行率分值与规则不符"),
        Code("JX301", E, "年度指标值缺失或无法识别"),
        Code("JX302", E, "实际完成值缺失或无法识别"),
        Code("JX303", W, "实际完成值单位与指标值单位不一致"),
        Code("JX304", W, "单位与指标名称矛盾"),
        Code("JX305", W, "百分比指标值超过100，或满意度指标值为=或≥100%"),
        Code("JX306", I, "指标值不可衡量"),
        Code("JX307", W, "成本指标缺少≤/<或货币单位"),
        Code("JX308", W, "定性实际完成值不是规定的达成等级表述"),
        Code("JX401", E, "得分超过分值或为负"),
        Code("JX402", E, "定量指标得分与公式不符"),
        Code("JX403", E, "定性指标得分不在其等级区间内"),
        Code("JX404", E, "分值合计不等于100"),
        Code("JX405", I, "一级指标分值与规则的分配不同"),
        Code("JX406", W, "指标分值为0"),
        Code("JX407", E, "填报总分不等于各项得分之和"),
        Code("JX408", E, "填报等级与填报总分对应的等级不符"),
        Code("JX409", W, "重算总分或等级与填报不同"),
        Code("JX410", W, "实际值达到指标值130%以上仍得满分且未说明"),
        Code("JX501", W, "得分低于分值但偏差原因为空"),
        Code("JX502", W, "执行率偏低且全表无原因说明"),
        Code("JX503", W, "自评分虚高：指标完成度明显高于预算执行率"),
        Code("JX504", I, "预算结余超过20%"),
        Code("JX505", W, "文字承认产出未完成，但指标全部满分"),
        Code("JX506", I, "所有定量指标实际值与指标值完全相等"),
        Code("JX507", W, "偏差原因为占位符"),
        Code("JX601", I, "本批自评表全部评为优"),
        Code("JX602", I, "两个项目的指标表完全相同"),
        Code("JX901", E, "处理该表时出现内部错误"),
    )
}
