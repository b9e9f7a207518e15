"""Who may see and do what, as queryset filters: the one place that knows the roles.

填报人 (filler) sees its unit's forms; 审核人 (reviewer) its department's units; 财政 (bureau)
and 管理员 (admin) all. Anyone else sees nothing. Views never filter by role themselves.
``ACTIONS`` says which roles may do what to a form they can see: fillers create, edit and
submit; reviewers return and approve; the bureau publishes; the admin may do all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jixiao.web.accounts.models import Membership, Role, Unit, org_key
from jixiao.web.evaluations.models import EvaluationForm

EVERYTHING = (Role.BUREAU, Role.ADMIN)
ACTIONS = {
    "edit": (Role.FILLER, Role.ADMIN),
    "submit": (Role.FILLER, Role.ADMIN),
    "return": (Role.REVIEWER, Role.ADMIN),
    "approve": (Role.REVIEWER, Role.ADMIN),
    "publish": (Role.BUREAU, Role.ADMIN),
}


def membership(user: Any) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        m: Membership = user.membership
    except Membership.DoesNotExist:
        return None
    return m


def role(user: Any) -> str | None:
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    m = membership(user)
    return str(m.role) if m else None


def _scope(user: Any, unit_field: str) -> Q | None:
    """The filter on a unit field for this user: ``Q()`` for all, ``None`` for nothing."""
    r = role(user)
    m = membership(user)
    if r in EVERYTHING:
        return Q()
    if r == Role.REVIEWER and m and m.department_id:
        return Q(**{f"{unit_field}__department_id": m.department_id})
    if r == Role.FILLER and m and m.unit_id:
        return Q(**{f"{unit_field}_id": m.unit_id})
    return None


def visible_forms(user: Any) -> QuerySet[EvaluationForm]:
    """The forms this user may see."""
    scope = _scope(user, "unit")
    if scope is None:
        return EvaluationForm.objects.none()
    return EvaluationForm.objects.filter(scope)


def may_import(user: Any, department: str, unit: str) -> bool:
    """Whether this user may store a form of this department and unit."""
    r = role(user)
    m = membership(user)
    if r in EVERYTHING:
        return True
    if r == Role.REVIEWER and m and m.department:
        return org_key(department) == m.department.key
    if r == Role.FILLER and m and m.unit:
        return org_key(unit) == m.unit.key
    return False


def may_upload(user: Any) -> bool:
    return role(user) is not None


def may(user: Any, action: str, form: EvaluationForm, seen: bool = False) -> bool:
    """Whether this user's role may do ``action`` to this form, which it must see
    (``seen``: the caller fetched it through ``visible_forms``)."""
    if role(user) not in ACTIONS[action]:
        return False
    return seen or visible_forms(user).filter(pk=form.pk).exists()


def creatable_units(user: Any) -> QuerySet[Unit]:
    """The units this user may create forms for: a filler its own, the admin any."""
    r = role(user)
    m = membership(user)
    if r == Role.ADMIN:
        return Unit.objects.select_related("department")
    if r == Role.FILLER and m and m.unit_id:
        return Unit.objects.filter(pk=m.unit_id).select_related("department")
    return Unit.objects.none()
