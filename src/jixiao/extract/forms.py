"""Finding the forms in a grid (each starts at a 项目名称 row, with the title rows above it)
and assembling each one's rows into a frozen ``Form``."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from jixiao.extract.builder import Builder, Keys, grid_keys, has, has_any, needles
from jixiao.extract.by_source import funds_by_source
from jixiao.extract.core_records import core_records
from jixiao.extract.footer import awaited_scores, self_total
from jixiao.extract.header import is_title_row, title_row
from jixiao.extract.label_run import funds_from_label_run
from jixiao.extract.labels import HEADLESS_LABELS, PROJECT_LABELS
from jixiao.extract.points_table import points_grid
from jixiao.extract.rows import read_row
from jixiao.extract.scoring_sheet import scoring_sheet
from jixiao.extract.stream import regroup
from jixiao.extract.tail import tail_finding, tail_grid
from jixiao.extract.unglue import run_on
from jixiao.findings import Extracted, Finding, finding
from jixiao.makers import positional
from jixiao.model import FUND_ROWS, CellSources, Form, FundRow, Funds, Goal, Source
from jixiao.readers.grid import Grid


def extract(grid: Grid) -> tuple[list[Extracted], list[Finding]]:
    """Find every form in the grid. Returns the forms and the grid-level findings (JX002)."""
    given = grid
    if grid.layout in ("cells", "word-cells"):
        grid = regroup(grid)
    keys = grid_keys(grid.rows)
    anchors = _anchors(keys)
    joined = run_on(grid) if not anchors and grid.layout == "words" else None
    if joined is not None:
        grid = regroup(joined)
        keys = grid_keys(grid.rows)
        anchors = _anchors(keys)
    laid_out = None if anchors else _laid_out(given)
    if laid_out is not None:
        grid, anchor, said = laid_out
        x = _read_form(grid, grid_keys(grid.rows), 0, anchor, len(grid.rows))
        return [replace(x, findings=(*said, *x.findings))], []
    if not anchors:
        return [], [
            finding(
                "JX002",
                "未找到自评表（没有“项目名称”一栏）",
                grid.source(0) if grid.rows else Source(file=grid.file),
            )
        ]
    starts = []
    for i, a in enumerate(anchors):
        floor = anchors[i - 1] + 1 if i else 0
        s = a
        while s - 1 >= floor and s - 1 >= a - 6 and is_title_row(keys[s - 1]):
            s -= 1
        starts.append(s)
    ends = [*starts[1:], len(grid.rows)]
    forms = [_read_form(grid, keys, s, a, e) for s, a, e in zip(starts, anchors, ends, strict=True)]
    _fill_document_year(forms)
    return forms, []


def _anchors(keys: list[Keys]) -> list[int]:
    """The rows where forms start: each 项目名称 row; with none, a headless form's start."""
    found = [r for r, k in enumerate(keys) if _ANCHOR_PART in k.joined and has_any(k, _ANCHORS)]
    return found or _headless_anchor(keys)


_ANCHORS: Final = needles(*PROJECT_LABELS)
_ANCHOR_PART: Final = "名称"  # in every one of them: a quick test first
assert all(_ANCHOR_PART in label for label in PROJECT_LABELS)


def _headless_anchor(keys: list[Keys]) -> list[int]:
    """With no 项目名称 anywhere (a 部门整体 form, a scoring sheet's 评价项目:…), one form
    starting at the first 主管部门 or 评价项目 row, if any."""
    return next(([r] for r, k in enumerate(keys) if has(k, *HEADLESS_LABELS)), [])


def _laid_out(grid: Grid) -> tuple[Grid, int, list[Finding]] | None:
    """A table with no 项目名称 and no 主管部门 laid out in rows under a header: a table's
    tail (``tail``) or a scoring table titled …评价得分表 (``points_table``); the grid, the
    row of its header, and what was said of it."""
    tail = tail_grid(grid)
    if tail is not None:
        return tail, 0, [tail_finding(tail.source(0))]
    points = points_grid(grid)
    return None if points is None else (points[0], 1, points[1])


def _fill_document_year(forms: list[Extracted]) -> None:
    """A form whose title has no year takes the year the other forms agree on."""
    years = {x.form.year for x in forms if x.form.year is not None}
    if len(years) != 1:
        return
    (year,) = years
    for i, x in enumerate(forms):
        if x.form.year is None:
            forms[i] = replace(x, form=replace(x.form, year=year))


def _read_form(grid: Grid, keys: list[Keys], start: int, anchor: int, end: int) -> Extracted:
    b = Builder(grid=grid)
    for r in range(start, anchor):
        title_row(b, r, keys[r])
    for r in range(anchor, end):
        read_row(b, r, keys[r])
    funds_from_label_run(b, keys, anchor, end)
    funds_by_source(b, keys, anchor, end)
    core_records(b, keys, anchor, end)
    scoring_sheet(b, keys, anchor, end)
    self_total(b, keys, start, end)
    return _finish(b, keys, start, anchor, end)


def _finish(b: Builder, keys: list[Keys], start: int, anchor: int, end: int) -> Extracted:
    grid = b.grid
    if b.awaiting:  # no 总分 row gave their scores back
        awaited_scores(b, end - 1, [])
    rows = range(start, end)  # the first and last rows with a filled cell
    first = next((r for r in rows if len(keys[r].joined) > len(keys[r].cells)), anchor)
    last = next((r for r in reversed(rows) if len(keys[r].joined) > len(keys[r].cells)), anchor)
    for block, present in (
        ("funds", "total" in b.funds),
        ("indicators", bool(b.indicators)),
    ):
        if not present:
            b.findings.append(
                finding(
                    "JX003",
                    f"自评表不完整：第{_line(grid, last)}行后缺少{_BLOCK_NAMES[block]}",
                    grid.source(last),
                    block=block,
                )
            )
    goal = _goal(
        "\n".join(b.goal_texts[0]), "\n".join(b.goal_texts[1]), CellSources(b.goal_sources)
    )
    get = b.values.get
    form = _form(
        b.title,
        b.year,
        get("project", ""),
        get("department", ""),
        get("unit", ""),
        _funds(*(b.funds.get(name) or _NO_FUNDS for name in FUND_ROWS)),
        goal,
        tuple(b.indicators),
        b.total,
        b.grade,
        grid.source(first),
        CellSources(b.sources),
    )
    return Extracted(form=form, findings=tuple(b.findings))


# Form(title=…, …), Goal(…), Funds(…) with every field given in order.
_form: Final = positional(Form)
_goal: Final = positional(Goal)
_funds: Final = positional(Funds)
_NO_FUNDS: Final = FundRow()  # a funds row the form does not have (frozen: one serves all)


_BLOCK_NAMES: Final = {"funds": "项目资金（年度资金总额）", "indicators": "绩效指标"}


def _line(grid: Grid, r: int) -> str:
    pos = grid.positions[r]
    return str(pos.line if pos.line is not None else pos.row if pos.row is not None else r + 1)
