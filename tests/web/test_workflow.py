"""The workflow and editing services: every transition, every refusal, versions and ids,
comments pinned across versions, and no lost update."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from jixiao.web.accounts.models import Unit
from jixiao.web.evaluations import editing, workflow
from jixiao.web.evaluations.models import (
    CellComment,
    EvaluationForm,
    FormVersion,
    Status,
    WorkflowEvent,
)
from jixiao.web.evaluations.workflow import Invalid, Refused, WrongState
from tests.web.conftest import XINFANG, own_form


def _filled(form: EvaluationForm) -> dict[str, Any]:
    """The current version's JSON, filled in so that it has no error finding."""
    assert form.current is not None
    data = copy.deepcopy(form.current.content.data["form"])
    data["funds"]["total"].update({"annual": "100", "spent": "98", "rate": "98", "score": "9.8"})
    names = ("培训人数", "群众受益", "服务对象满意度")
    for ind, name in zip(data["indicators"], names, strict=True):
        ind.update({"name": name, "target": "≥90%", "actual": "95%", "score": ind["weight"]})
    data["goal"] = {"expected": "完成培训", "achieved": "已完成培训"}
    data["total"], data["grade"] = "99.80", "优"
    return data


@pytest.fixture
def draft(users: dict[str, Any]) -> EvaluationForm:
    unit = Unit.objects.get(name=XINFANG)
    return editing.do_create(users["filler"], unit, "信访培训", 2025)


def _save(user: Any, form: EvaluationForm, data: dict[str, Any]) -> FormVersion:
    form.refresh_from_db()
    assert form.current is not None
    return editing.do_save(user, form, data, form.current.number)


def _submitted(users: dict[str, Any], form: EvaluationForm) -> EvaluationForm:
    _save(users["filler"], form, _filled(form))
    workflow.do_submit(users["filler"], form)
    form.refresh_from_db()
    return form


def test_create_blank_form(draft: EvaluationForm, users: dict[str, Any]) -> None:
    assert draft.status == Status.DRAFT
    v = draft.current
    assert v is not None and v.number == 1 and v.origin == "create"
    data = v.content.data
    weights = [i["weight"] for i in data["form"]["indicators"]]
    assert weights == ["50", "30", "10"] and data["form"]["funds"]["total"]["weight"] == "10"
    assert len(data["ids"]) == 3
    event = WorkflowEvent.objects.get(form=draft)
    assert (event.action, event.after, event.actor) == ("create", Status.DRAFT, users["filler"])


def test_create_refusals(draft: EvaluationForm, users: dict[str, Any]) -> None:
    unit = Unit.objects.get(name=XINFANG)
    with pytest.raises(WrongState, match="已经存在"):
        editing.do_create(users["filler"], unit, " 信访培训 ", 2025)
    for role in ("reviewer", "bureau", "other"):
        with pytest.raises(Refused, match="不能为该单位新建"):
            editing.do_create(users[role], unit, "另一个项目", 2025)
    with pytest.raises(Invalid, match="项目名称"):
        editing.do_create(users["filler"], unit, "  ", 2025)
    assert EvaluationForm.objects.count() == 1


def test_create_from_last_year(draft: EvaluationForm, users: dict[str, Any]) -> None:
    _save(users["filler"], draft, _filled(draft))
    unit = Unit.objects.get(name=XINFANG)
    new = editing.do_create(users["filler"], unit, "信访培训", 2026, start=draft)
    assert new.current is not None
    form = new.current.content.data["form"]
    assert [i["name"] for i in form["indicators"]] == ["培训人数", "群众受益", "服务对象满意度"]
    assert all(i["actual"] is None and i["score"] is None for i in form["indicators"])
    assert form["funds"]["total"]["spent"] is None and form["year"] == 2026
    assert form["goal"] == {"expected": "完成培训", "achieved": None}


def test_save_makes_versions_and_keeps_ids(draft: EvaluationForm, users: dict[str, Any]) -> None:
    ids = draft.current.content.data["ids"]  # type: ignore[union-attr]
    data = _filled(draft)
    data["indicators"].reverse()
    v2 = editing.do_save(users["filler"], draft, data, 1, ids=list(reversed(ids)))
    assert v2.number == 2 and v2.origin == "edit" and v2.created_by == users["filler"]
    assert v2.content.data["ids"] == list(reversed(ids))
    assert v2.recomputed_total == Decimal("99.80") and v2.n_error == 0
    assert FormVersion.objects.filter(form=draft).count() == 2


def test_stale_save_is_refused_and_writes_nothing(
    draft: EvaluationForm, users: dict[str, Any]
) -> None:
    first = _filled(draft)
    editing.do_save(users["filler"], draft, first, 1)
    second = copy.deepcopy(first)
    second["indicators"][0]["actual"] = "80%"
    with pytest.raises(editing.Conflict) as caught:
        editing.do_save(users["admin"], draft, second, 1)
    assert caught.value.status == 409 and caught.value.current.number == 2
    assert "版本 2" in str(caught.value)
    labels = {c.label for c in caught.value.changes}
    assert "指标1「培训人数」·实际完成值" in labels
    assert FormVersion.objects.filter(form=draft).count() == 2


def test_save_refusals(draft: EvaluationForm, users: dict[str, Any]) -> None:
    data = _filled(draft)
    for role in ("reviewer", "bureau"):
        with pytest.raises(Refused) as caught:
            editing.do_save(users[role], draft, data, 1)
        assert caught.value.status == 403
    with pytest.raises(Invalid, match="project"):
        editing.do_save(users["filler"], draft, {**data, "project": "别的项目"}, 1)
    with pytest.raises(Invalid, match="不是数字"):
        editing.do_save(users["filler"], draft, {**data, "total": "九十"}, 1)
    with pytest.raises(Invalid, match="指标编号"):
        editing.do_save(users["filler"], draft, data, 1, ids=["x"])
    assert FormVersion.objects.filter(form=draft).count() == 1


def test_submit_needs_a_reason_when_errors_remain(
    draft: EvaluationForm, users: dict[str, Any]
) -> None:
    assert draft.current is not None and draft.current.n_error > 0
    with pytest.raises(Invalid, match="个错误"):
        workflow.do_submit(users["filler"], draft)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    event = workflow.do_submit(users["filler"], draft, "空白表，先提交以便审核人查看")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and event.comment.startswith("空白表")


def test_every_transition(draft: EvaluationForm, users: dict[str, Any]) -> None:
    form = _submitted(users, draft)
    assert form.status == Status.SUBMITTED
    workflow.do_return(users["reviewer"], form, "请补充", [("indicators:2:actual", "写明依据")])
    form.refresh_from_db()
    assert form.status == Status.RETURNED
    data = _filled(form)
    data["indicators"][1]["actual"] = "达成"
    _save(users["filler"], form, data)
    workflow.do_submit(users["filler"], form)
    workflow.do_approve(users["reviewer"], form, "材料不全", Decimal("2"))
    form.refresh_from_db()
    assert form.status == Status.APPROVED
    approval = workflow.approval(form)
    assert approval is not None
    assert (approval["total"], approval["deduction"], approval["final"]) == (
        Decimal("99.80"),
        Decimal("2"),
        Decimal("97.80"),
    )
    workflow.do_publish(users["bureau"], form)
    form.refresh_from_db()
    assert form.status == Status.PUBLISHED
    actions = list(form.events.values_list("action", "before", "after"))
    assert actions == [
        ("create", "", "draft"),
        ("submit", "draft", "submitted"),
        ("return", "submitted", "returned"),
        ("submit", "returned", "submitted"),
        ("approve", "submitted", "approved"),
        ("publish", "approved", "published"),
    ]


@pytest.mark.parametrize(
    ("action", "role"),
    [
        ("submit", "reviewer"),
        ("submit", "bureau"),
        ("return", "filler"),
        ("return", "bureau"),
        ("approve", "filler"),
        ("approve", "bureau"),
        ("publish", "filler"),
        ("publish", "reviewer"),
        ("return", "other_reviewer"),
        ("submit", "other"),
    ],
)
def test_roles_that_may_not(
    action: str, role: str, draft: EvaluationForm, users: dict[str, Any]
) -> None:
    form = _submitted(users, draft)
    if action == "publish":
        workflow.do_approve(users["reviewer"], form)
    before = form.events.count()
    with pytest.raises(Refused) as caught:
        workflow.do_step(users[role], form, action, "意见")
    assert caught.value.status == 403
    assert form.events.count() == before


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", Status.DRAFT),
        ("return", Status.DRAFT),
        ("publish", Status.SUBMITTED),
        ("submit", Status.SUBMITTED),
        ("return", Status.APPROVED),
        ("submit", Status.PUBLISHED),
    ],
)
def test_steps_from_the_wrong_status(
    action: str, status: str, draft: EvaluationForm, users: dict[str, Any]
) -> None:
    EvaluationForm.objects.filter(pk=draft.pk).update(status=status)
    draft.refresh_from_db()
    with pytest.raises(WrongState) as caught:
        workflow.do_step(users["admin"], draft, action, "意见", pinned=[("footer::total", "x")])
    assert caught.value.status == 409


def test_return_and_approve_need_their_words(draft: EvaluationForm, users: dict[str, Any]) -> None:
    form = _submitted(users, draft)
    with pytest.raises(Invalid, match="写明意见"):
        workflow.do_return(users["reviewer"], form, " ", [("funds:total:spent", " ")])
    with pytest.raises(Invalid, match="没有单元格"):
        workflow.do_return(users["reviewer"], form, "请改", [("indicators:9:actual", "无此行")])
    with pytest.raises(Invalid, match="理由"):
        workflow.do_approve(users["reviewer"], form, "", Decimal("1"))
    with pytest.raises(Invalid, match="超过"):
        workflow.do_approve(users["reviewer"], form, "太多", Decimal("200"))
    with pytest.raises(Invalid, match="不是数字"):
        workflow.do_step(users["reviewer"], form, "approve", "x", "两分")
    form.refresh_from_db()
    assert form.status == Status.SUBMITTED and not CellComment.objects.exists()


def test_comments_follow_their_indicator_across_versions(
    draft: EvaluationForm, users: dict[str, Any]
) -> None:
    form = _submitted(users, draft)
    workflow.do_return(users["reviewer"], form, "", [("indicators:3:actual", "满意度怎么测的？")])
    comment = CellComment.objects.get()
    form.refresh_from_db()
    v2 = form.current
    assert v2 is not None
    assert workflow.place(v2.content.data, comment.cell) == "indicators:3:actual"
    data = _filled(form)  # the filler moves 服务对象满意度 to the top
    ids = v2.content.data["ids"]
    data["indicators"].insert(0, data["indicators"].pop())
    v3 = editing.do_save(users["filler"], form, data, v2.number, ids=[ids[2], ids[0], ids[1]])
    assert workflow.place(v3.content.data, comment.cell) == "indicators:1:actual"
    data["indicators"].pop(0)
    v4 = editing.do_save(users["filler"], form, data, v3.number, ids=[ids[0], ids[1]])
    assert workflow.place(v4.content.data, comment.cell) is None


def test_import_cannot_replace_a_submitted_form(
    sample: list[EvaluationForm], users: dict[str, Any]
) -> None:
    from jixiao.web.evaluations import services
    from tests.conftest import SAMPLE

    own = own_form(sample)
    workflow.do_submit(users["filler"], own, "已核对")
    previews = services.preview_files(users["filler"], [(SAMPLE.name, SAMPLE)])
    reasons = {p.result.form.project: p.reason for f in previews for p in f.forms}
    assert reasons["劝导队经费（信）"] == "该表已提交，不能导入新版本"
    services.do_import(users["filler"], [(SAMPLE.name, SAMPLE)])
    own.refresh_from_db()
    assert own.versions.count() == 1


def test_todo_lists(draft: EvaluationForm, users: dict[str, Any]) -> None:
    def counts(role: str) -> dict[str, int]:
        return {t["key"]: t["count"] for t in workflow.todo(users[role])}

    assert counts("filler") == {"fill": 1, "fix": 0}
    assert counts("reviewer") == {"review": 0}
    _submitted(users, draft)
    assert counts("filler") == {"fill": 0, "fix": 0}
    assert counts("reviewer") == {"review": 1}
    assert counts("other_reviewer") == {"review": 0}
    workflow.do_approve(users["reviewer"], draft)
    assert counts("bureau") == {"publish": 1}
    assert counts("admin") == {"fill": 0, "fix": 0, "review": 0, "publish": 1}


def test_two_saves_at_once_one_wins(transactional_db: Any, users: dict[str, Any]) -> None:
    """Two people save from the same version at the same moment: the row lock lets one in;
    the other gets the conflict, and exactly one new version exists."""
    import threading

    from django.db import connection

    unit = Unit.objects.get(name=XINFANG)
    form = editing.do_create(users["filler"], unit, "并发测试", 2025)
    data = _filled(form)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(who: str) -> None:
        try:
            barrier.wait()
            editing.do_save(users[who], form, data, 1)
            outcomes.append("saved")
        except editing.Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(who,)) for who in ("filler", "admin")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert FormVersion.objects.filter(form=form).count() == 2
