"""The editor pages: live recalculation, rows, saving, refusals, and the workflow pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jixiao.web.accounts.models import Unit
from jixiao.web.evaluations.models import CellComment, EvaluationForm, Status
from tests.web.conftest import XINFANG


def _fields(**changes: Any) -> dict[str, Any]:
    """The editor's fields of a small form (three indicators)."""
    fields: dict[str, Any] = {
        "base": "1",
        "funds-total-annual": "100",
        "funds-total-spent": "98",
        "funds-total-weight": "10",
        "funds-total-rate": "98",
        "funds-total-score": "9.8",
        "ind-id": ["a1", "b2", "c3"],
        "ind-level1": ["产出指标", "效益指标", "满意度指标"],
        "ind-level2": ["数量指标", "社会效益指标", "服务对象满意度指标"],
        "ind-name": ["培训人数", "群众受益", "服务对象满意度"],
        "ind-target": ["≥100人", "有效提升", "≥90%"],
        "ind-actual": ["100人", "达成", "95%"],
        "ind-weight": ["50", "30", "10"],
        "ind-score": ["50", "30", "10"],
        "ind-deviation": ["", "", ""],
        "goal-expected": "完成培训",
        "goal-achieved": "已完成",
        "total": "99.8",
        "grade": "优",
    }
    fields.update(changes)
    return fields


def _calc(html: str, element: str) -> str:
    found = re.search(rf'id="{element}"[^>]*>(.*?)</span>', html, re.S)
    assert found, element
    return re.sub(r"<[^>]+>", "", found.group(1))


@pytest.fixture
def new_form(client_as: Callable[[str | None], Client]) -> tuple[Client, EvaluationForm]:
    c = client_as("filler")
    unit = Unit.objects.get(name=XINFANG)
    response = c.post(
        "/forms/new/", {"project": "信访培训", "unit": unit.pk, "year": "2025", "start": ""}
    )
    form = EvaluationForm.objects.get(project="信访培训")
    assert response["Location"] == f"/forms/{form.pk}/edit/"
    return c, form


def test_recalculation_answers_every_computed_cell(new_form: tuple[Client, EvaluationForm]) -> None:
    c, form = new_form
    html = c.post(f"/forms/{form.pk}/edit/recalc", _fields()).content.decode()
    assert _calc(html, "calc-total") == "重算 99.80"
    assert _calc(html, "calc-grade") == "重算 优"
    assert _calc(html, "calc-rate") == "重算 98.00"
    assert 'hx-swap-oob="true"' in html
    half = c.post(
        f"/forms/{form.pk}/edit/recalc", _fields(**{"ind-actual": ["50人", "达成", "95%"]})
    ).content.decode()
    assert _calc(half, "calc-score-1") == "重算 25.00"
    assert _calc(half, "calc-total") == "重算 74.80"
    assert "JX402" in _calc(half, "m-indicators-1-score")
    assert _calc(half, "read-target-1").startswith("读作：比较")


def test_bad_numbers_are_shown_at_their_cell_and_not_saved(
    new_form: tuple[Client, EvaluationForm],
) -> None:
    c, form = new_form
    bad = _fields(**{"funds-total-spent": "九十八", "ind-weight": ["50", "3o", "10"]})
    html = c.post(f"/forms/{form.pk}/edit/recalc", bad).content.decode()
    assert "“九十八”不是数字" in _calc(html, "m-funds-total-spent")
    assert "“3o”不是数字" in _calc(html, "m-indicators-2-weight")
    response = c.post(f"/forms/{form.pk}/edit/", bad)
    assert response.status_code == 400
    assert "九十八" in response.content.decode()  # what was typed is kept on the page
    assert form.versions.count() == 1


def test_rows_are_added_moved_and_removed(new_form: tuple[Client, EvaluationForm]) -> None:
    c, form = new_form
    url = f"/forms/{form.pk}/edit/rows"

    def names(html: str) -> list[str]:
        return re.findall(r'<textarea name="ind-name"[^>]*>([^<]*)</textarea>', html)

    added = c.post(url, {**_fields(), "op": "add", "at": "1"}).content.decode()
    assert names(added) == ["培训人数", "", "群众受益", "服务对象满意度"]
    assert 'value="a1"' in added and len(re.findall(r'name="ind-id"', added)) == 4
    moved = c.post(url, {**_fields(), "op": "down", "at": "1"}).content.decode()
    assert names(moved) == ["群众受益", "培训人数", "服务对象满意度"]
    removed = c.post(url, {**_fields(), "op": "remove", "at": "2"}).content.decode()
    assert names(removed) == ["培训人数", "服务对象满意度"]
    assert _calc(removed, "calc-total") == "重算 69.80"  # the cells outside the rows follow
    assert c.post(url, {**_fields(), "op": "explode"}).status_code == 404


def test_level2_choices_follow_level1(new_form: tuple[Client, EvaluationForm]) -> None:
    c, form = new_form
    fields = _fields(**{"ind-level1": ["效益指标", "效益指标", "满意度指标"]})
    html = c.post(f"/forms/{form.pk}/edit/rows", {**fields, "op": "refresh"}).content.decode()
    first_row = html.split('name="ind-level2"')[1].split("</select>")[0]
    assert "经济效益指标" in first_row and "质量指标" not in first_row
    assert "数量指标" in first_row  # the current, unfitting choice stays visible (JX104)


def test_save_then_stale_save(new_form: tuple[Client, EvaluationForm], users: Any) -> None:
    c, form = new_form
    assert c.post(f"/forms/{form.pk}/edit/", _fields())["Location"] == f"/forms/{form.pk}/"
    other = Client()
    other.force_login(users["admin"])
    stale = other.post(f"/forms/{form.pk}/edit/", _fields(total="90"))
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "保存未成功" in page and "版本 2" in page and "年度资金总额·全年执行数" in page
    assert 'value="90"' in page  # the second editor's input is still there
    assert form.versions.count() == 2
    anyway = other.post(f"/forms/{form.pk}/edit/", _fields(total="90", override="2"))
    assert anyway.status_code == 302 and form.versions.count() == 3


def test_the_workflow_through_the_pages(
    new_form: tuple[Client, EvaluationForm], client_as: Callable[[str | None], Client]
) -> None:
    c, form = new_form
    c.post(f"/forms/{form.pk}/edit/", _fields())
    page = c.get(f"/forms/{form.pk}/").content.decode()
    assert 'id="submit-button"' in page and 'id="edit-link"' in page
    c.post(f"/forms/{form.pk}/step/submit")
    form.refresh_from_db()
    assert form.status == Status.SUBMITTED
    assert c.get(f"/forms/{form.pk}/edit/").status_code == 409
    reviewer = client_as("reviewer")
    todo = reviewer.get("/todo/").content.decode()
    assert re.search(r'id="count-review">1<', todo)
    reviewer.post(
        f"/forms/{form.pk}/step/return",
        {"comment": "请补充", "cell": ["indicators:3:actual", ""], "cell_text": ["怎么测的？", ""]},
    )
    form.refresh_from_db()
    assert form.status == Status.RETURNED and CellComment.objects.count() == 1
    editor = c.get(f"/forms/{form.pk}/edit/").content.decode()
    actual_cell = editor.split('aria-label="实际完成值 3"')[1].split("</td>")[0]
    assert "怎么测的？" in actual_cell
    assert c.post(f"/forms/{form.pk}/step/approve").status_code == 403
    history = c.get(f"/forms/{form.pk}/history/").content.decode()
    assert history.count('name="a"') == 2


def test_new_form_page_refusals(client_as: Callable[[str | None], Client], users: Any) -> None:
    unit = Unit.objects.get(name=XINFANG)
    response = client_as("reviewer").post(
        "/forms/new/", {"project": "x", "unit": unit.pk, "year": "2025"}
    )
    assert response.status_code == 403 and not EvaluationForm.objects.exists()
    bad_year = client_as("filler").post(
        "/forms/new/", {"project": "x", "unit": unit.pk, "year": "二〇二五"}
    )
    assert bad_year.status_code == 400 and "年度" in bad_year.content.decode()
