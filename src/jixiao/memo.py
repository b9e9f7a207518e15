"""``memo``: a cache for the pure one-argument functions on the extractor's per-cell path.

A hit is one C-level dict lookup (``functools.lru_cache`` spends about as much again on
its bookkeeping, and the extractor asks hundreds of times per form). Bounded the simple
way: a cache that reaches its size is emptied and fills again with what is asked next.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Memo(dict[K, V], Generic[K, V]):
    __slots__ = ("fn", "size")

    def __init__(self, fn: Callable[[K], V], size: int) -> None:
        super().__init__()
        self.fn, self.size = fn, size

    def __missing__(self, arg: K) -> V:
        if len(self) >= self.size:
            self.clear()
        value = self[arg] = self.fn(arg)
        return value


def memo(size: int) -> Callable[[Callable[[K], V]], Callable[[K], V]]:
    """Decorate a pure function of one hashable argument with a cache of ``size`` entries."""

    def wrap(fn: Callable[[K], V]) -> Callable[[K], V]:
        return _Memo(fn, size).__getitem__

    return wrap
