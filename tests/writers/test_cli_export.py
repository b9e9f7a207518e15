"""``jixiao export`` and ``jixiao summary``: formats, exit codes, and nothing written on error."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.checks.forms import base, mutate, write
from tests.conftest import SAMPLE, invoke


def test_export_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "forms.xlsx"
    code, stdout, _ = invoke("export", str(SAMPLE), "--to", "xlsx", "-o", str(out))
    assert code == 0 and "已导出 28 张自评表" in stdout
    assert len(openpyxl.load_workbook(out).sheetnames) == 28


def test_export_infers_the_format_and_writes_recomputed_json(tmp_path: Path) -> None:
    out = tmp_path / "forms.json"
    code, _, _ = invoke("export", str(write(tmp_path, base())), "-o", str(out), "--recomputed")
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["forms"]) == 1 and data["forms"][0]["recomputed"]["profile"] == "mof-2020"


def test_export_csv_and_parquet_folders(tmp_path: Path) -> None:
    form = str(write(tmp_path, base()))
    for fmt in ("csv", "parquet"):
        code, _, _ = invoke("export", form, "--to", fmt, "-o", str(tmp_path / fmt))
        assert code == 0
        names = sorted(p.name for p in (tmp_path / fmt).iterdir())
        assert names == [f"findings.{fmt}", f"forms.{fmt}", f"indicators.{fmt}"]


def test_export_docx_and_pdf(tmp_path: Path) -> None:
    form = str(write(tmp_path, base(), mutate(project="第二张")))
    for fmt in ("docx", "pdf"):
        out = tmp_path / f"forms.{fmt}"
        code, stdout, _ = invoke("export", form, "--to", fmt, "-o", str(out), "--findings")
        assert code == 0 and "已导出 2 张自评表" in stdout and out.stat().st_size > 1000


def test_unreadable_input_writes_nothing(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(SAMPLE.read_bytes())
    (inputs / "bad.txt").write_bytes(b"\x00\xff" * 50)
    out = tmp_path / "forms.xlsx"
    code, _, err = invoke("export", str(inputs), "--to", "xlsx", "-o", str(out))
    assert code == 2 and "bad.txt" in err and "JX001" in err and "未写出任何文件" in err
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_missing_folder_and_bad_format(tmp_path: Path) -> None:
    code, _, err = invoke("export", str(SAMPLE), "-o", str(tmp_path / "no" / "a.pdf"))
    assert code == 2 and "目标文件夹不存在" in err
    code, _, err = invoke("export", str(SAMPLE), "-o", str(tmp_path / "a.odt"))
    assert code == 2 and "--to" in err
    code, _, err = invoke("export", str(SAMPLE), "-o", str(tmp_path / "a.xlsx"), "--profile", "x")
    assert code == 2 and "没有名为 x 的规则配置" in err
    assert list(tmp_path.iterdir()) == []


def test_summary_html_and_bad_suffix(tmp_path: Path) -> None:
    out = tmp_path / "summary.html"
    code, stdout, _ = invoke("summary", str(SAMPLE), "--profile", "pujiang-2023", "-o", str(out))
    assert code == 0 and "28 张自评表" in " ".join(stdout.split())  # (Rich wraps long paths)
    assert "<svg" in out.read_text(encoding="utf-8")
    code, _, err = invoke("summary", str(SAMPLE), "-o", str(tmp_path / "s.pdf"))
    assert code == 2 and ".xlsx" in err and not (tmp_path / "s.pdf").exists()
