"""Filling in forms in the web app: creating one (blank, or from last year's form of the same
project), evaluating what the editor holds, and saving it as a new version without losing
anybody's update.

A save names the version it was edited from; when another save came first, ``Conflict``
says so with what changed meanwhile, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao import pipeline
from jixiao.diff import Change, diff_versions
from jixiao.model import FUND_COLUMNS, FUND_ROWS, LEVEL1
from jixiao.openjson import FormJSONError
from jixiao.web.accounts.models import Unit, org_key
from jixiao.web.evaluations import permissions, services, workflow
from jixiao.web.evaluations.models import EvaluationForm, FormVersion, WorkflowEvent
from jixiao.web.evaluations.workflow import Invalid, Refused, WrongState

# The rows a blank form starts with: one per level-1 dimension, weighted by the profile.
BLANK_ROWS = (
    (LEVEL1[0], "数量指标", "output"),
    (LEVEL1[1], "社会效益指标", "benefit"),
    (LEVEL1[2], "服务对象满意度指标", "satisfaction"),
)
# What a form copied from last year keeps of each indicator; the rest is this year's to fill.
CARRIED = ("level1", "level2", "name", "target", "weight")


class Conflict(WrongState):
    """Another save came first: ``current`` is the latest version, ``changes`` what it
    changed from the version the editor started from."""

    def __init__(self, current: FormVersion, changes: list[Change]) -> None:
        who = current.created_by.get_username() if current.created_by else "导入"
        when = timezone.localtime(current.created_at).strftime("%Y-%m-%d %H:%M:%S")
        super().__init__(
            f"保存未成功：该表已被{who}于 {when} 改为版本 {current.number}，"
            "你的修改没有覆盖它。请查看对方的修改，在最新版本上重新填写后再保存。"
        )
        self.current = current
        self.changes = changes


def _empty_row() -> dict[str, None]:
    return dict.fromkeys(FUND_COLUMNS)


def blank_form(unit: Unit, project: str, year: int | None) -> dict[str, Any]:
    """A new form's JSON: the header, empty funds and goal, one row per dimension."""
    weights = services.profile().weights
    funds: dict[str, Any] = {name: _empty_row() for name in FUND_ROWS}
    funds["total"]["weight"] = str(weights["execution"])
    return {
        "title": "项目支出绩效自评表",
        "year": year,
        "project": project,
        "department": unit.department.name,
        "unit": unit.name,
        "funds": funds,
        "goal": {"expected": None, "achieved": None},
        "indicators": [
            {"level1": l1, "level2": l2, "name": "", "weight": str(weights[dim])}
            for l1, l2, dim in BLANK_ROWS
        ],
        "total": None,
        "grade": None,
    }


def next_year_form(previous: dict[str, Any], project: str, year: int | None) -> dict[str, Any]:
    """Last year's form as the start of this year's: the indicators, their targets and
    weights, the goal and the funds' weights stay; amounts, actuals and scores are cleared."""
    funds = {name: _empty_row() for name in FUND_ROWS}
    funds["total"]["weight"] = (previous["funds"].get("total") or {}).get("weight")
    return {
        **previous,
        "year": year,
        "project": project,
        "funds": funds,
        "goal": {"expected": previous["goal"].get("expected"), "achieved": None},
        "indicators": [{k: ind.get(k) for k in CARRIED} for ind in previous["indicators"]],
        "total": None,
        "grade": None,
        "source": None,
    }


def evaluate(form_json: dict[str, Any], name: str = "网页填报") -> pipeline.Result:
    """Score and check a form's JSON with the core engine. ``Invalid`` names a bad field."""
    try:
        return services.evaluate_json(form_json, name)
    except FormJSONError as exc:
        raise Invalid(str(exc)) from exc


@transaction.atomic
def do_create(
    user: Any, unit: Unit, project: str, year: int | None, start: EvaluationForm | None = None
) -> EvaluationForm:
    """A new form (status 草稿) of ``unit``: blank, or copied from ``start`` (a form of an
    earlier year this user can see)."""
    project = project.strip()
    if not project:
        raise Invalid("请填写项目名称")
    if not permissions.creatable_units(user).filter(pk=unit.pk).exists():
        raise Refused("你不能为该单位新建自评表")
    if EvaluationForm.objects.filter(project_key=org_key(project), unit=unit, year=year).exists():
        raise WrongState(f"{unit.name} {year or ''}年度的“{project}”已经存在")
    if start is None:
        data = blank_form(unit, project, year)
    else:
        source = permissions.visible_forms(user).filter(pk=start.pk).select_related("current")
        copied = source.first()
        if copied is None or copied.current is None:
            raise Refused("不能复制该自评表")
        data = next_year_form(copied.current.content.data["form"], project, year)
    form = EvaluationForm.objects.create(project=project, unit=unit, year=year)
    form.current = services.add_version(form, evaluate(data), user, origin="create")
    WorkflowEvent.objects.create(
        form=form,
        version=form.current,
        action="create",
        after=form.status,
        comment=f"复制自“{start}”" if start else "新建",
        actor=user,
    )
    return form


def identity(form: EvaluationForm) -> dict[str, Any]:
    """The form's project, department, unit and year: its identity, not editable content."""
    return {
        "project": form.project,
        "department": form.unit.department.name,
        "unit": form.unit.name,
        "year": form.year,
    }


def _identity(form: EvaluationForm, data: dict[str, Any]) -> dict[str, Any]:
    """The JSON with the form's identity; ``Invalid`` when it names another."""
    own = identity(form)
    for key, value in own.items():
        given = data.get(key)
        same = given == value if key == "year" else org_key(str(given or "")) == org_key(value)
        if given not in (None, "") and not same:
            raise Invalid(f"{key}：不能修改（该表为“{value}”，提交的是“{given}”）")
    return {**data, **own}


@transaction.atomic
def do_save(
    user: Any,
    form: EvaluationForm,
    data: dict[str, Any],
    base: int,
    ids: Sequence[str] | None = None,
    origin: str = "edit",
) -> FormVersion:
    """Save ``data`` (the form's JSON) as the next version, if ``base`` is still the latest
    version number; ``Conflict`` otherwise. ``ids`` are the indicators' stable ids (new
    rows get new ones; ``None``: matched to the previous version by name)."""
    form = workflow.lock(form)
    workflow.check_edit(user, form)
    current = form.current
    assert current is not None
    if current.number != base:
        old = form.versions.filter(number=base).select_related("content").first()
        changes = diff_versions(old.content.data, current.content.data) if old else []
        raise Conflict(current, changes)
    data = _identity(form, data)
    result = evaluate(data)
    if ids is not None:
        ids = [uid or services.new_id() for uid in ids]
        if len(ids) != len(result.form.indicators) or len(set(ids)) != len(ids):
            raise Invalid("指标编号与指标行数不符")
    return services.add_version(form, result, user, origin=origin, ids=ids)
