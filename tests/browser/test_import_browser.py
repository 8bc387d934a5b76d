"""Import in a real browser: a viewer cannot import; an administrator uploads, saves, undoes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.harness import page_url, running_app, screenshot, wait_for_app
from tests.helpers import BAD, ROOT, copy_minimal, snapshot

pytestmark = pytest.mark.browser

PASSWORD = "mật-khẩu-thử"
TABLE = BAD / "import" / "semicolon_decimal_comma.csv"
SHOTS = ROOT / ".pytest_cache" / "screenshots" / "import"


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
    # The table names no year: nothing can be saved until one is chosen (#12).
    expect(page.get_by_text("Chọn năm đánh giá ở ô “Năm đánh giá”")).to_be_visible(timeout=30_000)
    assert page.get_by_role("button", name="Lưu vào bộ dữ liệu").count() == 0
    year = page.get_by_label("Năm đánh giá")
    year.fill("2022")
    year.press("Enter")
    sentence = "Sẽ lưu 3 đơn vị vào năm 2022, khối “UBND huyện, thị xã, thành phố”."
    expect(page.get_by_text(sentence)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Năm 2022 do bạn chọn trên trang này.").first).to_be_visible()
    page.get_by_role("button", name="Lưu vào bộ dữ liệu").click()
    expect(page.get_by_text("Đã lưu 3 đơn vị của năm 2022")).to_be_visible(timeout=30_000)
    assert snapshot(folder) != before
    wait_for_app(page)
    page.get_by_role("button", name="Hoàn tác lần lưu gần nhất").click()
    expect(page.get_by_text("Đã khôi phục dữ liệu")).to_be_visible(timeout=30_000)
    after = {k: v for k, v in snapshot(folder).items() if not k.startswith(".versions")}
    assert after == before


def test_the_year_a_table_names_is_shown_with_where_it_was_read(admin_app, browser_page, tmp_path):
    base, folder = admin_app
    titled = tmp_path / "ket_qua.csv"
    titled.write_text("KẾT QUẢ CHỈ SỐ CCHC NĂM 2022\n" + TABLE.read_text(encoding="utf-8"), "utf-8")
    before = snapshot(folder)
    page = browser_page
    page.goto(page_url(base, "import", lang="vi"))
    wait_for_app(page)
    # Either the login form or (already logged in) the upload: wait for one before choosing.
    page.locator('input[type="password"], input[type="file"]').first.wait_for(timeout=30_000)
    if page.get_by_label("Mật khẩu quản trị").count():
        page.get_by_label("Mật khẩu quản trị").fill(PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
    page.locator('input[type="file"]').set_input_files(str(titled))
    source = "Năm 2022 đọc từ tiêu đề của bảng: “KẾT QUẢ CHỈ SỐ CCHC NĂM 2022”."
    expect(page.get_by_text(source).first).to_be_visible(timeout=30_000)
    wait_for_app(page)  # the empty field of the page before the upload goes away
    expect(page.get_by_label("Năm đánh giá")).to_have_count(1)
    expect(page.get_by_label("Năm đánh giá")).to_have_value("2022")
    expect(page.get_by_text("Sẽ lưu 3 đơn vị vào năm 2022")).to_be_visible(timeout=30_000)
    page.get_by_label("Năm đánh giá").scroll_into_view_if_needed()
    screenshot(page, SHOTS / "import_year_field_1366.png")
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.get_by_role("button", name="Lưu vào bộ dữ liệu").scroll_into_view_if_needed()
        screenshot(page, SHOTS / f"import_year_{width}.png")
    assert snapshot(folder) == before  # nothing saved without the button
