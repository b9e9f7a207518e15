"""The PDF: A4 landscape with the CJK fonts embedded, every cell's text in it (pdftotext),
the indicator header repeated where a form runs past a page, findings on a page after."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from jixiao.pipeline import Run
from jixiao.writers.pdf import pdf_bytes
from jixiao.writers.table import form_table


def pdftotext(path: Path, *args: str) -> str:
    done = subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def form_pages(text: str) -> list[str]:
    """The text of each form: pages from one with 项目名称 up to the next."""
    forms: list[str] = []
    for page in text.split("\f"):
        if "项目名称" in page or not forms:
            forms.append(page)
        else:
            forms[-1] += page
    return [f for f in forms if f.strip()]


def test_every_cell_is_in_the_text(exported_pdf: Path, pujiang: Run) -> None:
    forms = form_pages(pdftotext(exported_pdf, "-raw"))
    assert len(forms) == 28
    checked = 0
    for i, (text, result) in enumerate(zip(forms, pujiang.results, strict=True), 1):
        flat = squeeze(text)
        for cell in form_table(result, pujiang.profile).cells:
            if cell.text:
                assert squeeze(cell.text) in flat, (i, cell.key or cell.text)
                checked += 1
    assert checked > 28 * 40


def test_a4_landscape_fonts_embedded(exported_pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(exported_pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+841\.89 x 595\.276 pts \(A4\)", info)
    fonts = subprocess.run(["pdffonts", str(exported_pdf)], capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all("CJK" in r[0] for r in rows)
    assert all(r[-5] == "yes" for r in rows)  # emb


def test_indicator_header_repeats_on_a_continued_page(exported_pdf: Path) -> None:
    pages = pdftotext(exported_pdf, "-raw").split("\f")
    continued = [p for p in pages if p.strip() and "项目名称" not in p]
    assert continued, "a long form (党建活动, 17 indicators…) runs past its first page"
    for page in continued:
        assert page.lstrip().startswith("一级指标 二级指标 三级指标 年度指标值 实际完成值")


def test_pages_render_to_png(exported_pdf: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(exported_pdf), "p"],
        cwd=tmp_path,
        check=True,
    )
    (png,) = tmp_path.glob("p-*.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_findings_follow_each_form(pujiang: Run, tmp_path: Path) -> None:
    results = pujiang.results[6:8]
    path = tmp_path / "two.pdf"
    path.write_bytes(pdf_bytes(results, pujiang.profile, findings=True))
    pages = pdftotext(path, "-raw").split("\f")
    assert "项目名称" in pages[0] and "审核发现：劝导队经费（信）" in pages[1]
    assert "JX402" in pages[1] and "项目名称" not in pages[1]
    codes = {f.code for f in results[1].findings}
    later = "".join(pages[2:])
    assert "审核发现：维稳经费（信）" in later and all(c in later for c in codes)


def test_recomputed_pdf_shows_both(pujiang: Run, tmp_path: Path) -> None:
    path = tmp_path / "one.pdf"
    path.write_bytes(pdf_bytes(pujiang.results[6:7], pujiang.profile, recomputed=True))
    text = squeeze(pdftotext(path, "-raw"))
    assert "填报得分" in text and "重算说明" in text
    assert "15.00×4.00/8.00=7.50" in text and "89.17" in text and "96.57" in text
