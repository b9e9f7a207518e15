"""Loading the demo: the project's demo forms (``jixiao.demo``) and demo accounts, once, on
an empty database, with some forms moved along the workflow so that every role's to-do list
has something on it."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from jixiao.demo import DEPARTMENTS, demo_text
from jixiao.web.accounts.services import do_add_user
from jixiao.web.evaluations import services, workflow
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
    made, users = [], {}
    for name, role, unit, department in ACCOUNTS:
        password = secrets.token_urlsafe(9)
        users[role] = do_add_user(name, role, password, unit=unit, department=department)
        made.append((name, role, password))
    _move_along(users)
    return made


# (project, steps): who takes each step, with what comment. The filler's other form stays a
# draft; the returned one carries a comment on a cell.
_STEPS = (
    ("社区老年助餐服务补贴", (("filler", "submit"), ("reviewer", "return"))),
    ("困难家庭临时救助", (("admin", "submit"),)),
    ("职业技能提升培训补贴", (("admin", "submit"), ("admin", "approve"))),
    ("道路机扫保洁作业经费", (("admin", "submit"), ("admin", "approve"), ("bureau", "publish"))),
)


def _move_along(users: dict[str, object]) -> None:
    for project, steps in _STEPS:
        form = EvaluationForm.objects.filter(project=project).first()
        if form is None:
            continue
        for role, action in steps:
            pinned = [("indicators:1:actual", "请附完成情况的台账")] if action == "return" else []
            comment = {"submit": "示例：已核对，按单位口径填报", "return": "示例：请补充依据"}
            workflow.do_step(users[role], form, action, comment.get(action, ""), pinned=pinned)
