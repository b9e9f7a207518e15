"""Benchmark: read, extract and parse the sample repeated to 10,000 forms, on one core.

    python -m bench.read_text [--forms 10000]

Prints forms per second and peak memory (aim: >= 3,000 forms/s on one core).
"""

from __future__ import annotations

import argparse

from bench.common import machine, peak_rss_mb, sample_repeated, timed
from jixiao import pipeline


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=10_000)
    args = ap.parse_args()
    path = sample_repeated(args.forms)
    pipeline.read(sample_repeated(28))  # warm the caches of the value grammar and labels
    doc, seconds = timed(lambda: pipeline.read(path))
    n = len(doc.forms)
    print(f"machine: {machine()}")
    print(
        f"read+extract+parse: {n} forms in {seconds:.2f} s = {n / seconds:,.0f} forms/s (one core)"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
