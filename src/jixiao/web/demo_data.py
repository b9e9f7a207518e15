"""Loading the demo: the project's demo forms (``jixiao.demo``) and demo accounts, once, on
an empty database."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from jixiao.demo import DEPARTMENTS, demo_text
from jixiao.web.accounts.services import do_add_user
from jixiao.web.evaluations import services
from jixiao.web.evaluations.models import EvaluationForm

_DEPARTMENT = next(iter(DEPARTMENTS))
_UNIT = DEPARTMENTS[_DEPARTMENT][1]
ACCOUNTS = (
    ("caizheng", "bureau", None, None),
    ("shenhe", "reviewer", None, _DEPARTMENT),
    ("tianbao", "filler", _UNIT, None),
    ("admin", "admin", None, None),
)


def load_demo() -> list[tuple[str, str, str]]:
    """Import the demo forms and make the demo accounts when the database is empty.
    Returns (name, role, password) of the accounts made; empty when nothing was done."""
    if EvaluationForm.objects.exists() or get_user_model().objects.exists():
        return []
    folder = Path(settings.DATA_DIR) / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "示例区-2024-项目支出绩效自评表.txt"
    path.write_text(demo_text(), encoding="utf-8")
    services.do_import(None, [(path.name, path)], note="示例数据")
    made = []
    for name, role, unit, department in ACCOUNTS:
        password = secrets.token_urlsafe(9)
        do_add_user(name, role, password, unit=unit, department=department)
        made.append((name, role, password))
    return made
