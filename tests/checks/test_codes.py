"""Every check code: one form that triggers it and one near miss that must not.

Cases are a table: code → (what triggers it, the near miss). The forms are the clean base
form of ``forms.py`` with one change, written as tab text and run through the whole
pipeline. ``test_every_code_has_cases`` fails when a code of the table lacks its cases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import pipeline
from jixiao.checks import structure
from jixiao.checks.codes import CODES
from jixiao.checks.runner import FORM_CHECKS
from tests.checks.forms import base, mutate, to_text, write

Spec = dict[str, Any]
Maker = Callable[[Path], Path]


def one(spec: Spec) -> Maker:
    return lambda tmp: write(tmp, spec)


def many(*specs: Spec) -> Maker:
    return lambda tmp: write(tmp, *specs)


def raw(data: bytes) -> Maker:
    def make(tmp: Path) -> Path:
        path = tmp / "input.txt"
        path.write_bytes(data)
        return path

    return make


def encoded(encoding: str) -> Maker:
    return lambda tmp: write(tmp, base(), encoding=encoding)


def ind(**cells: str) -> dict[tuple[int, int], str]:
    """``ind(r0c5="25.00")``: indicator cells by row and column (0-based)."""
    return {(int(k[1]), int(k[3:])): v for k, v in cells.items()}


FULL = base()
SPENT_50 = {(0, 2): "50.00", (0, 4): "50.00", (0, 5): "5.00", (1, 2): "50.00", (1, 4): "50.00"}
SECOND = mutate(project="社区矫正经费", unit="示例区司法所")

# code → (trigger, near miss)
CASES: dict[str, tuple[Maker, Maker]] = {
    "JX001": (raw(b"\x00\x01\x02binary\x00" * 50), one(FULL)),
    "JX002": (raw("这是一份会议纪要，没有自评表。\n".encode()), one(FULL)),
    "JX003": (one(mutate(ind=ind(r0c5="三十"))), one(FULL)),
    "JX004": (encoded("gb18030"), encoded("utf-8")),
    "JX101": (one(mutate(project="")), one(FULL)),
    "JX102": (one(mutate(goal=[FULL["goal"][0], ""])), one(FULL)),
    "JX103": (
        one(mutate(indicators=FULL["indicators"][:3], ind=ind(r0c5="40.00", r0c6="40.00"))),
        one(FULL),
    ),
    "JX104": (one(mutate(ind=ind(r1c1="经济效益指标"))), one(mutate(ind=ind(r1c1="时效指标")))),
    "JX105": (one(mutate(ind=ind(r1c2="培训场次"))), one(FULL)),
    "JX106": (
        one(mutate(goal=[FULL["goal"][0], "全年开展培训12场。全年开展培训12场。"])),
        one(mutate(goal=[FULL["goal"][0], "培训完成。培训完成。"])),
    ),
    "JX107": (one(mutate(total=None)), one(mutate(grade=None))),
    "JX201": (one(mutate(fund={(1, 0): "90.00"})), one(FULL)),
    "JX202": (one(mutate(fund={(0, 4): "90.00"})), one(mutate(fund={(0, 4): "96.00"}))),
    "JX203": (one(mutate(fund={(0, 5): "9.00"})), one(mutate(fund={(0, 5): "9.60"}))),
    "JX204": (
        one(
            mutate(
                fund={(0, 2): "110.00", (1, 2): "110.00", (0, 4): "110.00", (0, 5): "10.00"},
                total="100",
            )
        ),
        one(
            mutate(
                fund={(0, 2): "100.00", (1, 2): "100.00", (0, 4): "100.00", (0, 5): "10.00"},
                total="100",
            )
        ),
    ),
    "JX205": (
        one(
            mutate(
                fund={
                    (0, 2): "960,000.00",
                    (1, 2): "960,000.00",
                    (0, 4): "960000.00",
                    (0, 5): "10.00",
                }
            )
        ),
        one(mutate(fund={(0, 2): "96.00"})),
    ),
    "JX206": (
        one(mutate(fund={(0, 1): "0.00", (1, 1): "0.00", (0, 4): "", (0, 5): ""})),
        one(
            mutate(
                fund={
                    (0, 1): "0.00",
                    (1, 1): "0.00",
                    (0, 2): "0.00",
                    (1, 2): "0.00",
                    (0, 4): "",
                    (0, 5): "",
                }
            )
        ),
    ),
    "JX207": (one(mutate(fund={(0, 3): "20.00"})), one(mutate(fund={(0, 3): "10.00"}))),
    "JX301": (one(mutate(ind=ind(r0c3=""))), one(FULL)),
    "JX302": (one(mutate(ind=ind(r0c4="见附件"))), one(FULL)),
    "JX303": (one(mutate(ind=ind(r0c4="12(场)"))), one(FULL)),
    "JX304": (
        one(mutate(ind=ind(r1c3="≥95(人)", r1c4="98(人)"))),
        one(mutate(ind=ind(r0c2="培训人数", r0c3="≥10(人)", r0c4="12(人)"))),
    ),
    "JX305": (one(mutate(ind=ind(r3c3="=95(%)"))), one(FULL)),
    "JX306": (one(mutate(ind=ind(r2c3="提升", r2c4="达成指标"))), one(FULL)),
    "JX307": (
        one(mutate(ind=ind(r0c1="成本指标", r0c3="≥10(次)"))),
        one(
            mutate(
                ind=ind(r0c1="成本指标", r0c2="人均培训成本", r0c3="≤500(元/人)", r0c4="480(元/人)")
            )
        ),
    ),
    "JX308": (
        one(mutate(ind=ind(r2c3="提升", r2c4="明显提升"))),
        one(mutate(ind=ind(r2c3="提升", r2c4="达成年度指标"))),
    ),
    "JX401": (one(mutate(ind=ind(r0c6="35.00"), total="104.60")), one(FULL)),
    "JX402": (
        one(mutate(ind=ind(r0c4="5(次)"))),
        one(mutate(ind=ind(r0c4="5(次)", r0c6="15.00", r0c7="因疫情取消5场"), total="84.60")),
    ),
    "JX403": (
        one(mutate(ind=ind(r2c3="提升", r2c4="达成指标", r2c6="20.00"), total="89.60")),
        one(
            mutate(
                ind=ind(r2c3="提升", r2c4="达成指标", r2c6="25.00", r2c7="部分人员未就业"),
                total="94.60",
            )
        ),
    ),
    "JX404": (one(mutate(ind=ind(r0c5="25.00", r0c6="25.00"), total="94.60")), one(FULL)),
    "JX405": (
        one(mutate(ind=ind(r0c5="20.00", r0c6="20.00", r2c5="40.00", r2c6="40.00"))),
        one(FULL),
    ),
    "JX406": (
        one(
            mutate(
                indicators=[
                    *FULL["indicators"],
                    ["效益指标", "社会效益指标", "社会影响", "≥1(次)", "1(次)", "0.00", "0.00", ""],
                ]
            )
        ),
        one(FULL),
    ),
    "JX407": (one(mutate(total="98.00")), one(mutate(total="99.60"))),
    "JX408": (one(mutate(grade="良")), one(mutate(grade="优"))),
    "JX409": (one(mutate(ind=ind(r0c4="5(次)"))), one(FULL)),
    "JX410": (
        one(mutate(ind=ind(r0c4="20(次)"))),
        one(mutate(ind=ind(r0c4="20(次)", r0c7="应企业需求加开10场"))),
    ),
    "JX501": (
        one(mutate(ind=ind(r0c4="9(次)", r0c6="27.00"), total="96.60")),
        one(mutate(ind=ind(r0c4="9(次)", r0c6="27.00", r0c7="因场地维修停办1场"), total="96.60")),
    ),
    "JX502": (
        one(mutate(fund=SPENT_50, total="95.00")),
        one(
            mutate(
                fund=SPENT_50,
                total="95.00",
                goal=[FULL["goal"][0], "因培训基地延期交付，部分培训推迟。"],
            )
        ),
    ),
    "JX503": (one(mutate(fund=SPENT_50, total="95.00")), one(FULL)),
    "JX504": (
        one(
            mutate(
                fund={
                    **SPENT_50,
                    (0, 2): "70.00",
                    (1, 2): "70.00",
                    (0, 4): "70.00",
                    (0, 5): "7.00",
                },
                total="97.00",
            )
        ),
        one(FULL),
    ),
    "JX505": (
        one(mutate(goal=[FULL["goal"][0], "全年开展培训12场，第四季度实操考核未完成。"])),
        one(
            mutate(
                goal=[
                    FULL["goal"][0],
                    "全年开展培训12场。因资金紧张，尾款于下年度支付，未完成支付。",
                ]
            )
        ),
    ),
    "JX506": (
        one(mutate(ind=ind(r0c4="10(次)", r1c4="95(%)", r2c4="80(%)", r3c4="90(%)"))),
        one(FULL),
    ),
    "JX507": (
        one(mutate(ind=ind(r0c4="9(次)", r0c6="27.00", r0c7="无"), total="96.60")),
        one(mutate(ind=ind(r0c4="9(次)", r0c6="27.00", r0c7="因场地维修停办1场"), total="96.60")),
    ),
    "JX601": (
        many(FULL, SECOND),
        many(
            FULL,
            mutate(
                project="社区矫正经费",
                ind=ind(r0c4="5(次)", r0c6="15.00", r0c7="因故取消"),
                total="84.60",
                grade="良",
            ),
        ),
    ),
    "JX602": (
        many(FULL, SECOND),
        many(FULL, mutate(project="社区矫正经费", ind=ind(r0c2="矫正对象走访次数"))),
    ),
}

SPECIAL = {"JX901"}  # tested below: a check that raises


def codes_found(path: Path) -> list[str]:
    return [f.code for f in pipeline.run(path).all_findings()]


def test_base_form_is_clean(tmp_path: Path) -> None:
    assert codes_found(write(tmp_path, base())) == []


def test_every_code_has_cases() -> None:
    assert set(CODES) - SPECIAL == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_triggers(code: str, tmp_path: Path) -> None:
    trigger, _ = CASES[code]
    assert code in codes_found(trigger(tmp_path))


@pytest.mark.parametrize("code", sorted(CASES))
def test_near_miss_does_not_trigger(code: str, tmp_path: Path) -> None:
    _, miss = CASES[code]
    assert code not in codes_found(miss(tmp_path))


def test_failing_check_becomes_jx901(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setitem(FORM_CHECKS, "JX105", broken)
    run = pipeline.run(write(tmp_path, base()))
    found = [f for f in run.all_findings() if f.code == "JX901"]
    assert len(found) == 1 and "JX105" in found[0].message and "boom" in found[0].message
    assert len(run.results) == 1  # the form is kept


def test_no_jx901_on_clean_form(tmp_path: Path) -> None:
    assert "JX901" not in codes_found(write(tmp_path, base()))


def test_base_text_round_trip() -> None:
    assert "职业技能培训补贴" in to_text(base())
    assert structure.repeated_sentence("甲乙丙丁戊己庚辛。甲乙丙丁戊己庚辛。") == "甲乙丙丁戊己庚辛"


def _repeated_by_definition(text: str) -> str | None:
    """``repeated_sentence`` as its docstring says it: every part stripped, then compared."""
    seen: set[str] = set()
    for part in re.split(r"[。；;！!？?\n]", text):
        s = part.strip(" ，,、")
        if len(s) >= structure.MIN_SENTENCE:
            if s in seen:
                return s
            seen.add(s)
    return None


@given(st.lists(st.text("甲乙丙丁 ，,、。;\n", max_size=14), max_size=6).map("。".join))
@settings(max_examples=2000)
def test_repeated_sentence_is_its_definition(text: str) -> None:
    assert structure.repeated_sentence(text) == _repeated_by_definition(text)


def test_repeated_sentence_strips_only_the_edges() -> None:
    assert (
        structure.repeated_sentence("，甲乙丙丁戊己庚辛、。甲乙丙丁戊己庚辛 。")
        == "甲乙丙丁戊己庚辛"
    )
    assert structure.repeated_sentence("甲乙丙丁，戊己庚辛。甲乙丙丁戊己庚辛。") is None
