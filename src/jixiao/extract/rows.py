"""One row of a form: which kind it is, decided by a table of (blocks, test, handler)
tried in order (``_ROW_KINDS``), a kind's test only in the blocks it names; rows with no
label skip the label tests, and so do rows whose only hint is a formula cell (=97.00(人) in
an indicator's target) where no stacked funds header can be."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Final

from jixiao.extract.builder import Builder, Keys, preview
from jixiao.extract.footer import grade_row, is_grade, is_total, total_row
from jixiao.extract.funds import (
    fund_header,
    fund_row,
    inline_funds,
    is_fund_header,
    is_fund_row,
    is_inline_funds,
)
from jixiao.extract.goal import goal_header, goal_text, is_goal_header
from jixiao.extract.header import header_row, is_header, is_title_in_form, title_row
from jixiao.extract.indicators import (
    indicator_header,
    indicator_preheader,
    indicator_row,
    is_indicator_header,
    is_indicator_preheader,
)
from jixiao.extract.labels import ROW_LABEL_RE, SEP
from jixiao.extract.loose import indicator_subheader, is_indicator_subheader
from jixiao.extract.stacked import is_stacked_fund_header, stacked_fund_header

Test = Callable[[Builder, Keys], bool]
Handler = Callable[[Builder, int, Keys], None]
_FRONT: Final = ("header", "funds")  # the blocks above the indicators


def _any_row(b: Builder, keys: Keys) -> bool:
    return True


# (the blocks a row of the kind comes in, None for any; its test; its handler). The blocks
# are checked here, once a row, not by each test.
_ROW_KINDS: Final[tuple[tuple[tuple[str, ...] | None, Test, Handler], ...]] = (
    (("header",), is_header, header_row),
    (None, is_fund_header, fund_header),
    (_FRONT, is_stacked_fund_header, stacked_fund_header),
    (_FRONT, is_inline_funds, inline_funds),
    (_FRONT, is_fund_row, fund_row),
    (None, is_indicator_header, indicator_header),
    (None, is_indicator_preheader, indicator_preheader),
    (("indicators",), is_indicator_subheader, indicator_subheader),
    (None, is_goal_header, goal_header),
    (None, is_total, total_row),
    (None, is_grade, grade_row),
    (("indicators",), _any_row, indicator_row),
    (("goal",), _any_row, goal_text),
    (("header",), is_title_in_form, title_row),
)
# Rows with none of the labels skip the label tests (most rows: indicators and goal texts).
_UNLABELLED_ROW_KINDS: Final = _ROW_KINDS[-3:]
# The blocks where an unlabelled row has one kind, taken without a test: block → handler.
_UNLABELLED_HANDLERS: Final = {
    block: handler
    for blocks, test, handler in _UNLABELLED_ROW_KINDS
    if test is _any_row
    for block in blocks or ()
}


@cache
def _kinds(block: str, labelled: bool) -> tuple[tuple[Test, Handler], ...]:
    """The (test, handler) pairs tried on a row in the block, in order."""
    kinds = _ROW_KINDS if labelled else _UNLABELLED_ROW_KINDS
    return tuple((test, handler) for in_, test, handler in kinds if in_ is None or block in in_)


# What a stacked funds header has between its labels (4=1+2+3, (%)): a hint only in the
# header and funds blocks (``_FRONT``: ``is_stacked_fund_header``) or a space-joined copy
# (``is_indicator_subheader``).
_FORMULA_HINT: Final = re.compile(f"{re.escape(SEP)}(?:\\d{{0,2}}[=+\\-/]|\\(%\\))")


def read_row(b: Builder, r: int, keys: Keys) -> None:
    if len(keys.joined) == len(keys.cells):  # every cell empty
        return
    labelled = _labelled(b, keys)
    if not labelled and b.block in _UNLABELLED_HANDLERS:
        _UNLABELLED_HANDLERS[b.block](b, r, keys)  # (its test: ``_any_row``)
        return
    for test, handler in _kinds(b.block, labelled):
        if test(b, keys):
            handler(b, r, keys)
            return
    b.note(r, None, f"无法识别的行，已跳过：{preview(b.grid.rows[r])}")


def _labelled(b: Builder, keys: Keys) -> bool:
    """Whether the row has a label (``labels.ROW_LABEL_RE``), or a formula where one counts. Most
    rows have no cell that holds one, and most others one that surely does (``keys.hint``,
    from ``labels.key_and_hint``): only rows where one may be are searched."""
    joined = keys.joined
    if keys.hint == 2 or (keys.hint and ROW_LABEL_RE.search(joined) is not None):
        return True
    formula_counts = b.block in _FRONT or b.grid.layout == "words"
    return formula_counts and _FORMULA_HINT.search(joined) is not None
