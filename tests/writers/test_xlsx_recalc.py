"""The exported workbooks, recalculated by LibreOffice, give exactly the engine's numbers.

Every formula cell of every sheet (28 forms × 2 profiles × stated/recomputed) is compared with
a number taken from the scoring engine, never from the writer:

- recomputed: the engine's ``ScoreSheet`` (rate, execution score, quantitative indicator
  scores, total, grade);
- as stated: the engine run on the amounts as entered (its 元 → 万元 correction switched off)
  with the unit's own indicator scores. The one deliberate difference from the engine's sheet
  is the form whose 全年执行数 was entered in 元 (户籍档案数字化加工项目): as stated, its
  formulas follow the cell (999902.41 %), while the engine corrects the amount (99.99 %); the
  recomputed workbook writes the corrected amount and matches the sheet exactly.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from jixiao.model import Form, FundRow, Funds, Source
from jixiao.pipeline import Result, Run
from jixiao.profiles import Profile
from jixiao.scoring import score
from jixiao.scoring.engine import unit_corrections
from jixiao.writers.formulas import a1
from jixiao.writers.table import form_table
from tests.writers.conftest import EDITS, EXPORTS, POISON, Workbooks

YUAN_FORM = 23  # 户籍档案数字化加工项目: 全年执行数 256175.00 entered in 元


def uncorrected(profile: Profile) -> Profile:
    """The engine without its 元 → 万元 correction (an empty ratio range)."""
    return replace(profile, unit_factor_range=(Decimal(1), Decimal(0)))


def row_rate(row: FundRow, profile: Profile) -> Decimal | None:
    """The engine's execution rate of one funds row (scored as if it were the total row)."""
    rate = score(Form(funds=Funds(total=row), source=Source(file="")), uncorrected(profile)).rate
    return None if rate is None else profile.round(rate)


def shown(value: Decimal | None, profile: Profile) -> Decimal | str:
    """A rate or score as its cell shows it: rounded, or a dash when there is none."""
    return "—" if value is None else profile.round(value)


def expected(result: Result, profile: Profile, recomputed: bool) -> dict[str, Decimal | str]:
    """What each formula cell must hold, by key, from the engine."""
    form, sheet = result.form, result.sheet
    assert sheet is not None
    r = profile.round
    rows = dict(form.funds.rows())
    weights = [form.funds.total.weight, *(i.weight for i in form.indicators)]
    out: dict[str, Decimal | str] = {"weights": sum((w for w in weights if w), Decimal(0))}
    if recomputed:
        out |= {
            "total.rate": shown(sheet.rate, profile),
            "total.score": shown(sheet.execution_score, profile),
            "total": r(sheet.total),
            "grade": sheet.grade,
        }
        for s in sheet.indicators:
            if s.method in ("positive", "reverse"):
                assert s.score is not None
                out[f"indicator.{s.index}.score"] = r(s.score)
        for name, row in rows.items():
            fixed = {c.column: c.corrected for c in unit_corrections(name, row, profile)}
            rows[name] = replace(
                row,
                initial=fixed.get("initial", row.initial),
                annual=fixed.get("annual", row.annual),
                spent=fixed.get("spent", row.spent),
            )
    else:
        plain = score(form, uncorrected(profile))
        scores = sum((i.score or 0 for i in form.indicators), Decimal(0))
        total = r((plain.execution_score or 0) + scores)
        out |= {
            "total.rate": shown(plain.rate, profile),
            "total.score": shown(plain.execution_score, profile),
            "total": total,
        }
        if form.grade is not None:  # as stated, a form has a 评分等级 row when it had one
            out["grade"] = profile.grade(total)
    for name, row in rows.items():
        rate = row_rate(row, profile)
        if name != "total" and rate is not None:
            out[f"{name}.rate"] = rate
    return out


def formula_cells(path: Path) -> list[set[str]]:
    """The A1 addresses of the formula cells of each sheet, as written."""
    wb = openpyxl.load_workbook(path)
    return [
        {c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"}
        for ws in wb.worksheets
    ]


def compare(
    workbooks: Workbooks, exported: str, recalculated: str, run: Run, recomputed: bool
) -> tuple[int, list[str]]:
    """(cells compared, differences) between LibreOffice's values and the engine's."""
    written = formula_cells(workbooks.exported[exported])
    compared, wrong = 0, []
    for i, (result, formulas) in enumerate(zip(run.results, written, strict=True)):
        keyed = form_table(result, run.profile, recomputed=recomputed).keyed()
        want = expected(result, run.profile, recomputed)
        where = {a1(keyed[k].row, keyed[k].col): k for k in want}
        if set(where) != formulas:
            wrong.append(f"form {i + 1}: formulas at {sorted(formulas)}, expected {sorted(where)}")
        for address, key in where.items():
            got = workbooks.value(recalculated, i, address)
            compared += 1
            if got != want[key]:
                wrong.append(f"form {i + 1} {key} {address}: LibreOffice {got}, engine {want[key]}")
    return compared, wrong


@pytest.mark.parametrize("name", EXPORTS)
def test_libreoffice_recalculates_the_engines_numbers(
    workbooks: Workbooks, runs: dict[str, Run], name: str
) -> None:
    key, recomputed = EXPORTS[name]
    run = runs[key]
    compared, wrong = compare(workbooks, name, name, run, recomputed)
    assert wrong == []
    forms = len(run.results)
    assert forms == (7 if key.startswith("synthetic") else 28)
    assert compared >= forms * 5  # rate, score, appropriation rate, weights, total (+ grade …)


def test_recalculation_is_real(workbooks: Workbooks, runs: dict[str, Run]) -> None:
    """A copy with wrong cached values (777777) still recalculates to the engine's numbers."""
    run = runs["pujiang-2023"]
    compared, wrong = compare(workbooks, "pujiang-2023-stated", "poisoned", run, False)
    assert wrong == [] and compared > 100
    values = [v for sheet in workbooks.recalculated["poisoned"] for row in sheet for v in row]
    assert POISON not in values


def test_scores_follow_an_edited_amount(workbooks: Workbooks, runs: dict[str, Run]) -> None:
    """A person changes 全年执行数 of form 2 and an indicator score of form 7: rate, score,
    total and grade follow, to the engine's numbers for the edited forms."""
    run = runs["pujiang-2023"]
    for number, key, value in EDITS:
        result = run.results[number - 1]
        form = _edit(result.form, key, value)
        edited = Result(file=result.file, form=form, sheet=score(form, run.profile), findings=())
        keyed = form_table(edited, run.profile).keyed()
        want = expected(edited, run.profile, recomputed=False)
        for k in want.keys() & {"total.rate", "total.score", "total", "grade"}:
            address = a1(keyed[k].row, keyed[k].col)
            assert workbooks.value("edited", number - 1, address) == want[k], (number, k)
    keyed = form_table(run.results[1], run.profile).keyed()
    rate = a1(keyed["total.rate"].row, keyed["total.rate"].col)
    assert workbooks.value("edited", 1, rate) == Decimal("73.26")  # 60 / 81.90 = 73.2600…%
    grade = form_table(run.results[6], run.profile).keyed()["grade"]
    assert workbooks.value("edited", 6, a1(grade.row, grade.col)) == "良"  # 96.57 → 81.67


def _edit(form: Form, key: str, value: Decimal) -> Form:
    if key == "total.spent":
        return replace(
            form, funds=replace(form.funds, total=replace(form.funds.total, spent=value))
        )
    index = int(key.split(".")[1]) - 1
    inds = list(form.indicators)
    inds[index] = replace(inds[index], score=value)
    return replace(form, indicators=tuple(inds))


def test_the_yuan_form_differs_only_as_documented(
    workbooks: Workbooks, runs: dict[str, Run]
) -> None:
    """As stated, form 23's formulas follow the amount entered in 元; recomputed, they give the
    engine's corrected numbers. No other form has such a difference."""
    run = runs["pujiang-2023"]
    for i, result in enumerate(run.results, 1):
        sheet = result.sheet
        assert sheet is not None
        stated = expected(result, run.profile, recomputed=False)
        same = stated["total.rate"] == run.profile.round(sheet.rate or Decimal(0))
        assert same == (i != YUAN_FORM), i
    result = run.results[YUAN_FORM - 1]
    rate = form_table(result, run.profile).keyed()["total.rate"]
    stated = workbooks.value("pujiang-2023-stated", YUAN_FORM - 1, a1(rate.row, rate.col))
    assert stated == Decimal("999902.41")
    keyed = form_table(result, run.profile, recomputed=True).keyed()
    got = {
        k: workbooks.value("pujiang-2023-recomputed", YUAN_FORM - 1, a1(keyed[k].row, keyed[k].col))
        for k in ("total.spent", "total.rate", "total.score", "total")
    }
    assert got == {
        "total.spent": Decimal("25.6175"),
        "total.rate": Decimal("99.99"),
        "total.score": Decimal("9.99"),
        "total": Decimal("99.99"),
    }
