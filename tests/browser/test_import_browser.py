"""Import in a real browser: a viewer cannot import; an administrator uploads, saves, undoes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.harness import page_url, running_app, wait_for_app
from tests.helpers import BAD, copy_minimal, snapshot

pytestmark = pytest.mark.browser

PASSWORD = "mật-khẩu-thử"
TABLE = BAD / "import" / "semicolon_decimal_comma.csv"


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory):
    """Serve a copy of the minimal dataset with an administrator password set."""
    folder = copy_minimal(tmp_path_factory.mktemp("import"))
    env = {"PARVIZ_DATA": str(folder), "PARVIZ_ADMIN_PASSWORD": PASSWORD}
    with running_app(env=env) as base:
        yield base, folder


def test_a_viewer_gets_a_password_form_and_no_upload(admin_app, browser_page):
    base, folder = admin_app
    before = snapshot(folder)
    page = browser_page
    page.goto(page_url(base, "import", lang="vi"))
    wait_for_app(page)
    expect(page.get_by_label("Mật khẩu quản trị")).to_be_visible()
    assert page.locator('input[type="file"]').count() == 0
    page.get_by_label("Mật khẩu quản trị").fill("sai")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Mật khẩu không đúng.")).to_be_visible()
    assert page.locator('input[type="file"]').count() == 0
    assert snapshot(folder) == before


def test_an_administrator_imports_a_table_and_undoes_it(admin_app, browser_page):
    base, folder = admin_app
    before = snapshot(folder)
    page = browser_page
    page.goto(page_url(base, "import", lang="vi"))
    wait_for_app(page)
    page.get_by_label("Mật khẩu quản trị").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất quản trị")).to_be_visible()
    assert PASSWORD not in page.url
    page.locator('input[type="file"]').set_input_files(str(TABLE))
    expect(page.get_by_text("Bảng hợp lệ: 3 đơn vị sẵn sàng để lưu.")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Lưu vào bộ dữ liệu").click()
    expect(page.get_by_text("Đã lưu 3 đơn vị của năm")).to_be_visible(timeout=30_000)
    assert snapshot(folder) != before
    wait_for_app(page)
    page.get_by_role("button", name="Hoàn tác lần lưu gần nhất").click()
    expect(page.get_by_text("Đã khôi phục dữ liệu")).to_be_visible(timeout=30_000)
    after = {k: v for k, v in snapshot(folder).items() if not k.startswith(".versions")}
    assert after == before
