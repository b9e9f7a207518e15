"""Exported xlsx, docx and PDF read back through jixiao's own readers equal the source.

``jixiao.pipeline.read(path)`` picks the reader by format; each form read back must give the
same open-data JSON as the form it was written from (positions aside).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.openjson import form_json
from jixiao.pipeline import Run, read
from tests.writers.conftest import Workbooks, without_sources


def assert_reads_back(path: Path, run: Run) -> None:
    doc = read(path)
    assert [f.code for f in doc.findings] == []
    assert len(doc.forms) == len(run.results)
    for i, (back, result) in enumerate(zip(doc.forms, run.results, strict=True), 1):
        assert without_sources(form_json(back.form)) == without_sources(form_json(result.form)), i


def test_xlsx_reads_back(workbooks: Workbooks, pujiang: Run) -> None:
    assert_reads_back(workbooks.exported["pujiang-2023-stated"], pujiang)


def test_docx_reads_back(exported_docx: Path, pujiang: Run) -> None:
    assert_reads_back(exported_docx, pujiang)


def test_pdf_reads_back(exported_pdf: Path, pujiang: Run) -> None:
    assert_reads_back(exported_pdf, pujiang)
