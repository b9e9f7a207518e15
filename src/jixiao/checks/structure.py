"""JX1xx: the form's structure — header fields, goal texts, the indicator tree, footer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from jixiao.checks.base import Ctx
from jixiao.findings import Finding
from jixiao.model import DIMENSION_NAMES, level2_fits

_HEADER: Final = (("project", "项目名称"), ("department", "主管部门"), ("unit", "实施单位"))
_SENTENCE_END: Final = re.compile(r"[。；;！!？?\n]")
MIN_SENTENCE: Final = 8


def jx101(ctx: Ctx) -> Iterator[Finding]:
    for field, label in _HEADER:
        if not getattr(ctx.form, field):
            yield ctx.at_form("JX101", f"{label}缺失", field, "header", suggestion=f"填写{label}")
    if ctx.form.year is None:
        yield ctx.at_form(
            "JX101",
            "年度缺失：标题中没有“（XXXX年度）”",
            "year",
            "header",
            suggestion="在标题下写明年度",
        )


def jx102(ctx: Ctx) -> Iterator[Finding]:
    for field, label in (("expected", "预期目标"), ("achieved", "实际完成情况")):
        if not getattr(ctx.form.goal, field).strip():
            yield ctx.at_goal("JX102", f"{label}为空", field, suggestion=f"填写{label}")


def jx103(ctx: Ctx) -> Iterator[Finding]:
    if not ctx.rows:
        return
    present = {r.dim for r in ctx.rows}
    for dim, name in DIMENSION_NAMES.items():
        if dim not in present:
            yield ctx.at_form("JX103", f"一级指标“{name}”下没有任何指标", "project", "indicators")


def jx104(ctx: Ctx) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for i, ind in ctx.indexed():
        pair = (ind.level1, ind.level2)
        if pair in seen or level2_fits(*pair):
            continue
        seen.add(pair)
        yield ctx.at_ind(
            "JX104", f"二级指标“{ind.level2}”不属于一级指标“{ind.level1}”", i, "level2"
        )


def jx105(ctx: Ctx) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for i, ind in ctx.indexed():
        key = "".join(ind.name.split())
        if key and key in first:
            yield ctx.at_ind("JX105", f"与指标{first[key]}重复", i, "name", suggestion="合并或改名")
        first.setdefault(key, i)


def repeated_sentence(text: str) -> str | None:
    """A sentence of at least MIN_SENTENCE characters that occurs twice in the text."""
    if len(text) <= 2 * MIN_SENTENCE:  # too short to hold one twice, and a separator
        return None
    seen: set[str] = set()
    for part in _SENTENCE_END.split(text):
        s = part.strip(" ，,、")
        if len(s) < MIN_SENTENCE:
            continue
        if s in seen:
            return s
        seen.add(s)
    return None


def jx106(ctx: Ctx) -> Iterator[Finding]:
    for field, label in (("expected", "预期目标"), ("achieved", "实际完成情况")):
        s = repeated_sentence(getattr(ctx.form.goal, field))
        if s:
            short = s if len(s) <= 30 else s[:29] + "…"
            yield ctx.at_goal(
                "JX106", f"{label}中句子重复出现：“{short}”", field, suggestion="删去重复的句子"
            )
    for i, ind in ctx.indexed():
        s = repeated_sentence(ind.deviation)
        if s:
            yield ctx.at_ind("JX106", f"偏差原因中句子重复出现：“{s[:30]}”", i, "deviation")


def jx107(ctx: Ctx) -> Iterator[Finding]:
    if ctx.form.total is None:
        yield ctx.at_form(
            "JX107",
            f"没有填报总分（重算为{ctx.d(ctx.sheet.total)}）",
            "total",
            "footer",
            suggestion=f"填写总分{ctx.d(ctx.sheet.total)}",
        )
    if ctx.form.grade == "":
        yield ctx.at_form(
            "JX107",
            f"评分等级一栏为空（按总分应为{ctx.sheet.grade}）",
            "grade",
            "footer",
            suggestion=f"填写“{ctx.sheet.grade}”",
        )


CHECKS: Final = {
    "JX101": jx101,
    "JX102": jx102,
    "JX103": jx103,
    "JX104": jx104,
    "JX105": jx105,
    "JX106": jx106,
    "JX107": jx107,
}
