"""JX6xx: checks across the forms of a batch or a department."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.findings import Finding, finding
from jixiao.model import Form
from jixiao.profiles import Profile


def _grade(form: Form, profile: Profile) -> str | None:
    if form.grade:
        return form.grade
    return profile.grade(form.total) if form.total is not None else None


def jx601(forms: Sequence[Form], profile: Profile) -> list[Finding]:
    grades = [_grade(f, profile) for f in forms]
    best = profile.grades[0][0]
    if len(forms) >= 2 and all(g == best for g in grades):
        return [finding("JX601", f"本批{len(forms)}张自评表全部评为“{best}”，自评区分度不足")]
    return []


def _table(form: Form) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (i.level1, i.level2, i.name, i.target, i.actual, str(i.weight), str(i.score))
        for i in form.indicators
    )


def jx602(forms: Sequence[Form], profile: Profile) -> list[Finding]:
    seen: dict[tuple[tuple[str, ...], ...], Form] = {}
    out: list[Finding] = []
    for form in forms:
        table = _table(form)
        if not table:
            continue
        other = seen.get(table)
        if other is not None and other.project != form.project:
            out.append(
                finding(
                    "JX602",
                    f"项目“{form.project}”与“{other.project}”的指标表完全相同",
                    form.source,
                    block="indicators",
                    suggestion="按项目实际设置指标",
                )
            )
        seen.setdefault(table, form)
    return out


BATCH_CHECKS = {"JX601": jx601, "JX602": jx602}
