"""The synthetic corpus (bench/corpus.py): deterministic, its defects detected, its clean
forms clean, and the checker's precision and recall on it."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from bench.accuracy import ERROR_CODES, evaluate
from bench.corpus import CODES, DEFECTS, generate, make_form, to_text

import jixiao

FORMS, SEED = 200, 7
RATES = dict.fromkeys(DEFECTS, 0.08)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(FORMS, SEED, tmp_path_factory.mktemp("corpus"), rates=RATES)


@pytest.fixture(scope="module")
def found(corpus: Path) -> dict[str, set[str]]:
    """Form id → the injected codes the checker reports on it."""
    forms = [json.loads(x) for x in (corpus / "forms.jsonl").read_text("utf-8").splitlines()]
    run = jixiao.run(corpus, profile="pujiang-2023")
    by_file: dict[str, list[Any]] = defaultdict(list)
    for r in run.results:
        by_file[Path(r.file).name].append(r)
    out: dict[str, set[str]] = {}
    for f in forms:
        r = by_file[f["file"]][f["position"]]
        assert r.form.project == f["project"]
        out[f["form"]] = {x.code for x in r.findings if x.code in CODES}
    return out


def _truth(corpus: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in (corpus / "truth.jsonl").read_text("utf-8").splitlines()]


def test_deterministic_by_seed(tmp_path: Path) -> None:
    a = generate(30, 3, tmp_path / "a")
    b = generate(30, 3, tmp_path / "b")
    c = generate(30, 4, tmp_path / "c")
    for name in ("corpus-00000.txt", "corpus-00001.txt", "truth.jsonl", "forms.jsonl"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert (a / "corpus-00000.txt").read_bytes() != (c / "corpus-00000.txt").read_bytes()
    # a form does not depend on the size of the corpus
    assert to_text(make_form(3, 5)) == to_text(make_form(3, 5, None))


def test_every_form_is_read(corpus: Path, found: dict[str, set[str]]) -> None:
    assert len(found) == FORMS


def test_every_defect_kind_is_injected_and_detected(
    corpus: Path, found: dict[str, set[str]]
) -> None:
    truth = _truth(corpus)
    kinds = {t["kind"] for t in truth}
    wanted = {k for k, rate in RATES.items() if rate > 0}
    assert kinds == wanted, f"kinds never injected: {wanted - kinds}"
    missed = [t for t in truth if t["code"] not in found[t["form"]]]
    assert not missed, missed[:5]


def test_clean_forms_have_none_of_the_injected_codes(
    corpus: Path, found: dict[str, set[str]]
) -> None:
    defective = {t["form"] for t in _truth(corpus)}
    clean = {form: codes for form, codes in found.items() if form not in defective}
    assert len(clean) > FORMS // 4
    dirty = {form: codes for form, codes in clean.items() if codes}
    assert not dirty


def test_no_unexpected_code_on_defective_forms(corpus: Path, found: dict[str, set[str]]) -> None:
    expected: dict[str, set[str]] = defaultdict(set)
    for t in _truth(corpus):
        expected[t["form"]].add(t["code"])
    extra = {f: found[f] - codes for f, codes in expected.items() if found[f] - codes}
    assert not extra


def test_precision_and_recall_of_error_codes(corpus: Path) -> None:
    report = evaluate(corpus)
    assert report["misaligned"] == 0
    for code in ERROR_CODES:
        row = report["codes"][code]
        assert row["tp"] > 0, code
        assert row["precision"] >= 0.99, (code, row)
        assert row["recall"] >= 0.99, (code, row)


def test_band_edge_scores_are_out_of_band(tmp_path: Path) -> None:
    rates = {kind: 0.0 for kind in DEFECTS} | {"qualitative_band_edge": 0.5}
    folder = generate(40, SEED, tmp_path, rates=rates)
    report = evaluate(folder)
    assert report["kinds"]["qualitative_band_edge"]["injected"] > 0
    assert report["kinds"]["qualitative_band_edge"]["recall"] == 1.0
