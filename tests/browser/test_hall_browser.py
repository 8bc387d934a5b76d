"""The hall's QR code as a phone sees it on the screen: decoded from screenshots, and opened."""

from __future__ import annotations

import shutil

import pytest

from tests.browser import harness
from tests.browser.hall_steps import CODE, TITLE, decode_screen, open_slide
from tests.helpers import SAMPLE

pytestmark = pytest.mark.browser

PUBLIC = "http://hoi-truong.example:8080/parviz/"


@pytest.fixture(scope="module")
def hall_app(tmp_path_factory):
    """A server whose PARVIZ_PUBLIC_URL is set (the sample copied: the live file goes beside it)."""
    data = tmp_path_factory.mktemp("hall") / "data"
    shutil.copytree(SAMPLE, data)
    env = {"PARVIZ_DATA": str(data), "PARVIZ_PUBLIC_URL": PUBLIC, "PARVIZ_PRESENTER_CODE": "x1"}
    with harness.running_app(env=env) as base:
        yield base


@pytest.mark.parametrize(
    ("lang", "size"),
    [("vi", (1366, 768)), ("en", (1366, 768)), ("vi", (390, 844)), ("vi", (1920, 1080))],
    ids=lambda v: "x".join(map(str, v)) if isinstance(v, tuple) else v,
)
def test_the_title_slide_code_decodes_to_the_live_presentation(hall_app, chromium, lang, size):
    # A phone of 390 × 844 CSS px has 3 device pixels per CSS pixel (as its camera sees a screen).
    scale = 3 if size[0] < 600 else 1
    context = chromium.new_context(viewport=dict(zip(("width", "height"), size)),
                                   device_scale_factor=scale)  # fmt: skip
    page = context.new_page()
    try:
        open_slide(page, harness.page_url(hall_app, "presentation", year=2021, lang=lang,
                                          slide=1))  # fmt: skip
        page.locator(CODE).scroll_into_view_if_needed()
        found = decode_screen(page, f"title-{lang}-{size[0]}x{size[1]}")
        assert found == [f"{PUBLIC}presentation?year=2021&lang={lang}&follow=1"]
        box = page.locator(f"{CODE} img").bounding_box()
        assert box["width"] * scale >= 120  # device pixels: ~2.5 per module at least
        assert box["x"] >= 0 and box["x"] + box["width"] <= size[0]
    finally:
        context.close()


def test_the_closing_slide_code_decodes_and_opens_the_view_following(hall_app, chromium):
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        open_slide(page, harness.page_url(hall_app, "presentation", year=2019, lang="vi",
                                          slide=1))  # fmt: skip
        page.locator("body").press("End")
        page.get_by_text("Xin cảm ơn!").wait_for()
        page.wait_for_selector(harness.SCRIPT_DONE)
        page.locator(CODE).scroll_into_view_if_needed()
        (url,) = decode_screen(page, "closing-vi-1366x768")
        assert url == f"{PUBLIC}presentation?year=2019&lang=vi&follow=1"
        # Open what the phone would open (this test server stands for the public address).
        phone = chromium.new_context(viewport={"width": 390, "height": 844}).new_page()
        open_slide(phone, url.replace(PUBLIC.rstrip("/"), hall_app))
        assert "năm 2019" in phone.locator(TITLE).first.inner_text()
        assert phone.get_by_text("Chờ người trình bày bắt đầu…").count() == 1
        assert phone.get_by_role("button", name="Tự xem").count() == 1
        phone.context.close()
    finally:
        context.close()
