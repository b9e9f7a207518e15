"""In a real browser (Playwright driving Debian's chromium): log in, import the sample
through the page, open a form, see the findings on the right cells, be refused another
unit's form. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from jixiao.web.evaluations.models import EvaluationForm
from tests.conftest import ROOT, SAMPLE
from tests.web.conftest import PASSWORD

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself (not by the server) are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is installed by scripts/setup-system"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def login(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_import_open_and_refuse(browser: Browser, live_server: Any, users: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    login(page, base, "caizheng")
    page.click("text=导入")
    page.set_input_files("input[name=files]", str(SAMPLE))
    page.click("text=上传并预览")
    assert "可导入 28 张自评表" in page.content()
    page.screenshot(path=str(SHOTS / "import-preview.png"), full_page=True)
    page.click("text=确认导入")
    assert "已导入 28 张自评表" in page.content()
    page.screenshot(path=str(SHOTS / "list.png"), full_page=True)

    page.click("text=劝导队经费（信）")
    cell = page.locator("#cell-indicators-1-score")
    assert "flag-error" in (cell.get_attribute("class") or "")
    assert cell.locator("a.mark[data-code=JX402]").count() == 1
    assert "重算 89.17" in page.locator("#recomputed-total").inner_text()
    page.locator("#cell-indicators-1-score a.mark").click()  # jumps to the finding's details
    assert page.url.endswith(
        "#f-" + page.locator("#cell-indicators-1-score a.mark").get_attribute("href").split("-")[-1]
    )  # type: ignore[union-attr]
    page.screenshot(path=str(SHOTS / "form.png"), full_page=True)

    # the 信访办 filler sees its 3 forms and is refused another unit's form
    page.click("text=退出")
    login(page, base, "xinfang")
    assert "共 3 张" in page.content()
    other = EvaluationForm.objects.get(project="社工")
    response = page.goto(f"{base}/forms/{other.pk}/")
    assert response is not None and response.status == 404
    page.screenshot(path=str(SHOTS / "refused.png"))
    page.close()
