"""Cells a copy cut in the wrong places: a whole table run together in one cell, cut
again at its labels (``unglued``); a label broken over two cells (年初 | 预算数), joined back
(``glued``)."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import Final

from jixiao.extract.labels import (
    FUND_COLUMN_LABELS,
    HEADER_FIELDS,
    LEVEL1_LABELS,
    LEVEL2_LABELS,
    SCORING_LEVEL1_LABELS,
    TRADITIONAL,
    key,
    level_of,
    match_prefix,
)
from jixiao.extract.ocr import fold_ocr
from jixiao.readers import runs
from jixiao.readers.grid import Grid

# Labels a copy may cut in two (年初 | 预算数): glued back when the halves make one.
_GLUE_LABELS: Final = frozenset(
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


_GLUE_PREFIXES: Final = frozenset(g[:i] for g in _GLUE_LABELS for i in range(1, len(g)))


def glued(cells: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Join neighbouring cells that are the two halves of one label, and a weight in
    brackets cut at its space (产出指标 | (60 | 分)): the bracket joined back, and onto the
    level label before it."""
    out: list[tuple[str, int]] = []
    for text, r in cells:
        if out:
            prev, pr = out[-1]
            k0, k1 = key(prev), key(text)
            if k0 in _GLUE_PREFIXES and (k0 + k1) in _GLUE_LABELS:
                out[-1] = (prev + text, pr)
                continue
            if _POINTS_OPEN_RE.fullmatch(k0) and _POINTS_CLOSE_RE.fullmatch(k1):
                out[-1] = (prev + text, pr)
                if len(out) > 1 and level_of(key(out[-2][0]) + k0 + k1):
                    out[-2:] = [(out[-2][0] + prev + text, out[-2][1])]
                continue
        out.append((text, r))
    return out


_POINTS_OPEN_RE: Final = re.compile(r"\(\d+(?:\.\d+)?")  # (60 | 分): a weight cut at its space
_POINTS_CLOSE_RE: Final = re.compile(r"分\)")


# Labels a run-together copy (no separator at all between cells) is cut at, longest first.
_RUN_LABELS: Final = sorted(
    {
        *HEADER_FIELDS,
        "负责人及电话",
        "资金情况",
        "项目资金",
        "预算执行情况",
        "资金来源",
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
        "未完成原因分析及改进措施",
        "偏差原因分析及改进措施",
        *LEVEL1_LABELS,
        *LEVEL2_LABELS,
        "总分",
        "自评总分(分)",
        "自评总分",
        "自评得分",
    },
    key=len,
    reverse=True,
)


_RUN_RE: Final = re.compile(
    "("
    + "|".join(
        re.escape(label).replace(":", "[:：]")
        + (r"(?=\s*[(（]\d)" if label in SCORING_LEVEL1_LABELS else "")
        for label in _RUN_LABELS
    )
    + r")(\s*[(（](?:[A-Z/\d.]+分?|万元)[)）])?"
)


_RUN_MIN_LABELS: Final = 4  # a cell holding fewer labels is text that names them


def unglued(text: str, r: int) -> list[tuple[str, int]]:
    """A cell holding a whole table run together (项目名称初中公用经费主管部门…), cut at its
    labels: each label (with its (A), (B/A) or (70分)) a cell, the text between a cell."""
    if len(text) < 60:
        return [(text, r)]
    text = fold_ocr(text)
    folded = text.translate(TRADITIONAL)
    cuts = [m.span() for m in _RUN_RE.finditer(folded)]
    if len(cuts) < _RUN_MIN_LABELS:
        return [(text, r)]
    cuts = _body_cuts(folded, cuts)
    ends = [b for a, b in cuts if folded[a:b] == "总分"]
    if ends:  # the footer: its number run, then notes that name labels freely
        cuts = [c for c in cuts if c[1] <= ends[0]]
        cuts.append((ends[0], ends[0] + len(runs.leading_run(text[ends[0] :])[0])))
    bounds = {0, len(text), *(i for span in cuts for i in span), *_funds_numbers(folded, cuts)}
    parts = (text[a:b].strip(" :：") for a, b in pairwise(sorted(bounds)))
    return [(p, r) for p in parts if p]


def _body_cuts(folded: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cuts without the funds columns' labels inside the indicator rows (县级储备粮管理
    制度严格执行率 is a name, not 执行率), from a level label to the next form's 项目名称,
    nor a level label straight after the same label (the name that starts with it)."""
    out: list[tuple[int, int]] = []
    body = False
    for a, b in cuts:
        k = folded[a:b]
        if k in HEADER_FIELDS:
            body = False
        elif level_of(k):
            body = True
            if out and out[-1][1] == a and folded[slice(*out[-1])] == k:
                continue  # 财务管理 | 财务管理制度有效性: the name starts with its level's label
        elif body and match_prefix(k, FUND_COLUMN_LABELS):
            continue
        out.append((a, b))
    return out


_PERCENT_RUN_RE: Final = re.compile(r"(?<![\d.])\d[\d.]*%(?![\d.])")
_AFTER_FUNDS: Final = (
    "年度总体目标",
    "年初设定目标",
    "预期目标",
    "一级指标",
    "二级指标",
    "三级指标",
)


def _funds_numbers(folded: str, cuts: list[tuple[int, int]]) -> set[int]:
    """Where the funds block's numbers run into the text beside them (年度资金总额194.9194.9100%
    其中:中央、省、市补助县级资金194.9194.9100%): from the first funds column label to the
    goal or the indicator table, a run of numbers ending in % (and not running on into more numbers) is a cell of its
    own."""
    labels = [(a, b, folded[a:b]) for a, b in cuts]
    start = next((b for a, b, k in labels if match_prefix(k, FUND_COLUMN_LABELS)), None)
    end = next((a for a, b, k in labels if k.startswith(_AFTER_FUNDS)), None)
    if start is None or end is None or end < start:
        return set()
    spans = (m.span() for m in _PERCENT_RUN_RE.finditer(folded, start, end))
    return {i for span in spans for i in span}


def run_on(grid: Grid) -> Grid | None:
    """A table run together whose copy still broke it into words where a cell's text
    wrapped (年度 总体 目标, 5000吨成 品粮): each line's words joined again, the lines a
    stream of cells to regroup, when some line holds the table's labels run together;
    None when none does (a table copied with spaces between its cells)."""
    heads = [row[0] if row else "" for row in grid.rows]
    texts = ["".join(row) for row in grid.rows]
    rows = [["".join(texts[i][cut:] for i, cut in page)] for page in _pages(heads, 0)]
    if not any(len(unglued(text, 0)) >= _RUN_MIN_LABELS for (text,) in rows):
        return None
    return replace(grid, rows=rows, layout="cells")


_PAGE_RE: Final = re.compile(r"^(\d{1,2})、")
_PAGE_MIN_CHARS: Final = 60  # a page chunk is a long line; 1、 2、 on short lines is a list


def _pages(heads: list[str], min_chars: int) -> list[list[tuple[int, int]]]:
    """The lines grouped into texts, each a list of (line, where its text starts): a
    document-sharing page's chunks (lines starting 1、 2、 3、 … in order, at least
    ``min_chars`` long; a chunk may end mid-cell) make one text, each chunk after the first
    read after its number; any other line is a text of its own. ``heads``: each line's
    first cell, where a chunk's number is looked for."""
    out: list[list[tuple[int, int]]] = []
    page = 0
    for i, head in enumerate(heads):
        m = _PAGE_RE.match(head)
        if m and int(m.group(1)) == page + 1 and len(head) >= min_chars:
            page += 1
            if page > 1:
                out[-1].append((i, m.end()))
                continue
        out.append([(i, 0)])
    return out


def pages_joined(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A document-sharing page's chunks, each a long line starting 1、 2、 … in order (a
    chunk may end mid-cell), joined back into one text at the first chunk's line."""
    texts = [text for text, _ in lines]
    return [
        ("".join(texts[i][cut:] for i, cut in page), lines[page[0][0]][1])
        for page in _pages(texts, _PAGE_MIN_CHARS)
    ]
