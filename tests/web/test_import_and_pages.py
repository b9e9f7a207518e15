"""Import through the pages and the command, the list and form pages, storage rules."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from jixiao.web.evaluations.models import EvaluationForm, FindingRecord, FormVersion
from tests.checks.forms import mutate, to_text
from tests.conftest import SAMPLE, invoke


def upload(c: Client, *files: tuple[str, bytes]) -> Any:
    handles = []
    for name, data in files:
        fh = io.BytesIO(data)
        fh.name = name
        handles.append(fh)
    response = c.post("/import/", {"files": handles})
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def test_import_preview_confirm_and_new_version(
    users: Any, client_as: Callable[[str | None], Client]
) -> None:
    c = client_as("bureau")
    location = upload(c, (SAMPLE.name, SAMPLE.read_bytes()))
    preview = c.get(location)
    assert preview.status_code == 200 and preview.context["allowed"] == 28
    assert EvaluationForm.objects.count() == 0  # nothing stored before confirming
    done = c.post(location, {"action": "confirm"})
    assert done.status_code == 302
    assert EvaluationForm.objects.count() == 28 and FormVersion.objects.count() == 28
    # the same file again: new versions of the same forms, no copies
    location = upload(c, (SAMPLE.name, SAMPLE.read_bytes()))
    assert "新版本" in c.get(location).content.decode()
    c.post(location, {"action": "confirm"})
    assert EvaluationForm.objects.count() == 28
    assert FormVersion.objects.count() == 56
    assert set(EvaluationForm.objects.values_list("current__number", flat=True)) == {2}


def test_cancel_stores_nothing(users: Any, client_as: Callable[[str | None], Client]) -> None:
    c = client_as("bureau")
    location = upload(c, (SAMPLE.name, SAMPLE.read_bytes()))
    c.post(location, {"action": "cancel"})
    assert EvaluationForm.objects.count() == 0
    assert c.get(location).status_code == 302  # gone


def test_unreadable_file_is_reported_while_others_import(
    users: Any, client_as: Callable[[str | None], Client]
) -> None:
    c = client_as("bureau")
    good = to_text(
        mutate(project="职业技能培训补贴", department="示例区人社局", unit="示例区鉴定中心")
    ).encode()
    location = upload(c, ("bad.xlsx", b"\x00\x01garbage" * 10), ("good.txt", good))
    page = c.get(location).content.decode()
    assert "bad.xlsx" in page and "JX001" in page
    c.post(location, {"action": "confirm"})
    assert list(EvaluationForm.objects.values_list("project", flat=True)) == ["职业技能培训补贴"]


def test_oversized_upload_refused(
    users: Any, client_as: Callable[[str | None], Client], settings: Any
) -> None:
    settings.MAX_UPLOAD_BYTES = 1000
    c = client_as("bureau")
    fh = io.BytesIO(b"x" * 5000)
    fh.name = "big.txt"
    response = c.post("/import/", {"files": [fh]}, follow=True)
    assert "超过上限" in response.content.decode()
    assert EvaluationForm.objects.count() == 0


def test_csrf_required(users: Any) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(users["bureau"])
    fh = io.BytesIO(SAMPLE.read_bytes())
    fh.name = "s.txt"
    assert c.post("/import/", {"files": [fh]}).status_code == 403


def test_user_text_is_escaped(users: Any, client_as: Callable[[str | None], Client]) -> None:
    c = client_as("bureau")
    # (tags are stripped by the reader; what survives must still be escaped)
    evil = mutate(project='项目"><b onclick=alert(1)', department="部门", unit="单位")
    location = upload(c, ("evil.txt", to_text(evil).encode()))
    c.post(location, {"action": "confirm"})
    ev = EvaluationForm.objects.get()
    for url in ("/", f"/forms/{ev.pk}/"):
        body = c.get(url).content.decode()
        assert "<b onclick" not in body
        assert "项目&quot;&gt;&lt;b onclick=alert(1)" in body


def test_versions_are_immutable(sample: list[EvaluationForm]) -> None:
    version = sample[0].current
    assert version is not None
    version.project = "改过"
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        version.delete()
    with pytest.raises(PermissionError):
        FindingRecord.objects.filter(version=version).first().delete()  # type: ignore[union-attr]


def test_list_filters_sort_and_htmx(sample: Any, client_as: Callable[[str | None], Client]) -> None:
    c = client_as("bureau")
    assert c.get("/?code=JX402").context["page"].paginator.count == 1
    assert c.get("/?grade=良").context["page"].paginator.count == 1
    assert c.get("/?year=2023").context["page"].paginator.count == 28
    assert c.get("/?year=2024").context["page"].paginator.count == 0
    assert c.get("/?status=draft").context["page"].paginator.count == 28
    EvaluationForm.objects.filter(project="社工").update(status="submitted")
    assert c.get("/?status=submitted").context["page"].paginator.count == 1
    assert c.get("/api/forms?status=submitted").json()["items"][0]["status"] == "submitted"
    first = c.get("/?sort=-errors").context["page"][0]
    assert first.project == "户籍档案数字化加工项目"  # the form with the most errors (JX205 twice)
    partial = c.get("/?code=JX402", HTTP_HX_REQUEST="true")
    assert (
        "<html" not in partial.content.decode() and "劝导队经费（信）" in partial.content.decode()
    )


def test_form_page_marks_findings_on_cells(
    sample: Any, client_as: Callable[[str | None], Client]
) -> None:
    c = client_as("filler")
    ev = EvaluationForm.objects.get(project="劝导队经费（信）")
    page = c.get(f"/forms/{ev.pk}/")
    body = page.content.decode()
    at = body.index('id="cell-indicators-1-score"')
    cell = body[body.rindex("<td", 0, at) : body.index("</td>", at)]
    assert "flag-error" in cell and "JX402" in cell and "14.90" in cell and "重算 7.50" in cell
    assert 'id="recomputed-total">重算 89.17' in body
    assert "<title>劝导队经费（信） · jixiao</title>" in body
    api = c.get(f"/api/forms/{ev.pk}").json()
    assert api["recomputed"]["total"] == "89.17" and api["stated"]["total"] == "96.57"
    assert any(f["code"] == "JX402" for f in api["findings"])


def _add_filler(name: str, unit: str) -> tuple[int, str, str]:
    args = ("users", "add", name, "--role", "filler", "--unit", unit, "--password-stdin")
    return invoke(*args, stdin="a-long-password\n")


def test_command_import_and_users(tmp_path: Path, transactional_db: Any) -> None:
    code, stdout, stderr = invoke("import", str(SAMPLE))
    assert code == 0, stdout + stderr
    assert "已导入 28 张自评表" in stdout
    code, stdout, stderr = _add_filler("xf", "信访办")
    assert code == 0, stdout + stderr
    c = Client()
    assert c.login(username="xf", password="a-long-password")
    assert c.get("/api/forms").json()["count"] == 3
    code, _, stderr = _add_filler("x2", "不存在的单位")
    assert code == 2 and "尚不存在" in stderr


def test_api_basic_auth_and_shape(sample: Any, users: Any) -> None:
    import base64

    c = Client()
    token = base64.b64encode(b"caizheng:correct-horse-battery").decode()
    data = c.get("/api/forms?limit=5", HTTP_AUTHORIZATION=f"Basic {token}").json()
    assert data["count"] == 28 and len(data["items"]) == 5
    assert set(data["items"][0]) >= {
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
    }
    wrong = base64.b64encode(b"caizheng:nope").decode()
    assert c.get("/api/forms", HTTP_AUTHORIZATION=f"Basic {wrong}").status_code == 401


def test_demo_loads_once(transactional_db: Any, settings: Any, tmp_path: Path) -> None:
    from jixiao.web.demo_data import load_demo

    settings.DATA_DIR = tmp_path
    accounts = load_demo()
    assert [a[0] for a in accounts] == ["caizheng", "shenhe", "tianbao", "admin"]
    assert EvaluationForm.objects.count() == 7
    codes = set(FindingRecord.objects.values_list("code", flat=True))
    assert {"JX205", "JX402", "JX407", "JX503", "JX106"} <= codes
    from django.contrib.auth import get_user_model

    from jixiao.web.evaluations import workflow

    def counts(name: str) -> dict[str, int]:
        user = get_user_model().objects.get(username=name)
        return {t["key"]: t["count"] for t in workflow.todo(user)}

    assert counts("tianbao") == {"fill": 1, "fix": 1}
    assert counts("shenhe") == {"review": 1}
    assert counts("caizheng") == {"publish": 1}
    statuses = sorted(EvaluationForm.objects.values_list("status", flat=True))
    assert statuses.count("published") == 1 and statuses.count("draft") == 3
    assert load_demo() == []  # not twice


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("docx", b"PK"), ("pdf", b"%PDF")])
def test_form_downloads(
    fmt: str, magic: bytes, sample: Any, client_as: Callable[[str | None], Client]
) -> None:
    ev = EvaluationForm.objects.get(project="劝导队经费（信）")
    response = client_as("filler").get(f"/forms/{ev.pk}/export/{fmt}")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert (
        "劝导队经费" in response["Content-Disposition"]
        or "%E5%8A%9D" in response["Content-Disposition"]
    )
    other = EvaluationForm.objects.get(project="社工")
    assert client_as("filler").get(f"/forms/{other.pk}/export/{fmt}").status_code == 404


def test_xlsx_download_reads_back(
    sample: Any, client_as: Callable[[str | None], Client], tmp_path: Path
) -> None:
    from jixiao import openjson, pipeline

    ev = EvaluationForm.objects.get(project="劝导队经费（信）")
    path = tmp_path / "f.xlsx"
    path.write_bytes(client_as("bureau").get(f"/forms/{ev.pk}/export/xlsx").content)
    doc = pipeline.read(path)
    assert len(doc.forms) == 1
    got = openjson.form_json(doc.forms[0].form)
    want = ev.current.content.data["form"]  # type: ignore[union-attr]
    assert got["project"] == want["project"] and got["indicators"][0]["score"] == "14.90"
    amounts = ("initial", "annual", "spent")  # rates and scores are live formulas of the profile
    # (PostgreSQL's jsonb keeps no key order: compare row by row name)
    assert {n: {c: r[c] for c in amounts} for n, r in got["funds"].items()} == {
        n: {c: r[c] for c in amounts} for n, r in want["funds"].items()
    }
    assert got["indicators"] == [
        {**i, "source": got["indicators"][n]["source"]} for n, i in enumerate(want["indicators"])
    ]
