"""The pages that fill in a form: create one, edit it with live recalculation (htmx posts the
editor's fields; the core engine answers with every computed cell), save it."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST

from jixiao.web.evaluations import editing, editor, permissions, services, workflow
from jixiao.web.evaluations.models import CellComment, EvaluationForm
from jixiao.web.evaluations.workflow import Refused


def _editable(request: HttpRequest, pk: int) -> EvaluationForm:
    """The form, if this user sees it (else 404) and may edit it now (else ``Refused``)."""
    visible = permissions.visible_forms(request.user).select_related("current", "unit__department")
    form = get_object_or_404(visible, pk=pk)
    workflow.check_edit(request.user, form, seen=True)
    return form


def _refused(
    request: HttpRequest, exc: Refused, form: EvaluationForm | None = None
) -> HttpResponse:
    return render(
        request, "evaluations/refused.html", {"message": str(exc), "form": form}, status=exc.status
    )


def _comments(form: EvaluationForm) -> dict[str, list[CellComment]]:
    out: dict[str, list[CellComment]] = {}
    for c in form.comments.select_related("author", "version").order_by("-id"):
        out.setdefault(c.cell, []).append(c)
    return out


ROW_OPS = (
    ("up", "↑", "上移"),
    ("down", "↓", "下移"),
    ("add", "＋", "在下方添加一行"),
    ("remove", "✕", "删除此行"),
)


def _context(form: EvaluationForm, state: editor.State, **extra: Any) -> dict[str, Any]:
    result = editing.evaluate(state.data)
    comments = _comments(form)
    in_rows = {f"indicators:{uid}:" for uid in state.ids}
    return {
        "form": form,
        "state": state,
        "funds": editor.funds(state),
        "rows": editor.rows(state, comments),
        "row_ops": ROW_OPS,
        "grades": [label for label, _ in services.profile().grades],
        "goal_comments": {c: comments.get(f"goal::{c}", []) for c in ("expected", "achieved")},
        "other_comments": [
            (key, found)
            for key, found in comments.items()
            if not key.startswith("goal:") and key[: key.rfind(":") + 1] not in in_rows
        ],
        "calc": editor.calc(result, state),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def form_edit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        form = _editable(request, pk)
    except Refused as exc:
        return _refused(request, exc)
    assert form.current is not None
    if request.method == "GET":
        state = editor.from_version(form.current.content.data, form.current.number)
        return render(request, "evaluations/edit.html", _context(form, state))
    state = editor.from_post(request.POST, editing.identity(form))
    if state.errors:
        message = "有数字无法识别，未保存：" + "；".join(state.errors.values())
        return render(
            request, "evaluations/edit.html", _context(form, state, error=message), status=400
        )
    override = request.POST.get("override", "")
    base = int(override) if override.isdigit() else state.base
    try:
        version = editing.do_save(request.user, form, state.data, base, state.ids)
    except editing.Conflict as exc:
        context = _context(form, state, error=str(exc), conflict=exc)
        return render(request, "evaluations/edit.html", context, status=409)
    except Refused as exc:
        return render(
            request,
            "evaluations/edit.html",
            _context(form, state, error=str(exc)),
            status=exc.status,
        )
    messages.success(request, f"已保存为版本 {version.number}。")
    return redirect("form", pk=form.pk)


@login_required
@require_POST
def form_recalc(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the editor's fields → every computed cell, swapped out of band."""
    return _calc_response(request, pk, op=None)


@login_required
@require_POST
def form_rows(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: add, remove or move an indicator row; the rows again, and every computed cell
    outside them out of band."""
    op = request.POST.get("op", "refresh")
    if op not in editor.OPS:
        raise Http404("未知操作")
    return _calc_response(request, pk, op=op)


def _calc_response(request: HttpRequest, pk: int, op: str | None) -> HttpResponse:
    try:
        form = _editable(request, pk)
    except Refused as exc:
        return HttpResponse(str(exc), status=exc.status)
    assert form.current is not None
    state = editor.from_post(request.POST, editing.identity(form))
    if op is None:  # only the computed cells: no template, no comments
        calc = editor.calc(editing.evaluate(state.data), state)
        return HttpResponse(editor.out_of_band(calc))
    at = request.POST.get("at", "")
    editor.apply(state, op, int(at) if at.isdigit() else 0, services.new_id())
    context = _context(form, state)
    rows = render_to_string("evaluations/_rows.html", context, request)
    outside = {k: v for k, v in context["calc"].items() if not k.startswith(editor.ROW_CALC)}
    return HttpResponse(rows + editor.out_of_band(outside))


@login_required
@require_http_methods(["GET", "POST"])
def form_new(request: HttpRequest) -> HttpResponse:
    units = permissions.creatable_units(request.user)
    previous = (
        permissions.visible_forms(request.user)
        .filter(current__isnull=False, unit__in=units)
        .order_by("-year", "project")
    )
    context: dict[str, Any] = {"units": units, "previous": previous[:500], "values": request.POST}
    if request.method == "GET":
        context["values"] = {"year": str(datetime.date.today().year - 1)}
        return render(request, "evaluations/new.html", context)
    unit = units.filter(pk=request.POST.get("unit") or 0).first()
    year = request.POST.get("year", "").strip()
    start_pk = request.POST.get("start", "")
    start = previous.filter(pk=start_pk).first() if start_pk.isdigit() else None
    try:
        if unit is None:
            raise Refused("请选择实施单位")
        if not year.isdigit() or not 1990 <= int(year) <= 2100:
            raise workflow.Invalid("请填写年度（四位数字）")
        form = editing.do_create(
            request.user, unit, request.POST.get("project", ""), int(year), start
        )
    except Refused as exc:
        context["error"] = str(exc)
        return render(request, "evaluations/new.html", context, status=exc.status)
    messages.success(request, f"已新建“{form.project}”，请填写。")
    return redirect("form-edit", pk=form.pk)
