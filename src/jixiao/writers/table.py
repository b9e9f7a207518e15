"""The official table (财政项目支出绩效自评表) as a grid of cells: its labels and layout, the
widths of its columns, which cells are live formulas and the numbers they hold.

The xlsx, docx and PDF writers draw the ``Table`` that ``form_table`` builds; none of them knows
a label or a position of its own. Eight columns, as the published forms have them::

    A 项目名称 / 项目资金（万元） / 年度总体目标 / 一级指标   B … H   (values, headers, scores)

With ``recomputed=True`` the form is the one the rules say it should be, and four columns
beside it (I–L) hold what was stated and why the numbers differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jixiao.findings import Finding
from jixiao.model import Form, FundRow, Indicator
from jixiao.model.labels import (
    FOOTER_NAMES,
    FUND_COLUMN_NAMES,
    FUND_HEADERS,
    FUND_LABELS,
    GOAL_NAMES,
    HEADER_NAMES,
    INDICATOR_NAMES,
)
from jixiao.pipeline import Result
from jixiao.profiles import Profile
from jixiao.scoring import ScoreSheet, score
from jixiao.values import Comparison, number_of
from jixiao.values.types import num
from jixiao.writers import formulas as fx
from jixiao.writers.numbers import FormNumbers, corrected_rows, numbers

DEFAULT_TITLE = "项目支出绩效自评表"
FUNDS_LABEL = "项目资金（万元）"
GOAL_LABELS = ("年度总体目标", GOAL_NAMES["expected"], GOAL_NAMES["achieved"])
INDICATOR_HEADERS = tuple(INDICATOR_NAMES.values())
HEADER_LABELS = tuple(HEADER_NAMES[n] for n in ("project", "department", "unit"))
TOTAL_LABEL = FOOTER_NAMES["total"]
GRADE_LABEL = FOOTER_NAMES["grade"]
DASH = "—"
# Beside the recomputed form: what was stated, the numbers the formulas use, and why.
STATED_FUND_HEADERS = ("填报执行率(%)", "填报得分", "说明")
STATED_INDICATOR_HEADERS = ("填报得分", "指标值（数）", "完成值（数）", "重算说明")

# Column widths in spreadsheet character units (a Chinese character is about 2).
WIDTHS = (14.0, 20.0, 22.0, 13.0, 13.0, 9.0, 10.0, 30.0)
EXTRA_WIDTHS = (11.0, 11.0, 11.0, 34.0)
OFFICIAL_COLS = len(WIDTHS)

Role = Literal["title", "subtitle", "label", "head", "text", "number", "formula", "stated"]
Align = Literal["left", "center", "right"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Cell:
    """One cell (or merged range) of the table.

    ``value`` is text, a number (``Decimal``) or ``None`` (blank). A formula cell holds the
    number its formula gives (the engine's) in ``value``. ``places`` is how many decimals a
    number shows (``None``: as few as needed, like a spreadsheet's General format);
    ``grouped`` adds thousands separators. ``key`` names a computed cell (``total.rate``,
    ``total.score``, ``indicator.3.score``, ``weights``, ``total``, ``grade``) for tests and
    readers of the layout; ``flag`` marks a number that differs from what the unit stated.
    """

    row: int
    col: int
    value: str | Decimal | None = None
    rowspan: int = 1
    colspan: int = 1
    role: Role = "text"
    places: int | None = None
    grouped: bool = False
    align: Align = "left"
    formula: str | None = None
    key: str | None = None
    comment: str | None = None
    flag: bool = False

    @property
    def text(self) -> str:
        """The cell as a reader sees it."""
        return show(self.value, self.places, grouped=self.grouped)

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


def show(value: str | Decimal | None, places: int | None, *, grouped: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if places is None:
        return num(value.normalize())
    return format(value, f"{',' if grouped else ''}.{places}f")


def places_of(value: Decimal) -> int:
    """How many decimals a number was written with (``10.00`` → 2, ``100`` → 0)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, kw_only=True, slots=True)
class Table:
    """One form as a grid: cells, column widths, and where its blocks are.

    ``title_rows`` rows at the top (title, year) sit outside the ruled table;
    ``head_row`` is the indicator header, repeated on every printed page the indicators
    run over.
    """

    name: str
    cells: tuple[Cell, ...]
    widths: tuple[float, ...]
    title_rows: int
    head_row: int
    nrows: int
    recomputed: bool
    numbers: FormNumbers

    @property
    def ncols(self) -> int:
        return len(self.widths)

    def rows(self) -> Iterator[list[Cell]]:
        """The cells of each row, left to right (merged cells appear in their first row)."""
        by_row: dict[int, list[Cell]] = {}
        for c in self.cells:
            by_row.setdefault(c.row, []).append(c)
        for r in range(self.nrows):
            yield sorted(by_row.get(r, []), key=lambda c: c.col)

    def keyed(self) -> dict[str, Cell]:
        """Every named cell by key (amounts, weights, scores, formulas)."""
        return {c.key: c for c in self.cells if c.key}


@dataclass(kw_only=True)
class _Builder:
    form: Form
    sheet: ScoreSheet
    nums: FormNumbers
    profile: Profile
    recomputed: bool
    cells: list[Cell] = field(default_factory=list)
    row: int = 0

    def put(self, col: int, value: str | Decimal | None = None, **kw: object) -> Cell:
        cell = Cell(row=self.row, col=col, value=value, **kw)  # type: ignore[arg-type]
        self.cells.append(cell)
        return cell

    def ref(self, col: int, row: int | None = None) -> str:
        return fx.a1(self.row if row is None else row, col)


def form_table(result: Result, profile: Profile, *, recomputed: bool = False) -> Table:
    """The official table of one form, as stated or (``recomputed``) as the rules say."""
    nums = numbers(result, profile, recomputed=recomputed)
    sheet = result.sheet if result.sheet is not None else score(result.form, profile)
    b = _Builder(form=result.form, sheet=sheet, nums=nums, profile=profile, recomputed=recomputed)
    ncols = OFFICIAL_COLS + (len(EXTRA_WIDTHS) if recomputed else 0)
    _title(b, ncols)
    title_rows = b.row
    _header(b)
    exec_refs = _funds(b)
    _goal(b)
    head_row = b.row
    ind_terms = _indicators(b)
    _footer(b, exec_refs, ind_terms, head_row)
    widths = WIDTHS + (EXTRA_WIDTHS if recomputed else ())
    return Table(
        name=result.form.project,
        cells=tuple(b.cells),
        widths=widths,
        title_rows=title_rows,
        head_row=head_row,
        nrows=b.row,
        recomputed=recomputed,
        numbers=nums,
    )


# ---------------------------------------------------------------------------------------
# Title, header, goal.


def _title(b: _Builder, ncols: int) -> None:
    form = b.form
    title = form.title or (DEFAULT_TITLE if b.recomputed else "")
    if title:
        b.put(0, title, colspan=ncols, role="title", align="center")
        b.row += 1
    if form.year is not None:
        b.put(0, f"（{form.year}年度）", colspan=ncols, role="subtitle", align="center")
        b.row += 1


def _header(b: _Builder) -> None:
    form = b.form
    b.put(0, HEADER_LABELS[0], role="label", align="center")
    b.put(1, form.project, colspan=7)
    b.row += 1
    b.put(0, HEADER_LABELS[1], role="label", align="center")
    b.put(1, form.department, colspan=3)
    b.put(4, HEADER_LABELS[2], role="label", align="center")
    b.put(5, form.unit, colspan=3)
    b.row += 1


def _goal(b: _Builder) -> None:
    goal = b.form.goal
    b.put(0, GOAL_LABELS[0], rowspan=2, role="label", align="center")
    b.put(1, GOAL_LABELS[1], colspan=3, role="head", align="center")
    b.put(4, GOAL_LABELS[2], colspan=4, role="head", align="center")
    b.row += 1
    b.put(1, goal.expected, colspan=3)
    b.put(4, goal.achieved, colspan=4)
    b.row += 1


# ---------------------------------------------------------------------------------------
# Funds.


@dataclass(frozen=True, slots=True)
class _ExecRefs:
    annual: str
    spent: str
    weight: str


def _funds(b: _Builder) -> _ExecRefs:
    """The funds block; returns the references the total's formula needs."""
    first = b.row
    b.put(0, FUNDS_LABEL, rowspan=5, role="label", align="center")
    b.put(1, None, role="head")
    for i, label in enumerate(FUND_HEADERS):
        b.put(2 + i, label, role="head", align="center")
    if b.recomputed:
        b.put(8, STATED_FUND_HEADERS[0], role="head", align="center")
        b.put(9, STATED_FUND_HEADERS[1], role="head", align="center")
        b.put(10, STATED_FUND_HEADERS[2], colspan=2, role="head", align="center")
    b.row += 1
    refs = _ExecRefs(annual=b.ref(3), spent=b.ref(4), weight=b.ref(5))
    for name in FUND_LABELS:
        _fund_row(b, name)
        b.row += 1
    assert b.row == first + 5
    return refs


def _fund_row(b: _Builder, name: str) -> None:
    stated: FundRow = getattr(b.form.funds, name)
    written = b.nums.funds[name]
    notes = _correction_notes(b, name)
    b.put(1, FUND_LABELS[name], role="label")
    for i, column in enumerate(("initial", "annual", "spent", "weight")):
        value = getattr(written, column)
        note = notes.get(column)
        flag = note is not None and b.recomputed
        _amount(b, 2 + i, value, comment=note, flag=flag, key=f"{name}.{column}")
    annual, spent = b.ref(3), b.ref(4)
    rate = b.nums.rates[name]
    if name == "total" or rate is not None:  # the scored row's cells are always formulas
        formula = fx.execution_rate(annual, spent, b.profile)
        _computed(b, 6, f"{name}.rate", rate, stated.rate, formula)
    else:
        _amount(b, 6, stated.rate)
    if name == "total":
        weight = fx.number_or(b.ref(5), b.profile.weights["execution"])
        formula = fx.execution_score(annual, spent, weight, b.profile)
        _computed(b, 7, "total.score", b.nums.execution_score, stated.score, formula)
    else:
        _amount(b, 7, stated.score)
    if b.recomputed:
        _amount(b, 8, stated.rate, role="stated")
        _amount(b, 9, stated.score, role="stated")
        b.put(10, "；".join(notes.values()) or None, colspan=2, role="stated")


def _amount(
    b: _Builder,
    col: int,
    value: Decimal | None,
    *,
    role: Role = "number",
    comment: str | None = None,
    flag: bool = False,
    key: str | None = None,
) -> None:
    """A number as written (its own decimals, thousands grouped), or a dash."""
    if value is None:
        b.put(col, DASH, role=role, align="center", comment=comment, flag=flag, key=key)
        return
    b.put(
        col,
        value,
        role=role,
        places=places_of(value),
        grouped=True,
        align="right",
        comment=comment,
        flag=flag,
        key=key,
    )


def _computed(
    b: _Builder,
    col: int,
    key: str,
    exact: Decimal | None,
    stated: Decimal | None,
    formula: str,
    *,
    general_like: bool = False,
) -> None:
    """A live formula cell holding the engine's number, shown rounded by the profile (a dash
    when the engine has none: no budget to divide by).

    ``general_like``: show as few decimals as needed when the unit wrote the number so
    (``94.8``, ``100`` in a 总分 cell), so the form reads as it was published.
    """
    value: Decimal | str = DASH if exact is None else b.profile.round(exact)
    places: int | None = b.profile.places
    if general_like and stated is not None and places_of(stated) < b.profile.places:
        places = None
    differs = stated is not None and stated != value
    comment = None
    if differs and not b.recomputed:
        shown = value if isinstance(value, str) else num(value)
        comment = f"填报为{num(stated)}，按公式应为{shown}" if stated is not None else None
    b.put(
        col,
        value,
        role="formula",
        places=places,
        align="center" if exact is None else "right",
        formula=formula,
        key=key,
        comment=comment,
        flag=differs,
    )


def _correction_notes(b: _Builder, name: str) -> dict[str, str]:
    """JX205 notes for a funds row: the amount entered in 元 and its value in 万元."""
    if b.recomputed:
        found = [c for c in b.nums.corrections if c.row == name]
    else:
        found = [c for c in corrected_rows(b.form, b.profile)[1] if c.row == name]
    out: dict[str, str] = {}
    for c in found:
        label = FUND_COLUMN_NAMES[c.column]
        if b.recomputed:
            out[c.column] = (
                f"{label}填报为{num(c.stated)}，疑按元填报，已折算为{num(c.corrected)}万元"
            )
        else:
            out[c.column] = (
                f"{label}{num(c.stated)}疑按元填报，折算为万元应为{num(c.corrected)}"
                "（按规则重算的表见 --recomputed 导出）"
            )
    return out


# ---------------------------------------------------------------------------------------
# Indicators and footer.


def _indicators(b: _Builder) -> list[str]:
    """The indicator header and rows; returns the total's term for each indicator."""
    for i, label in enumerate(INDICATOR_HEADERS):
        b.put(i, label, role="head", align="center")
    if b.recomputed:
        for i, label in enumerate(STATED_INDICATOR_HEADERS):
            b.put(8 + i, label, role="head", align="center")
    b.row += 1
    inds = b.form.indicators
    _merged_levels(b, inds)
    terms = []
    for index, ind in enumerate(inds, 1):
        terms.append(_indicator_row(b, index, ind))
        b.row += 1
    return terms


def _merged_levels(b: _Builder, inds: tuple[Indicator, ...]) -> None:
    """Level-1 and level-2 cells, merged down over the indicators that share them."""
    for col, keyf in ((0, _level1), (1, _level2)):
        start = 0
        while start < len(inds):
            end = start
            while end + 1 < len(inds) and keyf(inds[end + 1]) == keyf(inds[start]):
                end += 1
            text = inds[start].level1 if col == 0 else inds[start].level2
            b.cells.append(
                Cell(
                    row=b.row + start,
                    col=col,
                    value=text,
                    rowspan=end - start + 1,
                    role="label",
                    align="center",
                )
            )
            start = end + 1


def _level1(ind: Indicator) -> tuple[str, ...]:
    return (ind.level1,)


def _level2(ind: Indicator) -> tuple[str, ...]:
    return (ind.level1, ind.level2)


def _indicator_row(b: _Builder, index: int, ind: Indicator) -> str:
    b.put(2, ind.name)
    b.put(3, ind.target, align="center")
    b.put(4, ind.actual, align="center")
    _amount(b, 5, ind.weight, key=f"indicator.{index}.weight")
    term = _indicator_score(b, index, ind)
    b.put(7, ind.deviation or None)
    _blanks(b)
    return term


def _blanks(b: _Builder) -> None:
    """Blank cells in the recomputed columns a row leaves empty (so they are ruled)."""
    if not b.recomputed:
        return
    used = {c.col for c in b.cells if c.row == b.row}
    for col in range(OFFICIAL_COLS, OFFICIAL_COLS + len(EXTRA_WIDTHS)):
        if col not in used:
            b.put(col, None, role="stated")


def _indicator_score(b: _Builder, index: int, ind: Indicator) -> str:
    """The 得分 cell, and the indicator's term in the total's formula."""
    exact = b.nums.scores[index - 1]
    score_ref = b.ref(6)
    if not b.recomputed:
        _amount(b, 6, ind.score, key=f"indicator.{index}.score")
        return ""
    sheet_score = b.sheet.indicators[index - 1]
    _amount(b, 8, ind.score, role="stated")
    quantitative = _quantitative(b, index, ind)
    if quantitative is not None:
        key = f"indicator.{index}.score"
        assert exact is not None
        _computed(b, 6, key, exact, ind.score, fx.rounded(quantitative, b.profile))
        b.put(11, sheet_score.explanation, role="stated")
        return quantitative
    _static_score(b, exact, ind.score)
    b.put(11, sheet_score.explanation, role="stated")
    if exact is not None and b.profile.round(exact) != exact:
        return fx.literal(exact)
    return f"N({score_ref})"


def _static_score(b: _Builder, exact: Decimal | None, stated: Decimal | None) -> None:
    """A recomputed score that is not a formula (qualitative band, or the stated one kept)."""
    if exact is None:
        b.put(6, None)
        return
    shown = b.profile.round(exact)
    value = exact if shown == exact else shown
    places = places_of(stated) if stated is not None and stated == value else b.profile.places
    b.put(6, value, role="number", places=places, align="right", flag=stated != shown)


def _quantitative(b: _Builder, index: int, ind: Indicator) -> str | None:
    """For a quantitative indicator: its target and actual numbers in the cells beside, and
    its score's exact formula over them; ``None`` for any other indicator."""
    s = b.sheet.indicators[index - 1]
    if s.method not in ("positive", "reverse") or ind.weight is None:
        return None
    a, actual = number_of(ind.target_value), number_of(ind.actual_value)
    assert a is not None and actual is not None
    b.put(9, a, role="stated", places=places_of(a), align="right")
    b.put(10, actual, role="stated", places=places_of(actual), align="right")
    w, ta, ac = b.ref(5), b.ref(9), b.ref(10)
    if s.method == "reverse":
        return fx.reverse(w, ta, ac, b.profile.reverse)
    op = ind.target_value.op if isinstance(ind.target_value, Comparison) else "≥"
    return fx.positive(w, ta, ac, op)


def _footer(b: _Builder, ex: _ExecRefs, terms: list[str], head_row: int) -> None:
    """总分 (weights and score) and 评分等级 rows."""
    form, nums = b.form, b.nums
    first, last = head_row + 1, b.row - 1
    b.put(0, TOTAL_LABEL, colspan=5, role="label", align="center")
    ranges = [f"{fx.a1(first, 5)}:{fx.a1(last, 5)}"] if last >= first else []
    weights = [form.funds.total.weight, *(i.weight for i in form.indicators)]
    b.put(
        5,
        sum((w for w in weights if w is not None), Decimal(0)),
        role="formula",
        places=None,
        align="right",
        formula=fx.weight_sum(ex.weight, ranges),
        key="weights",
    )
    weight = fx.number_or(ex.weight, b.profile.weights["execution"])
    exec_term = fx.execution_exact(ex.annual, ex.spent, weight)
    if not b.recomputed and last >= first:
        terms = [f"SUM({fx.a1(first, 6)}:{fx.a1(last, 6)})"]
    total_formula = fx.total([exec_term, *terms], b.profile)
    total_ref = b.ref(6)
    _computed(b, 6, "total", nums.total, form.total, total_formula, general_like=not b.recomputed)
    b.put(7, None)
    if b.recomputed:
        _amount(b, 8, form.total, role="stated")
    _blanks(b)
    b.row += 1
    if form.grade is None and not b.recomputed:
        return
    b.put(0, GRADE_LABEL, colspan=5, role="label", align="center")
    _grade(b, total_ref)
    if b.recomputed:
        b.put(8, form.grade or "（未填）", role="stated", align="center")
    _blanks(b)
    b.row += 1


def _grade(b: _Builder, total_ref: str) -> None:
    grade, stated = b.nums.grade, b.form.grade
    differs = stated is not None and stated != grade
    comment = f"填报为{stated}，按总分应为{grade}" if differs and not b.recomputed else None
    b.put(
        5,
        grade,
        colspan=3,
        role="formula",
        align="center",
        formula=fx.grade(total_ref, b.profile),
        key="grade",
        comment=comment,
        flag=differs,
    )


# ---------------------------------------------------------------------------------------
# The findings that may follow a form (PDF, docx, xlsx).

# "项目", not "项目名称": the label of a form, which readers look for, must not head this list.
FINDINGS_HEADERS = ("表", "项目", "代码", "级别", "说明", "位置", "建议")
# Shares of the page width for the columns a form's own findings page shows (代码 … 建议).
FINDINGS_SHARES = (7.0, 5.0, 48.0, 22.0, 18.0)


def finding_cells(index: int, project: str, f: Finding) -> tuple[str, ...]:
    """A finding as the cells of a findings table."""
    where = str(f.location.source) if f.location.source else ""
    return (str(index), project, f.code, f.level.label, f.message, where, f.suggestion or "")
