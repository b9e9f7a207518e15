"""Organisations and roles: finance bureau → 主管部门 (department) → 实施单位 (unit).

A user's ``Membership`` says its role (填报人, 审核人, 财政, 管理员) and where it belongs.
Organisations are matched by a normalised name (``org_key``): the sample writes the same
department as ``上海市闵行区浦江镇人民政府`` and ``上海市闵行区浦江镇人民政府(汇总)``.
"""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.db import models

_SUMMARY_MARK = re.compile(r"[(（]汇总[)）]$")


def org_key(name: str) -> str:
    """The matching key of an organisation name: NFKC, no spaces, no trailing (汇总)."""
    text = "".join(unicodedata.normalize("NFKC", name).split())
    return _SUMMARY_MARK.sub("", text)


class Organisation(models.Model):
    """A named organisation, matched by the normalised ``key`` of its name."""

    name = models.CharField("名称", max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def save(self, *args: object, **kwargs: object) -> None:
        self.key = org_key(self.name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.name


class Department(Organisation):
    """主管部门: the department that supervises units."""

    class Meta(Organisation.Meta):
        verbose_name = verbose_name_plural = "主管部门"


class Unit(Organisation):
    """实施单位: the unit that spends the money and fills the forms."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="units", verbose_name="主管部门"
    )

    class Meta(Organisation.Meta):
        verbose_name = verbose_name_plural = "实施单位"


class Role:
    """The four roles (plain strings, stored as such)."""

    FILLER = "filler"
    REVIEWER = "reviewer"
    BUREAU = "bureau"
    ADMIN = "admin"
    CHOICES = ((FILLER, "填报人"), (REVIEWER, "审核人"), (BUREAU, "财政"), (ADMIN, "管理员"))


class Membership(models.Model):
    """A user's role and where it belongs: a filler to a unit, a reviewer to a department."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField("角色", max_length=20, choices=Role.CHOICES)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, verbose_name="实施单位"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, verbose_name="主管部门"
    )

    class Meta:
        verbose_name = verbose_name_plural = "角色"

    def __str__(self) -> str:
        place = self.unit or self.department or "全部"
        return f"{self.user} · {self.get_role_display()} · {place}"
