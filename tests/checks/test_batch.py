"""The cross-form checks keep a digest per distinct indicator table, never the forms."""

from __future__ import annotations

import gc
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from jixiao import pipeline
from jixiao.checks.batch import Batch, table_digest
from jixiao.model import Form
from jixiao.profiles import load_profile
from tests.checks.forms import base, write

PROFILE = load_profile("mof-2020")


def _form(tmp_path: Path) -> Form:
    return pipeline.read(write(tmp_path, base())).forms[0].form


def _reachable(root: object) -> list[object]:
    """What ``root`` holds, directly or not: its data, not its class (from a class, every
    module, and whatever the process keeps alive elsewhere, would be reachable)."""
    seen: dict[int, object] = {}
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) not in seen and not isinstance(obj, type | ModuleType):
            seen[id(obj)] = obj
            todo.extend(gc.get_referents(obj))
    return list(seen.values())


def test_digest_follows_the_cells(tmp_path: Path) -> None:
    form = _form(tmp_path)
    first = form.indicators[0]
    renamed = replace(form, project="另一个项目")
    rescored = replace(form, indicators=(replace(first, score=Decimal("29")), *form.indicators[1:]))
    assert table_digest(renamed) == table_digest(form)
    assert table_digest(rescored) != table_digest(form)


def test_digest_is_not_fooled_by_the_separator(tmp_path: Path) -> None:
    form = _form(tmp_path)
    a, b = form.indicators[0], form.indicators[1]
    joined = replace(a, level2=a.level2 + "\x1f" + a.name, name="")
    split = replace(a, level2=a.level2, name="\x1f" + a.name)
    digests = {table_digest(replace(form, indicators=(i, b))) for i in (a, joined, split)}
    assert len(digests) == 3


def test_batch_keeps_no_form(tmp_path: Path) -> None:
    form = _form(tmp_path)
    batch = Batch(PROFILE)
    for i in range(200):
        batch.add(replace(form, project=f"项目{i}"))
    assert len(batch) == 200
    assert not any(isinstance(o, Form) for o in _reachable(batch))
    codes = [f.code for f in batch.findings()]
    assert codes.count("JX602") == 199 and codes.count("JX601") == 1
