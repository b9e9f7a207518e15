"""Grid → forms: the only place that knows the labels and layout of the self-evaluation table.

Every reader produces a ``Grid``; ``extract(grid)`` finds each form in it by its labels
(项目名称, 项目资金, 年度总体目标, 一级指标, 总分, 评分等级) and builds ``Form``s. Columns are
learned from each block's header row, never from fixed positions; rows that lost their
leading empty cells are realigned on their numbers; blank level-1/level-2 cells mean
"same as above". What cannot be read becomes a JX003 finding beside the form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.findings import Finding, finding
from jixiao.model import Form, FundRow, Funds, Goal, Indicator, RowSources, Source
from jixiao.readers.grid import Grid
from jixiao.values import parse

# ---------------------------------------------------------------------------------------
# Labels: what each cell of the table is called.

HEADER_FIELDS = {"项目名称": "project", "主管部门": "department", "实施单位": "unit"}

# (prefix of the normalised header text, funds column)
FUND_COLUMN_LABELS = (
    ("年初预算", "initial"),
    ("全年预算", "annual"),
    ("调整后预算", "annual"),
    ("全年执行", "spent"),
    ("实际执行", "spent"),
    ("分值", "weight"),
    ("分数", "weight"),
    ("权重", "weight"),
    ("执行率", "rate"),
    ("得分", "score"),
)

# (substring of the normalised row label, funds row)
FUND_ROW_LABELS = (
    ("资金总额", "total"),
    ("财政拨款", "appropriation"),
    ("结转", "carryover"),
    ("其他资金", "other"),
)

# (prefix of the normalised header text, indicator column); first match wins.
INDICATOR_COLUMN_LABELS = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("年度指标值", "target"),
    ("指标值", "target"),
    ("实际完成值", "actual"),
    ("完成值", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("得分", "score"),
    ("偏差原因", "deviation"),
)

FUND_HEADER_PREFIXES = ("年初预算", "全年预算", "全年执行")
GOAL_PREFIXES = ("预期目标", "年度总体目标", "总体目标")
INDICATOR_HEADER_PREFIX = "一级指标"
LEVEL1_WORDS = ("产出", "效益", "满意度")
TITLE_RE = re.compile(r"绩效自(?:我)?评")
YEAR_RE = re.compile(r"(?<!\d)(20\d\d)\s*年")
TOTAL_LABELS = ("总分", "合计")
GRADE_LABELS = ("评分等级", "自评等级", "绩效等级", "等级")
DASHES = frozenset({"", "—", "-", "－", "–", "/", "--", "——", "无"})
_TAG_RE = re.compile(r"<[^>]*>")
_PLAIN_NUMBER_RE = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?%?$|^[+-]?\.\d+%?$")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A cell's text for label matching: HTML tags and all whitespace removed, NFKC."""
    text = _TAG_RE.sub("", text)
    return "".join(unicodedata.normalize("NFKC", text).split())


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """A cell's text as content: HTML tags dropped, outer whitespace stripped."""
    if "<" in text:
        text = _TAG_RE.sub("", text)
    return text.strip()


@lru_cache(maxsize=65536)
def amount(text: str) -> tuple[Decimal | None, bool]:
    """Read a number cell: (value, ok). Dashes and blanks are (None, True)."""
    t = key(text)
    if t in DASHES:
        return None, True
    if not _PLAIN_NUMBER_RE.match(t):
        return None, False
    try:
        return Decimal(t.replace(",", "").rstrip("%")), True
    except InvalidOperation:
        return None, False


def is_plain_number(text: str) -> bool:
    return bool(_PLAIN_NUMBER_RE.match(key(text)))


def _match_prefix(k: str, table: Sequence[tuple[str, str]]) -> str | None:
    for prefix, name in table:
        if k.startswith(prefix):
            return name
    return None


@lru_cache(maxsize=1024)
def _columns(keys: tuple[str, ...], table: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """A header row's columns: column name → index of the first cell labelled with it.
    (Cached: a document repeats its template's header rows; callers must not modify it.)"""
    cols: dict[str, int] = {}
    for c, k in enumerate(keys):
        name = _match_prefix(k, table)
        if name and name not in cols:
            cols[name] = c
    return cols


def _is_level1(k: str) -> bool:
    return any(w in k for w in LEVEL1_WORDS) and "指标" in k


def _is_level2(k: str) -> bool:
    return k.endswith("指标") or "指标(" in k


# ---------------------------------------------------------------------------------------
# The result of extraction.


@dataclass(frozen=True, kw_only=True, slots=True)
class Extracted:
    """A form and the findings made while reading it."""

    form: Form
    findings: tuple[Finding, ...] = ()


@dataclass(kw_only=True)
class _Builder:
    """Mutable state while one form is read; turned into a frozen ``Form`` at the end."""

    grid: Grid
    title: str = ""
    year: int | None = None
    values: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    funds: dict[str, FundRow] = field(default_factory=dict)
    fund_cols: dict[str, int] = field(default_factory=dict)
    goal_cols: tuple[int, int] | None = None
    goal_texts: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    goal_sources: dict[str, Source] = field(default_factory=dict)
    ind_cols: dict[str, int] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    level1: str = ""
    level2: str = ""
    total: Decimal | None = None
    grade: str | None = None
    block: str = "header"
    findings: list[Finding] = field(default_factory=list)

    def note(self, r: int, c: int | None, message: str, block: str | None = None) -> None:
        self.findings.append(
            finding("JX003", message, self.grid.source(r, c), block=block or self.block)
        )


# ---------------------------------------------------------------------------------------
# Finding the forms in a grid.


class Keys(list[str]):
    """A row's keys, with ``joined`` = SEP + SEP.join(keys): ``SEP + p in joined`` tells in
    one C-level search whether some key starts with ``p``."""

    __slots__ = ("joined",)

    def __init__(self, keys: list[str]) -> None:
        super().__init__(keys)
        self.joined = SEP + SEP.join(keys)


SEP = "\x1f"


def _keys(row: list[str]) -> Keys:
    return Keys([key(c) for c in row])


def _is_anchor(keys: Keys) -> bool:
    return SEP + "项目名称" in keys.joined


def _is_title_row(keys: Keys) -> bool:
    """A row that can precede a form: its title, its year, a blank or a separator."""
    text = "".join(keys)
    if not text or set(text) <= set("-—_="):
        return True
    return bool(TITLE_RE.search(text)) or (bool(YEAR_RE.search(text)) and len(text) <= 16)


def extract(grid: Grid) -> tuple[list[Extracted], list[Finding]]:
    """Find every form in the grid. Returns the forms and the grid-level findings (JX002)."""
    keys = [_keys(row) for row in grid.rows]
    anchors = [r for r, k in enumerate(keys) if _is_anchor(k)]
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
        while s - 1 >= floor and s - 1 >= a - 6 and _is_title_row(keys[s - 1]):
            s -= 1
        starts.append(s)
    ends = [*starts[1:], len(grid.rows)]
    forms = [_read_form(grid, keys, s, a, e) for s, a, e in zip(starts, anchors, ends, strict=True)]
    _fill_document_year(forms)
    return forms, []


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
    b = _Builder(grid=grid)
    for r in range(start, anchor):
        _title_row(b, r, keys[r])
    for r in range(anchor, end):
        _row(b, r, keys[r])
    return _finish(b, keys, start, anchor, end)


def _title_row(b: _Builder, r: int, keys: Keys) -> None:
    """The title is the last title-like row above the form (a page's breadcrumb that says
    绩效自评 may come first); the year, the first year stated."""
    text = "".join(keys)
    if TITLE_RE.search(text) and (not b.title or b.block == "header"):
        b.title = clean(" ".join(clean(c) for c in b.grid.rows[r] if c.strip()))
        b.sources["title"] = b.grid.source(r, 0)
    m = YEAR_RE.search(text)
    if m and b.year is None:
        b.year = int(m.group(1))
        b.sources["year"] = b.grid.source(r, 0)


# ---------------------------------------------------------------------------------------
# One row: decide which block it belongs to.


def _row(b: _Builder, r: int, keys: Keys) -> None:
    if len(keys.joined) == len(keys):  # every cell empty
        return
    kinds = _ROW_KINDS if _LABEL_HINT.search(keys.joined) else _UNLABELLED_ROW_KINDS
    for test, handler in kinds:
        if test(b, keys):
            handler(b, r, keys)
            return
    b.note(r, None, f"无法识别的行，已跳过：{_preview(b.grid.rows[r])}")


def _preview(row: list[str]) -> str:
    text = " | ".join(clean(c) for c in row if c.strip())
    return text if len(text) <= 60 else text[:57] + "…"


def _first(keys: Keys) -> str:
    return next((k for k in keys if k), "")


def _has(keys: Keys, *prefixes: str) -> bool:
    """Whether some key of the row starts with one of the prefixes."""
    joined = keys.joined
    return any(SEP + p in joined for p in prefixes)


def _header_row(b: _Builder, r: int, keys: Keys) -> None:
    """项目名称 | … | value, 主管部门 | value | 实施单位 | value: a label, then its value."""
    row = b.grid.rows[r]
    for c, k in enumerate(keys):
        if not k or k[0] not in _HEADER_FIRST:
            continue
        for label, name in HEADER_FIELDS.items():
            if not k.startswith(label):
                continue
            inline = k[len(label) :].lstrip(":")
            if inline:
                b.values[name] = clean(row[c]).split(label, 1)[-1].lstrip(":： ").strip()
                b.sources[name] = b.grid.source(r, c)
                continue
            for c2 in range(c + 1, len(row)):
                if keys[c2] and not any(keys[c2].startswith(lb) for lb in HEADER_FIELDS):
                    b.values[name] = clean(row[c2])
                    b.sources[name] = b.grid.source(r, c2)
                    break
                if keys[c2]:
                    break


_HEADER_FIRST = frozenset(label[0] for label in HEADER_FIELDS)


def _is_header(b: _Builder, keys: Keys) -> bool:
    return b.block == "header" and _has(keys, *HEADER_FIELDS)


def _is_fund_header(b: _Builder, keys: Keys) -> bool:
    return _has(keys, *FUND_HEADER_PREFIXES)


def _fund_header(b: _Builder, r: int, keys: Keys) -> None:
    b.block = "funds"
    b.fund_cols = _columns(tuple(keys), FUND_COLUMN_LABELS)
    if _fund_row_label(keys) is not None:
        _fund_row(b, r, keys)


def _fund_row_label(keys: Keys) -> tuple[int, str] | None:
    if not any(needle in keys.joined for needle, _ in FUND_ROW_LABELS):
        return None
    for c, k in enumerate(keys):
        if not k or len(k) > 20:
            continue
        for needle, name in FUND_ROW_LABELS:
            if needle in k:
                return c, name
    return None


def _is_fund_row(b: _Builder, keys: Keys) -> bool:
    return b.block in ("header", "funds") and _fund_row_label(keys) is not None


def _fund_row(b: _Builder, r: int, keys: Keys) -> None:
    """A funds row: label, then initial, annual, spent, weight, rate, score.

    Positional when every filled cell sits under a funds column header; otherwise the filled
    cells are taken in order (rows whose cells drifted from their header).
    """
    b.block = "funds"
    found = _fund_row_label(keys)
    assert found is not None
    label_col, name = found
    row = b.grid.rows[r]
    filled = [c for c in range(label_col + 1, len(row)) if keys[c]]
    by_col = _by_column(tuple(b.fund_cols.items()))
    if filled and all(c in by_col for c in filled):
        placed = {by_col[c]: c for c in filled}
    else:
        order = ("initial", "annual", "spent", "weight", "rate", "score")
        placed = dict(zip(order, filled, strict=False))
        for c in filled[len(order) :]:
            b.note(r, c, f"资金行多出的单元格已忽略：{clean(row[c])}")
    values: dict[str, Decimal | None] = {}
    for col_name, c in placed.items():
        value, ok = amount(row[c])
        if not ok:
            b.note(r, c, f"资金数“{clean(row[c])}”不是数字，已按空值处理")
        values[col_name] = value
    if name in b.funds:
        b.note(r, label_col, f"资金行“{clean(row[label_col])}”重复出现，保留第一次")
        return
    placed["label"] = label_col
    b.funds[name] = FundRow(sources=RowSources(b.grid.source(r), placed), **values)


@lru_cache(maxsize=256)
def _by_column(cols: tuple[tuple[str, int], ...]) -> dict[int, str]:
    return {c: n for n, c in cols}


def _is_goal_header(b: _Builder, keys: Keys) -> bool:
    return _has(keys, *GOAL_PREFIXES)


def _goal_header(b: _Builder, r: int, keys: Keys) -> None:
    b.block = "goal"
    exp = next((c for c, k in enumerate(keys) if k.startswith("预期目标")), None)
    act = next((c for c, k in enumerate(keys) if k.startswith("实际完成")), None)
    if exp is not None and act is not None:
        b.goal_cols = (exp, act)
        return
    # 年度总体目标 | text [| text]: the goal written on the label's own row.
    texts = [c for c, k in enumerate(keys) if k and not k.startswith(("年度总体目标", "总体目标"))]
    if texts:
        _goal_text(b, r, keys)


def _is_goal_text(b: _Builder, keys: Keys) -> bool:
    return b.block == "goal"


def _goal_text(b: _Builder, r: int, keys: Keys) -> None:
    row = b.grid.rows[r]
    filled = [c for c, k in enumerate(keys) if k and not k.startswith(("年度总体目标", "总体目标"))]
    if len(filled) == 2 or b.goal_cols is None:
        parts = [[filled[0]], filled[1:]] if filled else [[], []]
    else:
        split = b.goal_cols[1]
        parts = [[c for c in filled if c < split], [c for c in filled if c >= split]]
    for i, (name, cols) in enumerate(zip(("expected", "achieved"), parts, strict=True)):
        for c in cols:
            b.goal_texts[i].append(clean(row[c]))
            b.goal_sources.setdefault(name, b.grid.source(r, c))


def _is_indicator_header(b: _Builder, keys: Keys) -> bool:
    return _has(keys, INDICATOR_HEADER_PREFIX) and _has(keys, "三级指标", "年度指标值", "指标值")


def _indicator_header(b: _Builder, r: int, keys: Keys) -> None:
    b.block = "indicators"
    b.ind_cols = _columns(tuple(keys), INDICATOR_COLUMN_LABELS)
    missing = [n for n in ("name", "target", "actual", "weight", "score") if n not in b.ind_cols]
    if missing:
        b.note(r, None, f"指标表头缺少栏目：{'、'.join(missing)}")


def _is_total(b: _Builder, keys: Keys) -> bool:
    return _first(keys).startswith(TOTAL_LABELS)


def _total_row(b: _Builder, r: int, keys: Keys) -> None:
    """总分 | … | 100 | 99.55: the stated total is in the score column, else the last number."""
    b.block = "footer"
    row = b.grid.rows[r]
    c = b.ind_cols.get("score")
    if c is not None and c < len(row) and keys[c] and is_plain_number(row[c]):
        b.total, _ = amount(row[c])
        b.sources["total"] = b.grid.source(r, c)
        return
    numbers = [c for c, k in enumerate(keys) if k and is_plain_number(k)]
    if numbers:
        b.total, _ = amount(row[numbers[-1]])
        b.sources["total"] = b.grid.source(r, numbers[-1])
    else:
        b.note(r, None, "总分行没有数字")


def _is_grade(b: _Builder, keys: Keys) -> bool:
    first = _first(keys)
    return first.startswith(GRADE_LABELS) and len(first) <= 8


def _grade_row(b: _Builder, r: int, keys: Keys) -> None:
    b.block = "footer"
    row = b.grid.rows[r]
    label_col = next(c for c, k in enumerate(keys) if k)
    inline = keys[label_col].split(":", 1)[-1] if ":" in keys[label_col] else ""
    if inline:
        b.grade = inline
        b.sources["grade"] = b.grid.source(r, label_col)
        return
    for c in range(label_col + 1, len(row)):
        if keys[c]:
            b.grade = clean(row[c])
            b.sources["grade"] = b.grid.source(r, c)
            return


def _is_indicator_row(b: _Builder, keys: Keys) -> bool:
    return b.block == "indicators"


def _is_title_in_form(b: _Builder, keys: Keys) -> bool:
    return _is_title_row(keys) and not b.title and b.block == "header"


def _indicator_row(b: _Builder, r: int, keys: Keys) -> None:
    cells, shift = _aligned(b, b.grid.rows[r])
    cols = b.ind_cols
    n_cells = len(cells)

    def get(name: str) -> str:
        c = cols.get(name, n_cells)
        return clean(cells[c]) if c < n_cells else ""

    name = _name(cells, cols)
    target, actual = get("target"), get("actual")
    weight_text, score_text = get("weight"), get("score")
    if not (name or target or actual) and not (get("level1") or get("level2")):
        if weight_text or score_text:  # the 总分 row that lost its label
            _total_row(b, r, _keys(cells) if shift == 0 else keys)
            return
        b.note(r, None, f"无法识别的指标行，已跳过：{_preview(b.grid.rows[r])}")
        return
    level1, level2 = key(get("level1")), key(get("level2"))
    if level1:
        b.level1, b.level2 = level1, ""
    if level2:
        b.level2 = level2
    weight = _number(b, r, cols.get("weight"), shift, weight_text, "分值")
    score = _number(b, r, cols.get("score"), shift, score_text, "得分")
    row_source = b.grid.source(r)
    b.indicators.append(
        Indicator(
            level1=b.level1,
            level2=b.level2,
            name=name,
            target=target,
            actual=actual,
            weight=weight,
            score=score,
            deviation=get("deviation"),
            target_value=parse(target),
            actual_value=parse(actual),
            source=row_source,
            sources=RowSources(row_source, cols, shift),
        )
    )


def _name(cells: list[str], cols: dict[str, int]) -> str:
    """The level-3 name: the first filled cell from its column up to the target's."""
    c0 = cols.get("name")
    if c0 is None:
        return ""
    c1 = cols.get("target", c0 + 1)
    for c in range(c0, max(c1, c0 + 1)):
        if c < len(cells) and cells[c].strip():
            return clean(cells[c])
    return ""


def _number(b: _Builder, r: int, c: int | None, shift: int, text: str, what: str) -> Decimal | None:
    value, ok = amount(text)
    if not ok:
        b.note(r, None if c is None else c - shift, f"{what}“{text}”不是数字，已按空值处理")
    return value


def _aligned(b: _Builder, row: list[str]) -> tuple[list[str], int]:
    """Realign a row that lost its leading empty cells, on its (weight, score) pair.

    A row is aligned when its level-1 cell is empty or a level-1 label and its weight cell
    holds a number. Otherwise the last two adjacent plain numbers are taken as weight and
    score and the row is shifted so that they sit under their headers.
    """
    cols = b.ind_cols
    wc, l1 = cols.get("weight"), cols.get("level1", 0)
    if wc is None:
        return row, 0
    first = key(row[l1]) if l1 < len(row) else ""
    weight_ok = wc < len(row) and is_plain_number(row[wc])
    if (not first or _is_level1(first)) and (weight_ok or not any(is_plain_number(c) for c in row)):
        return row, 0
    pairs = [
        c for c in range(len(row) - 1) if is_plain_number(row[c]) and is_plain_number(row[c + 1])
    ]
    if not pairs:
        return row, 0
    shift = wc - pairs[-1]
    if shift > 0:
        return [""] * shift + row, shift
    return row[-shift:], shift


_ROW_KINDS: tuple[
    tuple[Callable[[_Builder, Keys], bool], Callable[[_Builder, int, Keys], None]], ...
] = (
    (_is_header, _header_row),
    (_is_fund_header, _fund_header),
    (_is_fund_row, _fund_row),
    (_is_indicator_header, _indicator_header),
    (_is_goal_header, _goal_header),
    (_is_total, _total_row),
    (_is_grade, _grade_row),
    (_is_indicator_row, _indicator_row),
    (_is_goal_text, _goal_text),
    (_is_title_in_form, _title_row),
)
# Rows with none of the labels skip the label tests (most rows: indicators and goal texts).
_UNLABELLED_ROW_KINDS = _ROW_KINDS[-3:]
_LABEL_HINT = re.compile(
    re.escape(SEP)
    + "(?:"
    + "|".join(
        map(
            re.escape,
            (
                *HEADER_FIELDS,
                *FUND_HEADER_PREFIXES,
                *GOAL_PREFIXES,
                INDICATOR_HEADER_PREFIX,
                *TOTAL_LABELS,
                *GRADE_LABELS,
            ),
        )
    )
    + ")|"
    + "|".join(re.escape(needle) for needle, _ in FUND_ROW_LABELS)
)


# ---------------------------------------------------------------------------------------
# Finishing a form.


def _finish(b: _Builder, keys: list[Keys], start: int, anchor: int, end: int) -> Extracted:
    grid = b.grid
    filled = [r for r in range(start, end) if len(keys[r].joined) > len(keys[r])]
    first, last = (filled[0], filled[-1]) if filled else (anchor, anchor)
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
    goal = Goal(
        expected="\n".join(b.goal_texts[0]),
        achieved="\n".join(b.goal_texts[1]),
        sources=b.goal_sources,
    )
    form = Form(
        title=b.title,
        year=b.year,
        project=b.values.get("project", ""),
        department=b.values.get("department", ""),
        unit=b.values.get("unit", ""),
        funds=Funds(**b.funds),
        goal=goal,
        indicators=tuple(b.indicators),
        total=b.total,
        grade=b.grade,
        source=grid.source(first),
        sources=b.sources,
    )
    return Extracted(form=form, findings=tuple(b.findings))


_BLOCK_NAMES = {"funds": "项目资金（年度资金总额）", "indicators": "绩效指标"}


def _line(grid: Grid, r: int) -> str:
    pos = grid.positions[r]
    return str(pos.line if pos.line is not None else pos.row if pos.row is not None else r + 1)
