"""Many files: a process pool and a Dask cluster give what one process gives, in order,
streaming, with a bounded number of files in flight; ``check``/``show`` on a directory."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao import batch, pipeline, report
from jixiao.profiles import load_profile
from tests.conftest import SAMPLE, invoke
from tests.readers.conftest import Written

PROFILE = load_profile("mof-2020")


@pytest.fixture(scope="module")
def tree(formats: dict[str, Written], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory tree: every format, the sample, a bad file, in subfolders."""
    root = tmp_path_factory.mktemp("tree")
    for fmt in ("xlsx", "xls", "docx", "html"):
        (root / fmt).mkdir()
        shutil.copy(formats[fmt].national, root / fmt / f"national.{fmt}")
        shutil.copy(formats[fmt].variant, root / fmt / f"variant.{fmt}")
    shutil.copy(SAMPLE, root / "sample.txt")
    (root / "broken.xlsx").write_bytes(b"PK\x03\x04" + bytes(50))
    return root


def _digest(items: Iterator[pipeline.Checked]) -> list[tuple[str, list[str], list[str]]]:
    return [
        (
            Path(c.document.file).name,
            [f.code for f in c.document.findings],
            [f"{r.form.project}:{','.join(f.code for f in r.findings)}" for r in c.results],
        )
        for c in items
    ]


def test_pool_gives_what_one_process_gives(tree: Path) -> None:
    files = list(pipeline.expand([tree]))
    one = _digest(batch.checked(files, PROFILE, jobs=1))
    two = _digest(batch.checked(files, PROFILE, jobs=2))
    assert two == one
    assert len(one) == 10 and sum(len(forms) for _, _, forms in one) == 9 * 28
    assert one[0] == ("broken.xlsx", ["JX001"], [])


def test_dask_local_cluster_gives_the_same(tree: Path) -> None:
    from distributed import LocalCluster

    files = list(pipeline.expand([tree]))
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        on_dask = _digest(batch.checked(files, PROFILE, dask=cluster.scheduler_address))
        docs = list(batch.documents(files[:3], dask=cluster.scheduler_address))
    assert on_dask == _digest(batch.checked(files, PROFILE))
    assert [len(d.forms) for d in docs] == [0, 28, 28]


def test_results_stream_with_few_files_in_flight(tree: Path) -> None:
    pulled: list[Path] = []

    def files() -> Iterator[Path]:
        for i in range(200):
            pulled.append(tree / "sample.txt")
            yield tree / ("broken.xlsx" if i % 2 else "sample.txt")

    stream = batch.checked(files(), PROFILE, jobs=2)
    first = next(stream)
    assert len(first.results) == 28
    assert len(pulled) <= 2 * batch.WINDOW_PER_JOB + 1  # not all 200 files at once
    stream.close()


def test_tally_summary_is_the_report_summary(tree: Path) -> None:
    run = pipeline.run(tree, PROFILE)
    tally = batch.Tally(PROFILE)
    for one in pipeline.iter_run(tree, PROFILE):
        tally.add(batch.outcome_of(one, PROFILE, "text"))
    tally.finish()
    assert tally.summary() == report.summary(run)
    assert tally.summary_lines() == report.summary_lines(run)
    assert len(tally.forms) == len(run.results)


def test_check_directory_on_a_pool(tree: Path) -> None:
    code1, out1, _ = invoke("check", str(tree), "--format", "json", "--jobs", "1")
    code2, out2, _ = invoke("check", str(tree), "--format", "json", "--jobs", "2")
    assert code1 == code2 == 1
    assert json.loads(out2) == json.loads(out1)
    data = json.loads(out2)
    assert data["summary"]["files"] == 10 and data["summary"]["forms"] == 9 * 28
    assert data["summary"]["file_findings"][0]["findings"][0]["code"] == "JX001"
    code, text, _ = invoke("check", str(tree), "--jobs", "2")
    assert code == 1
    assert "共 10 个文件、252 张自评表" in text and "broken.xlsx: JX001" in text


def test_show_directory_streams_every_form(tree: Path) -> None:
    code, out, err = invoke("show", str(tree), "--format", "json", "-j", "2")
    assert code == 0
    forms = json.loads(out)["forms"]
    assert len(forms) == 9 * 28
    assert "broken.xlsx: JX001" in err
    code, out, _ = invoke("show", str(tree / "xlsx"), "--form", "30", "--format", "json")
    assert code == 0 and json.loads(out)["forms"][0]["project"] == "党建活动（党群中心）"
    code, out, err = invoke("show", str(tree / "xlsx"), "--form", "99", "--format", "json")
    assert code == 2 and out == "" and "共读到 56 张表" in err
