"""Drawing a form in the terminal in the layout of the official table (Rich)."""

from __future__ import annotations

from decimal import Decimal

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from jixiao.model import Form
from jixiao.model.labels import FUND_HEADERS, FUND_LABELS
from jixiao.openjson import dec


def _n(value: Decimal | None) -> str:
    return dec(value) or "—"


def form_table(form: Form) -> RenderableType:
    """The form as stacked Rich tables: header, funds, goal, indicators, total and grade."""
    title = Text(form.title or "项目支出绩效自评表", style="bold", justify="center")
    year = Text(f"（{form.year}年度）" if form.year else "（年度不详）", justify="center")

    head = Table(box=box.SQUARE, show_header=False, expand=True)
    head.add_column(style="bold", width=10)
    head.add_column(ratio=3)
    head.add_column(style="bold", width=10)
    head.add_column(ratio=3)
    head.add_row("项目名称", form.project, "", "")
    head.add_row("主管部门", form.department, "实施单位", form.unit)

    funds = Table(box=box.SQUARE, expand=True, title="项目资金（万元）")
    for col in ("", *FUND_HEADERS):
        funds.add_column(col, justify="right" if col else "left")
    for name, row in form.funds.rows():
        funds.add_row(
            FUND_LABELS[name],
            _n(row.initial),
            _n(row.annual),
            _n(row.spent),
            _n(row.weight),
            _n(row.rate),
            _n(row.score),
        )

    goal = Table(box=box.SQUARE, expand=True, title="年度总体目标")
    goal.add_column("预期目标", ratio=1)
    goal.add_column("实际完成情况", ratio=1)
    goal.add_row(form.goal.expected, form.goal.achieved)

    inds = Table(box=box.SQUARE, expand=True)
    for col in ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"):
        inds.add_column(col)
    for col in ("分值", "得分"):
        inds.add_column(col, justify="right")
    inds.add_column("偏差原因分析及改进措施")
    previous = ("", "")
    for ind in form.indicators:
        level1 = ind.level1 if ind.level1 != previous[0] else ""
        level2 = ind.level2 if (ind.level1, ind.level2) != previous else ""
        previous = (ind.level1, ind.level2)
        inds.add_row(
            level1,
            level2,
            ind.name,
            ind.target,
            ind.actual,
            _n(ind.weight),
            _n(ind.score),
            ind.deviation,
        )
    weights = [i.weight for i in form.indicators if i.weight is not None]
    total_weight = sum(weights, Decimal(0)) + (form.funds.total.weight or Decimal(0))
    inds.add_row("总分", "", "", "", "", _n(total_weight), _n(form.total), "", style="bold")
    parts: list[RenderableType] = [title, year, head, funds, goal, inds]
    if form.grade is not None:
        parts.append(Text(f"评分等级：{form.grade}", style="bold"))
    parts.append(Text(f"来源：{form.source}", style="dim"))
    return Group(*parts)
