"""Readers: one module per format, each turning a file into grids (+ findings).

``read_grids(path)`` picks the reader by the file's first bytes, then its suffix:

| first bytes              | reader                                                   |
|--------------------------|----------------------------------------------------------|
| ``PK``  (zip)            | xlsx or docx by the package's main part (``office``)     |
| ``%PDF``                 | pdf (pypdfium2)                                          |
| OLE ``D0 CF 11 E0``      | xls (xlrd); .doc/.wps/.et through LibreOffice; encrypted |
| ``{\\rtf``                | LibreOffice → docx                                       |
| images                   | JX001: needs OCR                                         |
| text                     | html when it holds a table or an html tag, else text     |

A reader never raises for bad input: every problem becomes a JX001 finding naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jixiao.findings import Finding, finding
from jixiao.model.source import Source
from jixiao.readers.grid import Grid, RowPos
from jixiao.readers.office import (
    Unreadable,
    converted,
    is_encrypted_ole,
    ole_streams,
    open_package,
    package_kind,
)
from jixiao.readers.text import UnreadableText, decode, encoding_findings, read_decoded

MAX_BYTES = 256 * 1024 * 1024

Result = tuple[list[Grid], list[Finding]]

_IMAGES = (
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"BM", "BMP 图片"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_grids(path: Path) -> Result:
    """Read a file into grids. Never raises for bad input: problems become JX001 findings."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise Unreadable(f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节），未读取")
        with path.open("rb") as fh:
            head = fh.read(8)
        return _dispatch(path, file, head)
    except Unreadable as exc:
        return [], [finding("JX001", str(exc), Source(file=file))]
    except OSError as exc:
        return [], [finding("JX001", f"无法打开文件：{exc.strerror or exc}", Source(file=file))]
    except MemoryError:
        return [], [finding("JX001", "文件过大，读取时内存不足", Source(file=file))]
    except Exception as exc:  # noqa: BLE001 - a library choking on a broken file is JX001
        return [], [
            finding(
                "JX001",
                f"文件已损坏或格式异常，无法读取（{type(exc).__name__}: {exc}）",
                Source(file=file),
            )
        ]


def _dispatch(path: Path, file: str, head: bytes) -> Result:
    if head.startswith(b"PK"):
        return _package(path, file)
    if head.startswith(b"%PDF"):
        from jixiao.readers.pdf import read_pdf

        return read_pdf(path, file)
    if head.startswith(OLE_MAGIC):
        return _ole(path, file)
    if head.startswith(b"{\\rtf"):
        return _legacy(path, file, "docx")
    for magic, name in _IMAGES:
        if head.startswith(magic):
            raise Unreadable(f"{name}不是表格文件，需先做文字识别（OCR）再读取")
    return _text(path.read_bytes(), file)


def _package(path: Path, file: str) -> Result:
    with open_package(path) as zf:
        kind = package_kind(zf)
        mimetype = zf.read("mimetype") if "mimetype" in zf.namelist() else b""
    if kind == "xlsx":
        from jixiao.readers.xlsx import read_xlsx

        return read_xlsx(path, file)
    if kind == "docx":
        from jixiao.readers.docx import read_docx

        return read_docx(path, file)
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        target = "xlsx" if b"spreadsheet" in mimetype else "docx"
        return _legacy(path, file, target)
    raise Unreadable("压缩包不是 xlsx 或 docx 文件，暂不支持")


def _ole(path: Path, file: str) -> Result:
    data = path.read_bytes()
    if is_encrypted_ole(data):
        raise Unreadable("文件已加密（有密码保护），请去除密码后再读取")
    streams = ole_streams(data)
    suffix = path.suffix.lower()
    if {"Workbook", "Book"} & streams or suffix in (".xls", ".et", ".xlt", ".ett"):
        from jixiao.readers.xls import read_xls

        try:
            return read_xls(data, file)
        except Unreadable:
            if suffix != ".et":
                raise
        return _legacy(path, file, "xlsx")
    return _legacy(path, file, "docx")


def _legacy(path: Path, file: str, target: str) -> Result:
    """.doc, .wps, .et, RTF, ODF: converted by LibreOffice, read, and named as the original."""
    with converted(path, target) as out:
        reader: Callable[[Path, str], Result]
        if target == "xlsx":
            from jixiao.readers.xlsx import read_xlsx as reader
        else:
            from jixiao.readers.docx import read_docx as reader
        return reader(out, file)


def _text(data: bytes, file: str) -> Result:
    try:
        text, encoding = decode(data)
    except UnreadableText as exc:
        raise Unreadable(f"无法读取文件：{exc}") from exc
    from jixiao.readers.html import looks_like_html, read_html

    reader = read_html if looks_like_html(text) else read_decoded
    grids, findings = reader(text, file)
    return grids, [*encoding_findings(encoding, file), *findings]


__all__ = ["Grid", "RowPos", "read_grids"]
