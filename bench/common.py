"""Shared benchmark helpers: the big input made from the sample, timing, peak memory."""

from __future__ import annotations

import platform
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

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
