"""Forms made to exercise every branch of the exported formulas that the sample does not
reach: reverse indicators (linear and ratio), a zero target, fractions that do not end,
overspending, an amount in 元 in another column, a missing execution weight, a partial band."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.checks.forms import mutate, write

# Indicator rows of the base form: 0 培训场次 (30), 1 培训合格率 (20), 2 就业率 (30), 3 满意度 (10).
CASES: tuple[dict[str, Any], ...] = (
    # Reverse, between A and 2A: 30 × (1 − (7 − 5) / 5) = 18; ratio variant: 30 × 5 / 7.
    {"project": "反向指标未达标", "ind": {(0, 3): "≤5(%)", (0, 4): "7(%)", (0, 6): "18.00"}},
    # Reverse beyond 2A: 0 (ratio: 30 × 5 / 12); reverse met: full marks.
    {
        "project": "反向指标超出两倍",
        "ind": {(0, 3): "≤5(次)", (0, 4): "12(次)", (1, 3): "≤5(次)", (1, 4): "3(次)"},
    },
    # A zero target with "=": full only when B ≤ 0; a fraction that never ends: 20 × 2 / 3.
    {
        "project": "零指标与循环小数",
        "ind": {(0, 3): "=0(起)", (0, 4): "2(起)", (1, 3): "≥3(次)", (1, 4): "2(次)"},
    },
    # Spent more than the budget (rate 120%, score capped at the weight); 百分之八十五 against
    # ≥90(%): 10 × 85 / 90.
    {
        "project": "超支与中文百分数",
        "fund": {(0, 2): "120.00", (1, 2): "120.00"},
        "ind": {(3, 4): "百分之八十五"},
    },
    # 全年预算数 entered in 元 (1000000 against an initial 100): corrected to 100 万元.
    {"project": "预算数按元填报", "fund": {(0, 1): "1000000.00"}},
    # No execution weight (a dash): the profile's 10 is used; a partial band above its range.
    {
        "project": "缺执行分值与部分达成",
        "fund": {(0, 3): "—"},
        "ind": {(2, 3): "提升", (2, 4): "部分达成年度指标并具有一定效果", (2, 6): "25.00"},
    },
    # A budget of 0 with money spent: no rate, no execution score (dashes).
    {"project": "预算为零", "fund": {(0, 0): "0.00", (0, 1): "0.00", (1, 1): "0.00"}},
)

RATIO_PROFILE = 'name = "reverse-ratio"\nbase = "mof-2020"\n\n[quantitative]\nreverse = "ratio"\n'


def write_cases(folder: Path) -> Path:
    specs = [mutate(**case) for case in CASES]
    return write(folder, *specs, name="synthetic.txt")


def ratio_profile(folder: Path) -> Path:
    path = folder / "reverse-ratio.toml"
    path.write_text(RATIO_PROFILE, encoding="utf-8")
    return path
