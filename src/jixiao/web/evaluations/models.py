"""Stored forms: an ``EvaluationForm`` is a form's identity (project × unit × year) and its
workflow status; its content lives in immutable ``FormVersion``s (columns for lists; the
model's JSON in its ``VersionContent``) with their ``FindingRecord``s. Nothing is updated in
place or deleted: an import or an edit is a new version; ``EvaluationForm.current`` points at
the latest. Workflow steps are immutable ``WorkflowEvent``s; reviewers' ``CellComment``s are
pinned to a cell (an indicator by its stable id, so they follow it across versions).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from jixiao.web.accounts.models import Department, Unit, org_key

MONEY = {"max_digits": 24, "decimal_places": 6, "null": True, "blank": True}


class Immutable(models.Model):
    """A row written once: saving it again or deleting it raises."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError(f"{type(self).__name__} 不可修改（只能新增版本）")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{type(self).__name__} 不可删除")


class ImportBatch(models.Model):
    """One confirmed import: who, when, what."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    files = models.PositiveIntegerField(default=0)
    forms = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入记录"


class Status:
    """Workflow states (plain strings, stored as such)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    PUBLISHED = "published"
    CHOICES = (
        (DRAFT, "草稿"),
        (SUBMITTED, "已提交"),
        (RETURNED, "已退回"),
        (APPROVED, "已审核"),
        (PUBLISHED, "已公开"),
    )


class Origin:
    """Where a version came from."""

    CHOICES = (("import", "导入"), ("create", "新建"), ("edit", "编辑"), ("api", "接口"))


class EvaluationForm(models.Model):
    """A form's identity and workflow status; its content is in ``versions``."""

    project = models.CharField("项目名称", max_length=300, db_index=True)
    project_key = models.CharField(max_length=300, editable=False)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="forms", verbose_name="实施单位"
    )
    year = models.IntegerField("年度", null=True, blank=True)
    current = models.ForeignKey(
        "FormVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "状态", max_length=20, choices=Status.CHOICES, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "自评表"
        constraints = [
            models.UniqueConstraint(
                fields=["project_key", "unit", "year"], name="one_form_per_project_unit_year"
            )
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.project_key = org_key(self.project)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.project}（{self.year or '年度不详'}）"


class FormVersion(Immutable):
    """One version of a form, never changed: the open-data JSON with the recomputed numbers
    and findings in ``data``, and the columns the list pages sort and filter on."""

    form = models.ForeignKey(EvaluationForm, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    project = models.CharField(max_length=300)
    year = models.IntegerField(null=True, blank=True, db_index=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    budget = models.DecimalField("全年预算数", **MONEY)
    spent = models.DecimalField("全年执行数", **MONEY)
    rate = models.DecimalField("执行率（重算）", **MONEY)
    stated_total = models.DecimalField("填报总分", **MONEY)
    stated_total_text = models.CharField("填报总分（原文）", max_length=40, blank=True)
    recomputed_total = models.DecimalField("重算总分", **MONEY)
    stated_grade = models.CharField("填报等级", max_length=10, blank=True)
    recomputed_grade = models.CharField("重算等级", max_length=10, blank=True, db_index=True)
    n_error = models.PositiveIntegerField(default=0)
    n_warning = models.PositiveIntegerField(default=0)
    n_info = models.PositiveIntegerField(default=0)
    source_file = models.CharField(max_length=500, blank=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT)
    origin = models.CharField("来源", max_length=10, choices=Origin.CHOICES, default="import")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)

    @property
    def recomputed_total_text(self) -> str:
        """The recomputed total as shown (the profile's places: two decimals)."""
        return "" if self.recomputed_total is None else f"{self.recomputed_total:.2f}"

    class Meta:
        verbose_name = verbose_name_plural = "自评表版本"
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="one_number_per_version")
        ]
        ordering = ["form", "-number"]


class VersionContent(Immutable):
    """The version's full content (the form's JSON, the recomputed numbers, the findings),
    kept apart so that list queries read narrow rows."""

    version = models.OneToOneField(
        FormVersion, on_delete=models.PROTECT, primary_key=True, related_name="content"
    )
    data = models.JSONField()

    class Meta:
        verbose_name = verbose_name_plural = "自评表内容"


class FindingRecord(Immutable):
    """A finding of a version, as the checker reported it."""

    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="findings")
    code = models.CharField(max_length=10, db_index=True)
    severity = models.CharField(max_length=10)
    message = models.TextField()
    suggestion = models.TextField(blank=True)
    block = models.CharField(max_length=20, blank=True)
    row = models.CharField(max_length=40, blank=True)
    column = models.CharField(max_length=40, blank=True)
    line = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审核发现"
        ordering = ["id"]

    @property
    def severity_label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}.get(
            self.severity, self.severity
        )

    @property
    def cell(self) -> str:
        """The key of the cell this finding marks on the form page."""
        return f"{self.block}:{self.row}:{self.column}"


class WorkflowEvent(Immutable):
    """One workflow step: who moved the form from which status to which, with what comment
    (and, on approval, the reviewer's deduction)."""

    form = models.ForeignKey(EvaluationForm, on_delete=models.PROTECT, related_name="events")
    version = models.ForeignKey(FormVersion, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20)
    before = models.CharField(max_length=20, choices=Status.CHOICES, blank=True)
    after = models.CharField(max_length=20, choices=Status.CHOICES)
    comment = models.TextField(blank=True)
    deduction = models.DecimalField("审核扣分", **MONEY)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "流转记录"
        ordering = ["id"]


class CellComment(Immutable):
    """A reviewer's comment pinned to one cell. ``cell`` is ``block:row:column`` with an
    indicator's stable id as its row, so the comment follows the indicator across versions."""

    form = models.ForeignKey(EvaluationForm, on_delete=models.PROTECT, related_name="comments")
    event = models.ForeignKey(
        WorkflowEvent, null=True, on_delete=models.PROTECT, related_name="comments"
    )
    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="+")
    cell = models.CharField(max_length=80)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "单元格批注"
        ordering = ["id"]
