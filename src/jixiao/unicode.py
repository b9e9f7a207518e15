"""``nfkc``: Unicode NFKC normalisation, made fast for the texts of forms."""

from __future__ import annotations

import unicodedata
from typing import Final


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, fast for the texts a form has: most are
    normalised already, and most of the others only by their full-width punctuation
    (，（）：), which is replaced first. (Exact: each of those characters decomposes to its
    ASCII one, so the text decomposes, and so composes, as before.)"""
    if _IS_NORMALIZED("NFKC", text):
        return text
    for wide, narrow in _WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if _IS_NORMALIZED("NFKC", text) else unicodedata.normalize("NFKC", text)


_IS_NORMALIZED: Final = unicodedata.is_normalized  # (compiled: a C static, no module lookup)
_WIDE: Final = tuple((c, unicodedata.normalize("NFKC", c)) for c in "，（）：；！？％－．／")
