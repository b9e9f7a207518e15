"""Benchmark: ``jixiao check`` end to end (read → score → check → JSON findings) on the
sample repeated to 10,000 forms, on one core; then the per-form CPU time of scoring and of
the per-form checks alone (best of 3, collector paused as in the pipeline).

    python -m bench.check [--forms 10000]

Aim: >= 1,500 forms/s on one core. The machine may be shared: run it two or three times
and take the best.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from bench.common import machine, peak_rss_mb, sample_repeated, timed
from bench.readers import cpu
from jixiao import pipeline, report
from jixiao.checks.runner import check
from jixiao.scoring import score


def best_cpu_us(fn: Callable[[], object], n: int, repeat: int = 3) -> float:
    """The best CPU time of ``fn`` over ``repeat`` runs, in µs per each of ``n`` items."""
    with pipeline.gc_paused():
        return cpu(fn, repeat) / n * 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=10_000)
    args = ap.parse_args()
    path = sample_repeated(args.forms)
    pipeline.run(sample_repeated(28), "pujiang-2023")  # warm caches

    def work() -> pipeline.Run:
        run = pipeline.run(path, "pujiang-2023")
        json.dumps(report.run_json(run), ensure_ascii=False)
        return run

    run, seconds = timed(work)
    n = len(run.results)
    print(f"machine: {machine()}")
    print(
        f"check (read → JSON findings): {n} forms in {seconds:.2f} s = {n / seconds:,.0f} forms/s"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MiB")
    scored = [(r.form, r.sheet) for r in run.results if r.sheet is not None]
    scoring = best_cpu_us(lambda: [score(f, run.profile) for f, _ in scored], n)
    checks = best_cpu_us(lambda: [check(f, s, run.profile) for f, s in scored], n)
    print(f"per form (CPU, best of 3): scoring {scoring:.0f} µs, checks {checks:.0f} µs")


if __name__ == "__main__":
    main()
