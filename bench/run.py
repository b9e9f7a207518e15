"""The measurements of the benchmark suite (``python -m bench`` prints and saves them).

- the corpora: ``bench.corpus`` forms, made into a cache folder on first use and reused
  (``<cache>/<format>-<forms>-s<seed>-p<per file>/forms/``; the truth files sit one level
  up so that ``jixiao check`` sees only forms);
- ``rates``: forms per CPU second of jixiao's read and check per format, beside the bare
  library's own read of the same files (``bench.readers``' loads for xlsx and PDF);
- ``pool`` and ``dask``: ``jixiao check`` on a folder as a child process, on the process
  pool (``--jobs``) or on a Dask ``LocalCluster`` started in a helper process
  (``python -m bench.run --cluster N``), with the peak memory of every process involved;
- ``web``: ``bench.web`` in a child process, its printed figures parsed.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import readers
from bench.common import ROOT, measure
from bench.corpus import generate
from jixiao import batch, pipeline
from jixiao.profiles import Profile, load_profile

PROFILE = "pujiang-2023"  # the rules the corpus is computed under
SEED = 1
JIXIAO = str(Path(sys.executable).with_name("jixiao"))


def corpus(cache: Path, fmt: str, forms: int, per_file: int) -> Path:
    """The folder of ``forms`` generated forms in ``fmt``, made on first use."""
    home = cache / f"{fmt}-{forms}-s{SEED}-p{per_file}"
    folder = home / "forms"
    if not (home / "done").exists():
        shutil.rmtree(home, ignore_errors=True)
        generate(forms, SEED, folder, per_file=per_file, fmt=fmt)
        for name in ("truth.jsonl", "forms.jsonl"):
            (folder / name).rename(home / name)
        (home / "done").write_text("complete\n")
    return folder


def files_of(folder: Path) -> list[Path]:
    return sorted(folder.glob("corpus-*.*"))


# ---------------------------------------------------------------------------------------
# Rates on one core


def text_cells(files: list[Path]) -> Callable[[], object]:
    """The bare read of tab text: read, decode, split into rows and cells, file by file."""
    return lambda: sum(
        len([line.split("\t") for line in f.read_text(encoding="utf-8").splitlines()])
        for f in files
    )


Maker = Callable[[list[Path]], Callable[[], object]]  # files → the timed work on them


def checking(profile: Profile) -> Maker:
    """What ``jixiao check --format json --jobs 1`` does in its process, but print: each
    file read, scored, checked and its JSON written (``batch.outcomes``), then the
    cross-form checks over every form (``batch.Tally``)."""

    def check(files: list[Path]) -> Callable[[], object]:
        def run() -> object:
            tally = batch.Tally(profile)
            for outcome in batch.outcomes(files, profile, "json"):
                tally.add(outcome)
            return tally.finish()

        return run

    return check


def deal(files: list[Path], repeat: int, per_round: int) -> list[list[Path]]:
    """The files dealt into 1 + ``per_round`` × N groups, N = ``repeat`` or fewer when there
    are too few files: a group to warm the caches on, then ``per_round`` timed groups a
    round (every group holds a file)."""
    rounds = min(repeat, (len(files) - 1) // per_round)
    if rounds < 1:
        raise ValueError(f"{len(files)} files, fewer than the {1 + per_round} groups of a round")
    n = 1 + per_round * rounds
    return [files[i::n] for i in range(n)]


def rate_row(what: str, bare: bool, done: list[tuple[int, int, float]]) -> dict[str, Any]:
    """One measure's row from its runs (files, forms, CPU seconds): the best run, and the
    median rate of them all."""
    n_files, n, seconds = max(done, key=lambda run: run[1] / run[2])
    return {
        "what": what,
        "bare": bare,
        "files": n_files,
        "forms": n,
        "cpu_seconds": round(seconds, 3),
        "forms_per_s": round(n / seconds, 1),
        "median_forms_per_s": round(statistics.median(m / s for _, m, s in done), 1),
    }


BARE: dict[str, list[tuple[str, Maker]]] = {
    "txt": [("Python: read + UTF-8 decode + split into cells", text_cells)],
    "xlsx": [
        ("zipfile + lxml: parse every XML part", readers.lxml_parts),
        ("openpyxl read-only: every cell and format", readers.openpyxl_stream),
    ],
    "pdf": [("pypdfium2: text, char boxes, path objects", readers.pdfium_bare)],
}


def rates(folder: Path, fmt: str, repeat: int) -> dict[str, Any]:
    """Forms per CPU second of jixiao and of the bare libraries, the best and the median of
    ``repeat`` groups of the corpus's files (fewer when the corpus has too few files).
    jixiao reads every timed form for the first time: its caches (labels, values) are
    warmed on a group of other forms, and its read and its check are timed on groups of
    their own; then, for comparison, the first read group again, every form of it seen
    before. Every measure takes one file at a time and lets its forms go, as ``jixiao
    check`` does; for text, one more keeps every form of its group, as a caller collecting
    them would (the cyclic collector then walks them on each of its passes). Forms are
    counted from the corpus's list."""
    files = files_of(folder)
    held = fmt == "txt"
    per_round = 3 if held else 2  # groups timed a round: first read, check (, held read)
    groups = deal(files, repeat, per_round)
    repeat = (len(groups) - 1) // per_round
    warm, read_groups = groups[0], groups[1 : 1 + repeat]
    check_groups, held_groups = groups[1 + repeat : 1 + 2 * repeat], groups[1 + 2 * repeat :]
    per_file = Counter(
        json.loads(line)["file"]
        for line in (folder.parent / "forms.jsonl").read_text("utf-8").splitlines()
    )
    for f in warm:
        pipeline.read(f)
    profile = load_profile(PROFILE)
    ours: list[tuple[str, list[list[Path]], Maker]] = [
        ("jixiao read: read + extract + values", read_groups, readers.jixiao_read),
        ("jixiao check: read → score → check → JSON", check_groups, checking(profile)),
        (
            "jixiao read again (every form seen before)",
            read_groups[:1] * repeat,
            readers.jixiao_read,
        ),
    ]
    if held:
        ours.append(("jixiao read, every form of the group kept", held_groups, readers.read_held))
    measures = [*ours, *((what, read_groups, make) for what, make in BARE[fmt])]
    # Round by round, every measure once a round: a burst of load on this shared machine
    # then slows one run of each, not every run of one. A run: (files, forms, CPU seconds).
    runs: list[list[tuple[int, int, float]]] = [[] for _ in measures]
    for i in range(repeat):
        for done, (_, gs, make) in zip(runs, measures, strict=True):
            n = sum(per_file[f.name] for f in gs[i])
            done.append((len(gs[i]), n, readers.cpu(make(gs[i]), 1)))
    rows = [
        rate_row(what, i >= len(ours), done)
        for i, ((what, _, _), done) in enumerate(zip(measures, runs, strict=True))
    ]
    forms = sum(per_file.values())
    return {"format": fmt, "files": len(files), "forms": forms, "repeat": repeat, "rows": rows}


# ---------------------------------------------------------------------------------------
# Many forms: ``jixiao check`` on the process pool and on a Dask cluster


def check_command(folder: Path, *options: str) -> list[str]:
    return [JIXIAO, "check", str(folder), "--profile", PROFILE, "--format", "json", *options]


def pool(folder: Path, forms: int, files: int, jobs: int) -> dict[str, Any]:
    """``jixiao check --jobs`` on the folder of ``forms`` forms in ``files`` files."""
    cmd = check_command(folder, "--jobs", str(jobs))
    m = measure(cmd)
    return {
        "engine": f"process pool, --jobs {jobs}",
        "forms": forms,
        "files": files,
        **m,
        "forms_per_s": round(forms / m["seconds"], 1),
        "command": " ".join(["jixiao", *cmd[1:]]),
    }


def dask(folder: Path, forms: int, files: int, workers: int) -> dict[str, Any]:
    """The same check on a ``LocalCluster`` of ``workers`` one-thread worker processes; the
    cluster's start is timed apart, its processes count in the peak memory."""
    start = time.perf_counter()
    helper = subprocess.Popen(
        [sys.executable, "-m", "bench.run", "--cluster", str(workers)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert helper.stdin is not None and helper.stdout is not None
    try:
        address = helper.stdout.readline().strip()
        started = time.perf_counter() - start
        if not address.startswith("tcp://"):
            raise RuntimeError(f"the Dask cluster did not start: {address!r}")
        cmd = check_command(folder, "--dask", address)
        m = measure(cmd, also=[helper.pid])
    finally:
        helper.stdin.close()
        helper.wait(timeout=60)
    return {
        "engine": f"Dask LocalCluster, {workers} workers × 1 thread",
        "forms": forms,
        "files": files,
        "cluster_start_seconds": round(started, 2),
        **m,
        "forms_per_s": round(forms / m["seconds"], 1),
        "command": " ".join(["jixiao", *cmd[1:]]).replace(address, "ADDRESS"),
    }


def serve_cluster(workers: int) -> None:
    """Start a local Dask cluster, print its address, keep it until stdin closes."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()


# ---------------------------------------------------------------------------------------
# The web app (bench.web prints its figures; they are parsed here)

WEB_FIGURES = {
    "import_sample_seconds": r"import of the sample \(28 forms\): ([\d.]+) s",
    "import_forms": r"import of (\d+) more forms",
    "import_seconds": r"more forms: ([\d.]+) s",
    "stored_forms": r"stored forms: (\d+)",
    "list_p50_ms": r"list page: p50 (\d+) ms",
    "list_p95_ms": r"list page: p50 \d+ ms, p95 (\d+) ms",
    "form_p50_ms": r"form page: p50 (\d+) ms",
    "form_p95_ms": r"form page: p50 \d+ ms, p95 (\d+) ms",
}


def web(forms: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.web", "--forms", str(forms)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    out: dict[str, Any] = {"forms": forms, "exit": done.returncode, **web_figures(done.stdout)}
    if done.returncode:
        out["stderr_tail"] = done.stderr[-500:]
    return out


def web_figures(printed: str) -> dict[str, float | int | None]:
    """The figures ``bench.web`` prints, by name (``None`` where a line is missing)."""
    found = {key: re.search(pattern, printed) for key, pattern in WEB_FIGURES.items()}
    return {key: _number(m.group(1)) if m else None for key, m in found.items()}


def _number(text: str) -> float | int:
    return float(text) if "." in text else int(text)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description="helper: a local Dask cluster for python -m bench")
    ap.add_argument("--cluster", type=int, required=True, help="worker processes")
    serve_cluster(ap.parse_args().cluster)
