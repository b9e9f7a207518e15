"""The benchmark suite runs end to end at its smoke sizes and writes its results file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bench.run import WEB_FIGURES, deal, rate_row, web_figures

ROOT = Path(__file__).resolve().parents[2]


def test_quick_suite_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    cmd = [sys.executable, "-m", "bench", "--quick", "--out", str(out)]
    cmd += ["--cache", str(tmp_path / "cache")]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(out.read_text("utf-8"))
    keys = {"command", "mode", "date", "machine", "sizes", "read", "batch", "web", "notes"}
    assert keys <= set(results)
    assert results["mode"] == "quick"
    assert {"cpu", "cores_logical", "ram_gib", "python", "os", "commit"} <= set(results["machine"])
    assert [r["format"] for r in results["read"]] == ["txt", "xlsx", "pdf"]
    for r in results["read"]:
        assert r["forms"] > 0 and r["repeat"] >= 1
        assert all(0 < row["median_forms_per_s"] <= row["forms_per_s"] for row in r["rows"])
    text = [row["what"] for row in results["read"][0]["rows"]]
    assert "jixiao read, every form of the group kept" in text  # text alone times it
    assert not any("kept" in row["what"] for r in results["read"][1:] for row in r["rows"])
    for engine in ("pool", "dask"):
        run = results["batch"][engine]
        assert run["exit"] in (0, 1), run  # 1: the corpus has findings at error level
        assert run["seconds"] > 0 and run["peak_rss_tree_mib"] > 0
    assert results["web"] is None  # only with --web (minutes)


def test_web_figures_are_parsed_from_bench_web() -> None:
    printed = """machine: x86_64  Python 3.11.7
import of the sample (28 forms): 0.47 s
import of 504 more forms: 5.6 s (90 forms/s)
stored forms: 532
list page: p50 39 ms, p95 59 ms
form page: p50 19 ms, p95 28 ms
"""
    figures = web_figures(printed)
    assert set(figures) == set(WEB_FIGURES)
    assert figures["import_forms"] == 504 and figures["import_seconds"] == 5.6
    assert (figures["list_p50_ms"], figures["list_p95_ms"]) == (39, 59)
    assert (figures["form_p50_ms"], figures["form_p95_ms"]) == (19, 28)
    assert web_figures("")["stored_forms"] is None


def test_files_are_dealt_into_groups_of_their_own() -> None:
    files = [Path(f"f{i:03}") for i in range(10)]
    groups = deal(files, 5, 2)  # 10 files: four rounds of two, not five
    assert len(groups) == 9 and all(groups)
    assert sorted(f for g in groups for f in g) == files
    assert len(deal([Path(f"f{i:03}") for i in range(400)], 5, 3)) == 16
    with pytest.raises(ValueError, match="3 files"):
        deal(files[:3], 1, 3)


def test_a_rate_row_gives_the_best_run_and_the_median_rate() -> None:
    runs = [(2, 50, 1.0), (2, 60, 2.0), (3, 40, 0.5), (2, 30, 1.0)]  # 50, 30, 80, 30 forms/s
    row = rate_row("read", False, runs)
    assert (row["files"], row["forms"], row["cpu_seconds"]) == (3, 40, 0.5)
    assert (row["forms_per_s"], row["median_forms_per_s"]) == (80.0, 40.0)
