"""Numbers a copy ran together with nothing between them (``202010100.00%10`` for
20 | 20 | 10 | 100.00% | 10).

``splits(run, n)`` lists every way to read the run as ``n`` numbers as a form writes them:
no leading zeros (``0`` and ``0.5`` aside), at most one decimal point, a ``%`` only at a
number's end. The caller keeps the one split its arithmetic confirms (a rate that is
spent / budget, a score that is weight × rate) and reads nothing when none or several do:
a run is never guessed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

RUN_RE = re.compile(r"^[\d.%]+$")
_NUMBER_RE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?%?")
_LEADING_RE = re.compile(r"^[\d.%]+")


def is_run(text: str) -> bool:
    """Whether the text is digits, points and percent signs only."""
    return bool(RUN_RE.match(text))


def holds_several(text: str) -> bool:
    """Whether a run may be several numbers: digits that are not one number as a form
    writes it (194.9194.9100%), or one that ends in % (6363100% for 63 | 63 | 100%)."""
    return is_run(text) and (text.endswith("%") or not _NUMBER_RE.fullmatch(text))


def leading_run(text: str) -> tuple[str, str]:
    """The run of digits at the start of a text and the rest (``100100注:1.`` → ``100100``,
    ``注:1.``)."""
    m = _LEADING_RE.match(text)
    return (m.group(), text[m.end() :]) if m else ("", text)


@lru_cache(maxsize=4096)
def splits(run: str, n: int) -> tuple[tuple[str, ...], ...]:
    """Every reading of ``run`` as ``n`` numbers, in order."""
    if n == 1:
        return ((run,),) if _NUMBER_RE.fullmatch(run) else ()
    out: list[tuple[str, ...]] = []
    for i in range(1, len(run)):
        head = run[:i]
        if _NUMBER_RE.fullmatch(head):
            out.extend((head, *rest) for rest in splits(run[i:], n - 1))
    return tuple(out)


def value(text: str) -> Decimal:
    """A number of a split as a Decimal (a percentage as its number: ``100%`` → 100)."""
    return Decimal(text.rstrip("%"))


def last_place(number: Decimal) -> Decimal:
    """One unit of a number's last written place (95.53 → 0.01): how far rounding or
    truncating to it can move a value."""
    exponent = number.as_tuple().exponent
    return Decimal(1).scaleb(min(exponent, 0) if isinstance(exponent, int) else 0)


def weight_score(run: str, rate: Decimal) -> tuple[Decimal, Decimal] | None:
    """The one split of the run as weight | score whose score is weight × ``rate`` % (22 at
    100% = 2 | 2); None when no split or several do."""
    found = []
    for w, s in splits(run, 2):
        weight, score = value(w), value(s)
        if abs(weight * rate / 100 - score) < last_place(score):
            found.append((weight, score))
    return found[0] if len(found) == 1 else None
