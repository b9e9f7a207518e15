"""Benchmark: the editor's live recalculation, server side, on SQLite.

    python -m bench.editor [--rounds 20]

Imports the sample, then for each of its 28 forms posts the editor's fields to the
recalculation endpoint ``rounds`` times with an actual value changed each time (as typing
does), form-encoded as htmx sends them, through Django's test client in process: the time of a request is the server's time
(middleware, parsing the fields, the core engine, the HTML of every computed cell). Also
times adding a row and saving a version. Aim: recalculation p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.common import SAMPLE, machine
from bench.web import _p, _setup

FORM = "application/x-www-form-urlencoded"  # what htmx and browsers send


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _setup(Path(tmp))
        from django.test import Client

        from jixiao.web.accounts.services import do_add_user
        from jixiao.web.evaluations import editor, services
        from jixiao.web.evaluations.models import EvaluationForm

        services.do_import(None, [(SAMPLE.name, SAMPLE)])
        do_add_user("bench", "admin", "bench-password")
        client = Client()
        client.login(username="bench", password="bench-password")
        recalc, rows, saves, sizes = [], [], [], []
        for form in EvaluationForm.objects.select_related("current"):
            assert form.current is not None
            state = editor.from_version(form.current.content.data, form.current.number)
            fields = editor.fields(state)
            sizes.append(len(state.ids))
            for r in range(args.rounds):
                actuals = list(fields["ind-actual"])
                actuals[r % len(actuals)] = f"{90 + r % 10}%"
                t = time.perf_counter()
                body = urlencode({**fields, "ind-actual": actuals}, doseq=True)
                response = client.post(f"/forms/{form.pk}/edit/recalc", body, content_type=FORM)
                recalc.append(time.perf_counter() - t)
                assert response.status_code == 200 and b"calc-total" in response.content
            t = time.perf_counter()
            response = client.post(
                f"/forms/{form.pk}/edit/rows", {**fields, "op": "add", "at": "1"}
            )
            rows.append(time.perf_counter() - t)
            assert response.status_code == 200
            t = time.perf_counter()
            body = urlencode(fields, doseq=True)
            response = client.post(f"/forms/{form.pk}/edit/", body, content_type=FORM)
            saves.append(time.perf_counter() - t)
            assert response.status_code == 302, response.content[:300]
        print(f"machine: {machine()}")
        print(f"forms: {len(sizes)}, indicators per form {min(sizes)}–{max(sizes)}")
        for name, times in (
            ("recalculation", recalc),
            ("add a row", rows),
            ("save a version", saves),
        ):
            print(
                f"{name}: {len(times)} requests, p50 {statistics.median(times) * 1000:.1f} ms, "
                f"p95 {_p(times, 0.95):.1f} ms, max {max(times) * 1000:.1f} ms"
            )


if __name__ == "__main__":
    main()
