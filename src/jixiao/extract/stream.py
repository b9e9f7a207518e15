"""Streams of cells whose rows were lost (one cell a line, a paragraph, or a whole table
on one line): ``regroup`` lays them out in rows again by what each label starts or ends,
a table of rules (``_STREAM_RULES``) deciding which cell starts a row."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from jixiao.extract.labels import (
    FUND_COLUMN_LABELS,
    FUND_HEADER_PREFIXES,
    FUND_ROW_LABELS,
    GOAL_PREFIXES,
    GRADE_LABELS,
    HEADER_FIELDS,
    INDICATOR_COLUMN_LABELS,
    INDICATOR_HEADER_PREFIX,
    SECTION_LABELS,
    TITLE_RE,
    TOTAL_LABELS,
    YEAR_RE,
    is_plain_number,
    key,
    level_of,
    match_prefix,
)
from jixiao.extract.plain_records import plain_records
from jixiao.extract.records import glued_records
from jixiao.extract.unglue import glued, pages_joined, unglued
from jixiao.readers import runs
from jixiao.readers.grid import Grid

_GOAL_HEAD: Final = (*GOAL_PREFIXES, "实际完成")
_RULE_CHARS: Final = frozenset("-—_=")
_PROSE_RE: Final = re.compile(r"[,;。，；]|.{25}")  # a sentence, not an indicator's name


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
        elif self.block == "indicators" and self._wrapped_name(k):
            self.rows[-1][:2] = [self.rows[-1][0] + self.rows[-1][1]]
            self.add(text, r)
        elif self.block == "indicators" and not self.keep_empty and _PROSE_RE.search(k):
            self.add(text, r)  # a deviation after the score, not the next indicator's name
        else:
            self.start(text, r)

    def _wrapped_name(self, k: str) -> bool:
        """One number more after a row that looked full, in a cells-joined-by-spaces copy:
        the row's name was wrapped over its first two words (支持服务贸易、服务外 | 包企业数量)."""
        row = [key(c) for c in self.rows[-1]]
        return (
            not self.keep_empty
            and is_plain_number(k)
            and len(row) >= 3
            and not any(is_plain_number(c) or level_of(c) for c in row[:2])
            and is_plain_number(row[-1])
        )

    def _records(self, text: str, r: int) -> bool:
        """Indicator rows run together (安装坡面水标尺10≥266米≥266米10水标尺宽度10…) laid
        out under the header, one row a record; the level labels before them kept."""
        records, rest = glued_records(text, tuple(self.header)), ""
        if not records:
            records, rest = plain_records(text, tuple(self.header)) or ([], "")
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
                if name in self.header:
                    row[self.header.index(name)] = value
        if rest:
            self.start(rest, r, "footer")  # 说明 …: the notes after the table
        return True

    def _goal_head_done(self) -> bool:
        """年度总体目标 | 预期目标 | 实际完成情况 is a row of its own; the texts follow."""
        return all(key(c).startswith(_GOAL_HEAD) for c in self.rows[-1])

    def _fund_row_done(self) -> bool:
        """A funds row is full once it has a value under every column of the header, or
        one run of numbers that holds them all (194.9194.9100%)."""
        row = self.rows[-1]
        if len(row) == 2 and runs.holds_several(key(row[1])):
            return True
        return len(row) >= self.fund_width > 0

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
        if self._flat_words() and not is_plain_number(row[-1]):
            return False  # a wrapped text (获得目的国 | (地区)受 …) runs on to its score
        return len(row) - levels >= width

    def _flat_words(self) -> bool:
        """Cells joined by spaces under a header with no level columns whose last column is
        the score (三级指标 | 年初目标值 | 实际完成值 | 得分): every row ends at a number."""
        names = self.header
        return (
            not self.keep_empty
            and "level1" not in names
            and "level2" not in names
            and bool(names)
            and names[-1] == "score"
        )


def _is_header_label(g: _Regroup, k: str) -> bool:
    return k.startswith(tuple(HEADER_FIELDS)) and g.block in ("", "header")


def _is_fund_label(g: _Regroup, k: str) -> bool:
    return (
        g.block != "fund-head"
        and match_prefix(k, FUND_COLUMN_LABELS) is not None
        and (k.startswith(FUND_HEADER_PREFIXES) or g.block in ("header", ""))
    )


def _is_fund_column(g: _Regroup, k: str) -> bool:
    return g.block == "fund-head" and match_prefix(k, FUND_COLUMN_LABELS) is not None


def _is_fund_row_label(g: _Regroup, k: str) -> bool:
    return len(k) <= 20 and any(n in k for n, _ in FUND_ROW_LABELS) and g.block != "indicators"


def _is_goal_label(g: _Regroup, k: str) -> bool:
    return k.startswith(GOAL_PREFIXES) and g.block != "goal"


def _is_goal_column(g: _Regroup, k: str) -> bool:
    return g.block == "goal" and k.startswith(("预期目标", "实际完成", "年度总体目标"))


def _starts_indicator_head(g: _Regroup, k: str) -> bool:
    return k.startswith((INDICATOR_HEADER_PREFIX, "绩效指标")) and g.block != "ind-head"


def _starts_flat_head(g: _Regroup, k: str) -> bool:
    """三级指标 | 年初目标值 … outside an indicator header: a table with no level columns."""
    return k == "三级指标" and g.block not in ("ind-head", "indicators")


def _is_head_bracket(g: _Regroup, k: str) -> bool:
    """(A) | (B): a header label's bracket cut off into a cell of its own."""
    return g.block == "ind-head" and _BRACKET_RE.match(k) is not None


def _is_flat_row(g: _Regroup, k: str) -> bool:
    """In a header with no level columns, the first cell that is no column label starts the
    indicator rows."""
    names = g.header
    return (
        g.block == "ind-head"
        and not g.keep_empty
        and "level1" not in names
        and "level2" not in names
        and {"name", "score"} <= set(names)
    )


_BRACKET_RE: Final = re.compile(r"^[(（][A-Z/]{1,3}[)）]$")


def _is_indicator_column(g: _Regroup, k: str) -> bool:
    return g.block == "ind-head" and match_prefix(k, INDICATOR_COLUMN_LABELS) is not None


def _is_level(g: _Regroup, k: str) -> bool:
    if g.block not in ("indicators", "ind-head") or not level_of(k):
        return False
    row = g.rows[-1] if g.rows else []
    after_level1 = len(row) == 1 and level_of(key(row[0])) == 1 and g.block == "indicators"
    return not after_level1


def _is_stray_column(g: _Regroup, k: str) -> bool:
    """二级指标 among the rows of a table with no level columns: a header label the copy put
    out of order, a row of its own rather than the end of a wrapped text."""
    return g.block == "indicators" and g._flat_words() and k in ("一级指标", "二级指标")


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
    g.header = [match_prefix(key(text), INDICATOR_COLUMN_LABELS) or ""]


def _indicator_column(g: _Regroup, text: str, r: int) -> None:
    if not any(g.header):  # 绩效指标 | 一级指标 …: the table's own label is no column
        g.rows[-1], g.header = [], []
    g.add(text, r)
    g.header.append(match_prefix(key(text), INDICATOR_COLUMN_LABELS) or "")


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
    (_starts_flat_head, _start_indicator_head),
    (_is_indicator_column, _indicator_column),
    (_is_head_bracket, lambda g, text, r: g.rows[-1].__setitem__(-1, g.rows[-1][-1] + text)),
    (_is_flat_row, _start_level),
    (_is_level, _start_level),
    (_is_stray_column, _start_level),
    (_is_fund_label, _start_fund_head),
    (_is_fund_column, _fund_column),
    (_is_fund_row_label, _stream_action("funds")),
    (_is_goal_label, _stream_action("goal")),
    (_is_goal_column, lambda g, text, r: g.add(text, r)),
    (_is_footer, _stream_action("footer")),
)


def regroup(grid: Grid) -> Grid:
    """A stream of cells (``layout == "cells"``) laid out in rows again by its labels.

    A label starts a row (项目名称, a funds row, 年度总体目标, a level-1 or level-2
    indicator, 总分…); the header labels after it stay in its row; an indicator row ends
    once it reaches its score column. Rows that lost their leading empty cells are set
    right later by the extractor, as for any copied table.
    """
    lines = pages_joined([(row[0], r) for r, row in enumerate(grid.rows) if row])
    cells = glued([cell for text, r in lines for cell in unglued(text, r)])
    g = _Regroup(keep_empty=any(not c.strip() for c, _ in cells))
    for text, r in cells:
        g.feed(text, r)
    return Grid(
        file=grid.file,
        rows=g.rows,
        positions=[grid.positions[r] for r in g.rows_at],
        layout="words" if grid.layout == "word-cells" else "table",
    )
