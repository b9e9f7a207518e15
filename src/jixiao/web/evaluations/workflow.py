"""The approval workflow: 草稿 → 已提交 → 已退回 → 已提交 … → 已审核 → 已公开.

Each step is one ``do_*`` function: in one transaction it locks the form, checks that the
user's role may take the step (``permissions.may``) and that the form is in a status the
step starts from (``STEPS``), records a ``WorkflowEvent`` and moves the form on. A refusal
raises ``Refused`` (or a subclass) with a Chinese message and the HTTP status the API
answers with; nothing is written then.

Cells are named outside as ``block:row:column`` with an indicator's position as its row
(as findings name them); inside, a comment keeps the indicator's stable id (``pin``/``place``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from jixiao.diff import cells, indicator_label
from jixiao.model.labels import INDICATOR_NAMES
from jixiao.web.evaluations import permissions
from jixiao.web.evaluations.models import CellComment, EvaluationForm, Status, WorkflowEvent


class Refused(Exception):
    """The user may not do this (HTTP 403)."""

    status = 403


class WrongState(Refused):
    """The form is not in a status this step starts from, or has moved on (HTTP 409)."""

    status = 409


class Invalid(Refused):
    """What was sent cannot be accepted as it is (HTTP 400)."""

    status = 400


@dataclass(frozen=True, slots=True)
class Step:
    action: str
    label: str
    before: tuple[str, ...]
    after: str


STEPS = {
    s.action: s
    for s in (
        Step("submit", "提交", (Status.DRAFT, Status.RETURNED), Status.SUBMITTED),
        Step("return", "退回", (Status.SUBMITTED,), Status.RETURNED),
        Step("approve", "审核通过", (Status.SUBMITTED,), Status.APPROVED),
        Step("publish", "公开", (Status.APPROVED,), Status.PUBLISHED),
    )
}
EDITABLE = (Status.DRAFT, Status.RETURNED)


def available(user: Any, form: EvaluationForm, seen: bool = False) -> list[Step]:
    """The steps this user may take on this form now (``seen``: as ``permissions.may``)."""
    return [
        s
        for s in STEPS.values()
        if form.status in s.before and permissions.may(user, s.action, form, seen)
    ]


def may_edit(user: Any, form: EvaluationForm, seen: bool = False) -> bool:
    return form.status in EDITABLE and permissions.may(user, "edit", form, seen)


def check_edit(user: Any, form: EvaluationForm, seen: bool = False) -> None:
    """Raise unless this user may save a new version of this form now (``seen``: the form
    was fetched through ``permissions.visible_forms``)."""
    if not permissions.may(user, "edit", form, seen):
        raise Refused("你的角色不能修改该自评表")
    if form.status not in EDITABLE:
        raise WrongState(f"该表{form.get_status_display()}，不能修改")


def lock(form: EvaluationForm) -> EvaluationForm:
    """The form re-read under a row lock (inside a transaction). The lock is taken first
    and the form read by a second statement: on PostgreSQL a statement that waited for
    the lock would still see the world from before the other save (its new version
    invisible), the next one sees it."""
    list(EvaluationForm.objects.select_for_update().filter(pk=form.pk).values_list("pk"))
    return EvaluationForm.objects.select_related("current", "unit__department").get(pk=form.pk)


def _start(user: Any, form: EvaluationForm, action: str) -> EvaluationForm:
    step = STEPS[action]
    form = lock(form)
    if not permissions.may(user, action, form):
        raise Refused(f"你的角色不能{step.label}该自评表")
    if form.status not in step.before:
        raise WrongState(f"该表{form.get_status_display()}，不能{step.label}")
    return form


def _move(
    user: Any, form: EvaluationForm, action: str, comment: str, deduction: Decimal | None = None
) -> WorkflowEvent:
    event = WorkflowEvent.objects.create(
        form=form,
        version=form.current,
        action=action,
        before=form.status,
        after=STEPS[action].after,
        comment=comment.strip(),
        deduction=deduction,
        actor=user if getattr(user, "is_authenticated", False) else None,
    )
    form.status = STEPS[action].after
    form.save(update_fields=["status"])
    return event


@transaction.atomic
def do_submit(user: Any, form: EvaluationForm, reason: str = "") -> WorkflowEvent:
    """草稿/已退回 → 已提交. Error findings block it unless the filler writes why."""
    form = _start(user, form, "submit")
    errors = form.current.n_error if form.current else 0
    if errors and not reason.strip():
        raise Invalid(f"该表有 {errors} 个错误，请修改后再提交，或写明不修改的理由")
    return _move(user, form, "submit", reason)


@transaction.atomic
def do_return(
    user: Any, form: EvaluationForm, comment: str, pinned: Sequence[tuple[str, str]] = ()
) -> WorkflowEvent:
    """已提交 → 已退回, with a comment and comments pinned to cells ((cell, text) pairs)."""
    form = _start(user, form, "return")
    pinned = [(cell.strip(), text.strip()) for cell, text in pinned if text.strip()]
    if not comment.strip() and not pinned:
        raise Invalid("退回时请写明意见")
    assert form.current is not None
    data = form.current.content.data
    keys = [pin(data, cell) for cell, _ in pinned]
    event = _move(user, form, "return", comment)
    CellComment.objects.bulk_create(
        CellComment(
            form=form, event=event, version=form.current, cell=key, text=text, author=event.actor
        )
        for key, (_, text) in zip(keys, pinned, strict=True)
    )
    return event


def parse_deduction(text: Any) -> Decimal | None:
    """A reviewer's deduction as typed ("", "2", "2.5"); ``Invalid`` when it is not a number."""
    if text is None or str(text).strip() == "":
        return None
    try:
        d = Decimal(str(text).strip())
    except InvalidOperation as exc:
        raise Invalid(f"扣分“{text}”不是数字") from exc
    if not d.is_finite() or d < 0:
        raise Invalid(f"扣分“{text}”应为不小于 0 的数")
    return d


@transaction.atomic
def do_approve(
    user: Any, form: EvaluationForm, comment: str = "", deduction: Decimal | None = None
) -> WorkflowEvent:
    """已提交 → 已审核, optionally with a deduction, which needs a reason."""
    form = _start(user, form, "approve")
    if deduction:
        total = form.current.recomputed_total if form.current else None
        if total is not None and deduction > total:
            raise Invalid(f"扣分 {deduction} 超过重算总分 {total}")
        if not comment.strip():
            raise Invalid("审核扣分须写明理由")
    return _move(user, form, "approve", comment, deduction or None)


@transaction.atomic
def do_publish(user: Any, form: EvaluationForm, comment: str = "") -> WorkflowEvent:
    """已审核 → 已公开."""
    return _move(user, _start(user, form, "publish"), "publish", comment)


def approval(form: EvaluationForm) -> dict[str, Any] | None:
    """The approved score of an approved or published form: the recomputed total of the
    approved version, the reviewer's deduction and reason, and what is left."""
    if form.status not in (Status.APPROVED, Status.PUBLISHED):
        return None
    event = form.events.filter(action="approve").select_related("version", "actor").last()
    if event is None or event.version is None:
        return None
    total = event.version.recomputed_total
    deduction = event.deduction or Decimal(0)
    return {
        "total": total,
        "deduction": event.deduction,
        "reason": event.comment,
        "final": None if total is None else total - deduction,
        "by": event.actor,
        "at": event.at,
    }


# ---------------------------------------------------------------------------------------
# Cell keys: position outside, stable id inside.


def pin(data: dict[str, Any], cell: str) -> str:
    """The stored key of a cell named ``block:row:column`` on a version's data."""
    block, _, rest = cell.partition(":")
    row, _, column = rest.partition(":")
    if block == "indicators":
        ids = data.get("ids") or []
        if not row.isdigit() or not 1 <= int(row) <= len(ids) or column not in INDICATOR_NAMES:
            raise Invalid(f"没有单元格 {cell}")
        return f"indicators:{ids[int(row) - 1]}:{column}"
    if cell not in cells(data["form"]):
        raise Invalid(f"没有单元格 {cell}")
    return cell


def place(data: dict[str, Any], key: str) -> str | None:
    """A stored key as ``block:row:column`` on this version (``None``: indicator removed)."""
    block, _, rest = key.partition(":")
    if block != "indicators":
        return key
    uid, _, column = rest.partition(":")
    ids = data.get("ids") or []
    return f"indicators:{ids.index(uid) + 1}:{column}" if uid in ids else None


def cell_choices(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every cell of a version as (``block:row:column``, its Chinese name), table order."""
    out = [(key, label) for key, (label, _) in cells(data["form"]).items()]
    for pos, ind in enumerate(data["form"]["indicators"], 1):
        out += [
            (f"indicators:{pos}:{col}", f"{indicator_label(ind, pos)}·{name}")
            for col, name in INDICATOR_NAMES.items()
        ]
    return out


def do_step(
    user: Any,
    form: EvaluationForm,
    action: str,
    comment: str = "",
    deduction: Any = None,
    pinned: Sequence[tuple[str, str]] = (),
) -> WorkflowEvent:
    """Take the step ``action`` with what a page or the API sent (one entry for both)."""
    if action == "submit":
        return do_submit(user, form, comment)
    if action == "return":
        return do_return(user, form, comment, pinned)
    if action == "approve":
        return do_approve(user, form, comment, parse_deduction(deduction))
    if action == "publish":
        return do_publish(user, form, comment)
    raise Invalid(f"未知操作 {action}")


# Each role's to-do list: (key, title, the status waiting, the action that takes it on).
TODO = (
    ("fill", "待填报", Status.DRAFT, "edit"),
    ("fix", "待修改（已退回）", Status.RETURNED, "edit"),
    ("review", "待审核", Status.SUBMITTED, "approve"),
    ("publish", "待公开", Status.APPROVED, "publish"),
)


def todo(user: Any) -> list[dict[str, Any]]:
    """The to-do lists this user's role has, with their counts and first forms."""
    role = permissions.role(user)
    out = []
    for key, title, status, action in TODO:
        if role not in permissions.ACTIONS[action]:
            continue
        qs = permissions.visible_forms(user).filter(status=status, current__isnull=False)
        qs = qs.select_related("current", "unit").order_by("unit__name", "project")
        out.append({"key": key, "title": title, "count": qs.count(), "forms": qs[:100]})
    return out
