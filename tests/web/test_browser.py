"""In a real browser (Playwright driving Debian's chromium): log in, import the sample
through the page, open a form, see the findings on the right cells, be refused another
unit's form. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

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


def _logout_login(page: Page, base: str, name: str) -> None:
    page.click("text=退出")
    login(page, base, name)


def test_fill_in_review_and_approve(browser: Browser, live_server: Any, users: Any) -> None:
    """A filler creates a form and sees the total and a finding change as they type, then
    submits; the reviewer returns it with a comment on one cell; the filler fixes it and
    resubmits; the reviewer approves; the history shows three versions."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    login(page, base, "xinfang")
    page.click("header >> text=新建")
    page.fill("input[name=project]", "信访矛盾调处培训")
    page.fill("input[name=year]", "2025")
    page.click("text=新建并填写")
    expect(page.locator("h1")).to_contain_text("编辑：信访矛盾调处培训")

    for name, value in (("annual", "100"), ("spent", "98"), ("rate", "98"), ("score", "9.8")):
        page.fill(f"input[name=funds-total-{name}]", value)
    rows = (
        ("培训人数", "≥100人", "100人", "50"),
        ("矛盾化解率", "≥90%", "92%", "30"),
        ("服务对象满意度", "≥90%", "95%", "10"),
    )
    for i, (name, target, actual, score) in enumerate(rows):
        page.locator("textarea[name=ind-name]").nth(i).fill(name)
        page.locator("input[name=ind-target]").nth(i).fill(target)
        page.locator("input[name=ind-actual]").nth(i).fill(actual)
        page.locator("input[name=ind-score]").nth(i).fill(score)
    page.fill("textarea[name=goal-expected]", "全年开展培训，提升矛盾调处能力")
    page.fill("textarea[name=goal-achieved]", "完成全年培训")
    page.fill("input[name=total]", "99.8")
    page.select_option("select[name=grade]", "优")
    expect(page.locator("#calc-total")).to_have_text("重算 99.80")
    expect(page.locator("#calc-grade")).to_have_text("重算 优")

    # as they type: half the target reached, the total and the findings follow
    page.locator("input[name=ind-actual]").nth(0).fill("50人")
    expect(page.locator("#calc-total")).to_have_text("重算 74.80")
    expect(page.locator("#calc-score-1")).to_have_text("重算 25.00")
    expect(page.locator("#m-indicators-1-score a.mark")).to_have_text("JX402")
    expect(page.locator("#read-actual-1")).to_contain_text("读作：数量")
    page.screenshot(path=str(SHOTS / "editor.png"), full_page=True)
    page.locator("input[name=ind-actual]").nth(0).fill("100人")
    expect(page.locator("#calc-total")).to_have_text("重算 99.80")
    expect(page.locator("#m-indicators-1-score a.mark")).to_have_count(0)

    # rows: add one below the first, then remove it again
    page.locator("#row-1 button[title=在下方添加一行]").click()
    expect(page.locator("textarea[name=ind-name]")).to_have_count(4)
    page.locator("#row-2 button[title=删除此行]").click()
    expect(page.locator("textarea[name=ind-name]")).to_have_count(3)
    expect(page.locator("textarea[name=ind-name]").nth(1)).to_have_value("矛盾化解率")

    page.click("#save")
    expect(page.locator(".messages")).to_contain_text("已保存为版本 2")
    page.click("#submit-button")
    expect(page.locator("#status")).to_have_text("已提交")

    # the reviewer returns it with a comment on one cell
    _logout_login(page, base, "shenhe")
    page.click("header >> text=待办")
    expect(page.locator("#count-review")).to_have_text("1")
    page.click("#todo-review >> text=信访矛盾调处培训")
    page.click("#cell-indicators-2-actual")
    expect(page.locator("#return-form select[name=cell]").first).to_have_value(
        "indicators:2:actual"
    )
    page.locator("#return-form input[name=cell_text]").first.fill("92%的依据是什么？请附台账")
    page.fill("#return-form textarea[name=comment]", "请补充矛盾化解率的依据")
    page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
    page.click("#return-button")
    expect(page.locator("#status")).to_have_text("已退回")

    # the filler sees the comment on that cell, fixes and resubmits
    _logout_login(page, base, "xinfang")
    page.click("header >> text=待办")
    expect(page.locator("#count-fix")).to_have_text("1")
    page.click("#todo-fix >> text=信访矛盾调处培训")
    expect(page.locator("#cell-indicators-2-actual .comment")).to_contain_text("请附台账")
    page.click("#edit-link")
    actual = page.locator("#row-2 td").nth(4)
    expect(actual.locator(".comment")).to_contain_text("92%的依据是什么")
    page.locator("textarea[name=ind-deviation]").nth(1).fill("依据调处台账，已上传")
    page.click("#save")
    expect(page.locator(".messages")).to_contain_text("已保存为版本 3")
    page.click("#submit-button")
    expect(page.locator("#status")).to_have_text("已提交")

    # the reviewer approves with a deduction; the history shows three versions
    _logout_login(page, base, "shenhe")
    page.click("header >> text=待办")
    page.click("#todo-review >> text=信访矛盾调处培训")
    page.fill("#approve-form input[name=deduction]", "1")
    page.fill("#approve-form textarea[name=comment]", "台账不全，扣1分")
    page.click("#approve-button")
    expect(page.locator("#status")).to_have_text("已审核")
    expect(page.locator("#approval")).to_contain_text("99.8 − 审核扣分 1（台账不全，扣1分） = 98.8")
    page.click("text=历史与对比")
    expect(page.locator("#versions tbody tr")).to_have_count(3)
    page.click("text=对比所选版本")
    expect(page.locator("#changes")).to_contain_text("依据调处台账，已上传")
    page.screenshot(path=str(SHOTS / "history.png"), full_page=True)
    page.close()
