"""Shared benchmark helpers: the big input made from the sample, timing, peak memory of this
process and of a process tree, and the description of the machine the figures came from."""

from __future__ import annotations

import datetime
import os
import platform
import resource
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT.parent / "shared" / "data" / "000_4248eb844d2ba1f1.txt"
OUT = ROOT / "bench" / "out"
T = TypeVar("T")


def sample_repeated(forms: int) -> Path:
    """A text file holding the 28 sample forms repeated to at least ``forms`` forms."""
    OUT.mkdir(parents=True, exist_ok=True)
    times = -(-forms // 28)
    path = OUT / f"sample_x{times}.txt"
    if not path.exists():
        text = SAMPLE.read_text(encoding="utf-8")
        path.write_text("\n".join([text] * times), encoding="utf-8")
    return path


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    return f"{platform.machine()} {platform.processor() or ''} Python {platform.python_version()}".strip()


@contextmanager
def watched(pids: Iterable[int], every: float = 0.1) -> Iterator[dict[str, float]]:
    """Sample the processes ``pids`` and all their descendants every ``every`` seconds while
    the block runs. The dict gets the peak resident memory of the first process (``main``)
    and of all of them summed (``tree``; shared pages count once per process), in MiB, and
    the CPU seconds they used (``cpu``, as last seen: a process's final tenth of a second
    may be missed)."""
    import psutil

    roots = [psutil.Process(p) for p in pids]
    peaks: dict[str, float] = {"main": 0.0, "tree": 0.0, "cpu": 0.0}
    cpu: dict[tuple[int, float], float] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            rss = []
            for proc in (p for root in roots for p in _tree(root)):
                try:
                    with proc.oneshot():
                        rss.append(proc.memory_info().rss)
                        times = proc.cpu_times()
                        cpu[(proc.pid, proc.create_time())] = times.user + times.system
                except psutil.Error:
                    continue
            if rss:
                peaks["main"] = max(peaks["main"], rss[0] / 2**20)
                peaks["tree"] = max(peaks["tree"], sum(rss) / 2**20)
            peaks["cpu"] = sum(cpu.values())
            stop.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peaks
    finally:
        stop.set()
        thread.join()


def _tree(root: Any) -> list[Any]:
    import psutil

    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def describe_machine() -> dict[str, Any]:
    """CPU model, cores, memory, Python, OS, the commit of the code measured, and how many
    of jixiao's modules run compiled (``jixiao.native``; 0: the Python sources)."""
    import psutil

    import jixiao.pipeline  # noqa: F401  (loads the read path, compiled or not)
    from jixiao import native

    model = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    try:  # read-only: which commit the figures belong to
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {
        "cpu": model,
        "cores_logical": os.cpu_count(),
        "cores_physical": psutil.cpu_count(logical=False),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "commit": commit,
        "compiled_modules": len(native.loaded_compiled()),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def measure(cmd: list[str], also: Iterable[int] = ()) -> dict[str, Any]:
    """Run ``cmd`` with its output thrown away: exit code, wall seconds and the peak memory
    of its process tree (plus the trees of the processes ``also``, e.g. a Dask cluster)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with proc, watched([proc.pid, *also]) as peaks:
        _, err = proc.communicate()
    seconds = time.perf_counter() - start
    return {
        "exit": proc.returncode,
        "seconds": round(seconds, 2),
        "peak_rss_main_mib": round(peaks["main"]),
        "peak_rss_tree_mib": round(peaks["tree"]),
        "cpu_seconds_tree": round(peaks["cpu"], 1),
        "stderr_tail": err.decode("utf-8", "replace")[-500:] if proc.returncode > 1 else "",
    }
