"""The official table's Chinese labels of each block, row and column: the one place the
writers, the web pages and the version diff name a cell by."""

from __future__ import annotations

from jixiao.model.form import FUND_COLUMNS

FUND_LABELS = {
    "total": "年度资金总额",
    "appropriation": "其中：当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
FUND_HEADERS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分")
FUND_COLUMN_NAMES = dict(zip(FUND_COLUMNS, FUND_HEADERS, strict=True))
HEADER_NAMES = {
    "title": "标题",
    "project": "项目名称",
    "department": "主管部门",
    "unit": "实施单位",
    "year": "年度",
}
GOAL_NAMES = {"expected": "预期目标", "achieved": "实际完成情况"}
FOOTER_NAMES = {"total": "总分", "grade": "评分等级"}
INDICATOR_NAMES = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "weight": "分值",
    "score": "得分",
    "deviation": "偏差原因分析及改进措施",
}
