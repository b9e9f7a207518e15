"""The corpus written as xlsx and PDF reads back, through the pipeline, to the same forms and
findings as its tab text; every format is the same bytes for the same seed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench.corpus import DEFECTS, generate, make_form, to_pdf, to_xlsx

from jixiao import openjson, pipeline

FORMS, SEED, PER_FILE = 12, 3, 4
RATES = dict.fromkeys(DEFECTS, 0.15)


def _without_sources(form: Any) -> dict[str, Any]:
    data = openjson.form_json(form)
    del data["source"]
    for ind in data["indicators"]:
        del ind["source"]
    return data


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pipeline.Run]:
    out = {}
    for fmt in ("txt", "xlsx", "pdf"):
        folder = generate(
            FORMS, SEED, tmp_path_factory.mktemp(fmt), per_file=PER_FILE, rates=RATES, fmt=fmt
        )
        files = sorted(folder.glob(f"corpus-*.{fmt}"))
        assert len(files) == FORMS // PER_FILE
        out[fmt] = pipeline.run(files, "pujiang-2023")
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
def test_reads_back_as_the_text_does(runs: dict[str, pipeline.Run], fmt: str) -> None:
    text, other = runs["txt"], runs[fmt]
    assert len(other.results) == len(text.results) == FORMS
    assert not [f for d in other.files for f in d.findings]
    for a, b in zip(text.results, other.results, strict=True):
        assert _without_sources(b.form) == _without_sources(a.form)
        assert sorted((f.code, f.message) for f in b.findings) == sorted(
            (f.code, f.message) for f in a.findings
        )
    injected = {f.code for r in text.results for f in r.findings} & set(DEFECTS.values())
    assert len(injected) >= 8  # the comparison covers defective forms too


def test_same_bytes_for_the_same_seed() -> None:
    specs = [make_form(SEED, i, RATES) for i in range(2)]
    again = [make_form(SEED, i, RATES) for i in range(2)]
    assert to_xlsx(specs) == to_xlsx(again)
    assert to_pdf(specs) == to_pdf(again)
    assert to_xlsx(specs) != to_xlsx([make_form(SEED + 1, i, RATES) for i in range(2)])


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported format"):
        generate(1, SEED, tmp_path, fmt="docx")
