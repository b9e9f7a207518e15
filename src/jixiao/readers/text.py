"""Text reader: decodes bytes (UTF-8, UTF-8 with BOM, UTF-16, GB18030) and splits the tab
layout of copied tables into a grid, one row per line, one cell per tab-separated field."""

from __future__ import annotations

import codecs

from jixiao.findings import Finding, finding
from jixiao.model.source import Source
from jixiao.readers.grid import Grid, RowPos

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("gb18030",)


class UnreadableText(ValueError):
    """The bytes are not text in any encoding we know (binary, or undecodable)."""


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: Chinese and ASCII text put a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > len(zeros) * 0.3 and other.count(0) < len(other) * 0.05:
            # Where the high byte is 0 the character is ASCII: its low byte is below 0x80.
            low = [o for z, o in zip(zeros, other, strict=False) if z == 0]
            if sum(b < 0x80 for b in low) >= len(low) * 0.95:
                return name
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises ``UnreadableText`` for binary or undecodable bytes."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise UnreadableText("文件含有二进制内容，不是文本")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _LEGACY:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableText("无法识别文本编码（不是 UTF-8、UTF-16 或 GB18030）")


def read_text(data: bytes, file: str) -> tuple[list[Grid], list[Finding]]:
    """Decode and split a text file into one grid. Findings: JX001 (unreadable), JX004."""
    try:
        text, encoding = decode(data)
    except UnreadableText as exc:
        return [], [finding("JX001", f"无法读取文件：{exc}", Source(file=file))]
    grids, findings = read_decoded(text, file)
    return grids, [*encoding_findings(encoding, file), *findings]


def read_decoded(text: str, file: str) -> tuple[list[Grid], list[Finding]]:
    """Split decoded text into one grid."""
    return [text_grid(text, file)], []


def encoding_findings(encoding: str, file: str) -> list[Finding]:
    """JX004 when the text was not UTF-8."""
    if encoding in ("utf-8", "utf-8-sig"):
        return []
    return [finding("JX004", f"文件按 {encoding.upper()} 编码解码（非 UTF-8）", Source(file=file))]


def text_grid(text: str, file: str) -> Grid:
    """Split text into a grid: one row per line, cells separated by tabs."""
    lines = text.splitlines()
    rows = [line.split("\t") for line in lines]
    positions = [RowPos(line=i) for i in range(1, len(lines) + 1)]
    return Grid(file=file, rows=rows, positions=positions)
