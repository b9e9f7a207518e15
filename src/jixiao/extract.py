"""Grid → forms: the only place that knows the labels and layout of the self-evaluation table.

Every reader produces a ``Grid``; ``extract(grid)`` finds each form in it by its labels
(项目名称, 项目资金, 年度总体目标, 一级指标, 总分, 评分等级) and builds ``Form``s. Columns are
learned from each block's header row, never from fixed positions; rows that lost their
leading empty cells are realigned on their numbers (or on a level-2 label); blank
level-1/level-2 cells mean "same as above". What cannot be read becomes a JX003 finding
beside the form.

Other provinces' templates are read from their labels too: 全年预算数（A）, 执行率（B/A）,
调整后预算数; a target split into 指标性质 | 指标值 | 度量单位 (or 计算符号, 计量单位); the
weight before the target; 产出指标(50分) with the weight in the label; spaced-out and
traditional-script labels; two-row indicator headers; 其中 sub-rows and the template's
指标2 / …… placeholder rows. A grid whose rows were lost in copying (``layout == "cells"``)
is first regrouped into rows by ``regroup``; one whose cells were joined by spaces
(``layout == "words"``) has its indicator rows read word by word (``_loose``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import pairwise

from jixiao.findings import Finding, finding
from jixiao.model import Form, FundRow, Funds, Goal, Indicator, RowSources, Source
from jixiao.readers import runs
from jixiao.readers.grid import Grid
from jixiao.values import parse

# ---------------------------------------------------------------------------------------
# Labels: what each cell of the table is called.

HEADER_FIELDS = {
    "项目名称": "project",
    "部门(单位)名称": "department",
    "专项资金名称": "project",
    "主管部门": "department",
    "县级主管部门": "department",
    "实施单位": "unit",
    "项目实施单位": "unit",
}
PROJECT_LABELS = ("项目名称", "专项资金名称", "部门(单位)名称")  # a form starts with one

# (prefix of the normalised header text, funds column)
FUND_COLUMN_LABELS = (
    ("年初预算", "initial"),
    ("全年预算", "annual"),
    ("调整后预算", "annual"),
    ("调整预算", "annual"),
    ("预算数", "annual"),
    ("全年执行", "spent"),
    ("实际执行", "spent"),
    ("预算执行数", "spent"),
    ("执行数", "spent"),
    ("分值", "weight"),
    ("分数", "weight"),
    ("权重", "weight"),
    ("执行率", "rate"),
    ("预算执行率", "rate"),
    ("得分", "score"),
)

# (substring of the normalised row label, funds row)
FUND_ROW_LABELS = (
    ("资金总额", "total"),
    ("总额", "total"),
    ("财政拨款", "appropriation"),
    ("财政资金", "appropriation"),
    ("结转", "carryover"),
    ("其他资金", "other"),
)

# (prefix of the normalised header text, indicator column); first match wins.
INDICATOR_COLUMN_LABELS = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "name"),
    ("指标名称", "name"),
    ("年度指标值", "target"),
    ("预期指标值", "target"),
    ("指标值", "target"),
    ("年初目标值", "target"),
    ("目标值", "target"),
    ("指标性质", "operator"),
    ("计算符号", "operator"),
    ("符号", "operator"),
    ("度量单位", "unit"),
    ("计量单位", "unit"),
    ("实际完成值", "actual"),
    ("单项指标实际完成值", "actual"),
    ("完成值", "actual"),
    ("全年实际值", "actual"),
    ("实际值", "actual"),
    ("分值", "weight"),
    ("权重", "weight"),
    ("指标分值", "weight"),
    ("得分", "score"),
    ("自评得分", "score"),
    ("偏差原因", "deviation"),
    ("未完成原因", "deviation"),
)

FUND_HEADER_PREFIXES = ("年初预算", "全年预算", "全年执行")
GOAL_PREFIXES = ("预期目标", "年度总体目标", "总体目标")
INDICATOR_HEADER_PREFIX = "一级指标"
LEVEL1_WORDS = ("产出", "效益", "满意度", "效果")
TITLE_RE = re.compile(r"绩效自(?:我)?评")
YEAR_RE = re.compile(r"(?<!\d)(20\d\d)\s*年")
TOTAL_LABELS = ("总分", "合计")
GRADE_LABELS = ("评分等级", "自评等级", "绩效等级", "等级")
DASHES = frozenset({"", "—", "-", "－", "–", "/", "--", "——", "无"})
_TAG_RE = re.compile(r"<[^>]*>")
_WAN_RE = re.compile(r"(?<=\d)\s*万元?\s*$")  # 150万: the block's unit written in the cell
_PLAIN_NUMBER_RE = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?%?$|^[+-]?\.\d+%?$")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """A cell's text for label matching: HTML tags and all whitespace removed, NFKC, and the
    traditional forms of the labels' characters folded to simplified (pages re-hosted
    through a converter write 項目名稱 for 项目名称)."""
    text = _TAG_RE.sub("", text)
    return "".join(unicodedata.normalize("NFKC", text).split()).translate(_TRADITIONAL)


# The characters of the table's labels that differ in traditional writing.
_TRADITIONAL = str.maketrans(
    "項稱門實單資萬預數執額當財撥結轉總體標期際況績進級質產時會滿務對類與計論據應發",
    "项称门实单资万预数执额当财拨结转总体标期际况绩进级质产时会满务对类与计论据应发",
)


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


@lru_cache(maxsize=65536)
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
    return k.startswith(LEVEL1_WORDS) and "指标" in k


def _is_level2(k: str) -> bool:
    return k.endswith("指标") or "指标(" in k


# ---------------------------------------------------------------------------------------
# Streams: cells whose rows were lost (one cell a line, or a whole table on one line).

LEVEL1_LABELS = ("产出指标", "效益指标", "效果指标", "满意度指标")
LEVEL2_LABELS = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "满意度指标",
)
_GOAL_HEAD = (*GOAL_PREFIXES, "实际完成")
_RULE_CHARS = frozenset("-—_=")
SUB_ROW_PREFIX = "其中"  # 其中桃树种植面积 | 1.5亩 | 1.5亩: a part of the indicator above
PLACEHOLDER_RE = re.compile(r"^(?:指标\d*[:：]?|[…．.。、]+|/)$")
SECTION_LABELS = ("评价结论", "存在问题", "改进措施", "项目负责人", "财务负责人", "说明", "注:")
_PROSE_RE = re.compile(r"[,;。，；]|.{25}")  # a sentence, not an indicator's name
_POINTS_RE = re.compile(r"\(\d+(?:\.\d+)?分\)$")  # 产出指标(50分): a weight in the label
# Labels a copy may cut in two (年初 | 预算数): glued back when the halves make one.
_GLUE_LABELS = frozenset(
    (
        *(p + "数" for p, _ in FUND_COLUMN_LABELS[:3]),
        "全年执行数",
        "年度指标值",
        "实际完成值",
        "偏差原因分析及改进措施",
        *LEVEL1_LABELS,
        *LEVEL2_LABELS,
    )
)
_GLUE_PREFIXES = frozenset(g[:i] for g in _GLUE_LABELS for i in range(1, len(g)))


@lru_cache(maxsize=4096)
def level_of(k: str) -> int:
    """1 or 2 for a level-1 or level-2 indicator label (a weight in brackets allowed), else 0."""
    bare = _POINTS_RE.sub("", k)
    if bare in LEVEL1_LABELS:
        return 1
    return 2 if bare in LEVEL2_LABELS else 0


def _glued(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Join neighbouring cells that are the two halves of one label."""
    out: list[tuple[str, int]] = []
    for text, r in cells:
        if out:
            prev, pr = out[-1]
            k0, k1 = key(prev), key(text)
            if k0 in _GLUE_PREFIXES and k0 not in _GLUE_LABELS and (k0 + k1) in _GLUE_LABELS:
                out[-1] = (prev + text, pr)
                continue
        out.append((text, r))
    return out


@dataclass
class _Regroup:
    """Cells in reading order → rows, by what each label starts or ends."""

    rows: list[list[str]] = field(default_factory=list)
    rows_at: list[int] = field(default_factory=list)
    block: str = ""
    header: list[str] = field(default_factory=list)  # the indicator header's column names
    fund_width: int = 0  # cells in the funds header row (its label cell included)
    keep_empty: bool = True

    def start(self, text: str, r: int, block: str | None = None) -> None:
        self.rows.append([text])
        self.rows_at.append(r)
        if block is not None:
            self.block = block

    def add(self, text: str, r: int) -> None:
        if not self.rows:
            self.start(text, r)
        else:
            self.rows[-1].append(text)

    def feed(self, text: str, r: int) -> None:
        k = key(text)
        between_forms = self.block in ("", "footer") and set(k) <= _RULE_CHARS
        if not self.keep_empty and (not k or between_forms):
            return  # nothing, or a rule drawn with dashes between two forms
        for test, action in _STREAM_RULES:
            if k and test(self, k):
                action(self, text, r)
                return
        if self.block == "indicators" and not self.keep_empty and self._records(text, r):
            return
        done = {
            "indicators": self._row_done,
            "funds": self._fund_row_done,
            "goal": self._goal_head_done,
        }.get(self.block)
        if done is None or not done():
            self.add(text, r)
        elif self.block == "indicators" and not self.keep_empty and _PROSE_RE.search(k):
            self.add(text, r)  # a deviation after the score, not the next indicator's name
        else:
            self.start(text, r)

    def _records(self, text: str, r: int) -> bool:
        """Indicator rows run together (安装坡面水标尺10≥266米≥266米10水标尺宽度10…) laid
        out under the header, one row a record; the level labels before them kept."""
        records = glued_records(text, tuple(self.header))
        if not records:
            return False
        width = len(self.header)
        for i, record in enumerate(records):
            row = [""] * width
            if i == 0 and self.rows:
                for cell in self.rows[-1]:
                    level = {1: "level1", 2: "level2"}.get(level_of(key(cell)), "")
                    if level in self.header:
                        row[self.header.index(level)] = cell
                self.rows[-1] = row
            else:
                self.start("", r)
                self.rows[-1] = row
            for name, value in record.items():
                row[self.header.index(name)] = value
        return True

    def _goal_head_done(self) -> bool:
        """年度总体目标 | 预期目标 | 实际完成情况 is a row of its own; the texts follow."""
        return all(key(c).startswith(_GOAL_HEAD) for c in self.rows[-1])

    def _fund_row_done(self) -> bool:
        """A funds row is full once it has a value under every column of the header."""
        return len(self.rows[-1]) >= self.fund_width > 0

    def _row_done(self) -> bool:
        """An indicator row is full once it reaches its score (and, where empty cells are
        kept, the columns after it)."""
        row = [key(c) for c in self.rows[-1]]
        names = self.header
        if "score" not in names or "name" not in names:
            return False
        levels = 0
        while levels < len(row) and level_of(row[levels]):
            levels += 1
        width = names.index("score") - names.index("name") + 1
        if self.keep_empty or (len(row) - levels > width):
            width = len(names) - names.index("name")
        return len(row) - levels >= width


_OPS = "≥≤=<>﹦＝≧≦"
_NUM = r"(?:0|[1-9]\d*)(?:\.\d+)?(?!\d)"
_VALUE = rf"[{_OPS}]*{_NUM}(?:%|[^\d{_OPS}%.]{{1,4}})?|[^\d{_OPS}%.]{{2,12}}"
# A weight may run into the target after it (20100% = 20 | 100%): at most 100, no lookahead.
_WEIGHT = r"100(?:\.0+)?|[1-9]?\d(?:\.\d+)?"
_FIELD_PATTERNS = {"weight": _WEIGHT, "score": _NUM, "target": _VALUE, "actual": _VALUE}
_DIGIT_OR_OP = frozenset("0123456789" + _OPS)


@lru_cache(maxsize=64)
def _record_re(fields: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("".join(f"(?P<{n}>{_FIELD_PATTERNS[n]})" for n in fields))


def glued_records(text: str, header: tuple[str, ...]) -> list[dict[str, str]] | None:
    """Indicator rows run together with nothing between their cells, read by the header's
    columns from the name to the score: a name, then its numbers and values, the score
    ending the record. Only where the header has 分值 and 得分 (a record's end must be
    known); None unless the whole text reads so, every score within its weight."""
    if "name" not in header or "score" not in header or "weight" not in header:
        return None
    i = header.index("name")
    fields = tuple(n for n in header[i + 1 : header.index("score") + 1] if n in _FIELD_PATTERNS)
    if fields[-1] != "score" or len(text) < 6 or text[0] in _DIGIT_OR_OP:
        return None
    return _parse_records(text.rstrip("…．.。 "), 0, _record_re(fields))


def _parse_records(text: str, pos: int, pattern: re.Pattern[str]) -> list[dict[str, str]] | None:
    if pos == len(text):
        return []
    for i in range(pos + 1, len(text)):
        if text[i] not in _DIGIT_OR_OP or text[i - 1] in _DIGIT_OR_OP:
            continue
        for j in range(i + 1, len(text) + 1):
            if j < len(text) and (
                text[j] in _DIGIT_OR_OP or text[j] in "%." or not text[j - 1].isdigit()
            ):
                continue
            m = pattern.fullmatch(text, i, j)
            if m is None or Decimal(m["score"]) > Decimal(m["weight"]):
                continue
            rest = _parse_records(text, j, pattern)
            if rest is not None:
                return [_record(text[pos:i], m.groupdict()), *rest]
    return None


def _record(name: str, fields: dict[str, str]) -> dict[str, str]:
    """One record; a qualitative target and actual run together as one doubled text
    (显著提升显著提升) are its two halves."""
    both = fields.get("target", "") + fields.get("actual", "")
    half = len(both) // 2
    if "target" in fields and "actual" in fields and both[:half] == both[half:]:
        fields = {**fields, "target": both[:half], "actual": both[half:]}
    return {"name": name, **fields}


def _is_header_label(g: _Regroup, k: str) -> bool:
    return k.startswith(tuple(HEADER_FIELDS)) and g.block in ("", "header")


def _is_fund_label(g: _Regroup, k: str) -> bool:
    return (
        g.block != "fund-head"
        and _match_prefix(k, FUND_COLUMN_LABELS) is not None
        and (k.startswith(FUND_HEADER_PREFIXES) or g.block in ("header", ""))
    )


def _is_fund_column(g: _Regroup, k: str) -> bool:
    return g.block == "fund-head" and _match_prefix(k, FUND_COLUMN_LABELS) is not None


def _is_fund_row_label(g: _Regroup, k: str) -> bool:
    return len(k) <= 20 and any(n in k for n, _ in FUND_ROW_LABELS) and g.block != "indicators"


def _is_goal_label(g: _Regroup, k: str) -> bool:
    return k.startswith(GOAL_PREFIXES) and g.block != "goal"


def _is_goal_column(g: _Regroup, k: str) -> bool:
    return g.block == "goal" and k.startswith(("预期目标", "实际完成", "年度总体目标"))


def _starts_indicator_head(g: _Regroup, k: str) -> bool:
    return k.startswith((INDICATOR_HEADER_PREFIX, "绩效指标")) and g.block != "ind-head"


def _is_indicator_column(g: _Regroup, k: str) -> bool:
    return g.block == "ind-head" and _match_prefix(k, INDICATOR_COLUMN_LABELS) is not None


def _is_level(g: _Regroup, k: str) -> bool:
    if g.block not in ("indicators", "ind-head") or not level_of(k):
        return False
    row = g.rows[-1] if g.rows else []
    after_level1 = len(row) == 1 and level_of(key(row[0])) == 1 and g.block == "indicators"
    return not after_level1


def _is_footer(g: _Regroup, k: str) -> bool:
    return k.startswith((*TOTAL_LABELS, *GRADE_LABELS, *SECTION_LABELS)) and len(k) <= 12


def _start_fund_head(g: _Regroup, text: str, r: int) -> None:
    g.start("", r, "fund-head")
    g.add(text, r)
    g.fund_width = 2


def _fund_column(g: _Regroup, text: str, r: int) -> None:
    g.add(text, r)
    g.fund_width = len(g.rows[-1])


def _start_indicator_head(g: _Regroup, text: str, r: int) -> None:
    g.start(text, r, "ind-head")
    g.header = [_match_prefix(key(text), INDICATOR_COLUMN_LABELS) or ""]


def _indicator_column(g: _Regroup, text: str, r: int) -> None:
    if not any(g.header):  # 绩效指标 | 一级指标 …: the table's own label is no column
        g.rows[-1], g.header = [], []
    g.add(text, r)
    g.header.append(_match_prefix(key(text), INDICATOR_COLUMN_LABELS) or "")


def _start_level(g: _Regroup, text: str, r: int) -> None:
    g.start(text, r, "indicators")


def _stream_action(block: str | None) -> Callable[[_Regroup, str, int], None]:
    def action(g: _Regroup, text: str, r: int) -> None:
        g.start(text, r, block)

    return action


def _is_title(g: _Regroup, k: str) -> bool:
    """The next form's title or year (财政项目支出绩效自评表, （2023年度）)."""
    if len(k) > 30 or g.block in ("goal", "ind-head"):
        return False
    return bool(TITLE_RE.search(k)) or ("年度" in k and len(k) <= 12 and bool(YEAR_RE.search(k)))


_STREAM_RULES: tuple[
    tuple[Callable[[_Regroup, str], bool], Callable[[_Regroup, str, int], None]], ...
] = (
    (_is_title, _stream_action("")),
    (_is_header_label, _stream_action("header")),
    (_starts_indicator_head, _start_indicator_head),
    (_is_indicator_column, _indicator_column),
    (_is_level, _start_level),
    (_is_fund_label, _start_fund_head),
    (_is_fund_column, _fund_column),
    (_is_fund_row_label, _stream_action("funds")),
    (_is_goal_label, _stream_action("goal")),
    (_is_goal_column, lambda g, text, r: g.add(text, r)),
    (_is_footer, _stream_action("footer")),
)


# Labels a run-together copy (no separator at all between cells) is cut at, longest first.
_RUN_LABELS = sorted(
    {
        *HEADER_FIELDS,
        "负责人及电话",
        "资金情况",
        "项目资金",
        *(p + "数" for p, _ in FUND_COLUMN_LABELS[:4]),
        "全年执行数",
        "预算数",
        "执行数",
        "执行率",
        "分值",
        "得分",
        "年度资金总额",
        "资金总额",
        "其中:本年财政拨款",
        "其中:当年财政拨款",
        "上年结转资金",
        "其他资金",
        "合计",
        "年度总体目标完成情况综述",
        "年度总体目标完成情况",
        "年度总体目标",
        "年初设定目标",
        "全年实际完成情况",
        "实际完成情况",
        "预期目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "全年实际值",
        "实际完成值",
        "未完成原因及拟采取的改进措施",
        "未完成原因和改进措施",
        "未完成原因及改进措施",
        "偏差原因分析及改进措施",
        *LEVEL1_LABELS,
        *LEVEL2_LABELS,
        "总分",
    },
    key=len,
    reverse=True,
)
_RUN_RE = re.compile(
    "("
    + "|".join(re.escape(label).replace(":", "[:：]") for label in _RUN_LABELS)
    + r")(\s*[(（][A-Z/\d.]+分?[)）])?"
)
_RUN_MIN_LABELS = 4  # a cell holding fewer labels is text that names them


def _unglued(text: str, r: int) -> list[tuple[str, int]]:
    """A cell holding a whole table run together (项目名称初中公用经费主管部门…), cut at its
    labels: each label (with its (A), (B/A) or (70分)) a cell, the text between a cell."""
    if len(text) < 60:
        return [(text, r)]
    folded = text.translate(_TRADITIONAL)
    cuts = [m.span() for m in _RUN_RE.finditer(folded)]
    if len(cuts) < _RUN_MIN_LABELS:
        return [(text, r)]
    ends = [b for a, b in cuts if folded[a:b] == "总分"]
    if ends:  # the footer: its number run, then notes that name labels freely
        cuts = [c for c in cuts if c[1] <= ends[0]]
        cuts.append((ends[0], ends[0] + len(runs.leading_run(text[ends[0] :])[0])))
    bounds = sorted({0, len(text), *(i for span in cuts for i in span)})
    parts = (text[a:b].strip(" :：") for a, b in pairwise(bounds))
    return [(p, r) for p in parts if p]


def regroup(grid: Grid) -> Grid:
    """A stream of cells (``layout == "cells"``) laid out in rows again by its labels.

    A label starts a row (项目名称, a funds row, 年度总体目标, a level-1 or level-2
    indicator, 总分…); the header labels after it stay in its row; an indicator row ends
    once it reaches its score column. Rows that lost their leading empty cells are set
    right later by the extractor, as for any copied table.
    """
    cells = _glued([cell for r, row in enumerate(grid.rows) if row for cell in _unglued(row[0], r)])
    g = _Regroup(keep_empty=any(not c.strip() for c, _ in cells))
    for text, r in cells:
        g.feed(text, r)
    return Grid(
        file=grid.file,
        rows=g.rows,
        positions=[grid.positions[r] for r in g.rows_at],
        layout="words" if grid.layout == "word-cells" else "table",
    )


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
    fund_by_col: dict[int, str] = field(default_factory=dict)  # fund_cols inverted
    goal_cols: tuple[int, int] | None = None
    goal_texts: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    goal_sources: dict[str, Source] = field(default_factory=dict)
    ind_cols: dict[str, int] = field(default_factory=dict)
    ind_width: int = 0  # cells in the indicator header row
    pre_header: list[str] = field(default_factory=list)
    tail_cols: tuple[str, ...] = ()  # a lower header's score columns, right-aligned
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
    joined: str


SEP = "\x1f"


def _keys(row: list[str]) -> Keys:
    keys = Keys(map(key, row))
    keys.joined = SEP + SEP.join(keys)
    return keys


def _is_anchor(keys: Keys) -> bool:
    return _ANCHOR_RE.search(keys.joined) is not None


_ANCHOR_RE = re.compile(SEP + "(?:" + "|".join(map(re.escape, PROJECT_LABELS)) + ")")


def _is_title_row(keys: Keys) -> bool:
    """A row that can precede a form: its title, its year, a blank or a separator."""
    text = "".join(keys)
    if not text or set(text) <= set("-—_="):
        return True
    return bool(TITLE_RE.search(text)) or (bool(YEAR_RE.search(text)) and len(text) <= 16)


def extract(grid: Grid) -> tuple[list[Extracted], list[Finding]]:
    """Find every form in the grid. Returns the forms and the grid-level findings (JX002)."""
    if grid.layout in ("cells", "word-cells"):
        grid = regroup(grid)
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
    return _prefix_re(prefixes).search(keys.joined) is not None


@lru_cache(maxsize=64)
def _prefix_re(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(SEP + "(?:" + "|".join(map(re.escape, prefixes)) + ")")


def _header_row(b: _Builder, r: int, keys: Keys) -> None:
    """项目名称 | … | value, 主管部门 | value | 实施单位 | value: a label, then its value."""
    row = b.grid.rows[r]
    for c, k in enumerate(keys):
        m = _HEADER_RE.match(k)
        if m is None:
            continue
        label = m.group()
        name = HEADER_FIELDS[label]
        if k[len(label) :].lstrip(":"):  # 项目名称：value in the label's own cell
            b.values[name] = clean(row[c]).split(label, 1)[-1].lstrip(":： ").strip()
            b.sources[name] = b.grid.source(r, c)
            continue
        c2 = next((c2 for c2 in range(c + 1, len(row)) if keys[c2]), None)
        if c2 is not None and not _HEADER_RE.match(keys[c2]):
            b.values[name] = _header_value(b, row, keys, c2)
            b.sources[name] = b.grid.source(r, c2)


def _header_value(b: _Builder, row: list[str], keys: Keys, c: int) -> str:
    """The value after a header label; where cells were joined by spaces, the words up to
    the next label (项目名称 2020 年市级服务贸易发展资金 主管部门 …)."""
    if b.grid.layout != "words":
        return clean(row[c])
    words = []
    for c2 in range(c, len(row)):
        k = keys[c2]
        if _HEADER_RE.match(k) or k.endswith((":", "：")):
            break
        words.append(clean(row[c2]))
    return " ".join(words)


# The header labels, longest first (none is the start of another).
_HEADER_RE = re.compile("|".join(map(re.escape, sorted(HEADER_FIELDS, key=len, reverse=True))))


def _is_header(b: _Builder, keys: Keys) -> bool:
    return b.block == "header" and _has(keys, *HEADER_FIELDS)


def _is_fund_header(b: _Builder, keys: Keys) -> bool:
    return _has(keys, *FUND_HEADER_PREFIXES)


def _fund_header(b: _Builder, r: int, keys: Keys) -> None:
    b.block = "funds"
    b.fund_cols = _columns(tuple(keys), FUND_COLUMN_LABELS)
    b.fund_by_col = {c: n for n, c in b.fund_cols.items()}
    if _fund_row_label(keys) is not None:
        _fund_row(b, r, keys)


def _fund_row_label(keys: Keys) -> tuple[int, str] | None:
    """The column and name of the row's funds label (年度资金总额 → total), if it has one."""
    return _fund_label_in(keys.joined) if _FUND_ROW_RE.search(keys.joined) else None


_FUND_ROW_RE = re.compile("|".join(re.escape(needle) for needle, _ in FUND_ROW_LABELS))


@lru_cache(maxsize=4096)
def _fund_label_in(joined: str) -> tuple[int, str] | None:
    for c, k in enumerate(joined.split(SEP)[1:]):
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
    by_col = b.fund_by_col
    if filled and by_col.keys() >= set(filled) and b.grid.layout != "words":
        placed = {by_col[c]: c for c in filled}
    elif not b.fund_cols:  # no header above: which value is which cannot be known
        b.note(r, label_col, f"资金行“{clean(row[label_col])}”上方没有表头，数值未读取")
        placed = {}
    else:
        order = _without_missing_rate(_header_order(b.fund_cols), row, filled)
        placed = dict(zip(order, filled, strict=False))
        for c in filled[len(order) :]:
            b.note(r, c, f"资金行多出的单元格已忽略：{clean(row[c])}")
    values: dict[str, Decimal | None] = {}
    run = _fund_run(b.fund_cols, row, filled)
    if run:
        values, placed = run, dict.fromkeys(run, filled[0])
    for col_name, c in placed.items():
        if run:
            break
        value, ok = amount(_WAN_RE.sub("", row[c]) if "万" in row[c] else row[c])
        if not ok:
            b.note(r, c, f"资金数“{clean(row[c])}”不是数字，已按空值处理")
        values[col_name] = value
    if name in b.funds:
        b.note(r, label_col, f"资金行“{clean(row[label_col])}”重复出现，保留第一次")
        return
    placed["label"] = label_col
    b.funds[name] = FundRow(sources=RowSources(b.grid.source(r), placed), **values)


def _fund_run(
    fund_cols: dict[str, int], row: list[str], filled: list[int]
) -> dict[str, Decimal | None] | None:
    """A funds row whose numbers ran together (202010100.00%10): the one split of the run
    whose rate is spent / budget and whose score is weight × rate; None when not one."""
    if len(filled) != 1 or "rate" not in fund_cols:
        return None
    text = key(row[filled[0]])
    if not runs.is_run(text) or is_plain_number(text):
        return None
    order = _header_order(fund_cols)
    found: list[dict[str, Decimal | None]] = [
        dict(zip(order, map(runs.value, split), strict=True))
        for split in runs.splits(text, len(order))
        if all(v.endswith("%") <= (n == "rate") for n, v in zip(order, split, strict=True))
    ]
    confirmed = [v for v in found if _fund_arithmetic(v)]
    return dict(confirmed[0]) if len(confirmed) == 1 else None


def _fund_arithmetic(v: dict[str, Decimal | None]) -> bool:
    """Whether a funds row's numbers agree to the places they are written with: rate =
    spent / budget, score = weight × rate (money spent is never a rate of 0)."""
    budget, spent, rate = v.get("annual") or v.get("initial"), v.get("spent"), v.get("rate")
    if not budget or spent is None or rate is None or (spent and not rate):
        return False
    if abs(spent / budget * 100 - rate) > _last_place(rate):
        return False
    weight, score = v.get("weight"), v.get("score")
    if weight is None or score is None:
        return True
    return abs(weight * min(rate, Decimal(100)) / 100 - score) <= _last_place(score)


def _last_place(value: Decimal) -> Decimal:
    """One unit of a number's last written place (95.53 → 0.01): how far rounding or
    truncating to it can move a value."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0)


def _inline_pairs(keys: Keys) -> dict[str, int]:
    """预算数 | 6.84 | 到位数 | 6.84 | 执行数 | 6.84: funds column → the number after its label."""
    pairs: dict[str, int] = {}
    for c in range(len(keys) - 1):
        name = _match_prefix(keys[c], FUND_COLUMN_LABELS) if keys[c] else None
        if name and name not in pairs and is_plain_number(keys[c + 1]):
            pairs[name] = c + 1
    return pairs


def _is_inline_funds(b: _Builder, keys: Keys) -> bool:
    return (
        b.block in ("header", "funds")
        and "total" not in b.funds
        and _INLINE_RE.search(keys.joined) is not None
        and len(_inline_pairs(keys)) >= 2
    )


# A funds column label with a number in the next cell (预算数 | 6.84).
_INLINE_RE = re.compile(
    f"{SEP}(?:{'|'.join(re.escape(p) for p, _ in FUND_COLUMN_LABELS)})[^{SEP}]*{SEP}[\\d.]"
)


def _inline_funds(b: _Builder, r: int, keys: Keys) -> None:
    """The total funds row written label, number, label, number (Hebei's 预算数 6.84 到位数
    6.84 执行数 6.84 100.00); a last number with no label is the rate when it is spent /
    budget."""
    b.block = "funds"
    placed = _inline_pairs(keys)
    values = {n: amount(keys[c])[0] for n, c in placed.items()}
    last = max(c for c, k in enumerate(keys) if k)
    if "rate" not in placed and last not in placed.values() and is_plain_number(keys[last]):
        rate = amount(keys[last])[0]
        if _fund_arithmetic({**values, "rate": rate}):
            values["rate"], placed["rate"] = rate, last
    b.funds["total"] = FundRow(sources=RowSources(b.grid.source(r), placed), **values)


FUND_ORDER = ("initial", "annual", "spent", "weight", "rate", "score")


def _without_missing_rate(
    order: tuple[str, ...], row: list[str], filled: list[int]
) -> tuple[str, ...]:
    """A copy that dropped empty cells leaves one value short; when the value in the rate's
    place is not the rate (spent / budget), the rate is the one that was empty."""
    if len(filled) != len(order) - 1 or "rate" not in order:
        return order
    values = dict(zip(order, (amount(_WAN_RE.sub("", row[c]))[0] for c in filled), strict=False))
    budget, spent, rate = (
        values.get("annual") or values.get("initial"),
        values.get("spent"),
        values.get("rate"),
    )
    if budget and spent is not None and rate is not None and abs(spent / budget * 100 - rate) > 1:
        return tuple(n for n in order if n != "rate")
    return order


def _header_order(cols: dict[str, int]) -> tuple[str, ...]:
    """The funds columns in the order the header gives them (templates differ)."""
    return tuple(sorted(cols, key=cols.__getitem__))


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
    if _has(keys, INDICATOR_HEADER_PREFIX):
        return _has(keys, "三级指标", "年度指标值", "指标值")
    # A copy that broke 一级 / 指标 over two lines keeps the rest of the header together.
    return b.grid.layout == "words" and _has(keys, "二级指标") and _has(keys, "三级指标")


def _is_indicator_preheader(b: _Builder, keys: Keys) -> bool:
    """绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分: the upper row of a two-row header
    whose lower row (一级指标 … 指标性质 | 指标值 | 度量单位) splits the target."""
    return (
        not _has(keys, INDICATOR_HEADER_PREFIX)
        and _has(keys, "年度指标值")
        and (_has(keys, "实际完成值", "完成值") and _has(keys, "分值", "得分", "权重"))
    )


def _indicator_preheader(b: _Builder, r: int, keys: Keys) -> None:
    b.block = "ind-pre"
    b.pre_header = [k for k in keys if k]


def _indicator_header(b: _Builder, r: int, keys: Keys) -> None:
    b.block = "indicators"
    labels = list(keys)
    if b.pre_header and "年度指标值" in b.pre_header:
        # The upper row's columns after 年度指标值 come after the lower row's last one.
        last = max(c for c, k in enumerate(labels) if k) + 1
        labels = labels[:last] + b.pre_header[b.pre_header.index("年度指标值") + 1 :]
    b.ind_cols = _columns(tuple(labels), INDICATOR_COLUMN_LABELS)
    b.ind_width = len(labels)
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
    from_right = _from_right(b, row, numbers)
    if from_right is not None:
        numbers = (
            [from_right] if b.ind_cols.get("score") == from_right + b.ind_width - len(row) else []
        )
        if not numbers:
            return  # the one number is the weights' sum: no stated total
    if numbers:
        b.total = _total_value(key(row[numbers[-1]]))
        b.sources["total"] = b.grid.source(r, numbers[-1])
    else:
        b.note(r, None, "总分行没有数字")


def _total_value(text: str) -> Decimal | None:
    """The stated total; a run of two numbers (100100: the weights' sum and the total, run
    together) is read when only one split has both at most 100."""
    value, _ = amount(text)
    if value is None or value <= 100 or not runs.is_run(text):
        return value
    pairs = [p for p in runs.splits(text, 2) if all(runs.value(v) <= 100 for v in p)]
    return runs.value(pairs[0][1]) if len(pairs) == 1 else None


def _from_right(b: _Builder, row: list[str], numbers: list[int]) -> int | None:
    """A lone number in a 合计 row whose empty cells were kept (a copy that dropped the
    merged cells on the left): its column counted from the right end of the header."""
    if len(numbers) != 1 or not b.ind_width or row[-1].strip() or len(row) >= b.ind_width:
        return None
    return numbers[0]


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
    filled = [k for k in keys if k]
    if all(PLACEHOLDER_RE.match(k) for k in filled) or filled[0].startswith(SUB_ROW_PREFIX):
        return  # the template's …… / 指标2 rows; 其中 sub-items, which have no weight
    if b.grid.layout == "words":
        row, shift = _loose(b, b.grid.rows[r]), 0
        cells = row or b.grid.rows[r]
    else:
        cells, shift = _aligned(b, b.grid.rows[r], keys)
    cols = b.ind_cols
    n_cells = len(cells)

    def get(name: str) -> str:
        c = cols.get(name, n_cells)
        return clean(cells[c]) if c < n_cells else ""

    name = _name(cells, cols)
    target, actual = get("target"), get("actual")
    if "operator" in cols or "unit" in cols:  # 指标性质 | 指标值 | 度量单位
        target = f"{get('operator')}{target}{get('unit')}" if target else ""
    weight_text, score_text = get("weight"), get("score")
    if not (name or target or actual) and not (get("level1") or get("level2")):
        if weight_text or score_text:  # the 总分 row that lost its label
            _total_row(b, r, keys)
            return
        b.note(r, None, f"无法识别的指标行，已跳过：{_preview(b.grid.rows[r])}")
        return
    level1, level2 = (_level_text(get(n)) for n in ("level1", "level2"))
    if level1:
        b.level1, b.level2 = level1, ""
    if level2:
        b.level2 = level2
    if (
        key(target) in DASHES
        and key(actual) in DASHES
        and key(weight_text) in DASHES
        and key(score_text) in DASHES
    ):
        if name and not PLACEHOLDER_RE.match(key(name)):
            b.note(r, None, f"指标行只有名称，没有指标值、完成值和分数，已跳过：{name}")
        return  # a level heading alone, or the template's 指标2 / …… placeholder row
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


def _level_text(text: str) -> str:
    """A level-1/level-2 cell as a label; a template placeholder (……) is no label."""
    k = key(text)
    return "" if PLACEHOLDER_RE.match(k) else k


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


def _aligned(b: _Builder, row: list[str], keys: Keys) -> tuple[list[str], int]:
    """Realign a row that lost its leading empty cells, on its (weight, score) pair.

    A row is aligned when its level-1 cell is empty or a level-1 label and its weight cell
    holds a number. Otherwise the last two plain numbers as far apart as the weight and
    score columns are taken as weight and score, and the row is shifted so that they sit
    under their headers.
    """
    cols = b.ind_cols
    wc, l1 = cols.get("weight"), cols.get("level1", 0)
    if wc is None:
        return row, 0
    by_label = _level_shift(keys, cols)
    if by_label:
        return _shifted(row, by_label)
    first = keys[l1] if l1 < len(row) else ""
    weight_ok = wc < len(row) and is_plain_number(row[wc])
    if (not first or _is_level1(first)) and (weight_ok or not any(map(is_plain_number, row))):
        return row, 0
    gap = cols.get("score", wc + 1) - wc  # 1 when 得分 follows 分值; more when not
    pairs = [
        c
        for c in range(max(0, -gap), len(row) - max(gap, 0))
        if is_plain_number(row[c]) and is_plain_number(row[c + gap])
    ]
    if not pairs:
        return row, 0
    return _shifted(row, wc - pairs[-1])


def _loose(b: _Builder, words: list[str]) -> list[str] | None:
    """An indicator row whose cells were joined by spaces (empty ones dropped), laid out
    under the header by what each word is: level labels first, the (weight, score) pair
    of numbers, the words before it name, target and actual, the words after it the
    deviation. None when the row has no such pair."""
    cols, keys = b.ind_cols, [key(w) for w in words]
    levels = 0
    while levels < len(keys) and (level_of(keys[levels]) or _POINTS_RE.fullmatch(keys[levels])):
        levels += 1
    if b.tail_cols:
        return _loose_tail(b, words, keys, levels)
    pairs = [
        c
        for c in range(levels, len(keys) - 1)
        if is_plain_number(keys[c]) and is_plain_number(keys[c + 1])
    ]
    if "weight" not in cols or "score" not in cols or cols["score"] != cols["weight"] + 1:
        return None
    width = max(cols.values()) + 1
    out = [""] * width
    for w, k in zip(words[:levels], keys[:levels], strict=True):
        name = "level2" if level_of(k) == 2 else "level1"
        if name in cols:
            out[cols[name]] = w
    if not pairs:
        if levels == len(words):
            return out
        middle, tail = words[levels:], []
    else:
        p = pairs[-1]
        out[cols["weight"]], out[cols["score"]] = words[p], words[p + 1]
        middle, tail = words[levels:p], words[p + 2 :]
    fields = [n for n in ("name", "target", "actual") if n in cols]
    if len(middle) > len(fields):  # a name that held spaces
        middle = [
            " ".join(middle[: len(middle) - len(fields) + 1]),
            *middle[len(middle) - len(fields) + 1 :],
        ]
    for n, w in zip(fields, middle, strict=False):
        out[cols[n]] = w
    if tail and "deviation" in cols:
        out[cols["deviation"]] = " ".join(tail)
    return out


def _is_indicator_subheader(b: _Builder, keys: Keys) -> bool:
    """符号 | 单位 | 单项指标得分 | 权重占比(%) | 单项指标折算得分: the lower row of a header
    whose 自评得分 spans several numbers (space-joined copies only: elsewhere the columns
    are kept)."""
    filled = [k for k in keys if k]
    return (
        b.block == "indicators"
        and b.grid.layout == "words"
        and not b.indicators
        and not b.tail_cols
        and any("得分" in k for k in filled)
        and not any(is_plain_number(k) or level_of(k) for k in filled)
    )


_TAIL_LABELS = (("权重", "weight"), ("单项指标得分", "score"), ("得分", ""))


def _indicator_subheader(b: _Builder, r: int, keys: Keys) -> None:
    filled = [k for k in keys if k]
    first = next(i for i, k in enumerate(filled) if "得分" in k or k.startswith("权重"))
    b.tail_cols = tuple(
        next((n for label, n in _TAIL_LABELS if label in k), "") for k in filled[first:]
    )


def _loose_tail(b: _Builder, words: list[str], keys: list[str], levels: int) -> list[str]:
    """A space-joined row under a two-row header whose trailing numbers are the lower
    row's score columns (单项指标得分 | 权重占比 | 折算得分): those read right-aligned; the
    name is the word after the levels; the target runs from the first word with a number
    or operator to the actual, the last such word."""
    cols, n = b.ind_cols, len(b.tail_cols)
    out = [""] * (max(cols.values()) + 1)
    for w, k in zip(words[:levels], keys[:levels], strict=True):
        level = "level2" if level_of(k) == 2 else "level1"
        if level in cols:
            out[cols[level]] = w
    tail = words[-n:] if len(words) - levels > n else []
    for name, w in zip(b.tail_cols, tail, strict=False):
        if name in cols:
            out[cols[name]] = w
    middle = words[levels : len(words) - len(tail)]
    valued = [i for i, k in enumerate(keys[levels : levels + len(middle)]) if _VALUE_START(k)]
    fields = {"name": middle[:1]}
    if len(valued) >= 2:
        fields["target"] = middle[valued[0] : valued[-1]]
        fields["actual"] = middle[valued[-1] : valued[-1] + 1]
    for name, ws in fields.items():
        if name in cols:
            out[cols[name]] = " ".join(ws)
    return out


def _VALUE_START(k: str) -> bool:
    return bool(k) and (k[0].isdigit() or k[0] in _OPS)


def _shifted(row: list[str], shift: int) -> tuple[list[str], int]:
    if shift > 0:
        return [""] * shift + row, shift
    return row[-shift:], shift


def _level_shift(keys: Keys, cols: dict[str, int]) -> int:
    """How far a row starting with a level label must move to put it under its header: a
    level-2 label (社会效益指标) in the level-1 column lost the merged cell before it."""
    first = next((c for c, k in enumerate(keys) if k), None)
    level = level_of(keys[first]) if first is not None else 0
    column = cols.get({1: "level1", 2: "level2"}.get(level, ""))
    return 0 if first is None or column is None else column - first


_ROW_KINDS: tuple[
    tuple[Callable[[_Builder, Keys], bool], Callable[[_Builder, int, Keys], None]], ...
] = (
    (_is_header, _header_row),
    (_is_fund_header, _fund_header),
    (_is_inline_funds, _inline_funds),
    (_is_fund_row, _fund_row),
    (_is_indicator_header, _indicator_header),
    (_is_indicator_preheader, _indicator_preheader),
    (_is_indicator_subheader, _indicator_subheader),
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
                "预算数",
                *GOAL_PREFIXES,
                INDICATOR_HEADER_PREFIX,
                "年度指标值",
                "二级指标",
                *(label for label, _ in _TAIL_LABELS[:2]),
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
