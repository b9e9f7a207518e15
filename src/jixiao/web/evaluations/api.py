"""The JSON API (same permissions as the pages): ``GET /api/forms``, ``GET /api/forms/{id}``,
and its OpenAPI schema at ``GET /api/openapi.json``. Session or HTTP Basic authentication."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from jixiao.web.evaluations import permissions
from jixiao.web.evaluations.models import EvaluationForm
from jixiao.web.evaluations.views import filtered_forms

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


def api_login_required(view: View) -> View:
    """401 with a JSON body when neither a session nor Basic credentials identify a user."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            user = _basic_user(request)
            if user is None:
                response = JsonResponse({"detail": "需要登录（会话或 HTTP Basic）"}, status=401)
                response["WWW-Authenticate"] = 'Basic realm="jixiao"'
                return response
            request.user = user
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
    return JsonResponse(
        {"items": items, "count": qs.count()}, json_dumps_params={"ensure_ascii": False}
    )


@require_GET
@api_login_required
def form(request: HttpRequest, pk: int) -> JsonResponse:
    ev = permissions.visible_forms(request.user).select_related("current").filter(pk=pk).first()
    if ev is None or ev.current is None:
        return JsonResponse({"detail": "未找到该自评表"}, status=404)
    v = ev.current
    data = v.content.data
    body = {
        "id": ev.pk,
        "version": v.number,
        "status": "imported",
        **data["form"],
        "stated": data["stated"],
        "recomputed": data["recomputed"],
        "findings": data["findings"],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


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
            }
        },
    },
}


@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return JsonResponse(OPENAPI, json_dumps_params={"ensure_ascii": False})
