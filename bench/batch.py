"""Benchmark: ``jixiao check DIR --jobs 2`` over a directory of many files: time, peak memory.

    python -m bench.batch [--files 10000] [--jobs 2]

The directory (bench/out/batch-N/) holds one-form files of five formats in equal parts
(tab text, xlsx, docx, HTML, one-page PDF), made from the sample's 28 forms and hard-linked
into 100 subfolders. The command runs as a child process with its output thrown away
(``common.measure``); its process tree is sampled every 0.1 s for the peak resident memory
of the main process and of the whole tree (main + workers). Run it at two sizes to see
memory stay flat.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bench.common import OUT, SAMPLE, machine, measure
from jixiao import openjson, pipeline

FORMATS = ("txt", "xlsx", "docx", "html", "pdf")


def seeds() -> list[Path]:
    """One file per sample form and format, made once."""
    from tests.readers import make

    d = OUT / "batch-seeds"
    d.mkdir(parents=True, exist_ok=True)
    done = sorted(d.glob("*.*"))
    if len(done) == 28 * len(FORMATS):
        return done
    read = pipeline.read(SAMPLE).forms
    tables = [make.variant(openjson.form_json(x.form), name="表") for x in read]
    for i, table in enumerate(tables):
        make.write_xlsx([[table]], d / f"f{i:02d}.xlsx")
        make.write_docx([table], d / f"f{i:02d}.docx")
        make.write_html([table], d / f"f{i:02d}.html")
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    starts = [(x.form.source.line or 1) - 1 for x in read] + [len(lines)]
    for i in range(len(read)):
        text = "\n".join(lines[starts[i] : starts[i + 1]])
        (d / f"f{i:02d}.txt").write_text(text, encoding="utf-8")
    html = make.write_html(tables, d / "all.html", page_per_table=True)
    _split_pdf(make.write_pdf(html, d / "all.pdf"), d)
    (d / "all.html").unlink()
    (d / "all.pdf").unlink()
    return sorted(d.glob("*.*"))


def _split_pdf(pdf_path: Path, d: Path) -> None:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(pdf_path))
    for i in range(len(src)):
        out = pdfium.PdfDocument.new()
        out.import_pages(src, [i])
        out.save(str(d / f"f{i:02d}.pdf"))


def tree(n: int) -> Path:
    root = OUT / f"batch-{n}"
    if root.exists() and sum(1 for _ in root.rglob("*.*")) == n:
        return root
    files = seeds()
    for i in range(n):
        sub = root / f"d{i % 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        src = files[i % len(files)]
        dst = sub / f"{i:05d}{src.suffix}"
        if not dst.exists():
            os.link(src, dst)
    return root


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    root = tree(args.files)
    exe = Path(sys.executable).with_name("jixiao")
    cmd = [str(exe), "check", str(root), "--jobs", str(args.jobs), "--format", "json"]
    m = measure(cmd)
    seconds = m["seconds"]
    print(f"machine: {machine()}, {os.cpu_count()} CPUs")
    print(f"jixiao check DIR ({args.files} files: {', '.join(FORMATS)}) exit {m['exit']}")
    print(f"time: {seconds:.1f} s = {args.files / seconds:,.0f} files/s with --jobs {args.jobs}")
    print(
        f"peak RSS: main process {m['peak_rss_main_mib']} MiB, "
        f"whole tree (main + workers) {m['peak_rss_tree_mib']} MiB"
    )


if __name__ == "__main__":
    main()
