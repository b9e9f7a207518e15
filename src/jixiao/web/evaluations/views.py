"""The pages: the list of forms, a form's page, its JSON download, and import."""

from __future__ import annotations

import importlib
import json
import secrets
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from jixiao.checks.codes import CODES
from jixiao.web.accounts.models import Department, Unit
from jixiao.web.evaluations import permissions, services, workflow
from jixiao.web.evaluations.layout import form_page
from jixiao.web.evaluations.models import EvaluationForm, Status

SORTS = {
    "project": "project",
    "unit": "unit__name",
    "year": "year",
    "budget": "current__budget",
    "rate": "current__rate",
    "stated": "current__stated_total",
    "recomputed": "current__recomputed_total",
    "errors": "current__n_error",
}
PAGE_SIZE = 50


def filtered_forms(request: HttpRequest) -> tuple[QuerySet[EvaluationForm], dict[str, str]]:
    """The forms this user may see, filtered and sorted by the query string."""
    qs = permissions.visible_forms(request.user).filter(current__isnull=False)
    q = request.GET
    params = {
        k: q.get(k, "").strip()
        for k in ("year", "department", "unit", "grade", "status", "code", "sort", "q")
    }
    filters = {
        "year": "year",
        "department": "unit__department_id",
        "unit": "unit_id",
        "grade": "current__recomputed_grade",
        "status": "status",
    }
    for name, lookup in filters.items():
        value = params[name]
        if value and (name in ("grade", "status") or value.isdigit()):
            qs = qs.filter(**{lookup: value})
    if params["code"]:
        qs = qs.filter(current__findings__code=params["code"].upper()).distinct()
    if params["q"]:
        qs = qs.filter(project__icontains=params["q"])
    sort = params["sort"] or "project"
    field = SORTS.get(sort.lstrip("-"), "project")
    qs = qs.order_by(("-" if sort.startswith("-") else "") + field, "id")
    return qs.select_related("current", "unit", "unit__department"), params


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    qs, params = filtered_forms(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "params": params,
        "query": _query(params),
        **_choices(request),
        "codes": sorted(CODES),
        "grades": [label for label, _ in services.profile().grades],
        "statuses": Status.CHOICES,
        "sorts": SORTS,
    }
    template = (
        "evaluations/_table.html" if request.headers.get("HX-Request") else "evaluations/list.html"
    )
    return render(request, template, context)


def _choices(request: HttpRequest) -> dict[str, Any]:
    """The filter choices: only years, departments and units this user can see."""
    visible = permissions.visible_forms(request.user).order_by()
    units = Unit.objects.filter(pk__in=visible.values("unit_id").distinct())
    return {
        "years": sorted(
            (y for y in visible.values_list("year", flat=True).distinct() if y), reverse=True
        ),
        "departments": Department.objects.filter(pk__in=units.values("department_id")),
        "units": units,
    }


def _query(params: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode({k: v for k, v in params.items() if v and k != "sort"})


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ev = get_object_or_404(
        permissions.visible_forms(request.user).select_related("current", "unit__department"),
        pk=pk,
    )
    version = ev.current
    number = request.GET.get("version")
    if number and number.isdigit():
        version = get_object_or_404(ev.versions, number=int(number))
    assert version is not None
    data = version.content.data
    comments = ev.comments.select_related("author", "version").order_by("-id")
    placed = [(workflow.place(data, c.cell) or "removed::", c) for c in comments]
    latest = version == ev.current
    steps = workflow.available(request.user, ev, seen=True) if latest else []
    by_action = {s.action: s for s in steps}
    context = {
        "form": ev,
        "version": version,
        "versions": ev.versions.order_by("-number"),
        "data": data,
        "exports": dict.fromkeys(EXPORTS, True),
        "page": form_page(data, list(version.findings.all()), placed),
        "steps": by_action,
        "may_edit": latest and workflow.may_edit(request.user, ev, seen=True),
        "approval": workflow.approval(ev),
        "cell_choices": workflow.cell_choices(data) if "return" in by_action else [],
        "events": ev.events.select_related("actor").order_by("-id")[:10],
    }
    return render(request, "evaluations/form.html", context)


@login_required
def form_json(request: HttpRequest, pk: int) -> HttpResponse:
    ev = get_object_or_404(permissions.visible_forms(request.user).select_related("current"), pk=pk)
    assert ev.current is not None
    body = json.dumps({"forms": [ev.current.content.data["form"]]}, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename=form-{ev.pk}-v{ev.current.number}.json"
    return response


EXPORTS = {
    "xlsx": (
        "jixiao.writers.xlsx",
        "xlsx_bytes",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pdf": ("jixiao.writers.pdf", "pdf_bytes", "application/pdf"),
    "docx": (
        "jixiao.writers.docx",
        "docx_bytes",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


@login_required
def form_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The stored version as the official table: xlsx (live formulas), PDF or Word."""
    if fmt not in EXPORTS:
        raise Http404("不支持的格式")
    ev = get_object_or_404(permissions.visible_forms(request.user).select_related("current"), pk=pk)
    version = ev.current
    assert version is not None
    module, function, content_type = EXPORTS[fmt]
    writer = getattr(importlib.import_module(module), function)
    result = services.result_of(version)
    body = writer([result], services.profile(), findings=True)
    response = HttpResponse(body, content_type=content_type)
    name = f"{ev.project}-{ev.year or ''}-v{version.number}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


# ---------------------------------------------------------------------------------------
# Import: upload → preview → confirm.


def _upload_dir(token: str) -> Path:
    if not token.isalnum():
        raise ValueError("bad token")
    return Path(settings.UPLOAD_DIR) / token


def _files(folder: Path) -> list[tuple[str, Path]]:
    names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
    return [(name, folder / f"{i:04d}") for i, name in enumerate(names)]


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(
            request, "evaluations/import.html", {"limit_mb": settings.MAX_UPLOAD_BYTES // 2**20}
        )
    uploads = request.FILES.getlist("files")
    if not uploads:
        messages.error(request, "请选择要导入的文件。")
        return redirect("import")
    total = sum(f.size or 0 for f in uploads)
    if total > settings.MAX_UPLOAD_BYTES:
        messages.error(
            request,
            f"上传文件共 {total / 2**20:.1f} MB，超过上限 {settings.MAX_UPLOAD_BYTES // 2**20} MB。",
        )
        return redirect("import")
    token = secrets.token_hex(16)
    folder = _upload_dir(token)
    folder.mkdir(parents=True)
    names = []
    for i, f in enumerate(uploads):
        with (folder / f"{i:04d}").open("wb") as out:
            for chunk in f.chunks():
                out.write(chunk)
        names.append(Path(f.name or f"file{i}").name)
    (folder / "names.json").write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
    return redirect("import-preview", token=token)


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    try:
        folder = _upload_dir(token)
    except ValueError:
        return HttpResponseBadRequest("无效的导入编号")
    if not (folder / "names.json").exists():
        messages.error(request, "该导入已完成或已取消。")
        return redirect("list")
    files = _files(folder)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "confirm":
            batch = services.do_import(request.user, files, note=", ".join(n for n, _ in files))
            shutil.rmtree(folder, ignore_errors=True)
            messages.success(request, f"已导入 {batch.forms} 张自评表（{batch.files} 个文件）。")
            return redirect("list")
        shutil.rmtree(folder, ignore_errors=True)
        messages.info(request, "已取消导入，未保存任何内容。")
        return redirect("list")
    previews = services.preview_files(request.user, files)
    allowed = sum(p.allowed for f in previews for p in f.forms)
    return render(
        request, "evaluations/preview.html", {"files": previews, "token": token, "allowed": allowed}
    )


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"ok": True})
