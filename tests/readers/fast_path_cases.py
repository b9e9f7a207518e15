"""The extractor's fast path for indicator rows that sit under their header columns
(``indicators._aligned_row``) reads every row it takes as the general path does: the forms
and findings of the sample, of corpus forms (with their defects) and of edge rows are the
same with the fast path turned off, and the rows it must not take are handed on.

Run on the Python sources, by ``test_fast_paths.test_fast_path_cases_on_the_sources``
(this file's name keeps pytest from collecting it on its own): the general path is had by
replacing the fast one, and compiled code calls its functions without looking them up.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bench.corpus import DEFECTS, make_form, to_text

from jixiao import native
from jixiao.extract import Extracted, extract, indicators
from jixiao.extract.builder import Builder, Keys
from jixiao.readers.text import read_decoded
from tests.conftest import SAMPLE

RATES = dict.fromkeys(DEFECTS, 0.2)


def test_runs_on_the_sources() -> None:
    assert not native.loaded_compiled()


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
