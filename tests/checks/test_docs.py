"""Every code of the table has its page in docs/checks with the fixed sections."""

from __future__ import annotations

import pytest

from jixiao.checks.codes import CODES
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "checks"
SECTIONS = ("## 检查什么", "## 为什么重要", "## 示例", "## 如何修改")


@pytest.mark.parametrize("code", sorted(CODES))
def test_page(code: str) -> None:
    page = DOCS / f"{code}.md"
    assert page.is_file(), f"docs/checks/{code}.md is missing"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(f"# {code} ")
    assert f"默认级别：{CODES[code].severity.value}" in text
    positions = [text.find(s) for s in SECTIONS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), code
    assert code in (DOCS / "README.md").read_text(encoding="utf-8")


def test_no_page_without_code() -> None:
    pages = {p.stem for p in DOCS.glob("JX*.md")}
    assert pages == set(CODES)
