"""``jixiao.memo``: each argument computed once while cached, the cache never above its size."""

from __future__ import annotations

from jixiao.memo import memo


def test_memo_computes_each_argument_once_and_stays_bounded() -> None:
    calls: list[str] = []

    @memo(3)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [upper(t) for t in ("a", "b", "a", "b")] == ["A", "B", "A", "B"]
    assert calls == ["a", "b"]
    for t in ("c", "d", "e", "f"):  # the fourth distinct argument empties the cache first
        assert upper(t) == t.upper()
    cache = upper.__self__  # type: ignore[attr-defined]
    assert len(cache) <= 3 and "f" in cache
    assert upper("a") == "A" and calls.count("a") == 2  # forgotten, computed again
