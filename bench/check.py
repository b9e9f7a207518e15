"""Benchmark: ``jixiao check`` end to end (read → score → check → JSON findings) on the
sample repeated to 10,000 forms, on one core.

    python -m bench.check [--forms 10000]

Aim: >= 1,500 forms/s on one core.
"""

from __future__ import annotations

import argparse
import json

from bench.common import machine, peak_rss_mb, sample_repeated, timed
from jixiao import pipeline, report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=10_000)
    args = ap.parse_args()
    path = sample_repeated(args.forms)
    pipeline.run(sample_repeated(28), "pujiang-2023")  # warm caches

    def work() -> int:
        run = pipeline.run(path, "pujiang-2023")
        text = json.dumps(report.run_json(run), ensure_ascii=False)
        return len(run.results) + 0 * len(text)

    n, seconds = timed(work)
    print(f"machine: {machine()}")
    print(
        f"check (read → JSON findings): {n} forms in {seconds:.2f} s = {n / seconds:,.0f} forms/s"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
