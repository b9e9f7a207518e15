"""The annual overall goal (年度总体目标): its 预期目标 | 实际完成情况 header and the two
texts under it (or on the label's own row)."""

from __future__ import annotations

from typing import Final

from jixiao.extract.builder import Builder, Keys, has_any, needles
from jixiao.extract.labels import GOAL_PREFIXES, clean


def is_goal_header(b: Builder, keys: Keys) -> bool:
    return has_any(keys, _GOAL)


_GOAL: Final = needles(*GOAL_PREFIXES)


def goal_header(b: Builder, r: int, keys: Keys) -> None:
    b.block = "goal"
    exp = next((c for c, k in enumerate(keys.cells) if k.startswith("预期目标")), None)
    act = next((c for c, k in enumerate(keys.cells) if k.startswith("实际完成")), None)
    if exp is not None and act is not None:
        b.goal_cols = (exp, act)
        return
    # 年度总体目标 | text [| text]: the goal written on the label's own row.
    texts = [
        c for c, k in enumerate(keys.cells) if k and not k.startswith(("年度总体目标", "总体目标"))
    ]
    if texts:
        goal_text(b, r, keys)


def goal_text(b: Builder, r: int, keys: Keys) -> None:
    row = b.grid.rows[r]
    filled = [
        c for c, k in enumerate(keys.cells) if k and not k.startswith(("年度总体目标", "总体目标"))
    ]
    if len(filled) == 2 or b.goal_cols is None:
        parts = [[filled[0]], filled[1:]] if filled else [[], []]
    else:
        split = b.goal_cols[1]
        parts = [[c for c in filled if c < split], [c for c in filled if c >= split]]
    for i, (name, cols) in enumerate(zip(("expected", "achieved"), parts, strict=True)):
        for c in cols:
            b.goal_texts[i].append(clean(row[c]))
            b.goal_sources.setdefault(name, b.grid.source(r, c))
