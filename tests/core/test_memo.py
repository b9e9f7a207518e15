"""``jixiao.memo``: each argument computed once while cached, the cache never above its size."""

from __future__ import annotations

from jixiao.memo import Memo


def test_memo_computes_each_argument_once_and_stays_bounded() -> None:
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    memo = Memo(upper, 3)
    assert [memo.of(t) for t in ("a", "b", "a", "b")] == ["A", "B", "A", "B"]
    assert calls == ["a", "b"]
    for t in ("c", "d", "e", "f"):  # the fourth distinct argument empties the cache first
        assert memo.of(t) == t.upper()
    assert len(memo.cache) <= 3 and "f" in memo.cache
    assert memo.of("a") == "A" and calls.count("a") == 2  # forgotten, computed again


def test_memo_caches_none() -> None:
    calls: list[str] = []

    def nothing(text: str) -> None:
        calls.append(text)

    memo = Memo(nothing, 8)
    assert memo.of("x") is None and memo.of("x") is None
    assert calls == ["x"]
