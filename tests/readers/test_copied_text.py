"""Text copied out of web pages and viewers: the sample's 28 forms as markdown pipes, as
rows of space-joined cells (empty cells dropped), and as one cell a line (the rows lost)
read back as the tab text does."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao import openjson
from jixiao.readers.text import layout_of
from tests.conftest import SAMPLE
from tests.readers.conftest import read_text, strip_sources


def _rows() -> list[list[str]]:
    return [
        [c.strip() for c in line.split("\t")] for line in SAMPLE.read_text("utf-8").splitlines()
    ]


def pipes(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(r) + " |" if any(r) else "" for r in rows)


def spaces(rows: list[list[str]]) -> str:
    return "\n".join(" ".join(c for c in r if c) for r in rows)


def cells(rows: list[list[str]]) -> str:
    return "\n".join(c for r in rows for c in r if c)


VARIANTS = {"pipes": (pipes, "pipes"), "words": (spaces, "words"), "lines": (cells, "lines")}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_copied_text_reads_back(
    variant: str, tmp_path: Path, sample_forms: list[dict[str, Any]]
) -> None:
    make, layout = VARIANTS[variant]
    text = make(_rows())
    assert layout_of(text.splitlines()) == layout
    doc = read_text(tmp_path, text, f"{variant}.txt")
    assert [f.code for x in doc.forms for f in x.findings] == []
    got = [strip_sources(openjson.form_json(x.form)) for x in doc.forms]
    want = [strip_sources(f) for f in sample_forms]
    assert len(got) == 28
    if variant == "words":
        # Joining cells by spaces merges a text's own spaces with the cell breaks: a goal
        # text that held spaces cannot be told from two cells. Everything else is exact.
        differ = [
            i for i, (w, g) in enumerate(zip(want, got, strict=True)) if w["goal"] != g["goal"]
        ]
        assert len(differ) <= 4
        for form in (*want, *got):
            form.pop("goal")
    assert got == want
