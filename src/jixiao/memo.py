"""``Memo``: a cache in front of a pure one-argument function on the extractor's per-cell
path, bounded the simple way: a cache that reaches its size is emptied and fills again
with what is asked next.

A module keeps one as a ``Final`` constant and asks it from a plain function::

    def key(text: str) -> str:
        return _KEY.of(text)

    def _key_uncached(text: str) -> str:
        ...

    _KEY: Final = Memo(_key_uncached, 65536)

Compiled (``jixiao.native``), ``key(x)`` is then a direct C call and a hit one dict lookup.
(A decorated function is a module variable: each call looks it up in the module's dict
and goes through Python's generic call, and each miss runs a Python frame; that cost
about as much as reading the cell.)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Final, Generic, TypeVar, cast

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING: Final = object()  # (a cached value may be None)


class Memo(Generic[K, V]):
    """``fn`` with a cache of at most ``size`` entries (``of``)."""

    def __init__(self, fn: Callable[[K], V], size: int) -> None:
        self.fn = fn
        self.size = size
        self.cache: dict[K, V] = {}

    def of(self, arg: K) -> V:
        """``fn(arg)``, computed once while cached."""
        value = self.cache.get(arg, _MISSING)
        if value is not _MISSING:
            return cast(V, value)
        computed = self.fn(arg)
        if len(self.cache) >= self.size:
            self.cache.clear()
        self.cache[arg] = computed
        return computed
