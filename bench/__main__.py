"""The benchmark suite: ``python -m bench [--quick] [--web] [--out bench/results.json]``.

Runs the measurements of ``bench.run`` on synthetic corpora (``bench.corpus``, cached in
``bench/out/corpus-cache``), prints them as tables and writes them, with a description of
the machine, to a JSON file:

- read and check rates on tab text, xlsx and PDF, one core, beside the bare libraries;
- ``jixiao check`` over 100,000 forms (tab text, 25 forms a file) with ``--jobs 2``, and
  the same on a Dask ``LocalCluster`` of 2 workers: wall time and peak memory of every
  process (aims: at most 2 minutes and 1 GiB);
- with ``--web``, the web app's import and page latencies (``bench.web``, a few minutes).

``--quick`` runs every part at small sizes, as a smoke test (well under a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench import run
from bench.common import OUT, ROOT, describe_machine

RESULTS = ROOT / "bench" / "results.json"
AIM_SECONDS, AIM_RSS_MIB = 120, 1024


@dataclass(frozen=True)
class Sizes:
    """Forms per corpus and forms per file; ``repeat``: each rate is the best (and the
    median) of that many groups of files. A corpus is dealt into 1 + 2 × ``repeat`` groups
    (3 × for text: it also times a read that keeps its forms), fewer when it has fewer
    files (QUICK's 3 xlsx and 3 PDF files make one round)."""

    txt: int
    xlsx: int
    pdf: int
    batch: int
    web: int
    repeat: int
    per_file: int = 25
    pdf_per_file: int = 10


FULL = Sizes(txt=10_000, xlsx=1_000, pdf=100, batch=100_000, web=10_000, repeat=5)
QUICK = Sizes(txt=100, xlsx=75, pdf=6, batch=500, web=100, repeat=1, pdf_per_file=2)


def measure_all(args: argparse.Namespace, sizes: Sizes) -> dict[str, Any]:
    cache: Path = args.cache
    per_file = {"txt": sizes.per_file, "xlsx": sizes.per_file, "pdf": sizes.pdf_per_file}
    counts = {"txt": sizes.txt, "xlsx": sizes.xlsx, "pdf": sizes.pdf}
    rates = []
    for fmt, forms in counts.items():
        folder = run.corpus(cache, fmt, forms, per_file[fmt])
        rates.append({**run.rates(folder, fmt, sizes.repeat), "folder": str(folder)})
    forms = args.forms or sizes.batch
    folder = run.corpus(cache, "txt", forms, sizes.per_file)
    files = len(run.files_of(folder))
    layout = f"{files:,} tab-text files × {sizes.per_file} forms in one folder ({folder})"
    batch = {"layout": layout, "pool": run.pool(folder, forms, files, args.jobs)}
    batch["dask"] = run.dask(folder, forms, files, args.workers) if args.dask else None
    web = run.web(args.web_forms or sizes.web) if args.web else None
    return {"read": rates, "batch": batch, "web": web}


def report(results: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=140)
    m = results["machine"]
    console.print(
        f"{m['cpu']}, {m['cores_logical']} cores, {m['ram_gib']} GiB, Python {m['python']}, "
        f"{m['os']}, commit {(m['commit'] or '?')[:10]}, {m['date']}, "
        f"{m['compiled_modules']} modules compiled (mypyc), "
        f"load average {m['load_before']} → {m['load_after']}"
    )
    t = Table(
        title="One core: forms per CPU second, the best and the median of N groups of files "
        "(jixiao: forms read for the first time, its caches warmed on other forms)"
    )
    numbers = ("forms/s, best", "median", "jixiao read ÷ this")
    for col in ("format", "files × forms", "N", "measure", *numbers):
        t.add_column(col, justify="right" if col in numbers else "left")
    for r in results["read"]:
        ours = r["rows"][0]["forms_per_s"]
        for i, row in enumerate(r["rows"]):
            ratio = f"{row['forms_per_s'] / ours:.2f}×" if row["bare"] else ""
            head = (r["format"], f"{r['files']} × {r['forms'] // r['files']}", str(r["repeat"]))
            t.add_row(
                *(head if i == 0 else ("", "", "")),
                row["what"],
                f"{row['forms_per_s']:,.1f}",
                f"{row['median_forms_per_s']:,.1f}",
                ratio,
            )
    console.print(t)
    b = results["batch"]
    t = Table(title=f"jixiao check over many forms — {b['layout']}")
    heads = ("engine", "forms", "wall s", "forms/s", "CPU s, all", "peak RSS tree (main) MiB")
    heads += ("exit", "aims")
    for col in heads:
        t.add_column(col, justify="left" if col in ("engine", "aims") else "right")
    for key in ("pool", "dask"):
        x = b[key]
        if x is None:
            t.add_row(key, "skipped (--no-dask)", *[""] * (len(heads) - 2))
            continue
        time_ok, rss_ok = x["seconds"] <= AIM_SECONDS, x["peak_rss_tree_mib"] <= AIM_RSS_MIB
        aims = f"≤ {AIM_SECONDS} s {'met' if time_ok else 'NOT met'}, "
        aims += f"≤ {AIM_RSS_MIB} MiB {'met' if rss_ok else 'NOT met'}"
        if "cluster_start_seconds" in x:
            aims += f"; cluster start {x['cluster_start_seconds']} s"
        t.add_row(
            x["engine"],
            f"{x['forms']:,}",
            f"{x['seconds']:.1f}",
            f"{x['forms_per_s']:,.0f}",
            f"{x['cpu_seconds_tree']:,.0f}",
            f"{x['peak_rss_tree_mib']:,} ({x['peak_rss_main_mib']:,})",
            str(x["exit"]),
            aims,
        )
    console.print(t)
    w = results["web"]
    if w is None:
        console.print("web app: not measured (run with --web; a few minutes at 10,000 forms)")
    elif w["exit"]:
        console.print(f"web app: bench.web failed (exit {w['exit']}): {w['stderr_tail']}")
    else:
        console.print(
            f"web app on SQLite, {w['stored_forms']} stored forms: import {w['import_forms']} "
            f"forms in {w['import_seconds']} s; list page p50/p95 {w['list_p50_ms']}/"
            f"{w['list_p95_ms']} ms; form page p50/p95 {w['form_p50_ms']}/{w['form_p95_ms']} ms"
        )
    for note in results["notes"]:
        console.print(f"note: {note}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where the JSON goes")
    ap.add_argument("--cache", type=Path, default=OUT / "corpus-cache", help="corpora folder")
    ap.add_argument("--forms", type=int, help="forms for the batch runs (default 100,000)")
    ap.add_argument("--jobs", type=int, default=2, help="processes of the pool")
    ap.add_argument("--workers", type=int, default=2, help="workers of the Dask cluster")
    ap.add_argument("--no-dask", dest="dask", action="store_false", help="skip the Dask run")
    ap.add_argument("--web", action="store_true", help="also time the web app (bench.web)")
    ap.add_argument("--web-forms", type=int, help="stored forms for --web (default 10,000)")
    ap.add_argument("--note", action="append", default=[], help="a note kept in the JSON")
    args = ap.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    load_before = round(os.getloadavg()[0], 2)
    machine = describe_machine()  # the commit and date of the start
    measured = measure_all(args, sizes)
    results = {
        "command": "python -m bench " + shlex.join(sys.argv[1:] if argv is None else argv),
        "mode": "quick" if args.quick else "full",
        "date": machine["date"],
        "machine": machine,
        "sizes": asdict(sizes),
        "aims": {"batch_seconds": AIM_SECONDS, "batch_peak_rss_mib": AIM_RSS_MIB},
        **measured,
        "notes": [
            *args.note,
            "Rates are CPU seconds of one process; batch times are wall seconds; peak RSS "
            "sums every process of the tree (shared pages count once per process).",
        ],
    }
    results["machine"] |= {"load_before": load_before, "load_after": round(os.getloadavg()[0], 2)}
    report(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"→ {args.out}")


if __name__ == "__main__":
    main()
