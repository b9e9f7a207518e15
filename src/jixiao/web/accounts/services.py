"""Account changes, each one ``do_*`` function: adding a user with its role and place."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.web.accounts.models import Department, Membership, Role, Unit, org_key


class AccountError(ValueError):
    """A user that cannot be added as asked; the message says why, in Chinese."""


def _department(name: str | None) -> Department | None:
    if not name:
        return None
    dept, _ = Department.objects.get_or_create(key=org_key(name), defaults={"name": name})
    return dept


def _unit(name: str, department: Department | None) -> Unit:
    found = Unit.objects.filter(key=org_key(name)).first()
    if found:
        return found
    if department is None:
        raise AccountError(f"实施单位“{name}”尚不存在：请同时用 --department 指明其主管部门")
    return Unit.objects.create(name=name, department=department)


@transaction.atomic
def do_add_user(
    name: str, role: str, password: str, *, unit: str | None = None, department: str | None = None
) -> Any:
    """Create a user with its membership. Fillers need a unit, reviewers a department."""
    User = get_user_model()
    if User.objects.filter(username=name).exists():
        raise AccountError(f"用户“{name}”已存在")
    dept = _department(department)
    place_unit = _unit(unit, dept) if unit else None
    if role == Role.FILLER and place_unit is None:
        raise AccountError("填报人需要 --unit（实施单位）")
    if role == Role.REVIEWER and dept is None:
        raise AccountError("审核人需要 --department（主管部门）")
    user = User.objects.create_user(username=name, password=password)
    if role == Role.ADMIN:
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    Membership.objects.create(
        user=user,
        role=role,
        unit=place_unit if role == Role.FILLER else None,
        department=dept if role == Role.REVIEWER else None,
    )
    return user
