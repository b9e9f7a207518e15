"""The header block: the title and year above a form, and the 项目名称 / 主管部门 / 实施单位
rows (a label, then its value; or the value in the label's own cell)."""

from __future__ import annotations

import re
from typing import Final

from jixiao.extract.builder import Builder, Keys, has_any, needles
from jixiao.extract.labels import HEADER_FIELDS, TITLE_RE, YEAR_RE, clean


def is_title_row(keys: Keys) -> bool:
    """A row that can precede a form: its title, its year, a blank or a separator."""
    text = "".join(keys.cells)
    if not text.strip("-—_="):  # blank, or a separator
        return True
    return _has_title(text) or (len(text) <= 16 and "年" in text and bool(YEAR_RE.search(text)))


def _has_title(text: str) -> bool:
    return "绩效自" in text and TITLE_RE.search(text) is not None  # (its every match has 绩效自)


def title_row(b: Builder, r: int, keys: Keys) -> None:
    """The title is the last title-like row above the form (a page's breadcrumb that says
    绩效自评 may come first); the year, the first year stated."""
    text = "".join(keys.cells)
    if _has_title(text) and (not b.title or b.block == "header"):
        b.title = clean(" ".join(clean(c) for c in b.grid.rows[r] if c.strip()))
        b.sources["title"] = b.grid.source(r, 0)
    m = YEAR_RE.search(text) if "年" in text else None  # (a lookbehind first: slow to search)
    if m and b.year is None:
        b.year = int(m.group(1))
        b.sources["year"] = b.grid.source(r, 0)


def is_title_in_form(b: Builder, keys: Keys) -> bool:
    """(Tried in the header block only: ``rows``.)"""
    return not b.title and is_title_row(keys)


def is_header(b: Builder, keys: Keys) -> bool:
    """(Tried in the header block only: ``rows``.)"""
    return has_any(keys, _HEADER_NEEDLES)


_HEADER_NEEDLES: Final = needles(*HEADER_FIELDS)


def header_row(b: Builder, r: int, keys: Keys) -> None:
    """项目名称 | … | value, 主管部门 | value | 实施单位 | value: a label, then its value."""
    row = b.grid.rows[r]
    for c, k in enumerate(keys.cells):
        m = _HEADER_RE.match(k) if k.startswith(_HEADER_LABELS) else None
        if m is None:
            continue
        label = m.group()
        name = HEADER_FIELDS[label]
        if name in b.values and label == _SECOND_PROJECT_LABEL:
            continue  # 评价项目 names the project only where no 项目名称 did
        if k[len(label) :].lstrip(":"):  # 项目名称：value in the label's own cell
            b.values[name] = clean(row[c]).split(label, 1)[-1].lstrip(":： ").strip()
            b.sources[name] = b.grid.source(r, c)
            continue
        c2 = next((c2 for c2 in range(c + 1, len(row)) if keys.cells[c2]), None)
        if c2 is not None and not _HEADER_RE.match(keys.cells[c2]):
            b.values[name] = _header_value(b, row, keys, c2)
            b.sources[name] = b.grid.source(r, c2)


def _header_value(b: Builder, row: list[str], keys: Keys, c: int) -> str:
    """The value after a header label; where cells were joined by spaces, the words up to
    the next label (项目名称 2020 年市级服务贸易发展资金 主管部门 …)."""
    if b.grid.layout != "words":
        return clean(row[c])
    words = []
    for c2 in range(c, len(row)):
        k = keys.cells[c2]
        if _HEADER_RE.match(k) or k.endswith((":", "：")):
            break
        words.append(clean(row[c2]))
    return " ".join(words)


_SECOND_PROJECT_LABEL: Final = "评价项目"
# The header labels, longest first (none is the start of another).
_HEADER_RE: Final = re.compile(
    "|".join(map(re.escape, sorted(HEADER_FIELDS, key=len, reverse=True)))
)
# (A cell starting with none of them is not tried on _HEADER_RE.)
_HEADER_LABELS: Final = tuple(HEADER_FIELDS)
