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
from tests.writers.conftest import EDITS, MODES, POISON, PROFILES, Workbooks, cell_value

YUAN_FORM = 23  # 户籍档案数字化加工项目: 全年执行数 256175.00 entered in 元


def uncorrected(profile: Profile) -> Profile:
    """The engine without its 元 → 万元 correction (an empty ratio range)."""
    return replace(profile, unit_factor_range=(Decimal(1), Decimal(0)))


def row_rate(row: FundRow, profile: Profile) -> Decimal | None:
    """The engine's execution rate of one funds row (scored as if it were the total row)."""
    rate = score(Form(funds=Funds(total=row), source=Source(file="")), uncorrected(profile)).rate
    return None if rate is None else profile.round(rate)


def expected(result: Result, profile: Profile, recomputed: bool) -> dict[str, Decimal | str]:
    """What each formula cell must hold, by key, from the engine."""
    form, sheet = result.form, result.sheet
    assert sheet is not None
    r = profile.round
    rows = dict(form.funds.rows())
    weights = [form.funds.total.weight, *(i.weight for i in form.indicators)]
    out: dict[str, Decimal | str] = {"weights": sum((w for w in weights if w), Decimal(0))}
    if recomputed:
        assert sheet.rate is not None and sheet.execution_score is not None
        out |= {
            "total.rate": r(sheet.rate),
            "total.score": r(sheet.execution_score),
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
        assert plain.rate is not None and plain.execution_score is not None
        total = r(plain.execution_score + sum((i.score or 0 for i in form.indicators), Decimal(0)))
        out |= {
            "total.rate": r(plain.rate),
            "total.score": r(plain.execution_score),
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


def compare(path: Path, run: Run, recalculated: Path, recomputed: bool) -> tuple[int, list[str]]:
    """(cells compared, differences) between LibreOffice's values and the engine's."""
    written = formula_cells(path)
    values = openpyxl.load_workbook(recalculated, data_only=True).worksheets
    compared, wrong = 0, []
    for i, (result, formulas, ws) in enumerate(zip(run.results, written, values, strict=True), 1):
        table = form_table(result, run.profile, recomputed=recomputed)
        keyed = table.keyed()
        want = expected(result, run.profile, recomputed)
        where = {a1(keyed[k].row, keyed[k].col): k for k in want}
        if set(where) != formulas:
            wrong.append(f"form {i}: formulas at {sorted(formulas)}, expected at {sorted(where)}")
        for address, key in where.items():
            got = cell_value(ws[address].value)
            compared += 1
            if got != want[key]:
                wrong.append(f"form {i} {key} {address}: LibreOffice {got}, engine {want[key]}")
    return compared, wrong


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("profile", PROFILES)
def test_libreoffice_recalculates_the_engines_numbers(
    workbooks: Workbooks, runs: dict[str, Run], profile: str, mode: str
) -> None:
    name = f"{profile}-{mode}"
    run = runs[profile]
    compared, wrong = compare(
        workbooks.exported[name], run, workbooks.recalculated[name], mode == "recomputed"
    )
    assert wrong == []
    assert len(run.results) == 28
    assert compared >= 28 * 5  # rate, score, appropriation rate, weights, total (+ grade …)


def test_recalculation_is_real(workbooks: Workbooks, runs: dict[str, Run]) -> None:
    """A copy with wrong cached values (777777) still recalculates to the engine's numbers."""
    run = runs["pujiang-2023"]
    compared, wrong = compare(
        workbooks.exported["pujiang-2023-stated"], run, workbooks.recalculated["poisoned"], False
    )
    assert wrong == [] and compared > 100
    text = Path(workbooks.recalculated["poisoned"]).read_bytes()
    assert POISON.encode() not in text


def test_scores_follow_an_edited_amount(workbooks: Workbooks, runs: dict[str, Run]) -> None:
    """A person changes 全年执行数 of form 2 and an indicator score of form 7: rate, score,
    total and grade follow, to the engine's numbers for the edited forms."""
    run = runs["pujiang-2023"]
    values = openpyxl.load_workbook(workbooks.recalculated["edited"], data_only=True).worksheets
    for number, key, value in EDITS:
        result = run.results[number - 1]
        form = _edit(result.form, key, value)
        edited = Result(file=result.file, form=form, sheet=score(form, run.profile), findings=())
        keyed = form_table(edited, run.profile).keyed()
        want = expected(edited, run.profile, recomputed=False)
        for k in want.keys() & {"total.rate", "total.score", "total", "grade"}:
            cell = keyed[k]
            assert cell_value(values[number - 1][a1(cell.row, cell.col)].value) == want[k], k
    form2 = openpyxl.load_workbook(workbooks.recalculated["edited"], data_only=True).worksheets[1]
    keyed = form_table(run.results[1], run.profile).keyed()
    got = {k: cell_value(form2[a1(keyed[k].row, keyed[k].col)].value) for k in ("total.rate",)}
    assert got == {"total.rate": Decimal("73.26")}  # 60 / 81.90 = 73.2600…%, truncated


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
    values = openpyxl.load_workbook(
        workbooks.recalculated["pujiang-2023-stated"], data_only=True
    ).worksheets[YUAN_FORM - 1]
    redone = openpyxl.load_workbook(
        workbooks.recalculated["pujiang-2023-recomputed"], data_only=True
    ).worksheets[YUAN_FORM - 1]
    result = run.results[YUAN_FORM - 1]
    keyed = form_table(result, run.profile).keyed()
    rate = keyed["total.rate"]
    assert cell_value(values[a1(rate.row, rate.col)].value) == Decimal("999902.41")
    keyed = form_table(result, run.profile, recomputed=True).keyed()
    got = {
        k: cell_value(redone[a1(keyed[k].row, keyed[k].col)].value)
        for k in ("total.spent", "total.rate", "total.score", "total")
    }
    assert got == {
        "total.spent": Decimal("25.6175"),
        "total.rate": Decimal("99.99"),
        "total.score": Decimal("9.99"),
        "total": Decimal("99.99"),
    }
