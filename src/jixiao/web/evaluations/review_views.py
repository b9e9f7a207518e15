"""The pages of the workflow: a step on a form (submit, return, approve, publish), the
history of a form with the difference between any two versions, and each role's to-do list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.diff import diff_versions
from jixiao.web.evaluations import permissions, workflow
from jixiao.web.evaluations.models import EvaluationForm
from jixiao.web.evaluations.workflow import Refused


def _visible(request: HttpRequest, pk: int) -> EvaluationForm:
    visible = permissions.visible_forms(request.user).select_related("current", "unit__department")
    return get_object_or_404(visible, pk=pk)


@login_required
@require_POST
def form_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in workflow.STEPS:
        raise Http404("未知操作")
    form = _visible(request, pk)
    post = request.POST
    pinned = list(zip(post.getlist("cell"), post.getlist("cell_text"), strict=False))
    try:
        event = workflow.do_step(
            request.user, form, action, post.get("comment", ""), post.get("deduction"), pinned
        )
    except Refused as exc:
        if exc.status == 403:
            return render(request, "evaluations/refused.html", {"message": str(exc)}, status=403)
        messages.error(request, str(exc))
        return redirect("form", pk=pk)
    label = workflow.STEPS[action].label
    messages.success(request, f"已{label}，当前状态：{event.get_after_display()}。")
    return redirect("form", pk=pk)


@login_required
def form_history(request: HttpRequest, pk: int) -> HttpResponse:
    form = _visible(request, pk)
    versions = form.versions.select_related("created_by").order_by("-number")
    events = form.events.select_related("actor", "version").prefetch_related("comments")
    context = {
        "form": form,
        "versions": versions,
        "events": events,
        "steps": {**{k: s.label for k, s in workflow.STEPS.items()}, "create": "新建"},
    }
    return render(request, "evaluations/history.html", context)


@login_required
def form_diff(request: HttpRequest, pk: int) -> HttpResponse:
    form = _visible(request, pk)
    numbers = [request.GET.get(k, "") for k in ("a", "b")]
    if not all(n.isdigit() for n in numbers):
        raise Http404("请选择两个版本")
    a, b = (
        get_object_or_404(form.versions.select_related("content"), number=int(n)) for n in numbers
    )
    changes = diff_versions(a.content.data, b.content.data)
    context = {"form": form, "a": a, "b": b, "changes": changes}
    return render(request, "evaluations/diff.html", context)


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/todo.html", {"lists": workflow.todo(request.user)})
