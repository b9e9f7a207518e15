"""Importing and storing versions (the workflow is in ``workflow``, editing in ``editing``).

Import is two steps: ``preview_files`` reads, scores and checks uploaded files and says for
each form whether this user may store it and whether it is new or a new version;
``do_import`` stores all the allowed forms of the files in one transaction, or none.
``add_version`` is the one place a version is written, whatever it came from.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from jixiao import pipeline, report
from jixiao.extract import Extracted
from jixiao.findings import Finding
from jixiao.openjson import dec, form_from_json, form_json
from jixiao.profiles import Profile, load_profile
from jixiao.web.accounts.models import Department, Unit, org_key
from jixiao.web.evaluations import permissions
from jixiao.web.evaluations.models import (
    EvaluationForm,
    FindingRecord,
    FormVersion,
    ImportBatch,
    VersionContent,
)
from jixiao.web.evaluations.workflow import EDITABLE, WrongState, lock


def profile() -> Profile:
    """The rule profile the web app scores with (``JIXIAO_PROFILE``, default mof-2020)."""
    return load_profile(os.environ.get("JIXIAO_PROFILE", "mof-2020"))


@dataclass
class PreviewForm:
    result: pipeline.Result
    allowed: bool
    reason: str = ""
    existing: EvaluationForm | None = None

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.result.findings)

    @property
    def recomputed(self) -> str:
        sheet = self.result.sheet
        return f"{dec(sheet.shown(sheet.total))}（{sheet.grade}）" if sheet else "—"


@dataclass
class PreviewFile:
    name: str
    path: Path
    findings: tuple[Finding, ...] = ()
    forms: list[PreviewForm] = field(default_factory=list)


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.level.value] += 1
    return out


def _existing(result: pipeline.Result) -> EvaluationForm | None:
    form = result.form
    return EvaluationForm.objects.filter(
        project_key=org_key(form.project), unit__key=org_key(form.unit), year=form.year
    ).first()


def _refusal(user: Any, result: pipeline.Result, existing: EvaluationForm | None) -> str:
    """Why this form cannot be stored by this user ("" when it can)."""
    form = result.form
    missing = [
        label
        for label, value in (
            ("项目名称", form.project),
            ("主管部门", form.department),
            ("实施单位", form.unit),
        )
        if not value
    ]
    if missing:
        return f"缺少{'、'.join(missing)}，无法入库"
    if user is not None and not permissions.may_import(user, form.department, form.unit):
        return "无权导入该单位的自评表"
    if existing is not None and existing.status not in EDITABLE:
        return f"该表{existing.get_status_display()}，不能导入新版本"
    return ""


def preview_files(user: Any, files: Sequence[tuple[str, Path]]) -> list[PreviewFile]:
    """Read, score and check each (name, path), and say which forms this user may store
    and whether each is new or a new version."""
    prof = profile()
    out: list[PreviewFile] = []
    for name, path in files:
        doc = pipeline.read(path)
        pf = PreviewFile(name=name, path=path, findings=doc.findings)
        for x in doc.forms:
            result = pipeline.evaluate(x, name, prof)
            existing = _existing(result)
            reason = _refusal(user, result, existing)
            pf.forms.append(
                PreviewForm(result=result, allowed=not reason, reason=reason, existing=existing)
            )
        out.append(pf)
    return out


@transaction.atomic
def do_import(user: Any, files: Sequence[tuple[str, Path]], note: str = "") -> ImportBatch:
    """Store every allowed form of the files, as new forms or new versions, in one
    transaction: if any fails, none is stored."""
    previews = preview_files(user, files)
    batch = ImportBatch.objects.create(
        created_by=user if getattr(user, "is_authenticated", False) else None,
        files=len(previews),
        note=note[:500],
    )
    stored = 0
    units: dict[tuple[str, str], Unit] = {}
    for pf in previews:
        for p in pf.forms:
            if p.allowed:
                store(p.result, user, batch, pf.name, units)
                stored += 1
    batch.forms = stored
    batch.save(update_fields=["forms"])
    return batch


def evaluate_json(form_json: dict[str, Any], name: str) -> pipeline.Result:
    """A form's open-data JSON scored and checked by the same pipeline as an import
    (``FormJSONError`` names a bad field)."""
    form = form_from_json(form_json, file=name)
    return pipeline.evaluate(Extracted(form=form), name, profile())


def result_of(version: FormVersion) -> pipeline.Result:
    """A stored version read, scored and checked again (for exports)."""
    return evaluate_json(version.content.data["form"], version.source_file)


def _organisations(department: str, unit: str) -> Unit:
    dept, _ = Department.objects.get_or_create(
        key=org_key(department), defaults={"name": department}
    )
    u, _ = Unit.objects.get_or_create(
        key=org_key(unit), defaults={"name": unit, "department": dept}
    )
    return u


def new_id() -> str:
    """A new indicator id (stable across versions; comments are pinned to it)."""
    return secrets.token_hex(4)


def indicator_ids(previous: dict[str, Any] | None, form: dict[str, Any]) -> list[str]:
    """Ids for a new version's indicators: an indicator keeps the id of the previous
    version's indicator with the same level-1, level-2 and name; failing that, the id of
    the indicator at its position if no other took it; else it gets a new one."""
    old_ids = list((previous or {}).get("ids") or [])
    old_rows = previous["form"]["indicators"] if previous else []
    by_key: dict[tuple[str, str, str], list[str | None]] = {}
    for uid, ind in zip(old_ids, old_rows, strict=False):
        by_key.setdefault(_ind_key(ind), []).append(uid)
    ids = [(by_key.get(_ind_key(ind)) or [None]).pop(0) for ind in form["indicators"]]
    free = set(old_ids) - set(ids)
    for i, uid in enumerate(ids):
        if uid is None and i < len(old_ids) and old_ids[i] in free:
            ids[i] = old_ids[i]
            free.discard(old_ids[i])
    return [uid or new_id() for uid in ids]


def _ind_key(ind: dict[str, Any]) -> tuple[str, str, str]:
    return (ind.get("level1") or "", ind.get("level2") or "", ind.get("name") or "")


def version_data(result: pipeline.Result) -> dict[str, Any]:
    """What a version keeps: the form as stated, the numbers recomputed, the findings (its
    indicators' ids are added by ``add_version``)."""
    sheet = result.sheet
    indicators = []
    if sheet is not None:
        indicators = [
            {"method": s.method, "score": dec(sheet.shown(s.score)), "explanation": s.explanation}
            for s in sheet.indicators
        ]
    return {
        "form": form_json(result.form),
        "stated": report.stated_numbers(result),
        "recomputed": {
            **report.recomputed_numbers(result),
            "indicators": indicators,
            "explanation": sheet.explanation if sheet else "",
        },
        "findings": [f.to_json() for f in result.findings],
        "profile": sheet.profile.name if sheet else None,
    }


def store(
    result: pipeline.Result,
    user: Any,
    batch: ImportBatch | None,
    source: str,
    units: dict[tuple[str, str], Unit] | None = None,
) -> FormVersion:
    """Store one imported form as the next version of its (project, unit, year).
    ``units`` caches the organisations already met in this import."""
    form = result.form
    cache = {} if units is None else units
    key = (form.department, form.unit)
    if key not in cache:
        cache[key] = _organisations(*key)
    ev, _ = EvaluationForm.objects.get_or_create(
        project_key=org_key(form.project),
        unit=cache[key],
        year=form.year,
        defaults={"project": form.project},
    )
    ev = lock(ev)
    if ev.status not in EDITABLE:  # submitted since the preview
        raise WrongState(f"“{ev.project}”{ev.get_status_display()}，不能导入新版本")
    return add_version(ev, result, user, origin="import", batch=batch, source=source)


def add_version(
    ev: EvaluationForm,
    result: pipeline.Result,
    user: Any,
    *,
    origin: str,
    batch: ImportBatch | None = None,
    source: str = "",
    ids: Sequence[str] | None = None,
) -> FormVersion:
    """Write ``result`` as the next version of ``ev`` and make it current; the caller holds
    ``ev``'s row lock (``workflow.lock``) or has just made it. Indicators keep the previous
    version's ids unless ``ids`` are given."""
    previous = ev.current
    number = 1 + (previous.number if previous else 0)
    data = version_data(result)
    data["ids"] = (
        list(ids)
        if ids is not None
        else indicator_ids(previous.content.data if previous else None, data["form"])
    )
    form, sheet = result.form, result.sheet
    counts = _counts(result.findings)
    version = FormVersion.objects.create(
        form=ev,
        number=number,
        project=ev.project,
        year=ev.year,
        department=ev.unit.department,
        unit=ev.unit,
        budget=form.funds.total.annual,
        spent=form.funds.total.spent,
        rate=sheet.shown(sheet.rate) if sheet else None,
        stated_total=form.total,
        stated_total_text=dec(form.total) or "",
        recomputed_total=sheet.shown(sheet.total) if sheet else None,
        stated_grade=form.grade or "",
        recomputed_grade=sheet.grade if sheet else "",
        n_error=counts["error"],
        n_warning=counts["warning"],
        n_info=counts["info"],
        source_file=source[:500],
        batch=batch,
        origin=origin,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    VersionContent.objects.create(version=version, data=data)
    FindingRecord.objects.bulk_create([_record(version, f) for f in result.findings])
    ev.current = version
    ev.save(update_fields=["current"])
    return version


def _record(version: FormVersion, f: Finding) -> FindingRecord:
    loc = f.location
    src = loc.source
    return FindingRecord(
        version=version,
        code=f.code,
        severity=f.level.value,
        message=f.message,
        suggestion=f.suggestion or "",
        block=loc.block or "",
        row="" if loc.row is None else str(loc.row),
        column=loc.column or "",
        line=src.line if src else None,
    )
