"""The JSON API that other systems drive: PUT a form at the version it was read, and the
workflow steps, each with its refusals (403 role, 409 stale or wrong status, 400 bad body)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jixiao.web.evaluations.models import EvaluationForm, Status
from tests.web.conftest import PASSWORD, own_form


def _basic(name: str) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{PASSWORD}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


def _put(c: Client, pk: int, body: Any, **extra: Any) -> Any:
    return c.put(f"/api/forms/{pk}", json.dumps(body), content_type="application/json", **extra)


def _step(c: Client, pk: int, action: str, body: Any = None, **extra: Any) -> Any:
    data = json.dumps(body or {})
    return c.post(f"/api/forms/{pk}/{action}", data, content_type="application/json", **extra)


def test_get_shows_status_and_version(
    sample: list[EvaluationForm], client_as: Callable[[str | None], Client]
) -> None:
    body = client_as("filler").get(f"/api/forms/{own_form(sample).pk}").json()
    assert (body["status"], body["version"]) == ("draft", 1)


def test_put_answers_the_recomputed_numbers(
    sample: list[EvaluationForm], client_as: Callable[[str | None], Client]
) -> None:
    c, pk = client_as("filler"), own_form(sample).pk
    body = c.get(f"/api/forms/{pk}").json()
    assert body["recomputed"]["total"] == "89.17"
    body["indicators"][0]["score"] = body["recomputed"]["indicators"][0]["score"]
    response = _put(c, pk, body)
    assert response.status_code == 200, response.json()
    after = response.json()
    assert after["version"] == 2
    assert "JX402" not in {f["code"] for f in after["findings"]}
    assert after["recomputed"]["total"] == "89.17"
    stale = _put(c, pk, body)  # still says version 1
    assert stale.status_code == 409
    assert stale.json()["version"] == 2
    assert any(ch["cell"].endswith(":score") for ch in stale.json()["changes"])
    assert EvaluationForm.objects.get(pk=pk).versions.count() == 2


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"version": None}, 400, "version"),
        ({"project": "别的项目"}, 400, "不能修改"),
        ({"total": "很高"}, 400, "total"),
        ({"indicators": "全部"}, 400, "indicators"),
    ],
)
def test_put_refuses_bad_bodies(
    change: dict[str, Any],
    status: int,
    words: str,
    sample: list[EvaluationForm],
    client_as: Callable[[str | None], Client],
) -> None:
    c, pk = client_as("filler"), own_form(sample).pk
    body = {**c.get(f"/api/forms/{pk}").json(), **change}
    response = _put(c, pk, body)
    assert response.status_code == status and words in response.json()["detail"]
    assert (
        c.put(f"/api/forms/{pk}", "{not json", content_type="application/json").status_code == 400
    )
    assert EvaluationForm.objects.get(pk=pk).versions.count() == 1


def test_put_by_role(
    sample: list[EvaluationForm], client_as: Callable[[str | None], Client]
) -> None:
    pk = own_form(sample).pk
    body = client_as("admin").get(f"/api/forms/{pk}").json()
    expected = {"reviewer": 403, "bureau": 403, "other": 404, "other_reviewer": 404}
    for role, status in expected.items():
        assert _put(client_as(role), pk, body).status_code == status, role
    assert _put(Client(), pk, body).status_code == 401


def test_session_writes_need_the_csrf_token(
    sample: list[EvaluationForm], users: dict[str, Any]
) -> None:
    pk = own_form(sample).pk
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["filler"])
    body = c.get(f"/api/forms/{pk}").json()
    refused = _put(c, pk, body)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    basic = Client(enforce_csrf_checks=True)
    assert _put(basic, pk, body, **_basic("xinfang")).status_code == 200


def test_the_workflow_through_the_api(
    sample: list[EvaluationForm], client_as: Callable[[str | None], Client]
) -> None:
    pk = own_form(sample).pk
    filler, reviewer, bureau = (client_as(r) for r in ("filler", "reviewer", "bureau"))
    blocked = _step(filler, pk, "submit")
    assert blocked.status_code == 400 and "错误" in blocked.json()["detail"]
    assert (
        _step(filler, pk, "submit", {"comment": "得分按单位口径"}).json()["status"] == "submitted"
    )
    assert _step(filler, pk, "approve").status_code == 403
    assert _step(bureau, pk, "publish").status_code == 409
    returned = _step(
        reviewer,
        pk,
        "return",
        {"comment": "请核对", "comments": [{"cell": "indicators:1:score", "text": "得分偏高"}]},
    )
    assert returned.json()["status"] == "returned"
    assert _step(reviewer, pk, "approve").status_code == 409
    assert _step(filler, pk, "submit", {"comment": "已核对"}).status_code == 200
    approved = _step(reviewer, pk, "approve", {"comment": "扣除证明材料分", "deduction": "1.5"})
    assert approved.json()["status"] == "approved"
    assert _step(reviewer, pk, "publish").status_code == 403
    assert _step(bureau, pk, "publish").json()["status"] == "published"
    assert EvaluationForm.objects.get(pk=pk).status == Status.PUBLISHED
    assert _step(bureau, pk, "explode").status_code == 404


def test_openapi_documents_the_writes(client_as: Callable[[str | None], Client]) -> None:
    spec = Client().get("/api/openapi.json").json()
    assert set(spec["paths"]["/api/forms/{id}"]) == {"get", "put"}
    assert "post" in spec["paths"]["/api/forms/{id}/{action}"]
