"""The permission matrix: every page and API endpoint as anonymous, another unit, own unit,
reviewer (own department and another), bureau and admin."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.test import Client

from jixiao.web.evaluations.models import EvaluationForm
from tests.web.conftest import own_form

ROLES = (None, "other", "filler", "reviewer", "other_reviewer", "bureau", "admin")


def _own_page(s: list[EvaluationForm], page: str) -> str:
    return f"/forms/{own_form(s).pk}/{page}"


def _not_own(sample: list[EvaluationForm]) -> EvaluationForm:
    return next(f for f in sample if f.project == "社工")


# url maker → expected status per role (None = anonymous). The 信访办 filler's own form is
# 劝导队经费（信）; 社工 belongs to another unit of the same department.
MATRIX: list[tuple[str, Callable[[list[EvaluationForm]], str], dict[str | None, int]]] = [
    (
        "list",
        lambda s: "/",
        {
            None: 302,
            "other": 200,
            "filler": 200,
            "reviewer": 200,
            "other_reviewer": 200,
            "bureau": 200,
            "admin": 200,
        },
    ),
    (
        "own form",
        lambda s: f"/forms/{own_form(s).pk}/",
        {
            None: 302,
            "other": 404,
            "filler": 200,
            "reviewer": 200,
            "other_reviewer": 404,
            "bureau": 200,
            "admin": 200,
        },
    ),
    (
        "other unit's form",
        lambda s: f"/forms/{_not_own(s).pk}/",
        {
            None: 302,
            "other": 404,
            "filler": 404,
            "reviewer": 200,
            "other_reviewer": 404,
            "bureau": 200,
            "admin": 200,
        },
    ),
    (
        "form json",
        lambda s: f"/forms/{own_form(s).pk}/json",
        {
            None: 302,
            "other": 404,
            "filler": 200,
            "reviewer": 200,
            "other_reviewer": 404,
            "bureau": 200,
            "admin": 200,
        },
    ),
    (
        "import page",
        lambda s: "/import/",
        {
            None: 302,
            "other": 200,
            "filler": 200,
            "reviewer": 200,
            "other_reviewer": 200,
            "bureau": 200,
            "admin": 200,
        },
    ),
    (
        "api list",
        lambda s: "/api/forms",
        {
            None: 401,
            "other": 200,
            "filler": 200,
            "reviewer": 200,
            "other_reviewer": 200,
            "bureau": 200,
            "admin": 200,
        },
    ),
    (
        "api own form",
        lambda s: f"/api/forms/{own_form(s).pk}",
        {
            None: 401,
            "other": 404,
            "filler": 200,
            "reviewer": 200,
            "other_reviewer": 404,
            "bureau": 200,
            "admin": 200,
        },
    ),
    (
        "api other unit's form",
        lambda s: f"/api/forms/{_not_own(s).pk}",
        {
            None: 401,
            "other": 404,
            "filler": 404,
            "reviewer": 200,
            "other_reviewer": 404,
            "bureau": 200,
            "admin": 200,
        },
    ),
    ("openapi", lambda s: "/api/openapi.json", dict.fromkeys(ROLES, 200)),
    ("to-do page", lambda s: "/todo/", {**dict.fromkeys(ROLES, 200), None: 302}),
    ("new form page", lambda s: "/forms/new/", {**dict.fromkeys(ROLES, 200), None: 302}),
    (
        "own form editor",
        lambda s: f"/forms/{own_form(s).pk}/edit/",
        {
            None: 302,
            "other": 404,
            "filler": 200,
            "reviewer": 403,
            "other_reviewer": 404,
            "bureau": 403,
            "admin": 200,
        },
    ),
    (
        "other unit's form editor",
        lambda s: f"/forms/{_not_own(s).pk}/edit/",
        {
            None: 302,
            "other": 404,
            "filler": 404,
            "reviewer": 403,
            "other_reviewer": 404,
            "bureau": 403,
            "admin": 200,
        },
    ),
    *[
        (
            f"own form {page}",
            partial(_own_page, page=page),
            {
                None: 302,
                "other": 404,
                "filler": 200,
                "reviewer": 200,
                "other_reviewer": 404,
                "bureau": 200,
                "admin": 200,
            },
        )
        for page in ("history/", "diff/?a=1&b=1")
    ],
    (
        "admin site",
        lambda s: "/admin/",
        {
            None: 302,
            "other": 302,
            "filler": 302,
            "reviewer": 302,
            "other_reviewer": 302,
            "bureau": 302,
            "admin": 200,
        },
    ),
]


@pytest.mark.parametrize("role", ROLES)
def test_matrix(
    role: str | None,
    sample: list[EvaluationForm],
    client_as: Callable[[str | None], Client],
) -> None:
    """Every page and endpoint as this role (one sample import per role, not per page)."""
    c = client_as(role)
    wrong = [
        (name, status, expected[role])
        for name, url, expected in MATRIX
        if (status := c.get(url(sample)).status_code) != expected[role]
    ]
    assert wrong == [], f"{role}: (page, got, expected) {wrong}"


@pytest.mark.parametrize(
    ("role", "count"),
    [
        ("other", 0),
        ("filler", 3),
        ("reviewer", 28),
        ("other_reviewer", 0),
        ("bureau", 28),
        ("admin", 28),
    ],
)
def test_lists_show_only_what_the_role_may_see(
    role: str, count: int, sample: list[EvaluationForm], client_as: Callable[[str | None], Client]
) -> None:
    c = client_as(role)
    assert c.get("/api/forms").json()["count"] == count
    assert c.get("/").context["page"].paginator.count == count


def test_import_refuses_other_units_forms(
    sample: Any, client_as: Callable[[str | None], Client], settings: Any
) -> None:
    from tests.conftest import SAMPLE

    c = client_as("filler")
    with SAMPLE.open("rb") as fh:
        response = c.post("/import/", {"files": [fh]})
    preview = c.get(response["Location"])
    assert preview.context["allowed"] == 3
    assert "无权导入该单位的自评表" in preview.content.decode()
