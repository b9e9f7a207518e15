"""Readers: one module per format, each turning bytes into grids (+ findings).

``read_grids(path)`` picks the reader by the file's first bytes and its suffix.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.findings import Finding, finding
from jixiao.model.source import Source
from jixiao.readers.grid import Grid, RowPos
from jixiao.readers.text import read_text

MAX_BYTES = 256 * 1024 * 1024

# (magic bytes, format name) for formats that are not plain text.
_MAGIC = (
    (b"PK\x03\x04", "Office Open XML（xlsx/docx）或 zip"),
    (b"%PDF", "PDF"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office（xls/doc/wps/et）"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
)


def read_grids(path: Path) -> tuple[list[Grid], list[Finding]]:
    """Read a file into grids. Never raises for bad input: problems become JX001 findings."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [], [
                finding(
                    "JX001", f"文件过大（{size} 字节，上限 {MAX_BYTES} 字节）", Source(file=file)
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        return [], [finding("JX001", f"无法打开文件：{exc.strerror or exc}", Source(file=file))]
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return [], [finding("JX001", f"暂不支持的文件格式：{name}", Source(file=file))]
    return read_text(data, file)


__all__ = ["Grid", "RowPos", "read_grids"]
