"""Benchmark: how long each export takes for the sample repeated to N forms (a department's
year, a download from the web app).

    python -m bench.exports [--forms 280] [--formats xlsx,pdf,docx,json,csv,parquet,summary]

Prints seconds and forms per second for each format, and peak memory.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path

import jixiao
from bench.common import machine, peak_rss_mb, sample_repeated, timed
from jixiao.pipeline import Run
from jixiao.writers import docx, opendata, pdf, summary, xlsx

Export = Callable[[Run, Path], object]
EXPORTS: dict[str, Export] = {
    "xlsx": lambda run, out: xlsx.write_xlsx(run.results, out / "f.xlsx", run.profile),
    "xlsx --recomputed": lambda run, out: xlsx.write_xlsx(
        run.results, out / "r.xlsx", run.profile, recomputed=True
    ),
    "pdf": lambda run, out: pdf.write_pdf(run.results, out / "f.pdf", run.profile),
    "docx": lambda run, out: docx.write_docx(run.results, out / "f.docx", run.profile),
    "json": lambda run, out: opendata.write_json(run.results, out / "f.json", run.profile),
    "csv": lambda run, out: opendata.write_csv(run.results, out / "csv", run.profile),
    "parquet": lambda run, out: opendata.write_parquet(run.results, out / "pq", run.profile),
    "summary": lambda run, out: summary.write_summary(run, out / "s.xlsx"),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=280)
    ap.add_argument("--formats", default=",".join(EXPORTS))
    args = ap.parse_args()
    run = jixiao.run(sample_repeated(args.forms), profile="pujiang-2023")
    n = len(run.results)
    print(f"machine: {machine()}; {n} forms")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.formats.split(","):
            _, seconds = timed(lambda name=name: EXPORTS[name](run, Path(folder)))
            print(f"{name:>18}: {seconds:6.2f} s = {n / seconds:7.1f} forms/s")
    print(f"peak RSS: {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
