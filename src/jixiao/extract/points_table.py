"""A scoring table whose weights are only in its labels (2017年部门整体支出绩效评价得分表:
一级指标 | 二级指标 | 三级指标 | 得分, 部门决策(25分) 目标任务(15分) 相关性(5分) 5 明确性(5分)
5 …), copied from a PDF with each score at the start of the next line and labels broken
over words (部门决 策(25 分)).

A label directly followed by another is a parent: a level-1 label, or a level-2 one while
the level-1 above it still has points for it; a label followed by a number is an indicator
and the number its score, its weight the label's points. The table's total may be stated
only in the report's text just above its title (…自评,自评得分 90 分,…); it is taken from
the last such sentence there, and said so. The rows are laid out under a header of those
columns, for the extractor to read as any table; where the labels stop making a table (the
excerpt cut off), the indicators read so far are kept and the rest is reported.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

from jixiao.extract.core_records import CUT_OFF
from jixiao.extract.labels import amount, is_plain_number, key
from jixiao.findings import Finding, finding
from jixiao.readers.grid import Grid, RowPos

HEADER: Final = ["一级指标", "二级指标", "三级指标", "分值", "得分"]
_TITLE_RE: Final = re.compile(r"评价得分表$")
_HEAD_WORDS: Final = ("一级指标", "二级指标", "三级指标", "得分")
_LABEL_RE: Final = re.compile(r"([^\d()]{2,30}?)\((\d+(?:\.\d+)?)分\)")
_STATED_RE: Final = re.compile(r"自评得分(\d+(?:\.\d+)?)分")
_LABEL_MAX: Final = 40  # words joined past this without closing a label: no longer a table
_STATED_WINDOW: Final = 40  # words above the title that may state its total
Word = tuple[str, RowPos]


def points_grid(grid: Grid) -> tuple[Grid, list[Finding]] | None:
    """The table after a ``…评价得分表`` title laid out in rows; None when there is none."""
    words = [(key(t), grid.positions[r]) for r, row in enumerate(grid.rows) for t in row if key(t)]
    title = next((i for i, (k, _) in enumerate(words) if _TITLE_RE.search(k)), None)
    if title is None:
        return None
    body = _after_header(words, title + 1)
    if body is None:
        return None
    rows, rest = _rows(words[body:])
    if not rows:
        return None
    year = words[title - 1][0] if title and words[title - 1][0].isdigit() else ""
    out: list[list[str]] = [[year + words[title][0]], HEADER, *(cells for cells, _ in rows)]
    positions = [words[title][1], words[title][1], *(p for _, p in rows)]
    said: list[tuple[str, RowPos]] = []
    stated = _stated_total(words[max(0, title - _STATED_WINDOW) : title])
    if stated is not None:
        out.append(["总分", "", "", "", stated[0]])
        positions.append(stated[1])
        said.append((f"总分取自表前的文字“自评得分{stated[0]}分”", stated[1]))
    if rest is not None:
        said.append((f"{CUT_OFF}：{rest[0][:20]}", rest[1]))
    laid = Grid(file=grid.file, rows=out, positions=positions, layout="table")
    return laid, [finding("JX003", text, laid.at(pos)) for text, pos in said]


def _stated_total(words: list[Word]) -> tuple[str, RowPos] | None:
    """The total a sentence just above the title states (…自评,自评得分 90 分), and where;
    None when no sentence there does, or two state different totals."""
    found: dict[str, RowPos] = {}
    joined, at = "", []
    for k, pos in words:
        joined += k
        at.extend([pos] * len(k))
    for m in _STATED_RE.finditer(joined):
        found.setdefault(m.group(1), at[m.start()])
    return next(iter(found.items())) if len(found) == 1 else None


def _after_header(words: list[Word], i: int) -> int | None:
    """Where the body starts: after the header's words (一级指 标 split as the copy left it)."""
    joined, need = "", list(_HEAD_WORDS)
    while i < len(words) and need:
        joined += words[i][0]
        i += 1
        if joined.endswith(need[0]):
            need.pop(0)
            joined = ""
        elif len(joined) > len(need[0]) + 4:
            return None
    return None if need else i


def _rows(words: list[Word]) -> tuple[list[tuple[list[str], RowPos]], Word | None]:
    """Each indicator as [level-1, level-2, name, weight, score] with its score's position,
    and the first word that made no indicator (None when all did)."""
    items: list[tuple[str, str, RowPos]] = []  # (label or "", points or score, position)
    buf, rest = "", None
    for k, pos in words:
        if not buf and is_plain_number(k) and not k.endswith("%"):
            items.append(("", k, pos))
            continue
        buf += k
        m = _LABEL_RE.fullmatch(buf)
        if m is not None:
            items.append((buf, m.group(2), pos))
            buf = ""
        elif len(buf) > _LABEL_MAX:
            rest = (buf, pos)
            break
    if rest is None and buf:
        rest = (buf, words[-1][1])
    return _tree(items, rest)


def _tree(
    items: list[tuple[str, str, RowPos]], rest: Word | None
) -> tuple[list[tuple[list[str], RowPos]], Word | None]:
    """Labels and scores → indicator rows, the parents by their points; reading stops at a
    score past its weight or a label left without its score (reported as where it stopped)."""
    out: list[tuple[list[str], RowPos]] = []
    parents: list[list[Any]] = []  # [label, points left]
    for i, (label, value, pos) in enumerate(items):
        if not label:
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        points = amount(value)[0] or Decimal(0)
        if nxt is not None and nxt[0]:  # a parent
            while parents and (parents[-1][1] < points or len(parents) == 2):
                parents.pop()
            parents.append([label, points])
            continue
        score = None if nxt is None else amount(nxt[1])[0]
        if nxt is None or score is None or score > points:
            return out, (label, pos)
        levels = [p[0] for p in parents] + ["", ""]
        out.append(([levels[0], levels[1], label, value, nxt[1]], nxt[2]))
        for p in parents:
            p[1] -= points
        while parents and parents[-1][1] <= 0:
            parents.pop()
    return out, rest
