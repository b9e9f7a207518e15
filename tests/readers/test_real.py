"""The real tables from other provinces (shared/data/real): the share of the facts read by
hand that jixiao reads right, table by table (see ``real_facts``). The floors are what
jixiao reads today: a change that reads less fails here."""

from __future__ import annotations

import pytest

from tests.readers.real_facts import Score, score_all

# table → facts read right today (of those the index holds).
FLOORS = {
    "001.txt": 16,
    "002.txt": 11,
    "003.txt": 16,
    "004.txt": 16,
    "011.txt": 12,
    "021.txt": 4,
    "027.txt": 16,
    "029.txt": 15,
}
# Tables whose copy kept the cell boundaries (tabs, pipes, spaces, one cell a line).
DELIMITED = (*FLOORS, "009.txt")


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {s.file: s for s in score_all()}


@pytest.mark.parametrize("table", sorted(FLOORS))
def test_table_reads_its_facts(table: str, scores: dict[str, Score]) -> None:
    s = scores[table]
    assert s.right >= FLOORS[table], s.wrong


def test_delimited_tables_read_right(scores: dict[str, Score]) -> None:
    held = sum(scores[t].held for t in DELIMITED)
    right = sum(scores[t].right for t in DELIMITED)
    assert right / held >= 0.85, [(t, scores[t].wrong) for t in DELIMITED]


def test_overall_share(scores: dict[str, Score]) -> None:
    held = sum(s.held for s in scores.values())
    right = sum(s.right for s in scores.values())
    assert right / held >= 0.44


def test_few_values_invented(scores: dict[str, Score]) -> None:
    """A value the text does not hold stays null: at most the truncated tables' indicator
    counts are read where the index, for a cut-off table, has none."""
    assert sum(s.guessed for s in scores.values()) <= 6


def test_every_table_is_read_without_crashing(scores: dict[str, Score]) -> None:
    assert len(scores) == 20
