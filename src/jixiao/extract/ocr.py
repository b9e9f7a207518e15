"""OCR misreadings of the table's labels, read back where the misreading is unambiguous:
项Fl / 顼目 for 项目, 预匏 for 预算, 调整预算将 (before punctuation) for 调整预算数, 万兀 for
万元, 考值参分 for 分值, and IO for 10 after a value. None of the misread forms is a Chinese word: ``key`` folds them when it matches a label,
and a run-together OCR text is folded before it is cut at its labels."""

from __future__ import annotations

import re
from typing import Final

# misread form → the label's characters; a lookahead limits the one that can be a word.
_OCR_MISREADINGS: Final = (
    ("项Fl", "项目"),
    ("顼目", "项目"),
    ("预匏", "预算"),
    ("万兀", "万元"),
    ("考值参分", "分值"),  # 参考分值 read out of order
    # IO for 10 where a number ends a run-together record (2370人2370人IO).
    ("(?<=[\\d人个次%])IO(?![A-Za-z])", "10"),
    # 预算将 is a word in prose (预算将于…); after 调整 and before no character it is 预算数.
    ("调整预算将(?![\u4e00-\u9fff])", "调整预算数"),
)
_OCR_RE: Final = re.compile("|".join(f"({pattern})" for pattern, _ in _OCR_MISREADINGS))
_READINGS: Final = tuple(reading for _, reading in _OCR_MISREADINGS)
# The misread forms without their lookarounds, looked for first as plain substrings: nearly
# every text has none, and a substring search costs a fraction of a pattern's.
_LITERALS: Final = tuple(
    re.sub(r"\(\?<?[=!][^)]*\)", "", pattern) for pattern, _ in _OCR_MISREADINGS
)
assert all(re.escape(literal) == literal for literal in _LITERALS), "a pattern beyond lookarounds"


def fold_ocr(text: str) -> str:
    """The text with the labels' OCR misreadings read back."""
    if not any(literal in text for literal in _LITERALS) or not _OCR_RE.search(text):
        return text
    return _OCR_RE.sub(lambda m: _READINGS[(m.lastindex or 1) - 1], text)
