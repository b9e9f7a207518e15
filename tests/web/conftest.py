"""Web test fixtures: one user per role, and the shared sample imported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from jixiao.web.accounts.services import do_add_user
from jixiao.web.evaluations import services
from jixiao.web.evaluations.models import EvaluationForm
from tests.conftest import SAMPLE

PASSWORD = "correct-horse-battery"
PUJIANG = "上海市闵行区浦江镇人民政府"
XINFANG = "信访办"
CENTRE = "上海市闵行区浦江镇社区党群服务中心"
OWN_PROJECT = "劝导队经费（信）"  # the 信访办 filler's own form


def own_form(sample: list[EvaluationForm]) -> EvaluationForm:
    """The sample form the filler's unit (信访办) owns."""
    return next(f for f in sample if f.project == OWN_PROJECT)


# Django's advice for tests: a fast hasher. The project's own (PBKDF2, ~0.5 s a password
# here) made each test that sets up its six users spend 3 s hashing; test_accounts checks it.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _data_dir(settings: Any, tmp_path: Any) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def sample(db: Any) -> list[EvaluationForm]:
    """The 28 sample forms, imported as the command line does."""
    services.do_import(None, [(SAMPLE.name, SAMPLE)])
    return list(EvaluationForm.objects.all())


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    """One user per role. 'other' is a filler of a unit in another department."""
    return {
        "bureau": do_add_user("caizheng", "bureau", PASSWORD),
        "admin": do_add_user("guanli", "admin", PASSWORD),
        "reviewer": do_add_user("shenhe", "reviewer", PASSWORD, department=PUJIANG),
        "filler": do_add_user("xinfang", "filler", PASSWORD, unit=XINFANG, department=PUJIANG),
        "other": do_add_user(
            "waibu", "filler", PASSWORD, unit="外区某单位", department="外区人民政府"
        ),
        "other_reviewer": do_add_user("waishen", "reviewer", PASSWORD, department="外区人民政府"),
    }


@pytest.fixture
def client_as(users: dict[str, Any]) -> Callable[[str | None], Client]:
    def make(role: str | None) -> Client:
        c = Client()
        if role is not None:
            c.force_login(users[role])
        return c

    return make
