"""Benchmark: the web app on SQLite with 10,000 stored forms.

    python -m bench.web [--forms 10000]

Measures the import of the sample (aim < 5 s), then list-page and form-page latency,
p50 and p95 over repeated requests through Django's test client, in process (aims:
list < 200 ms, form < 150 ms at p95).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bench.common import SAMPLE, machine


def _setup(data: Path) -> None:
    os.environ["JIXIAO_DATA"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    os.environ.setdefault("JIXIAO_ALLOWED_HOSTS", "testserver")
    from jixiao.web.cli import setup_django

    setup_django(data)


def _many_forms(path: Path, n: int) -> None:
    """The sample's forms with numbered project names, to ``n`` distinct forms."""
    text = SAMPLE.read_text(encoding="utf-8")
    parts = []
    for i in range(-(-n // 28)):
        parts.append(
            text.replace("项目名称\t\t", f"项目名称\t\t{i:04d}-").replace(
                "项目名称\t\t\t", f"项目名称\t\t\t{i:04d}-"
            )
        )
    path.write_text("\n".join(parts), encoding="utf-8")


def _p(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * q))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=10_000)
    ap.add_argument("--data", type=Path, help="reuse this data folder (kept afterwards)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp)
        _setup(data)
        from django.test import Client

        from jixiao.web.accounts.services import do_add_user
        from jixiao.web.evaluations import services
        from jixiao.web.evaluations.models import EvaluationForm

        sample_seconds = bulk_seconds = float("nan")
        if not EvaluationForm.objects.exists():
            start = time.perf_counter()
            services.do_import(None, [(SAMPLE.name, SAMPLE)])
            sample_seconds = time.perf_counter() - start
            many = data / "many.txt"
            _many_forms(many, args.forms)
            start = time.perf_counter()
            services.do_import(None, [(many.name, many)])
            bulk_seconds = time.perf_counter() - start
            do_add_user("bench", "bureau", "bench-password")
        count = EvaluationForm.objects.count()
        client = Client()
        client.login(username="bench", password="bench-password")
        pages = (count + 49) // 50
        queries = [
            "",
            "?sort=-errors",
            "?grade=良",
            "?code=JX503",
            "?sort=recomputed",
            "?year=2023",
        ]
        list_times = []
        for i in range(60):
            url = "/" + (queries[i % len(queries)] or f"?page={random.randint(1, pages)}")
            t = time.perf_counter()
            assert client.get(url).status_code == 200
            list_times.append(time.perf_counter() - t)
        ids = list(EvaluationForm.objects.values_list("pk", flat=True))
        form_times = []
        for pk in random.sample(ids, 100):
            t = time.perf_counter()
            assert client.get(f"/forms/{pk}/").status_code == 200
            form_times.append(time.perf_counter() - t)
        print(f"machine: {machine()}")
        print(f"import of the sample (28 forms): {sample_seconds:.2f} s")
        print(
            f"import of {count - 28} more forms: {bulk_seconds:.1f} s ({(count - 28) / bulk_seconds:.0f} forms/s)"
        )
        print(f"stored forms: {count}")
        print(
            f"list page: p50 {statistics.median(list_times) * 1000:.0f} ms, p95 {_p(list_times, 0.95):.0f} ms"
        )
        print(
            f"form page: p50 {statistics.median(form_times) * 1000:.0f} ms, p95 {_p(form_times, 0.95):.0f} ms"
        )


if __name__ == "__main__":
    main()
