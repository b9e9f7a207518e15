"""Rows with the same cells share their keys (``builder.grid_keys``). ``makers.positional``
makes the same frozen objects as the classes' keyword constructors, and the funds header
test that every labelled row tries (``funds._bare_header``) tells what ``has`` tells; a row
is offered only to the kinds of its block (``rows._kinds``), and searched for labels only
when a cell may hold one (``rows._labelled``). Forms keep their sources as plain tuples;
texts share the positions of their first lines.
The fast path for aligned indicator rows reads as the general path (``fast_path_cases``,
run here on the sources)."""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.extract import Extracted, extract, funds, labels, rows
from jixiao.extract.builder import Builder, grid_keys, has, row_keys
from jixiao.makers import positional
from jixiao.model import FundRow, Indicator, RowSources, Source
from jixiao.readers import grid as grid_module
from jixiao.readers.grid import Grid, RowPos, line_positions
from jixiao.readers.text import read_decoded
from jixiao.values import parse
from tests.conftest import SAMPLE

CASES = Path(__file__).with_name("fast_path_cases.py")


def _extract(text: str) -> list[Extracted]:
    (grid,), _ = read_decoded(text, "t.txt")
    return extract(grid)[0]


def test_fast_path_cases_on_the_sources() -> None:
    """``fast_path_cases`` replaces the fast path to read the general way, which only the
    Python sources allow: its tests run in a process that loads them (``JIXIAO_PURE``)."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(CASES)],
        env={**os.environ, "JIXIAO_PURE": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    passed = re.search(r"(\d+) passed", done.stdout)
    assert passed and int(passed.group(1)) >= 20, done.stdout[-2000:]


def test_rows_with_the_same_cells_share_their_keys() -> None:
    rows = [["项目名称", "", "a"], ["", ""], ["项目名称", "", "a"], ["", ""], ["项目名称", "a"]]
    keys = grid_keys(rows)
    alone = [row_keys(row) for row in rows]
    assert [(k.cells, k.joined, k.hint) for k in keys] == [
        (k.cells, k.joined, k.hint) for k in alone
    ]
    assert keys[0] is keys[2] and keys[1] is keys[3] and keys[4] is not keys[0]


def test_positional_makes_what_the_keywords_make() -> None:
    source = Source("t.txt", 3)
    given = {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "人数",
        "target": "≥5人",
        "actual": "6人",
        "weight": Decimal(10),
        "score": Decimal("9.5"),
        "deviation": "",
        "target_value": parse("≥5人"),
        "actual_value": parse("6人"),
        "sources": RowSources.of(source, {"name": 2}),
    }
    made = positional(Indicator)(*given.values())
    assert list(given) == [f.name for f in dataclasses.fields(Indicator)]
    assert made == Indicator(**given) and type(made) is Indicator
    assert repr(made) == repr(Indicator(**given))
    assert pickle.loads(pickle.dumps(made)) == made  # as the pool and Dask send forms back
    assert sys.getsizeof(made) == sys.getsizeof(Indicator(**given))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):  # every field must be given
        positional(FundRow)(Decimal(1))
    assert positional(FundRow)(*[None] * 6, {}) == FundRow()


@pytest.mark.parametrize(
    "cells",
    [
        ["资金来源", "预算数(A)", "执行数(B)", "执行率(B/A)"],
        ["资金来源", "预算数(A)", "执行数(B)"],
        ["预算数", "6.84", "执行数", "6.84", "执行率", "100%"],
        ["执行率", "执行数", "预算数"],
        ["年度资金总额", "100", "100"],
    ],
)
def test_bare_funds_header_test_is_has(cells: list[str]) -> None:
    keys = row_keys(cells)
    expected = all(has(keys, label) for label in funds._BARE_HEADER) and not any(
        k and k[0].isdigit() for k in keys.cells
    )
    assert funds._bare_header(keys) is expected


def test_rows_are_offered_to_the_kinds_of_their_block() -> None:
    def handlers(block: str, labelled: bool) -> list[str]:
        return [handler.__name__ for _, handler in rows._kinds(block, labelled)]

    assert handlers("indicators", False) == ["indicator_row"]
    assert handlers("goal", False) == ["goal_text"]
    assert handlers("header", False) == ["title_row"]
    assert handlers("footer", False) == []
    assert handlers("header", True) == [
        "header_row",
        "fund_header",
        "stacked_fund_header",
        "inline_funds",
        "fund_row",
        "indicator_header",
        "indicator_preheader",
        "goal_header",
        "total_row",
        "grade_row",
        "title_row",
    ]
    assert handlers("indicators", True) == [
        "fund_header",
        "indicator_header",
        "indicator_preheader",
        "indicator_subheader",
        "goal_header",
        "total_row",
        "grade_row",
        "indicator_row",
    ]


def test_forms_keep_their_sources_as_plain_tuples() -> None:
    """A form's field sources and its rows' places are kept as plain tuples, which the
    cyclic collector stops watching (held forms cost its passes less), and still give each
    cell's ``Source``."""
    text = SAMPLE.read_text(encoding="utf-8")
    form = _extract(text)[0].form
    ind, total = form.indicators[0], form.funds.total
    src = form.sources["project"]
    assert type(src) is Source and src.file == "t.txt"
    assert text.splitlines()[src.line - 1].split("\t")[src.column - 1].strip() == form.project
    assert ind.source == Source("t.txt", ind.source.line)
    assert ind.sources["weight"] == ind.source._replace(column=ind.sources["weight"].column)
    assert total.sources["spent"].line == total.sources["label"].line
    gc.collect()
    held = [*form.sources._cells.values(), ind.sources._at, total.sources._at]  # type: ignore[attr-defined]
    assert held and not any(map(gc.is_tracked, held))
    assert not any(isinstance(x, Source) for x in held)


@pytest.mark.parametrize(
    "cells",
    [
        ["", "", "年度资金总额", "8.85"],
        ["产出指标", "数量指标", "人数", "", "≥5人", "6人", "10", "10"],
        ["", "合", "计", "100"],
        ["其中：当年财政拨款", "1"],
        ["评分等级", "优"],
        ["总分", "", "100", "98"],
        ["", "资金来源", "预算数(A)"],
        ["", "上年结转资金", "0"],
        ["", "财政资金合计", "0"],
        ["项目名称", "x"],
        ["", "", "得分"],
    ],
)
def test_label_prefilter_is_the_label_search(cells: list[str]) -> None:
    """``rows._labelled`` searches only rows whose ``keys.hint`` says a cell may hold a
    label, not those where one surely does: the answer is the full search's."""
    keys = row_keys(cells)
    full = labels.ROW_LABEL_RE.search(keys.joined) is not None
    assert (keys.hint == 2) <= full and (keys.hint > 0) >= full
    grid = Grid(file="t.txt", rows=[cells], positions=line_positions(1))
    assert rows._labelled(Builder(grid=grid, block="indicators"), keys) == full


def test_line_positions_are_lines_one_to_n(monkeypatch: pytest.MonkeyPatch) -> None:
    """``grid.line_positions`` shares the positions of the first lines across texts: each
    call still gives its own list, of lines 1 to n, also past the shared ones."""
    expected = [RowPos(line=n) for n in range(1, 8)]
    first = line_positions(7)
    assert first == expected and line_positions(0) == []
    first.append(RowPos(line=99))
    assert line_positions(7) == expected
    monkeypatch.setattr(grid_module, "_SHARED_LINES", 3)
    assert line_positions(7) == expected and line_positions(2) == expected[:2]


_PIECES = [*labels.ROW_LABEL_PREFIXES, *(n for n, _ in labels.FUND_ROW_LABELS), "合", "计", "", "x"]


@given(
    st.lists(
        st.builds(
            "".join,
            st.lists(st.sampled_from(_PIECES) | st.text("计合总额 0", max_size=2), max_size=3),
        ),
        max_size=6,
    )
)
def test_the_row_hint_misses_no_label(cells: list[str]) -> None:
    """A row the full label search finds a label in has its ``hint`` set; one whose hint
    says sure is found by it."""
    keys = row_keys(cells)
    full = labels.ROW_LABEL_RE.search(keys.joined) is not None
    assert (keys.hint == 2) <= full and (keys.hint > 0) >= full


def test_line_positions_from_threads_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads reading texts at once each get lines 1 to n, whatever the others make."""
    monkeypatch.setattr(grid_module, "_LINES", ())
    counts = [5_000 + 977 * i for i in range(40)]
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(line_positions, counts))
    for count, positions in zip(counts, made, strict=True):
        assert [p.line for p in positions] == list(range(1, count + 1))
    assert [p.line for p in line_positions(60_000)] == list(range(1, 60_001))


def test_positional_refuses_a_class_it_cannot_make() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        a: int

    with pytest.raises(TypeError):
        positional(Unslotted)

    @dataclasses.dataclass(frozen=True, slots=True)
    class Guarded:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class UnderGuard(Guarded):
        b: int

    with pytest.raises(TypeError, match="guards its attributes"):
        positional(UnderGuard)
