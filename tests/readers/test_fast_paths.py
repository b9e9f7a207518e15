"""The extractor's fast path for indicator rows that sit under their header columns
(``indicators._aligned_row``) reads every row it takes as the general path does: the forms
and findings of the sample, of corpus forms (with their defects) and of edge rows are the
same with the fast path turned off, and the rows it must not take are handed on. Rows with
the same cells share their keys (``builder.grid_keys``). ``model.positional`` makes the same
frozen objects as the classes' keyword constructors, and the funds header test that every
labelled row tries (``funds._bare_header``) tells what ``has`` tells; a row is offered only
to the kinds of its block (``rows._kinds``), and searched for labels only when a cell may
hold one (``rows._labelled``). Forms keep their sources as plain tuples."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from decimal import Decimal

import pytest
from bench.corpus import DEFECTS, make_form, to_text

from jixiao.extract import Extracted, extract, funds, indicators, rows
from jixiao.extract.builder import Builder, Keys, grid_keys, has, row_keys
from jixiao.model import FundRow, Indicator, RowSources, Source, positional
from jixiao.readers.grid import Grid, line_positions
from jixiao.readers.text import read_decoded
from jixiao.values import parse
from tests.conftest import SAMPLE

RATES = dict.fromkeys(DEFECTS, 0.2)


def _extract(text: str) -> list[Extracted]:
    (grid,), _ = read_decoded(text, "t.txt")
    return extract(grid)[0]


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, bool]]]:
    """The rows the fast path was offered (joined keys) and whether it took each."""
    offered: list[tuple[str, bool]] = []
    fast = indicators._aligned_row

    def spy(b: Builder, r: int, keys: Keys) -> bool:
        took = fast(b, r, keys)
        offered.append(("\t".join(b.grid.rows[r]), took))
        return took

    monkeypatch.setattr(indicators, "_aligned_row", spy)
    yield offered


def _general(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Extracted]:
    with monkeypatch.context() as m:
        m.setattr(indicators, "_aligned_row", lambda b, r, keys: False)
        return _extract(text)


def _same_both_ways(
    text: str, monkeypatch: pytest.MonkeyPatch, taken: list[tuple[str, bool]]
) -> None:
    fast = _extract(text)
    assert any(took for _, took in taken), "the fast path took no row"
    assert fast == _general(text, monkeypatch)


def test_sample_reads_the_same(
    monkeypatch: pytest.MonkeyPatch, taken: list[tuple[str, bool]]
) -> None:
    _same_both_ways(SAMPLE.read_text(encoding="utf-8"), monkeypatch, taken)


@pytest.mark.parametrize("seed", range(4))
def test_corpus_forms_read_the_same(
    seed: int, monkeypatch: pytest.MonkeyPatch, taken: list[tuple[str, bool]]
) -> None:
    text = "\n".join(to_text(make_form(seed, i, RATES)) for i in range(25))
    _same_both_ways(text, monkeypatch, taken)


# Rows put under the first indicator of a corpus form (columns: level 1 | level 2 | name |
# (name) | target | actual | weight | score | deviation), and whether the fast path takes it.
EDGE_ROWS = [
    ("\t\t人数\t\t=5(人)\t5(人)\t10\t10\t", True),
    ("\t数量指标\t人数\t\t=5(人)\t5(人)\t10\t—\t", True),  # a dash for the score
    ("产出指标\t质量指标\t合格率\t\t≥90%\t95%\t1,000\t<b>8</b>\t未达标", True),
    ("\t\t\t人数\t=5\t5\t10\t10\t", True),  # the name in the second cell of its column
    ("\t\t人数\t\t\t\t10\t10\t", True),  # no target or actual
    ("\t\t其中桃树\t\t1.5亩\t1.5亩\t5\t5\t", False),  # a 其中 sub-item
    ("数量指标\t人数\t\t=5(人)\t5(人)\t10\t10\t", False),  # a level-2 label in column 1
    ("人数\t\t=5(人)\t5(人)\t10\t10", False),  # leading empty cells lost
    ("其他\t\t人数\t\t=5\t5\t10\t10\t", False),  # no level-1 label in column 1
    ("\t\t人数\t\t=5(人)\t5(人)\t十\t10\t", False),  # a weight that is no number
    ("\t\t人数\t\t=5(人)\t5(人)\t10\tabc\t", False),  # a score that is no number
    ("\t\t人数\t\t=5(人)\t5(人)\t—\t—\t", False),  # no numbers: a heading alone
    ("\t\t\t\t\t\t100\t95\t", False),  # the 总分 row that lost its label
    ("\t\t……\t\t\t\t\t\t", False),  # the template's placeholder row
    ("\t\t人数\t\t=5(人)\t5(人)\t10\t10", False),  # no deviation cell: a short row
]


@pytest.mark.parametrize(("row", "takes"), EDGE_ROWS)
def test_edge_rows_read_the_same(
    row: str, takes: bool, monkeypatch: pytest.MonkeyPatch, taken: list[tuple[str, bool]]
) -> None:
    lines = to_text(make_form(3, 0)).split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("一级指标")) + 2
    text = "\n".join([*lines[:first], row, *lines[first:]])
    fast = _extract(text)
    assert dict(taken).get(row, False) is takes
    assert fast == _general(text, monkeypatch)


def test_space_joined_rows_take_the_general_path(
    monkeypatch: pytest.MonkeyPatch, taken: list[tuple[str, bool]]
) -> None:
    words = "\n".join(
        " ".join(c for c in line.split("\t") if c.strip())
        for line in SAMPLE.read_text(encoding="utf-8").splitlines()
    )
    fast = _extract(words)
    assert taken and not any(took for _, took in taken)
    assert fast == _general(words, monkeypatch)


def test_rows_with_the_same_cells_share_their_keys() -> None:
    rows = [["项目名称", "", "a"], ["", ""], ["项目名称", "", "a"], ["", ""], ["项目名称", "a"]]
    keys = grid_keys(rows)
    assert keys == [row_keys(row) for row in rows]
    assert [k.joined for k in keys] == [row_keys(row).joined for row in rows]
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
        k and k[0].isdigit() for k in keys
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
    """``rows._labelled`` searches only rows with a cell that may hold a label: the answer
    is the full search's."""
    keys = row_keys(cells)
    full = rows._LABEL_HINT.search(keys.joined) is not None
    assert any(map(rows._may_hold_label, keys)) >= full
    grid = Grid(file="t.txt", rows=[cells], positions=line_positions(1))
    assert rows._labelled(Builder(grid=grid, block="indicators"), keys) == full
