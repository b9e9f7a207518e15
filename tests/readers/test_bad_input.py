"""Bad input: each broken, hostile or unreadable file gives a clear finding, in bounded time
and memory, and the rest of the batch goes on."""

from __future__ import annotations

import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from jixiao import pipeline
from jixiao.readers import office
from tests.readers.conftest import Written

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def codes(path: Path) -> list[tuple[str, str]]:
    doc = pipeline.read(path)
    return [(f.code, f.message) for f in doc.findings]


def _rewrite(src: Path, dst: Path, part: str, data: bytes | None = None, **extra: bytes) -> Path:
    """A copy of a zip package with one part replaced and extra parts added."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info)
            if info.filename == part and data is not None:
                body = data
            zout.writestr(info.filename, body)
        for name, body in extra.items():
            zout.writestr(name.replace("__", "/"), body, compress_type=zipfile.ZIP_DEFLATED)
    return dst


def test_zip_bomb_is_refused_before_inflating(formats: dict[str, Written], tmp_path: Path) -> None:
    bomb = _rewrite(
        formats["xlsx"].variant, tmp_path / "bomb.xlsx", "", xl__media__pad_bin=bytes(140 << 20)
    )
    assert bomb.stat().st_size < 1 << 20  # a small file …
    tracemalloc.start()
    try:
        found = codes(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found[0][0] == "JX001" and "zip 炸弹" in found[0][1]  # … that would inflate to 140 MiB
    assert peak < 16 << 20  # refused before inflating: memory, not time, tells


@pytest.mark.parametrize("attack", [BILLION_LAUGHS, EXTERNAL])
def test_entity_attack_in_xlsx(attack: bytes, formats: dict[str, Written], tmp_path: Path) -> None:
    with zipfile.ZipFile(formats["xlsx"].national) as zf:
        body = zf.read("xl/workbook.xml").split(b"?>", 1)[-1]
    path = _rewrite(
        formats["xlsx"].national, tmp_path / "evil.xlsx", "xl/workbook.xml", attack + body
    )
    ((code, message),) = codes(path)
    assert code == "JX001" and "xl/workbook.xml" in message and "实体" in message


def test_entity_attack_in_docx(formats: dict[str, Written], tmp_path: Path) -> None:
    with zipfile.ZipFile(formats["docx"].national) as zf:
        body = zf.read("word/document.xml").split(b"?>", 1)[-1]
    path = _rewrite(
        formats["docx"].national, tmp_path / "evil.docx", "word/document.xml", BILLION_LAUGHS + body
    )
    ((code, message),) = codes(path)
    assert code == "JX001" and "word/document.xml" in message


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "docx", "pdf"])
def test_truncated_file_is_reported(fmt: str, formats: dict[str, Written], tmp_path: Path) -> None:
    src = formats[fmt].national
    path = tmp_path / f"cut.{fmt}"
    path.write_bytes(src.read_bytes()[: src.stat().st_size // 3])
    found = codes(path)
    assert [c for c, _ in found] == ["JX001"], found


def test_encrypted_office_file(tmp_path: Path) -> None:
    """An OLE container holding an EncryptedPackage stream: a password-protected xlsx."""
    path = tmp_path / "locked.xlsx"
    directory = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    path.write_bytes(office_header() + bytes(400) + directory + bytes(2000))
    ((code, message),) = codes(path)
    assert code == "JX001" and "加密" in message


def office_header() -> bytes:
    from jixiao.readers import OLE_MAGIC

    return OLE_MAGIC + bytes(24)


def test_encrypted_pdf(tmp_path: Path, formats: dict[str, Written]) -> None:
    """A PDF saved by LibreOffice with an open password."""
    src = tmp_path / "form.docx"
    shutil.copy(formats["docx"].variant, src)
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"pw"}}'
    )
    out = office.convert(src, options, tmp_path)
    assert out.suffix == ".pdf"
    ((code, message),) = codes(out)
    assert code == "JX001" and "加密" in message


def _image_pdf(src: Path, dst: Path, *, keep_first_text_page: bool) -> Path:
    """A scan: page images without a text layer (and optionally a real page first)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(src))
    out = pdfium.PdfDocument.new()
    if keep_first_text_page:
        out.import_pages(source, [0])
    for i in (1, 2):
        page = source[i]
        width, height = page.get_size()
        bitmap = page.render(scale=1)
        image = pdfium.PdfImage.new(out)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new = out.new_page(width, height)
        new.insert_obj(image)
        new.gen_content()
    out.save(str(dst))
    return dst


def test_pdf_without_text_layer_names_the_pages(
    formats: dict[str, Written], tmp_path: Path
) -> None:
    path = _image_pdf(formats["pdf"].variant, tmp_path / "scan.pdf", keep_first_text_page=False)
    ((code, message),) = codes(path)
    assert code == "JX001" and "OCR" in message and "第 1、2 页" in message


def test_pdf_with_some_scanned_pages_reads_the_rest(
    formats: dict[str, Written], tmp_path: Path
) -> None:
    path = _image_pdf(formats["pdf"].variant, tmp_path / "mixed.pdf", keep_first_text_page=True)
    doc = pipeline.read(path)
    assert [f.code for f in doc.findings] == ["JX001"]
    assert "第 2、3 页" in doc.findings[0].message
    assert [x.form.project for x in doc.forms] == ["社工"]


def test_unmapped_glyphs_are_reported(tmp_path: Path) -> None:
    """A font without a Unicode mapping: pdfminer would print (cid:…), pdfium control codes."""
    content = b"BT /F1 24 Tf 72 700 Td <0102030405> Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000]"
        b" /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /g1 6 0 R >>"
        b" /Encoding << /Type /Encoding /Differences [1 /g1 /g1 /g1 /g1 /g1] >>"
        b" /FirstChar 1 /LastChar 5 /Widths [500 500 500 500 500] >>",
        b"<< /Length 22 >>\nstream\n500 0 d0 0 0 m 1 1 l S\nendstream",
    ]
    path = tmp_path / "cid.pdf"
    path.write_bytes(_pdf(objects))
    found = codes(path)
    assert ("JX003" in [c for c, _ in found]) and any("(cid:…)" in m for _, m in found)


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_doc_without_libreoffice_is_jx001(
    formats: dict[str, Written], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "form.doc"
    doc.write_bytes(office_header() + "WordDocument".encode("utf-16-le") + bytes(2000))
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on the path
    assert office.soffice() is None
    ((code, message),) = codes(doc)
    assert code == "JX001" and "LibreOffice" in message


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.readers as readers

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 4096)
    monkeypatch.setattr(readers, "MAX_BYTES", 1024)
    ((code, message),) = codes(path)
    assert code == "JX001" and "过大" in message


def test_images_need_ocr(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    ((code, message),) = codes(path)
    assert code == "JX001" and "OCR" in message


def test_a_batch_goes_on_past_bad_files(formats: dict[str, Written], tmp_path: Path) -> None:
    (tmp_path / "a_cut.xlsx").write_bytes(formats["xlsx"].national.read_bytes()[:3000])
    (tmp_path / "b_photo.png").write_bytes(b"\x89PNG" + bytes(100))
    shutil.copy(formats["xls"].variant, tmp_path / "c_good.xls")
    run = pipeline.run(tmp_path)
    assert len(run.results) == 28
    assert sorted((Path(d.file).name, [f.code for f in d.findings]) for d in run.files) == [
        ("a_cut.xlsx", ["JX001"]),
        ("b_photo.png", ["JX001"]),
        ("c_good.xls", []),
    ]
