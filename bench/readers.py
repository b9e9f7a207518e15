"""Benchmark: xlsx and PDF read rates beside the bare library's own load of the same files.

    python -m bench.readers [--repeat 3]

Files are made once into bench/out/readers/ from the sample's 28 forms (the reader tests'
layouts): one 28-form workbook, 28 one-form workbooks, and the 14-page and 28-page PDFs.
jixiao's rate is read + extract (forms and indicators typed, values parsed); the bare
rate is the library alone:

- xlsx: zipfile + lxml parsing every XML part of the package (where jixiao's reader
  starts), openpyxl ``load_workbook(read_only=True, data_only=True)`` with every cell's
  value and number format, and openpyxl's default full load;
- PDF: pypdfium2 opening each page with its text page, every character's box and every
  path object (what the reader needs), and pdfplumber's ``extract_tables`` for scale.

Aims: xlsx >= 100 forms/s and PDF >= 10 pages/s on one core; under 2x the bare load.
Times are CPU seconds of this process (one core), the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import ctypes
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import OUT, SAMPLE, machine, peak_rss_mb
from jixiao import openjson, pipeline

DIR = OUT / "readers"


def corpus() -> dict[str, list[Path]]:
    """The benchmark's files, made on first use."""
    from tests.readers import make

    DIR.mkdir(parents=True, exist_ok=True)
    forms = [openjson.form_json(x.form) for x in pipeline.read(SAMPLE).forms]
    national = [make.national(f) for f in forms]
    variant = [make.variant(f, name=f"表{i + 1}") for i, f in enumerate(forms)]
    big = DIR / "national28.xlsx"
    if not big.exists():
        make.write_xlsx([national], big)
    singles = [DIR / f"one{i:02d}.xlsx" for i in range(28)]
    for path, table in zip(singles, variant, strict=True):
        if not path.exists():
            make.write_xlsx([[table]], path, formulas=True)
    pdfs = [DIR / "national.pdf", DIR / "variant.pdf"]
    for path, tables, per_page in ((pdfs[0], national, False), (pdfs[1], variant, True)):
        if not path.exists():
            html = make.write_html(tables, path.with_suffix(".html"), page_per_table=per_page)
            make.write_pdf(html, path)
    return {"xlsx-28-forms": [big], "xlsx-1-form": singles, "pdf": pdfs}


def cpu(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def jixiao_read(files: list[Path]) -> Callable[[], object]:
    """jixiao's read of each file in turn, its forms counted and let go, as ``jixiao
    check``, ``show`` and the web's import use them. (A caller holding every form of the
    group would also pay the cyclic collector's passes over them: ``read_held``.)"""
    return lambda: sum(len(pipeline.read(f).forms) for f in files)


def read_held(files: list[Path]) -> Callable[[], object]:
    """jixiao's read of each file, every form kept until the group is read."""
    return lambda: [pipeline.read(f) for f in files]


def openpyxl_stream(files: list[Path]) -> Callable[[], object]:
    import openpyxl

    def load() -> None:
        for f in files:
            wb = openpyxl.load_workbook(f, read_only=True, data_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        _ = (cell.value, getattr(cell, "number_format", None))
            wb.close()

    return load


def lxml_parts(files: list[Path]) -> Callable[[], object]:
    """The parse jixiao's xlsx reader starts from: every XML part of the package, by lxml."""
    import zipfile

    from lxml import etree

    def load() -> None:
        for f in files:
            with zipfile.ZipFile(f) as zf:
                for name in zf.namelist():
                    if name.endswith(".xml"):
                        etree.fromstring(zf.read(name))

    return load


def openpyxl_full(files: list[Path]) -> Callable[[], object]:
    import openpyxl

    return lambda: [openpyxl.load_workbook(f, data_only=True) for f in files]


def pdfium_bare(files: list[Path]) -> Callable[[], object]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def load() -> None:
        box = [ctypes.c_double() for _ in range(4)]
        for f in files:
            pdf = pdfium.PdfDocument(str(f))
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                textpage.get_text_range()
                for k in range(textpage.count_chars()):
                    raw.FPDFText_GetCharBox(textpage.raw, k, *box)
                for k in range(raw.FPDFPage_CountObjects(page.raw)):
                    raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page.raw, k))
                textpage.close()
                page.close()
            pdf.close()

    return load


def pdfplumber_tables(files: list[Path]) -> Callable[[], object]:
    import pdfplumber

    def load() -> None:
        for f in files:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_tables()

    return load


def pages(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    return sum(len(pdfium.PdfDocument(str(f))) for f in files)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = corpus()
    print(f"machine: {machine()}")
    for name in ("xlsx-28-forms", "xlsx-1-form"):
        group = files[name]
        forms = sum(len(pipeline.read(f).forms) for f in group)
        ours = cpu(jixiao_read(group), args.repeat)
        parse = cpu(lxml_parts(group), args.repeat)
        bare = cpu(openpyxl_stream(group), args.repeat)
        full = cpu(openpyxl_full(group), args.repeat)
        print(
            f"{name}: jixiao {forms / ours:,.0f} forms/s ({ours:.3f} s for {forms} forms); "
            f"zip + lxml parse of the parts {forms / parse:,.0f} forms/s -> overhead "
            f"{ours / parse:.2f}x; openpyxl read-only load {forms / bare:,.0f} forms/s "
            f"({ours / bare:.2f}x); openpyxl full load {forms / full:,.0f} forms/s"
        )
    group = files["pdf"]
    n_pages = pages(group)
    forms = sum(len(pipeline.read(f).forms) for f in group)
    ours = cpu(jixiao_read(group), args.repeat)
    bare = cpu(pdfium_bare(group), args.repeat)
    plumber = cpu(pdfplumber_tables(group), 1)
    print(
        f"pdf: jixiao {n_pages / ours:,.1f} pages/s ({forms / ours:,.1f} forms/s, {n_pages} pages); "
        f"pypdfium2 bare load {n_pages / bare:,.1f} pages/s -> overhead {ours / bare:.2f}x; "
        f"pdfplumber extract_tables {n_pages / plumber:,.1f} pages/s"
    )
    print(f"peak RSS: {peak_rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
