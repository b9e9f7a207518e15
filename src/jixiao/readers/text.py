"""Text reader: decodes bytes (UTF-8, UTF-8 with BOM, UTF-16, GB18030) and splits a copied
table into a grid by how it was copied (``layout_of``): tab-separated cells (spreadsheet
copies), markdown pipes, one cell a line or a paragraph (viewers and web pages, the rows
lost: the extractor regroups them), cells joined by spaces. Pinyin glosses that
re-hosting sites add after characters (項(xiàng)目) are removed.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from jixiao.findings import Finding, finding
from jixiao.model.source import Source
from jixiao.readers.grid import Grid, RowPos, line_positions

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY: Final = ("gb18030",)


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
    """Split decoded text into one grid (its layout found by ``text_grid``)."""
    findings: list[Finding] = []
    if len(_GLOSS_RE.findall(text[:20000])) >= 5:
        text = _GLOSS_RE.sub("", text)
        findings.append(
            finding(
                "JX004",
                "文本在转载时被加上了拼音注音（如“項(xiàng)目”），已去除注音",
                Source(file=file),
            )
        )
    return [text_grid(text, file)], findings


# A pinyin gloss a re-hosting site put after a character: 項(xiàng)目 → 項目.
_GLOSS_RE: Final = re.compile(
    r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,8}\)"
)


def encoding_findings(encoding: str, file: str) -> list[Finding]:
    """JX004 when the text was not UTF-8."""
    if encoding in ("utf-8", "utf-8-sig"):
        return []
    return [finding("JX004", f"文件按 {encoding.upper()} 编码解码（非 UTF-8）", Source(file=file))]


def text_grid(text: str, file: str) -> Grid:
    """Split text into a grid by how it was copied (tabs, pipes, spaces, one cell a line)."""
    lines = text.splitlines()
    return _SPLITTERS[layout_of(lines)](lines, file)


Layout = str  # "tabs" | "pipes" | "pipe-cells" | "paragraphs" | "lines" | "words" | …


def layout_of(lines: list[str]) -> Layout:
    """How a table was flattened to text, judged from its lines:

    - ``tabs``: cells separated by tabs, one row a line (spreadsheet copies);
    - ``pipes``: markdown-like ``| a | b |`` rows; ``pipe-cells`` when nearly every line
      holds one cell (``a |``), the rows lost;
    - ``paragraphs``: one cell a paragraph, paragraphs separated by blank lines;
    - ``lines``: one cell a line (empty cells dropped), the rows lost;
    - ``words``: one row a line, cells joined by spaces (empty cells dropped);
      ``word-stream`` when the whole table sits on a few long lines.
    """
    filled = [line for line in lines if line and not line.isspace()]
    if not filled:
        return "tabs"
    share = len(filled)

    def frac(test: Callable[[str], bool]) -> float:
        return sum(1 for line in filled if test(line)) / share

    if frac(lambda line: "\t" in line) >= 0.2:
        return "tabs"
    if frac(lambda line: "|" in line) >= 0.3:
        multi = frac(lambda line: sum(1 for c in _pipe_cells(line) if c) >= 2)
        return "pipes" if multi >= 0.25 else "pipe-cells"
    blank = sum(1 for line in lines if not line.strip()) / len(lines)
    if blank >= 0.3 and frac(lambda line: len(line.split()) <= 2) >= 0.8:
        return "paragraphs"
    if frac(lambda line: len(line.split()) == 1) >= 0.8:
        return "lines"
    words = sum(len(line.split()) for line in filled)
    if words >= 40 and words / share >= 40:
        return "word-stream"
    return "words"


def _pipe_cells(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]


def _tabs(lines: list[str], file: str) -> Grid:
    rows = [line.split("\t") for line in lines]
    return Grid(file=file, rows=rows, positions=line_positions(len(lines)))


def _pipes(lines: list[str], file: str) -> Grid:
    """``| a | b |`` rows, one a line. A cell that held a line break splits its row over
    two lines: where rows start with a pipe, a line that does not is the rest of the row
    above; where they do not, rows end with the ``||`` of their empty cells, and a line
    without it runs on into the next."""
    rows: list[list[str]] = []
    positions: list[RowPos] = []
    filled = [line.strip() for line in lines if line.strip()]
    leading = sum(1 for line in filled if line.startswith("|")) >= 0.5 * len(filled)
    closing = sum(1 for line in filled if _closed(line)) >= 0.3 * len(filled)
    pending, start = "", 0
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text:
            continue
        if pending and leading and text.startswith("|"):
            rows.append(_pipe_cells(pending))
            positions.append(RowPos(line=start))
            pending = ""
        if not pending:
            start = n
        pending = f"{pending} {text}" if pending else text
        if not leading and (_closed(text) or not closing or "|" not in text):
            rows.append(_pipe_cells(pending) if "|" in pending else [pending])
            positions.append(RowPos(line=start))
            pending = ""
    if pending:
        rows.append(_pipe_cells(pending))
        positions.append(RowPos(line=start))
    return Grid(file=file, rows=rows, positions=positions)


def _closed(line: str) -> bool:
    """A row that ends with empty cells (``… | ||||``) is complete."""
    return "".join(line.split()).endswith("||")


def _stream(cells: list[tuple[str, int]], file: str) -> Grid:
    """A stream of cells whose rows were lost: one cell a row; the extractor regroups it."""
    return Grid(
        file=file,
        rows=[[c] for c, _ in cells],
        positions=[RowPos(line=n) for _, n in cells],
        layout="cells",
    )


def _pipe_cells_stream(lines: list[str], file: str) -> Grid:
    """``a |`` lines: each cell kept, empty ones too (they hold a column's place); a line
    of pipes alone is the filler of a merged row and is dropped."""
    cells: list[tuple[str, int]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        parts = _pipe_cells(line)
        if len(parts) > 1 and not any(parts):
            continue
        cells.extend((c, n) for c in parts)
    return _stream(cells, file)


def _paragraphs(lines: list[str], file: str) -> Grid:
    """One cell a paragraph; a paragraph of a lone space is an empty cell."""
    cells: list[tuple[str, int]] = []
    block: list[str] = []
    start = 0
    for n, line in enumerate([*lines, ""], 1):
        if line.strip():
            if not block:
                start = n
            block.append(line.strip())
            continue
        if block:
            cells.append(("".join(block), start))
            block = []
        if line:  # a lone space: an empty cell
            cells.append(("", n))
    return _stream(cells, file)


def _lines(lines: list[str], file: str) -> Grid:
    return _stream([(line.strip(), n) for n, line in enumerate(lines, 1) if line.strip()], file)


def _words(lines: list[str], file: str) -> Grid:
    rows = [line.split() for line in lines]
    return Grid(file=file, rows=rows, positions=line_positions(len(lines)), layout="words")


def _word_stream(lines: list[str], file: str) -> Grid:
    words = [(w, n) for n, line in enumerate(lines, 1) for w in line.split()]
    return replace(_stream(words, file), layout="word-cells")


_SPLITTERS: Final[dict[Layout, Callable[[list[str], str], Grid]]] = {
    "tabs": _tabs,
    "pipes": _pipes,
    "pipe-cells": _pipe_cells_stream,
    "paragraphs": _paragraphs,
    "lines": _lines,
    "words": _words,
    "word-stream": _word_stream,
}
