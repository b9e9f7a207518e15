"""The JSON API (same permissions as the pages): ``GET /api/forms``, ``GET /api/forms/{id}``,
``PUT /api/forms/{id}`` (a new version, 409 when the version it was read at is not the
latest), ``POST /api/forms/{id}/submit|return|approve|publish``, and the OpenAPI schema at
``GET /api/openapi.json``. Session (with its CSRF token for writes) or HTTP Basic."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.web.evaluations import editing, permissions, workflow
from jixiao.web.evaluations.models import EvaluationForm, Status
from jixiao.web.evaluations.views import filtered_forms
from jixiao.web.evaluations.workflow import Refused

View = Callable[..., HttpResponse]
MAX_LIMIT = 500


def _basic_user(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return None
    try:
        name, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return authenticate(request, username=name, password=password)


def _ok(data: dict[str, Any], status: int = 200) -> JsonResponse:
    """A JSON answer, Chinese written as it is."""
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _detail(message: str, status: int, **extra: Any) -> JsonResponse:
    return _ok({"detail": message, **extra}, status)


def _visible(request: HttpRequest, pk: int) -> EvaluationForm | None:
    """The form ``pk`` with its current version, if the user may see it."""
    ev = permissions.visible_forms(request.user).select_related("current").filter(pk=pk).first()
    return None if ev is None or ev.current is None else ev


def _csrf_refusal(request: HttpRequest) -> HttpResponse | None:
    """Django's own CSRF check, for writes made with a session cookie."""
    return CsrfViewMiddleware(lambda r: HttpResponse()).process_view(request, None, (), {})


def api_login_required(view: View) -> View:
    """401 with a JSON body when neither a session nor Basic credentials identify a user.
    Writes with a session must carry its CSRF token; Basic requests need none."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            user = _basic_user(request)
            if user is None:
                response = _detail("需要登录（会话或 HTTP Basic）", 401)
                response["WWW-Authenticate"] = 'Basic realm="jixiao"'
                return response
            request.user = user
        elif request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_refusal(request):
            return _detail("CSRF 校验失败：用会话写入时须带 X-CSRFToken", 403)
        return view(request, *args, **kwargs)

    return wrapper


def item(ev: EvaluationForm) -> dict[str, Any]:
    v = ev.current
    assert v is not None
    return {
        "id": ev.pk,
        "project": ev.project,
        "department": v.department.name,
        "unit": v.unit.name,
        "year": ev.year,
        "version": v.number,
        "status": ev.status,
        "stated_total": v.stated_total_text or None,
        "recomputed_total": v.recomputed_total_text or None,
        "stated_grade": v.stated_grade or None,
        "recomputed_grade": v.recomputed_grade or None,
        "findings": {"error": v.n_error, "warning": v.n_warning, "info": v.n_info},
    }


def _int(value: str | None, default: int, high: int) -> int:
    try:
        return max(0, min(int(value or default), high))
    except ValueError:
        return default


@require_GET
@api_login_required
def forms(request: HttpRequest) -> JsonResponse:
    qs, _ = filtered_forms(request)
    qs = qs.select_related("current__department", "current__unit")
    limit = _int(request.GET.get("limit"), 100, MAX_LIMIT)
    offset = _int(request.GET.get("offset"), 0, 10**9)
    items = [item(ev) for ev in qs[offset : offset + limit]]
    return _ok({"items": items, "count": qs.count()})


@require_http_methods(["GET", "PUT"])
@api_login_required
def form(request: HttpRequest, pk: int) -> JsonResponse:
    ev = _visible(request, pk)
    if ev is None:
        return _detail("未找到该自评表", 404)
    if request.method == "PUT":
        return _put(request, ev)
    return _ok(_body(ev))


def _body(ev: EvaluationForm) -> dict[str, Any]:
    v = ev.current
    assert v is not None
    data = v.content.data
    return {
        "id": ev.pk,
        "version": v.number,
        "status": ev.status,
        "status_label": ev.get_status_display(),
        **data["form"],
        "stated": data["stated"],
        "recomputed": data["recomputed"],
        "findings": data["findings"],
    }


def _json(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError) as exc:
        raise workflow.Invalid(f"请求体不是 JSON：{exc}") from exc
    if not isinstance(body, dict):
        raise workflow.Invalid("请求体应为 JSON 对象")
    return body


def _put(request: HttpRequest, ev: EvaluationForm) -> JsonResponse:
    """A new version from the form's open-data JSON read at ``"version"``."""
    try:
        body = _json(request)
        base = body.get("version")
        if isinstance(base, bool) or not isinstance(base, int):
            raise workflow.Invalid("缺少 version：请给出读取时的版本号")
        editing.do_save(request.user, ev, body, base, origin="api")
    except editing.Conflict as exc:
        changes = [c.to_json() for c in exc.changes]
        return _detail(str(exc), 409, version=exc.current.number, changes=changes)
    except Refused as exc:
        return _detail(str(exc), exc.status)
    ev.refresh_from_db()
    return _ok(_body(ev))


@require_POST
@api_login_required
def form_step(request: HttpRequest, pk: int, action: str) -> JsonResponse:
    """``{"comment": ..., "deduction": ..., "comments": [{"cell": "indicators:3:actual",
    "text": ...}]}`` → the form moved on (403 when the role may not, 409 when its status
    does not allow the step)."""
    ev = _visible(request, pk)
    if ev is None:
        return _detail("未找到该自评表", 404)
    if action not in workflow.STEPS:
        return _detail(f"未知操作 {action}", 404)
    try:
        body = _json(request)
        pinned = [
            (str(c.get("cell", "")), str(c.get("text", "")))
            for c in body.get("comments") or []
            if isinstance(c, dict)
        ]
        comment = body.get("comment") or ""
        if not isinstance(comment, str):
            raise workflow.Invalid("comment 应为文字")
        workflow.do_step(request.user, ev, action, comment, body.get("deduction"), pinned)
    except Refused as exc:
        return _detail(str(exc), exc.status)
    ev.refresh_from_db()
    return _ok(_body(ev))


_ITEM = {
    "type": "object",
    "required": [
        "id",
        "project",
        "department",
        "unit",
        "year",
        "stated_total",
        "recomputed_total",
        "stated_grade",
        "recomputed_grade",
        "findings",
    ],
    "properties": {
        "id": {"type": "integer"},
        "project": {"type": "string"},
        "department": {"type": "string"},
        "unit": {"type": "string"},
        "year": {"type": ["integer", "null"]},
        "version": {"type": "integer"},
        "status": {"enum": [value for value, _ in Status.CHOICES]},
        "stated_total": {"type": ["string", "null"]},
        "recomputed_total": {"type": ["string", "null"]},
        "stated_grade": {"type": ["string", "null"]},
        "recomputed_grade": {"type": ["string", "null"]},
        "findings": {
            "type": "object",
            "properties": {k: {"type": "integer"} for k in ("error", "warning", "info")},
        },
    },
}
_FILTERS = [
    {"name": n, "in": "query", "required": False, "schema": {"type": t}, "description": d}
    for n, t, d in (
        ("year", "integer", "年度"),
        ("department", "integer", "主管部门编号"),
        ("unit", "integer", "实施单位编号"),
        ("grade", "string", "重算等级（优/良/中/差）"),
        (
            "status",
            "string",
            "状态：draft 草稿、submitted 已提交、returned 已退回、approved 已审核、published 已公开",
        ),
        ("code", "string", "含有该检查代码的发现"),
        ("q", "string", "项目名称包含"),
        (
            "sort",
            "string",
            "排序字段，前加 - 为倒序：project, unit, year, budget, rate, stated, recomputed, errors",
        ),
        ("limit", "integer", f"每页条数（最多 {MAX_LIMIT}）"),
        ("offset", "integer", "跳过条数"),
    )
]
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "jixiao 绩效自评 API", "version": "1"},
    "components": {
        "securitySchemes": {
            "basic": {"type": "http", "scheme": "basic"},
            "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
        },
        "schemas": {"FormItem": _ITEM},
    },
    "security": [{"basic": []}, {"session": []}],
    "paths": {
        "/api/forms": {
            "get": {
                "summary": "当前用户可见的自评表列表",
                "parameters": _FILTERS,
                "responses": {
                    "200": {
                        "description": "列表",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["items", "count"],
                                    "properties": {
                                        "items": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/FormItem"},
                                        },
                                        "count": {"type": "integer"},
                                    },
                                }
                            }
                        },
                    },
                    "401": {"description": "未登录"},
                },
            }
        },
        "/api/forms/{id}": {
            "get": {
                "summary": "一张自评表：开放数据 JSON、重算结果与审核发现",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
                "responses": {
                    "200": {
                        "description": "自评表",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": [
                                        "id",
                                        "version",
                                        "project",
                                        "funds",
                                        "indicators",
                                        "recomputed",
                                        "findings",
                                    ],
                                }
                            }
                        },
                    },
                    "401": {"description": "未登录"},
                    "404": {"description": "不存在或无权查看"},
                },
            },
            "put": {
                "summary": "保存为新版本：请求体为开放数据 JSON（findings 等多余字段忽略）及读取时的 version",
                "parameters": [_ID],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["version"],
                                "properties": {"version": {"type": "integer"}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "新版本：重算结果与审核发现，同 GET"},
                    "400": {"description": "请求体有误（detail 指出字段）"},
                    "403": {"description": "角色不能修改"},
                    "409": {
                        "description": "version 已不是最新（返回最新 version 与对方的修改 changes），或状态不允许修改"
                    },
                },
            },
        },
        "/api/forms/{id}/{action}": {
            "post": {
                "summary": "流转：submit 提交、return 退回、approve 审核通过、publish 公开",
                "parameters": [
                    _ID,
                    {
                        "name": "action",
                        "in": "path",
                        "required": True,
                        "schema": {"enum": ["submit", "return", "approve", "publish"]},
                    },
                ],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "comment": {
                                        "type": "string",
                                        "description": "意见；有错误时提交须写理由",
                                    },
                                    "deduction": {
                                        "type": "string",
                                        "description": "审核扣分（approve）",
                                    },
                                    "comments": {
                                        "type": "array",
                                        "description": "退回时的单元格批注，cell 如 indicators:3:actual",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                "cell": {"type": "string"},
                                                "text": {"type": "string"},
                                            },
                                        },
                                    },
                                },
                            }
                        }
                    }
                },
                "responses": {
                    "200": {"description": "流转后的自评表，同 GET"},
                    "400": {"description": "缺少意见或理由、扣分有误、单元格不存在"},
                    "403": {"description": "角色不能执行该操作"},
                    "409": {"description": "当前状态不能执行该操作"},
                },
            }
        },
    },
}


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return _ok(OPENAPI)
